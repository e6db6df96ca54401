import ExcelJS from "exceljs";
import JSZip from "jszip";
import * as zlib from "zlib";
import { WorkbookOpenError } from "../../src/xlsx/open";
import { openFileWorkbook, runOnWorkbookFile } from "../../src/xlsx/run";
import { crc32, entryData, readCentralDirectory } from "../../src/ooxml/zip-check";
import { PartDeflater, ZipPackage, useNativeZip } from "../../src/ooxml/zip-package";
import { NODE_ZIP } from "../../src/cli/native-zip";

const OPTIONS = { today: "2026-11-24", asOf: "2026-11-20", roundDate: "2026-11-24" };

/** A ledger deflated at level 9, so that a part deflated again at our level 6 would not come out the same. */
async function ledger(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("欠费台账");
  ws.addRow(["房号", "业主", "欠费月数", "欠费金额", "备注"]);
  for (let i = 0; i < 300; i++)
    ws.addRow([`1-${101 + i}`, `业主${i}`, i % 7, (i % 7) * 260.5, i % 9 ? null : "拒缴"]);
  wb.addWorksheet("备用").getCell("A1").value = "不要动我";
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** Each entry's declared CRC and its compressed bytes, by name. */
function compressed(bytes: Uint8Array): Map<string, { crc: number; data: Buffer }> {
  return new Map(
    readCentralDirectory(bytes).map((e) => [e.name, { crc: e.crc, data: Buffer.from(entryData(bytes, e)) }]),
  );
}

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  const error = await openFileWorkbook(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbookOpenError);
  return (error as Error).message;
}

