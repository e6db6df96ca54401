// npm run bench's side measure of the package libraries on the same workbook (node scripts/bench-zip.js FILE):
// reading (every entry inflated) and writing (every entry deflated again) with JSZip, fflate and @zip.js/zip.js,
// and the main sheet's XML scanned by saxes. Prints one line a library; the product keeps whichever wins behind
// src/xlsx's package reader and writer.
const fs = require("fs");
const { performance } = require("perf_hooks");
const { TextDecoder } = require("util");

async function time(label, fn) {
  const start = performance.now();
  const detail = await fn();
  process.stdout.write(
    `${label}: ${Math.round(performance.now() - start)} ms${detail ? ` (${detail})` : ""}\n`,
  );
}

async function main() {
  const bytes = new Uint8Array(fs.readFileSync(process.argv[2]));
  const JSZip = require("jszip");
  const fflate = require("fflate");
  const zipjs = require("@zip.js/zip.js");
  zipjs.configure({ useWebWorkers: false });

  let parts;
  await time("JSZip read (inflate every entry, CRC checked)", async () => {
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    parts = {};
    for (const name of Object.keys(zip.files))
      if (!zip.files[name].dir) parts[name] = await zip.files[name].async("uint8array");
    return `${Object.keys(parts).length} entries`;
  });
  await time("fflate read (unzipSync)", () => `${Object.keys(fflate.unzipSync(bytes)).length} entries`);
  await time("@zip.js read", async () => {
    const reader = new zipjs.ZipReader(new zipjs.Uint8ArrayReader(bytes));
    const entries = await reader.getEntries();
    for (const e of entries) if (!e.directory) await e.getData(new zipjs.Uint8ArrayWriter());
    await reader.close();
    return `${entries.length} entries`;
  });
  await time("JSZip write (level 1)", async () => {
    const zip = new JSZip();
    for (const [name, data] of Object.entries(parts)) zip.file(name, data);
    const out = await zip.generateAsync({
      type: "uint8array",
      compression: "DEFLATE",
      compressionOptions: { level: 1 },
    });
    return `${(out.length / 1e6).toFixed(1)} MB`;
  });
  await time("fflate write (zipSync, level 1)", () => {
    const out = fflate.zipSync(parts, { level: 1 });
    return `${(out.length / 1e6).toFixed(1)} MB`;
  });
  await time("fflate write (zipSync, level 6)", () => {
    const out = fflate.zipSync(parts, { level: 6 });
    return `${(out.length / 1e6).toFixed(1)} MB`;
  });
  await time("@zip.js write (level 1)", async () => {
    const writer = new zipjs.ZipWriter(new zipjs.Uint8ArrayWriter(), { level: 1 });
    for (const [name, data] of Object.entries(parts))
      await writer.add(name, new zipjs.Uint8ArrayReader(data));
    const out = await writer.close();
    return `${(out.length / 1e6).toFixed(1)} MB`;
  });
  const sheet = parts["xl/worksheets/sheet1.xml"];
  if (sheet) {
    await time(
      "TextDecoder of the main sheet's XML",
      () => `${(new TextDecoder().decode(sheet).length / 1e6).toFixed(1)} M chars`,
    );
    await time("saxes scan of the main sheet's XML", () => {
      const { SaxesParser } = require("saxes");
      const parser = new SaxesParser();
      let cells = 0;
      parser.on("opentag", (tag) => {
        if (tag.name === "c") cells++;
      });
      parser.write(new TextDecoder().decode(sheet)).close();
      return `${cells} cells`;
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
