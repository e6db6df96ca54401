// npm run bench's side measure of the package layer on the same workbook (node scripts/bench-zip.js FILE, after
// npm run build:cli): JSZip against src/xlsx's own layer on fflate (build/xlsx/zip-package.js), reading (every
// entry inflated, CRC checked) and saving a changed package (the main sheet replaced, every other part kept).
// Prints one line a measure.
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");

async function time(label, fn) {
  const start = performance.now();
  const detail = await fn();
  process.stdout.write(
    `${label}: ${Math.round(performance.now() - start)} ms${detail ? ` (${detail})` : ""}\n`,
  );
}

const MB = (n) => `${(n / 1e6).toFixed(1)} MB`;
const SHEET = "xl/worksheets/sheet1.xml";

async function main() {
  const bytes = new Uint8Array(fs.readFileSync(process.argv[2]));
  const JSZip = require("jszip");
  const fflate = require("fflate");
  const build = path.join(__dirname, "..", "build", "xlsx");
  const { ZipPackage } = require(path.join(build, "zip-package.js"));
  const { checkEntries } = require(path.join(build, "zip-check.js"));
  const budget = { part: 200 * 1024 * 1024, total: 500 * 1024 * 1024 };

  let sheet;
  await time("JSZip read (inflate every entry, CRC checked)", async () => {
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    let n = 0;
    for (const name of Object.keys(zip.files))
      if (!zip.files[name].dir) {
        const data = await zip.files[name].async("uint8array");
        if (name === SHEET) sheet = data;
        n++;
      }
    return `${n} entries`;
  });
  await time("fflate unzipSync (inflate every entry, no CRC check)", () => {
    return `${Object.keys(fflate.unzipSync(bytes)).length} entries`;
  });
  await time("ZipPackage read (check every entry: inflate, size, CRC)", () => {
    const pkg = ZipPackage.read(bytes);
    checkEntries(pkg, budget);
    return `${pkg.names().length} entries`;
  });
  await time("ZipPackage open as loadPackage does (check, then the main sheet's text)", () => {
    const pkg = ZipPackage.read(bytes);
    pkg.keep();
    checkEntries(pkg, budget);
    const text = pkg.text(SHEET);
    pkg.release();
    return `${((text || "").length / 1e6).toFixed(1)} M chars`;
  });
  if (!sheet) return;
  await time("JSZip save, main sheet changed (level 6)", async () => {
    const zip = await JSZip.loadAsync(bytes);
    zip.file(SHEET, sheet);
    const out = await zip.generateAsync({
      type: "uint8array",
      compression: "DEFLATE",
      compressionOptions: { level: 6 },
    });
    return MB(out.length);
  });
  await time("ZipPackage save, main sheet changed (level 6; the rest copied compressed)", () => {
    const pkg = ZipPackage.read(bytes);
    pkg.put(SHEET, sheet);
    return MB(pkg.save(6).length);
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
