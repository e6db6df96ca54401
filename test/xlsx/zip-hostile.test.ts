import ExcelJS from "exceljs";
import JSZip from "jszip";
import { WorkbookOpenError } from "../../src/xlsx/open";
import { openFileWorkbook } from "../../src/xlsx/run";
import { crc32 } from "../../src/ooxml/zip-check";

/** A small household ledger as .xlsx bytes, written stored (no compression) so its bytes can be changed in place. */
async function storedLedger(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("台账").addRows([
    ["房号", "业主", "欠费月数", "欠费金额"],
    ["1-101", "张伟", 3, 900],
    ["1-102", "李娜", 2, 600],
  ]);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  return zip.generateAsync({ type: "uint8array", compression: "STORE" });
}

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  const error = await openFileWorkbook(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbookOpenError);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  expect(message.startsWith(name)).toBe(true);
  return message;
}

function indexOfBytes(bytes: Uint8Array, text: string, from = 0): number {
  const needle = new TextEncoder().encode(text);
  outer: for (let i = from; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe("the zip is checked, not trusted", () => {
  it("CRC-32 as zip computes it", () => {
    expect(crc32(0, new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("11. a stored entry with one changed byte is refused as damaged, not read as another amount", async () => {
    const bytes = await storedLedger();
    const at = indexOfBytes(bytes, "<v>900</v>");
    expect(at).toBeGreaterThan(0);
    bytes[at + 3] = "7".charCodeAt(0);
    expect(await refusal(bytes, "ledger.xlsx")).toMatch(/damaged.*checksum/);
  });

  it("10. a part that inflates far past what it declares is stopped at the budget, quickly", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("xl/workbook.xml", "<workbook/>");
    // 260 MB of one byte: a few hundred kilobytes deflated.
    zip.file("xl/worksheets/sheet1.xml", new Uint8Array(260 * 1024 * 1024).fill(0x20));
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const view = new DataView(bytes.buffer);
    // Declare 1,000 bytes for every entry, in the local headers and in the central directory.
    for (let i = 0; i + 46 < bytes.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50 && view.getUint32(i + 24, true) > 1000)
        view.setUint32(i + 24, 1000, true);
      if (view.getUint32(i, true) === 0x04034b50 && view.getUint32(i + 22, true) > 1000)
        view.setUint32(i + 22, 1000, true);
    }
    const started = Date.now();
    expect(await refusal(bytes, "bomb.xlsx")).toMatch(/more than \d+ MB/);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it("17. a package with two entries of one name is refused, naming the part", async () => {
    const zip = await JSZip.loadAsync(await storedLedger());
    // A second sheet part under a name of the same length, renamed in the bytes to the first one's name.
    zip.file(
      "xl/worksheets/sheetX.xml",
      (await zip.file("xl/worksheets/sheet1.xml")?.async("string"))?.replace("900", "9") ?? "",
    );
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "STORE" });
    let at = 0;
    while ((at = indexOfBytes(bytes, "xl/worksheets/sheetX.xml", at)) >= 0) {
      bytes.set(new TextEncoder().encode("xl/worksheets/sheet1.xml"), at);
      at++;
    }
    expect(await refusal(bytes, "twice.xlsx")).toContain("two parts named xl/worksheets/sheet1.xml");
  });
});
