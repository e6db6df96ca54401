import { CellValue, SheetGrid, WorkbookGrid } from "../../../src/core/read/grid";
import { ReadResult, readArrears } from "../../../src/core/read/reader";
import { readReportSheet } from "../../../src/core/report";

const AS_OF = "2026-11-20";

function sheet(name: string, rows: CellValue[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  return { name, rows, firstRow: 1, firstColumn: 1, ...extra };
}

function read(workbook: WorkbookGrid, options: Partial<Parameters<typeof readArrears>[1]> = {}): ReadResult {
  const outcome = readArrears(workbook, { asOf: AS_OF, ...options });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.result;
}

const phaseOne = sheet("一期", [
  ["一期欠费表"],
  ["房号", "业主", "欠费月数", "欠费金额"],
  ["1-101", "张伟", 0, 0],
  ["1-102", "李娜", 8, 2400],
  ["合计", null, 8, 2400],
]);
const phaseTwo = sheet("二期", [
  ["房号", "业主姓名", "欠费金额", "最后缴费日期"],
  ["1-101", "王芳", 900, "2026-08-15"],
  ["2-301", "赵敏", 0, null],
]);
const lookups = sheet("收费标准", [
  ["类型", "单价"],
  ["住宅", 2.8],
]);

describe("several sheets", () => {
  const result = read({ sheets: [phaseOne, lookups, phaseTwo], date1904: false });

  it("reads every sheet that holds an arrears table, each with its own header and layout", () => {
    expect(result.sheets.map((s) => [s.sheet, s.layout, s.headerRow, s.households])).toEqual([
      ["一期", "household", 2, 2],
      ["二期", "household", 1, 2],
    ]);
    expect(result.households).toHaveLength(4);
    expect(result.households.map((h) => h.sheet)).toEqual(["一期", "一期", "二期", "二期"]);
  });

  it("keeps a room that repeats on two sheets as two households, each saying its sheet", () => {
    const rooms = result.households.filter((h) => h.room === "1-101");
    expect(rooms.map((h) => [h.label, h.owner, h.amountOverdue])).toEqual([
      ["一期 1-101", "张伟", 0],
      ["二期 1-101", "王芳", 900],
    ]);
    expect(new Set(rooms.map((h) => h.key)).size).toBe(2);
    // a room on one sheet only keeps its plain label
    expect(result.households.find((h) => h.room === "2-301")?.label).toBe("2-301");
  });

  it("lists every sheet with what was done with it, in the read report too", () => {
    expect(result.sheetNotes.map((n) => [n.sheet, n.read, n.note["en-US"]])).toEqual([
      ["一期", true, "read: one row per household, header at row 2, 2 households"],
      ["收费标准", false, expect.stringContaining("no arrears table")],
      ["二期", true, "read: one row per household, header at row 1, 2 households"],
    ]);
    const report = readReportSheet(result, "zh-CN");
    const table = report.blocks.find((b) => b.kind === "table");
    const rows = table && table.kind === "table" ? table.rows : [];
    expect(rows.filter((r) => r[0] === "工作表").map((r) => [r[1], r[4]])).toEqual([
      ["一期", "已读取"],
      ["收费标准", "未读取"],
      ["二期", "已读取"],
    ]);
  });

  it("reads only the sheets named, repeated", () => {
    const only = read({ sheets: [phaseOne, lookups, phaseTwo], date1904: false }, { sheets: ["二期"] });
    expect(only.sheets.map((s) => s.sheet)).toEqual(["二期"]);
    expect(only.households.map((h) => h.label)).toEqual(["1-101", "2-301"]);
    expect(only.sheetNotes.find((n) => n.sheet === "一期")?.note["en-US"]).toMatch(/not chosen/);
    const both = read(
      { sheets: [phaseOne, lookups, phaseTwo], date1904: false },
      { sheets: ["一期", "二期"] },
    );
    expect(both.households).toHaveLength(4);
  });

  it("reads two views of the same households once, and says so", () => {
    const copy = sheet(
      "一期(2)",
      phaseOne.rows.map((r) => [...r]),
    );
    const twice = read({ sheets: [phaseOne, copy], date1904: false });
    expect(twice.sheets.map((s) => s.sheet)).toEqual(["一期"]);
    expect(twice.households).toHaveLength(2);
    expect(twice.sheetNotes.find((n) => n.sheet === "一期(2)")?.note["en-US"]).toMatch(
      /same households as sheet "一期"/,
    );
  });

  it("leaves a hidden copy unread unless it is named or nothing else holds a table", () => {
    const hidden = sheet("旧表", phaseTwo.rows as CellValue[][], { hidden: true });
    const withHidden = read({ sheets: [phaseOne, hidden], date1904: false });
    expect(withHidden.sheets.map((s) => s.sheet)).toEqual(["一期"]);
    expect(withHidden.sheetNotes.find((n) => n.sheet === "旧表")?.note["en-US"]).toMatch(/hidden sheet/);
    expect(read({ sheets: [lookups, hidden], date1904: false }).sheets.map((s) => s.sheet)).toEqual(["旧表"]);
  });

  it("never reads the add-in's own sheets as arrears tables", () => {
    const own = sheet("催缴分类", [
      ["房号", "业主", "欠费月数", "欠费金额"],
      ["9-999", "X", 1, 1],
    ]);
    expect(read({ sheets: [phaseOne, own], date1904: false }).sheets.map((s) => s.sheet)).toEqual(["一期"]);
  });
});