describe("the package layer on fflate", () => {
  it("computes zip's CRC-32 as zlib does, at every length and offset", () => {
    const bytes = new Uint8Array(5000).map((_, i) => (i * 2654435761) >>> 24);
    for (const [from, to] of [
      [0, 0],
      [0, 1],
      [3, 10],
      [1, 4097],
      [0, 5000],
    ]) {
      const part = bytes.subarray(from, to);
      expect(crc32(0, part)).toBe(zlib.crc32(part));
      expect(crc32(crc32(0, part.subarray(0, 7)), part.subarray(7))).toBe(zlib.crc32(part));
    }
  });

  it("copies every part the run did not change as its compressed bytes, and writes the changed ones' CRC", async () => {
    const input = await ledger();
    const outcome = await runOnWorkbookFile(input, "ledger.xlsx", OPTIONS);
    if (!outcome.ok) throw new Error("the run failed");
    const before = compressed(input);
    const after = compressed(outcome.output);
    // The user's sheets, theme and properties are not the run's to change.
    const kept = [...before.keys()].filter((n) =>
      /worksheets\/sheet[12]\.xml$|theme|docProps|sharedStrings/.test(n),
    );
    expect(kept.length).toBeGreaterThanOrEqual(4);
    for (const name of kept)
      expect([name, after.get(name)?.data.equals(before.get(name)?.data ?? Buffer.alloc(0))]).toEqual([
        name,
        true,
      ]);
    const changed = ["xl/workbook.xml", "[Content_Types].xml"];
    const zip = await JSZip.loadAsync(outcome.output, { checkCRC32: true });
    for (const name of [...after.keys()].filter((n) => !kept.includes(n))) {
      const content = await zip.file(name)?.async("uint8array");
      if (!content) continue;
      expect([name, after.get(name)?.crc]).toEqual([name, zlib.crc32(content)]);
    }
    for (const name of changed)
      expect(after.get(name)?.data.equals(before.get(name)?.data ?? Buffer.alloc(0))).toBe(false);
    // ExcelJS reads what was written (LibreOffice's reading is libreoffice.test's).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(outcome.output as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual(["欠费台账", "备用"]);
    expect(wb.getWorksheet("欠费台账")?.getCell("B301").value).toBe("业主299");
  });

  it("writes a part deflated as it was pushed, whole and with its CRC", async () => {
    const text = "<row>一二三 abc</row>".repeat(50_000);
    const deflater = new PartDeflater(6);
    const bytes = new TextEncoder().encode(text);
    for (let at = 0; at < bytes.length; at += 4096) deflater.push(bytes.slice(at, at + 4096));
    const pkg = ZipPackage.empty();
    pkg.put("a.xml", deflater.finish());
    pkg.put("名字.txt", "文字");
    const out = pkg.save();
    const zip = await JSZip.loadAsync(out, { checkCRC32: true });
    expect(await zip.file("a.xml")?.async("string")).toBe(text);
    expect(await zip.file("名字.txt")?.async("string")).toBe("文字");
    const again = ZipPackage.read(out);
    expect(again.text("a.xml")).toBe(text);
    expect(again.names()).toEqual(["a.xml", "名字.txt"]);
  });

  it("takes each pushed block as it was then (the builder reuses its buffer), and stores what is to be stored", async () => {
    const deflater = new PartDeflater(1);
    const block = new Uint8Array(1 << 16);
    const expected: number[] = [];
    for (let i = 0; i < 40; i++) {
      block.fill(i % 7);
      new TextEncoder().encodeInto(`第${i}封`, block);
      deflater.push(block);
      expected.push(...block);
    }
    const pkg = ZipPackage.empty();
    pkg.put("[Content_Types].xml", "<Types/>");
    pkg.store("诉讼材料/", new Uint8Array(0));
    pkg.store("诉讼材料/01-起诉状草稿.docx", new Uint8Array([80, 75, 3, 4, 1, 2, 3]));
    pkg.put("word/document.xml", deflater.finish());
    const out = pkg.save();
    const entries = readCentralDirectory(out);
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ["[Content_Types].xml", 8],
      ["诉讼材料/", 0],
      ["诉讼材料/01-起诉状草稿.docx", 0],
      ["word/document.xml", 8],
    ]);
    // A name outside ASCII carries Info-ZIP's Unicode Path field (0x7075: version 1, the name's CRC, the name)
    // besides the UTF-8 flag, in the central directory as in the local header.
    const name = new TextEncoder().encode("诉讼材料/01-起诉状草稿.docx");
    const field = Buffer.concat([
      Buffer.from([0x75, 0x70, (5 + name.length) & 0xff, (5 + name.length) >> 8, 1]),
      Buffer.from(new Uint32Array([crc32(0, name)]).buffer),
      Buffer.from(name),
    ]);
    let count = 0;
    for (let at = Buffer.from(out).indexOf(field); at >= 0; at = Buffer.from(out).indexOf(field, at + 1))
      count++;
    expect(count).toBe(2);
    const zip = await JSZip.loadAsync(out, { checkCRC32: true });
    expect(zip.files["诉讼材料/"].dir).toBe(true);
    expect([...((await zip.file("诉讼材料/01-起诉状草稿.docx")?.async("uint8array")) ?? [])]).toEqual([
      80, 75, 3, 4, 1, 2, 3,
    ]);
    const body = await zip.file("word/document.xml")?.async("uint8array");
    expect(Buffer.from(body ?? []).equals(Buffer.from(expected))).toBe(true);
  });

  it("with Node's zlib (the command line), writes the same parts: blocks continue one stream, CRCs as zlib's", async () => {
    useNativeZip(NODE_ZIP);
    try {
      const text = "<row><c><v>一二三</v></c></row>".repeat(120_000); // some 3.5 MB: several blocks of 1 MB
      const bytes = new TextEncoder().encode(text);
      const deflater = new PartDeflater(6);
      for (let at = 0; at < bytes.length; at += 300_001) deflater.push(bytes.subarray(at, at + 300_001));
      const part = deflater.finish();
      expect(part.crc).toBe(zlib.crc32(bytes));
      expect(part.chunks.length).toBeGreaterThan(3);
      const pkg = ZipPackage.empty();
      pkg.put("a.xml", part);
      pkg.put("b.xml", "<b>乙</b>");
      pkg.put("empty.xml", new PartDeflater(6).finish());
      const zip = await JSZip.loadAsync(pkg.save(), { checkCRC32: true });
      expect(await zip.file("a.xml")?.async("string")).toBe(text);
      expect(await zip.file("b.xml")?.async("string")).toBe("<b>乙</b>");
      expect(await zip.file("empty.xml")?.async("string")).toBe("");
    } finally {
      useNativeZip(null);
    }
  });

  it("refuses an entry whose compressed bytes are damaged, or whose size is not the declared one", async () => {
    const input = await ledger();
    const sheet = readCentralDirectory(input).find((e) => e.name === "xl/worksheets/sheet1.xml");
    if (!sheet) throw new Error("no sheet");
    const damaged = input.slice();
    const at = entryData(damaged, sheet).byteOffset + Math.floor(sheet.compressedSize / 2);
    damaged[at] ^= 0x55;
    expect(await refusal(damaged, "ledger.xlsx")).toMatch(
      /damaged \(the part xl\/worksheets\/sheet1\.xml (cannot be unpacked|fails its checksum)/,
    );
    // One byte more declared, in the local header and the central directory alike.
    const longer = input.slice();
    const view = new DataView(longer.buffer);
    for (let i = 0; i + 46 < longer.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50 && view.getUint32(i + 16, true) === sheet.crc)
        view.setUint32(i + 24, sheet.size + 1, true);
      if (view.getUint32(i, true) === 0x04034b50 && view.getUint32(i + 14, true) === sheet.crc)
        view.setUint32(i + 22, sheet.size + 1, true);
    }
    expect(await refusal(longer, "ledger.xlsx")).toContain(
      "unpacks to a size other than the one the file declares",
    );
  });

  it("refuses an encrypted entry as not readable, and reads a zip64 directory", async () => {
    const input = await ledger();
    const encrypted = input.slice();
    const view = new DataView(encrypted.buffer);
    for (let i = 0; i + 46 < encrypted.length; i++)
      if (view.getUint32(i, true) === 0x02014b50)
        view.setUint16(i + 8, view.getUint16(i + 8, true) | 1, true);
    expect(await refusal(encrypted, "locked.xlsx")).toContain("not an Excel workbook");
    const opened = await openFileWorkbook(zip64(input), "big.xlsx");
    expect((await opened.readGrid()).sheets[0].rows[300]).toEqual(["1-400", "业主299", 5, 1302.5]);
  });
});

