import ExcelJS from "exceljs";
import JSZip from "jszip";
import { WorkbookOpenError } from "../../src/xlsx/open";
import { PackageWorkbook } from "../../src/xlsx/package-workbook";
import { openFileWorkbook, runOnWorkbookFile } from "../../src/xlsx/run";

const CSV = "房号,业主,欠费月数,欠费金额\n1-101,张伟,3,900\n1-102,李娜,0,0\n";

async function grid(bytes: Uint8Array, name: string) {
  const wb = await openFileWorkbook(bytes, name);
  return (await wb.readGrid()).sheets[0].rows;
}

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[(bom ? 2 : 0) + i * 2] = code & 0xff;
    out[(bom ? 2 : 0) + i * 2 + 1] = code >> 8;
  }
  return out;
}

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  const error = await openFileWorkbook(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbookOpenError);
  expect((error as Error).message.startsWith(name)).toBe(true);
  expect((error as Error).message).not.toContain("\n");
  return (error as Error).message;
}

async function ledgerXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("台账").addRows(
    CSV.trim()
      .split("\n")
      .map((l) => l.split(",")),
  );
  wb.addWorksheet("备注").addRow(["x"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("careless use: CSV files as people save them", () => {
  const expected = [
    ["房号", "业主", "欠费月数", "欠费金额"],
    ["1-101", "张伟", "3", "900"],
    ["1-102", "李娜", "0", "0"],
  ];

  it("UTF-16 with BOM and tabs (Excel's Unicode text) is read", async () => {
    expect(await grid(utf16le(CSV.replace(/,/g, "\t"), true), "unicode.csv")).toEqual(expected);
  });

  it("UTF-16 without BOM is read", async () => {
    expect(await grid(utf16le(CSV, false), "nobom.csv")).toEqual(expected);
  });

  it("tab- and semicolon-separated files are read", async () => {
    const enc = (t: string) => new TextEncoder().encode(t);
    expect(await grid(enc(CSV.replace(/,/g, "\t")), "tabs.csv")).toEqual(expected);
    expect(await grid(enc(CSV.replace(/,/g, ";")), "semi.csv")).toEqual(expected);
    // A comma inside a quoted field does not make a semicolon file comma-separated.
    expect(await grid(enc('房号;备注\n1-101;"a, b"\n'), "semi2.csv")).toEqual([
      ["房号", "备注"],
      ["1-101", "a, b"],
    ]);
  });

  it("an unterminated quote is refused with its line, not read as one cell", async () => {
    const bytes = new TextEncoder().encode('房号,业主\n1-101,"张伟\n1-102,李娜\n1-103,王芳\n');
    const message = await refusal(bytes, "quote.csv");
    expect(message).toContain("line 2");
    expect(message).toContain("never closed");
  });

  it("an .xlsx named .csv is read as the workbook it is", async () => {
    const rows = await grid(await ledgerXlsx(), "export.csv");
    expect(rows[1]).toEqual(["1-101", "张伟", "3", "900"]);
  });

  it("an .xlsb is refused in words", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("xl/workbook.bin", new Uint8Array([1, 2, 3]));
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expect(await refusal(bytes, "台账.xlsb")).toContain(".xlsb");
    expect(await refusal(bytes, "renamed.xlsx")).toContain(".xlsb");
  });

  it("a package missing one sheet's part is read directly (not through ExcelJS), the sheet empty, with a warning", async () => {
    const zip = await JSZip.loadAsync(await ledgerXlsx());
    zip.remove("xl/worksheets/sheet2.xml");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const wb = await openFileWorkbook(bytes, "missing.xlsx");
    expect(wb).toBeInstanceOf(PackageWorkbook);
    expect(wb.warnings.join("\n")).toContain("xl/worksheets/sheet2.xml is missing");
    const outcome = await runOnWorkbookFile(bytes, "missing.xlsx", {
      today: "2026-11-24",
      asOf: "2026-11-20",
    });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      const out = await JSZip.loadAsync(outcome.output);
      expect(out.file("xl/worksheets/sheet2.xml")).not.toBeNull();
    }
  });
});
