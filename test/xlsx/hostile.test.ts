import ExcelJS from "exceljs";
import JSZip from "jszip";
import { WorkbookOpenError } from "../../src/xlsx/open";
import { runOnWorkbookFile } from "../../src/xlsx/run";

// Hostile and broken workbooks: each is read or refused with a clear message, and the user's sheets come out
// exactly as they went in. (Old .xls, passwords, zip bombs, non-workbooks and 1,048,576-row dimensions are in
// open.test.ts and the real workbooks of ../shared.)

const OPTIONS = { today: "2026-11-24", asOf: "2026-11-20" };

async function bytesOf(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function ledger(ws: ExcelJS.Worksheet, owners: readonly string[]): void {
  ws.addRow(["房号", "业主", "电话", "欠费月数", "欠费金额"]);
  owners.forEach((owner, i) => ws.addRow([`1-${101 + i}`, owner, "13800001111", i % 4, (i % 4) * 300]));
}

/** Every cell of every sheet the user had, as values: what must be the same after a run. */
async function userSheets(bytes: Uint8Array, names: readonly string[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return JSON.stringify(
    names.map((name) => {
      const ws = wb.getWorksheet(name);
      const rows: unknown[] = [];
      ws?.eachRow({ includeEmpty: true }, (row, r) => rows.push([r, row.values, ws.state]));
      return [name, rows, ws?.state];
    }),
  );
}

async function run(bytes: Uint8Array) {
  return runOnWorkbookFile(bytes, "hostile.xlsx", OPTIONS);
}

describe("hostile and broken workbooks", () => {
  it("an empty workbook and a header with no rows are refused in words, not crashes", async () => {
    const empty = await bytesOf((wb) => wb.addWorksheet("Sheet1"));
    const a = await run(empty);
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error["zh-CN"]).toMatch(/Sheet1.*没有找到欠费表/);
    const headerOnly = await bytesOf((wb) => wb.addWorksheet("台账").addRow(["房号", "业主", "欠费金额"]));
    const b = await run(headerOnly);
    if (b.ok) expect(b.job.read.households).toHaveLength(0);
    else expect(b.error["en-US"].length).toBeGreaterThan(10);
  });

  it("hundreds of merged ranges, hidden and very hidden sheets: read, and left as they were", async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet("台账");
      ledger(
        ws,
        Array.from({ length: 50 }, (_, i) => `业主${i}`),
      );
      const notes = wb.addWorksheet("说明");
      for (let i = 0; i < 400; i++) {
        notes.getCell(i * 2 + 1, 1).value = `说明 ${i}`;
        notes.mergeCells(i * 2 + 1, 1, i * 2 + 1, 6);
      }
      wb.addWorksheet("隐藏", { state: "hidden" }).addRow(["内部", 1]);
      wb.addWorksheet("深度隐藏", { state: "veryHidden" }).addRow(["内部", 2]);
    });
    const names = ["台账", "说明", "隐藏", "深度隐藏"];
    const before = await userSheets(bytes, names);
    const outcome = await run(bytes);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    expect(outcome.job.read.households).toHaveLength(50);
    expect(await userSheets(outcome.output, names)).toBe(before);
    expect(await userSheets(bytes, names)).toBe(before);
  });

  it("formulas with no cached value are read as empty, with a warning", async () => {
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet("台账");
      ledger(ws, ["张伟", "李娜", "王强"]);
      ws.getCell("E2").value = { formula: "D2*300" } as ExcelJS.CellFormulaValue;
    });
    const outcome = await run(bytes);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    expect(outcome.warnings.join(" ")).toMatch(/formula cell\(s\) have no saved result/);
    expect(outcome.job.read.households).toHaveLength(3);
  });

  it("error values and text of 32,767 characters are reported or carried, never fatal", async () => {
    const long = "漏".repeat(32_767);
    const bytes = await bytesOf((wb) => {
      const ws = wb.addWorksheet("台账");
      ws.addRow(["房号", "业主", "欠费月数", "欠费金额", "备注"]);
      ws.addRow(["1-101", "张伟", 3, { error: "#N/A" }, long]);
      ws.addRow(["1-102", "李娜", { error: "#VALUE!" }, 900, null]);
    });
    const outcome = await run(bytes);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    const problems = outcome.job.read.problems.map((p) => `${p.column}${p.row} ${p.value}`);
    expect(problems).toEqual(expect.arrayContaining(["D2 #N/A", "C3 #VALUE!"]));
    expect(outcome.job.read.households.map((h) => h.notes.length)).toEqual([32_767, 0]);
    // The reasons quote notes briefly; nothing written passes Excel's 32,767-character cell limit.
    const zip = await JSZip.loadAsync(outcome.output);
    const strings = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
    for (const m of strings.matchAll(/<t[^>]*>([^<]*)<\/t>/g))
      expect(m[1].length).toBeLessThanOrEqual(32_767);
  });

  it("names that start with = + - @ are never written as formulas, in any output sheet", async () => {
    const bytes = await bytesOf((wb) =>
      ledger(wb.addWorksheet("台账"), ['=HYPERLINK("http://x")', "+86 王", "-张三", "@李四", "=1+1"]),
    );
    const outcome = await run(bytes);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    const zip = await JSZip.loadAsync(outcome.output);
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets.length).toBeGreaterThan(5);
    for (const f of sheets) {
      const xml = (await zip.file(f)?.async("string")) ?? "";
      expect(xml).not.toMatch(/<f>[^<]*(HYPERLINK|1\+1)/);
    }
  });

  it("a file that is not a workbook is refused with a one-line message", async () => {
    const zip = new JSZip();
    zip.file("hello.txt", "not a workbook");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    await expect(runOnWorkbookFile(bytes, "fake.xlsx", OPTIONS)).rejects.toBeInstanceOf(WorkbookOpenError);
    await expect(runOnWorkbookFile(bytes, "fake.xlsx", OPTIONS)).rejects.toThrow(/^fake\.xlsx: [^\n]+$/);
  });
});