/** The same package with every size and offset moved into zip64 extra fields and a zip64 end of directory. */
function zip64(bytes: Uint8Array): Uint8Array {
  const entries = readCentralDirectory(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const start = view.getUint32(eocd + 16, true);
  const central: Buffer[] = [];
  let at = start;
  for (const entry of entries) {
    const nameLength = view.getUint16(at + 28, true);
    const head = Buffer.from(bytes.subarray(at, at + 46 + nameLength));
    head.writeUInt32LE(0xffffffff, 20);
    head.writeUInt32LE(0xffffffff, 24);
    head.writeUInt32LE(0xffffffff, 42);
    head.writeUInt16LE(28, 30);
    head.writeUInt16LE(0, 32);
    const extra = Buffer.alloc(28);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(entry.size), 4);
    extra.writeBigUInt64LE(BigInt(entry.compressedSize), 12);
    extra.writeBigUInt64LE(BigInt(entry.localOffset), 20);
    central.push(head, extra);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  const directory = Buffer.concat(central);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(entries.length), 24);
  record.writeBigUInt64LE(BigInt(entries.length), 32);
  record.writeBigUInt64LE(BigInt(directory.length), 40);
  record.writeBigUInt64LE(BigInt(start), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(start + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return new Uint8Array(Buffer.concat([bytes.subarray(0, start), directory, record, locator, end]));
}
