import ExcelJS from "exceljs";
import JSZip from "jszip";
import { decodeText, parseCsv } from "../../src/xlsx/csv";
import { WorkbookOpenError, openWorkbookFile, prefixCoreProperties, unprefixRoot } from "../../src/xlsx/open";

async function refused(bytes: Uint8Array, name: string): Promise<string> {
  try {
    await openWorkbookFile(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbookOpenError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    expect(message.startsWith(name)).toBe(true);
    return message;
  }
  throw new Error(`${name} was not refused`);
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function utf16(text: string): number[] {
  return [...text].flatMap((ch) => [ch.charCodeAt(0), 0]);
}

describe("refusing what is not a readable workbook", () => {
  it("an old .xls says how to convert it", async () => {
    const message = await refused(new Uint8Array([...CFB_MAGIC, ...new Array(512).fill(0)]), "2019台账.xls");
    expect(message).toContain("save it as .xlsx");
  });

  it("a password-protected workbook says how to remove the password", async () => {
    const bytes = new Uint8Array([
      ...CFB_MAGIC,
      ...new Array(64).fill(0),
      ...utf16("EncryptedPackage"),
      0,
      0,
    ]);
    expect(await refused(bytes, "locked.xlsx")).toContain("password");
  });

  it("an empty file, text and random bytes are not workbooks", async () => {
    expect(await refused(new Uint8Array(0), "empty.xlsx")).toContain("empty");
    expect(await refused(new TextEncoder().encode("房号,业主\n1,甲"), "renamed.xlsx")).toContain(
      "not an Excel workbook",
    );
    const noise = new Uint8Array(4096).map((_, i) => (i * 2654435761) % 251);
    expect(await refused(noise, "noise.xlsx")).toContain("not an Excel workbook");
    const truncated = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect(await refused(truncated, "cut.xlsx")).toContain("not an Excel workbook");
  });

  it("a zip that holds no workbook", async () => {
    const zip = new JSZip();
    zip.file("readme.txt", "hello");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expect(await refused(bytes, "archive.xlsx")).toContain("not an Excel workbook");
  });

  it("a zip bomb is refused from its directory, before anything is inflated", async () => {
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    zip.file("xl/worksheets/sheet1.xml", "x".repeat(1000));
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    // Declare a 1.5 GB uncompressed size for every entry in the central directory.
    const view = new DataView(bytes.buffer);
    for (let i = 0; i + 46 < bytes.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 1_500_000_000, true);
    }
    expect(await refused(bytes, "bomb.xlsx")).toMatch(/more than \d+ MB/);
  });
});

describe("reading cell values into the grid", () => {
  it("turns rich text, formulas, hyperlinks, errors and merges into plain values", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.getCell("A1").value = { richText: [{ text: "房", font: { bold: true } }, { text: "号" }] };
    ws.getCell("B1").value = "欠费金额";
    ws.getCell("A2").value = { text: "1-101", hyperlink: "http://example.invalid/1-101" };
    ws.getCell("B2").value = { formula: "100*3", result: 300 };
    ws.getCell("A3").value = "1-102";
    ws.getCell("B3").value = { error: "#N/A" };
    ws.getCell("A4").value = "1-103";
    ws.getCell("B4").value = { formula: "B2*2" };
    ws.mergeCells("C1:D2");
    ws.getCell("C1").value = "备注";
    const hidden = wb.addWorksheet("旧表", { state: "veryHidden" });
    hidden.getCell("B3").value = 1;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const opened = await openWorkbookFile(bytes, "t.xlsx");
    const [sheet, old] = opened.grid.sheets;
    expect(sheet.rows).toEqual([
      ["房号", "欠费金额", "备注"],
      ["1-101", 300],
      ["1-102", { error: "#N/A" }],
      ["1-103"],
    ]);
    expect(opened.warnings).toEqual([expect.stringContaining("1 formula cell(s) have no saved result")]);
    expect([old.name, old.hidden, old.firstRow, old.firstColumn, old.rows]).toEqual([
      "旧表",
      true,
      3,
      2,
      [[1]],
    ]);
  });

  it("repairs prefixed XML the way ExcelJS can read it", () => {
    expect(
      unprefixRoot(
        '<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r"><x:sheets><x:sheet r:id="1"/></x:sheets></x:workbook>',
      ),
    ).toBe(
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r"><sheets><sheet r:id="1"/></sheets></workbook>',
    );
    const untouched =
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><dc:creator>x</dc:creator></cp:coreProperties>';
    expect(unprefixRoot(untouched)).toBe(untouched);
    expect(
      prefixCoreProperties(
        '<coreProperties xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="d"><lastModifiedBy>x</lastModifiedBy><dc:creator>y</dc:creator></coreProperties>',
      ),
    ).toBe(
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="d"><cp:lastModifiedBy>x</cp:lastModifiedBy><dc:creator>y</dc:creator></cp:coreProperties>',
    );
  });
});

describe("CSV", () => {
  it("reads UTF-8 with a BOM and GBK as Chinese Excel saves them", async () => {
    const text = '房号,业主,欠费金额\r\n1-101,张伟,"1,234.50"\r\n';
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodeText(bom)).toBe(text);
    // 房号 in GBK: B7 BF BA C5
    const gbk = new Uint8Array([0xb7, 0xbf, 0xba, 0xc5, 0x2c, 0x31]);
    expect(decodeText(gbk)).toBe("房号,1");
    const opened = await openWorkbookFile(bom, "台账.csv");
    expect(opened.grid.sheets[0]).toMatchObject({
      name: "台账",
      rows: [
        ["房号", "业主", "欠费金额"],
        ["1-101", "张伟", "1,234.50"],
      ],
    });
    expect(opened.workbook.worksheets[0].getCell("C2").value).toBe("1,234.50");
  });

  it("handles quotes, doubled quotes, line breaks in quotes and empty fields", () => {
    const grid = parseCsv('a,"b ""quoted""","line\nbreak",\n,x,"",\n', "s");
    expect(grid.rows).toEqual([
      ["a", 'b "quoted"', "line\nbreak", null],
      [null, "x", "", null],
    ]);
  });
});
