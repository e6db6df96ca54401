import { CellValue, SheetGrid, WorkbookGrid } from "../../../src/core/read/grid";
import { Household } from "../../../src/core/read/household";
import { ReadResult, readArrears } from "../../../src/core/read/reader";
import { formatMonth } from "../../../src/core/read/values";

const AS_OF = "2026-11-20";

function sheet(name: string, rows: CellValue[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  return { name, rows, firstRow: 1, firstColumn: 1, ...extra };
}

function book(...sheets: SheetGrid[]): WorkbookGrid {
  return { sheets, date1904: false };
}

function read(workbook: WorkbookGrid, options: Partial<Parameters<typeof readArrears>[1]> = {}): ReadResult {
  const outcome = readArrears(workbook, { asOf: AS_OF, ...options });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.result;
}

function byRoom(result: ReadResult, room: string): Household {
  const h = result.households.find((x) => x.room === room);
  if (!h) throw new Error(`no household ${room}; have ${result.households.map((x) => x.room).join(",")}`);
  return h;
}

/** Every non-blank row below the header is a household row or a skipped row: nothing silently dropped. */
function expectAllRowsAccounted(result: ReadResult, grid: SheetGrid): void {
  const taken = new Set(result.households.flatMap((h) => h.rows));
  const skipped = new Set(result.skipped.map((s) => s.row));
  for (let r = result.headerRow - grid.firstRow + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (row.every((c) => c === null || c === "")) continue;
    const excelRow = grid.firstRow + r;
    expect([excelRow, taken.has(excelRow) || skipped.has(excelRow)]).toEqual([excelRow, true]);
  }
}

describe("household layout (one row per household)", () => {
  const grid = sheet("欠费汇总", [
    ["锦绣花园 欠费汇总表（截至2026年11月20日）", null, null, null, null, null],
    ["制表：客服中心", null, null, null, null, null],
    [null, null, null, null, null, null],
    ["房号", "业主姓名", "联系电话", "欠费月数", "欠费金额\n(元)", "备注"],
    ["1-101", "张伟", "13800001111", 0, 0, null],
    ["1-102", "李娜", "13800002222", "14个月", "¥4,368.00", "拒缴，称不想交"],
    ["1-103", "王芳", 13800003333, 3, "936元", "已电话提醒"],
    [null, null, null, null, null, null],
    ["1-104", "赵敏", "", "２", { error: "#N/A" }, null],
    [null, "(无房号)", null, 1, 100, null],
    ["合计", null, null, 19, 5304, null],
  ]);
  const result = read(book(grid));

  it("finds the header below the title rows and maps the columns", () => {
    expect(result.layout).toBe("household");
    expect(result.headerRow).toBe(4);
    const cols = Object.fromEntries(result.columns.map((c) => [c.field, c.column]));
    expect(cols).toMatchObject({ room: "A", owner: "B", phone: "C", months: "D", amount: "E", notes: "F" });
  });

  it("reads values as people type them", () => {
    expect(byRoom(result, "1-102")).toMatchObject({ monthsOverdue: 14, amountOverdue: 4368, owner: "李娜" });
    expect(byRoom(result, "1-103")).toMatchObject({
      monthsOverdue: 3,
      amountOverdue: 936,
      phone: "13800003333",
    });
    expect(byRoom(result, "1-101")).toMatchObject({ monthsOverdue: 0, amountOverdue: 0 });
  });

  it("reports a bad cell with sheet, row and column, and still takes the household", () => {
    const h = byRoom(result, "1-104");
    expect(h.monthsOverdue).toBe(2);
    expect(h.amountOverdue).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({ sheet: "欠费汇总", row: 9, column: "E", field: "amount", value: "#N/A" }),
    ]);
  });

  it("skips the totals row and a row with no room, with reasons", () => {
    expect(result.skipped.map((s) => [s.row, s.reason["en-US"]])).toEqual([
      [10, expect.stringContaining("no room number in column A")],
      [11, expect.stringContaining("totals row")],
    ]);
    expectAllRowsAccounted(result, grid);
  });
});

describe("headers in traditional Chinese and English", () => {
  it("reads traditional headers with units and line breaks", () => {
    const result = read(
      book(
        sheet("物業費", [
          [
            "樓棟",
            "房號",
            "業主",
            "聯繫電話",
            "欠費月數",
            "欠費金額（元）",
            "最後繳費日期",
            "備註",
            "催繳員",
          ],
          ["A座", "1203", "陳大文", "91234567", 7, "HK$ 5,600", "2026/3/31", "長期拖欠", "李生"],
        ]),
      ),
    );
    const h = result.households[0];
    expect(result.columns.map((c) => c.field)).toEqual([
      "building",
      "room",
      "owner",
      "phone",
      "amount",
      "months",
      "lastPayment",
      "notes",
      "collector",
    ]);
    expect(h).toMatchObject({
      building: "A座",
      room: "1203",
      owner: "陳大文",
      monthsOverdue: 7,
      lastPayment: "2026-03-31",
    });
    expect(result.problems).toHaveLength(1); // "HK$ 5,600" is not yuan: reported, not guessed
  });

  it("reads an English delinquency export", () => {
    const result = read(
      book(
        sheet("Delinquency", [
          ["Delinquency Report", null, null, null, null, null],
          ["As of 11/20/2026", null, null, null, null, null],
          [null, null, null, null, null, null],
          ["Property", "Unit", "Tenant Name", "Rent", "Balance Due", "Last Payment", "Notes"],
          ["Oak Court", "101", "Alice Chen", 1200, "$3,600.00", "08/15/2026", "refuses to pay"],
          ["Oak Court", "102", "Bob Li", 1200, 0, "11/01/2026", null],
          [null, null, null, null, null, null],
          ["Total", null, null, null, 3600, null, null],
        ]),
      ),
    );
    expect(result.headerRow).toBe(4);
    const h = byRoom(result, "101");
    expect(h).toMatchObject({
      owner: "Alice Chen",
      amountOverdue: 3600,
      monthsOverdue: 3,
      monthsEstimated: true,
    });
    expect(h.lastPayment).toBe("2026-08-15");
    expect(result.skipped.map((s) => s.row)).toEqual([8]);
  });
});

describe("table position", () => {
  it("finds a table that starts in a later column, with a notes block beside it", () => {
    const grid = sheet(
      "台账",
      [
        ["说明：本表由客服中心维护", null, null, null, null, null],
        [null, null, null, null, null, null],
        [null, null, "房号", "业主", "欠费金额", null, null, "填表说明"],
        [null, null, "2-201", "孙丽", 500, null, null, "1. 金额为元"],
        [null, null, "2-202", "周杰", 0, null, null, "2. 不含车位费"],
        [null, null, null, null, null, null, null, "3. 每月更新"],
      ],
      { firstRow: 3, firstColumn: 2 },
    );
    const result = read(book(grid));
    expect(result.headerRow).toBe(5);
    expect(result.columns.find((c) => c.field === "room")?.column).toBe("D");
    expect(result.households).toHaveLength(2);
    expect(result.skipped).toEqual([expect.objectContaining({ row: 8, reason: expect.anything() })]);
    expect(result.skipped[0].reason["zh-CN"]).toContain("表格之外");
  });

  it("fills merged building cells down and builds readable room labels", () => {
    const result = read(
      book(
        sheet("s", [
          ["楼栋", "单元", "房号", "欠费金额"],
          ["3", "2", "301", 100],
          [null, null, "302", 0],
        ]),
      ),
    );
    expect(result.households.map((h) => h.label)).toEqual(["3栋2单元301", "3栋2单元302"]);
  });

  it("picks the best-matching sheet, ignores its own output sheets, and honours --sheet", () => {
    const notes = sheet("说明", [["这是说明"], ["房号在第二个表"]]);
    const plain = sheet("汇总", [
      ["房号", "欠费金额"],
      ["1", 10],
    ]);
    const monthly = sheet("台账", [
      ["房号", "业主", "2026年8月", "2026年9月", "2026年10月"],
      ["1", "甲", 100, null, 100],
    ]);
    const ours = sheet("催缴分类", [
      ["楼栋", "房号", "业主", "电话", "类别", "欠费月数", "欠费金额", "备注", "催缴员"],
      ["1", "1", "甲", "1", "x", 1, 1, "", ""],
    ]);
    const wb = book(notes, plain, ours, monthly);
    expect(read(wb).sheet).toBe("台账");
    expect(read(wb, { sheet: "汇总" }).sheet).toBe("汇总");
    const missing = readArrears(wb, { asOf: AS_OF, sheet: "不存在" });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error["en-US"]).toContain('no sheet named "不存在"');
  });

  it("refuses a workbook with no arrears table, saying what it looked for", () => {
    const outcome = readArrears(
      book(
        sheet("Sheet1", [
          ["Name", "Age"],
          ["A", 3],
        ]),
      ),
      { asOf: AS_OF },
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error["en-US"]).toMatch(/no arrears table found in the first 30 rows of sheet "Sheet1"/);
      expect(outcome.error["zh-CN"]).toContain("房号");
    }
  });

  it("lets the user override a column", () => {
    const grid = sheet("s", [
      ["房号", "金额A", "应付款"],
      ["1", 10, 99],
    ]);
    const detected = read(book(grid), { columns: { amount: "C" }, layout: "household" });
    expect(detected.households[0].amountOverdue).toBe(99);
    const overridden = read(book(grid), { columns: { amount: "B" }, layout: "household" });
    expect(overridden.households[0].amountOverdue).toBe(10);
    expect(overridden.columns.find((c) => c.field === "amount")?.column).toBe("B");
  });
});

describe("monthly layout (one column per month)", () => {
  const months = [
    "2026年5月",
    "2026年6月",
    "2026年7月",
    "2026年8月",
    "2026年9月",
    "2026年10月",
    "2026年11月",
  ];
  const paidLate = new Date(Date.UTC(2026, 8, 20)); // 2026-09-20, for the August fee
  const grid = sheet("台账", [
    ["锦绣花园 2026 年物业费", ...months.map(() => null)],
    ["房号", "业主", "月物业费", ...months, "备注"],
    ["1-101", "张伟", 300, 300, 300, 300, 300, 300, 300, null, null],
    ["1-102", "李娜", 300, null, "未缴", "欠", null, null, null, null, "拒缴"],
    ["1-103", "王芳", 300, 300, 150, 300, paidLate, "补缴", "补缴 300", null, null],
    ["1-104", "赵敏", 300, "—", "—", 300, "免", "已缴", "√", 300, null],
    ["1-105", "钱七", 300, 300, "三百", { error: "#N/A" }, 300, 300, 300, null, null],
    ["1-106", "孙八", 300, 300, 300, 300, 300, 300, "空置", null, null],
    ["合计", null, null, 1200, 750, 900, 600, 600, 900, 300, null],
  ]);
  const result = read(book(grid));

  it("detects the month columns", () => {
    expect(result.layout).toBe("monthly");
    expect(result.monthColumns.map((m) => formatMonth(m.month))).toEqual([
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
    ]);
  });

  it("counts only months already due on the as-of date (November is not due on the 20th)", () => {
    expect(byRoom(result, "1-101")).toMatchObject({ monthsOverdue: 0, amountOverdue: 0 });
    expect(byRoom(result, "1-102")).toMatchObject({ monthsOverdue: 6, amountOverdue: 1800 });
    expect(formatMonth(byRoom(result, "1-102").oldestUnpaid as number)).toBe("2026-05");
  });

  it("reads partial payments, late payments, dates, waivers and not-billed months", () => {
    const late = byRoom(result, "1-103");
    expect(late).toMatchObject({ monthsOverdue: 1, amountOverdue: 150 });
    expect(late.history?.lateMonths.map(formatMonth)).toEqual(["2026-08", "2026-09", "2026-10"]);
    expect(late.history?.lateOrMissed).toBe(4);
    expect(byRoom(result, "1-104")).toMatchObject({ monthsOverdue: 0, amountOverdue: 0 });
    // July, September and October were billed; May and June were not handed over, August was waived.
    expect(byRoom(result, "1-104").collection).toEqual({ billed: 900, paid: 900 });
  });

  it("reports unreadable month cells and does not count them", () => {
    expect(byRoom(result, "1-105")).toMatchObject({ monthsOverdue: 0 });
    expect(result.problems.map((p) => `${p.column}${p.row}`)).toEqual(["E7", "F7"]);
    expect(result.problems[0].reason["en-US"]).toContain("2026年6月");
  });

  it("sees a vacancy marked in a month cell", () => {
    expect(byRoom(result, "1-106")).toMatchObject({ vacantMarked: true, monthsOverdue: 1 });
  });

  it("works out the fee from what the household usually pays when there is no fee column", () => {
    const r = read(
      book(
        sheet("s", [
          ["房号", "2026-07", "2026-08", "2026-09", "2026-10"],
          ["9", 250, 250, null, null],
        ]),
      ),
    );
    expect(r.households[0]).toMatchObject({ monthsOverdue: 2, amountOverdue: 500, amountEstimated: true });
  });

  it("gives month-only headings their year from the title, or counting back from the as-of date", () => {
    const withTitle = read(
      book(sheet("s", [["2025年度物业费收缴表"], ["房号", "1月", "2月", "3月", "4月"], ["1", 1, 1, 1, 1]])),
    );
    expect(withTitle.monthColumns.map((m) => formatMonth(m.month))).toEqual([
      "2025-01",
      "2025-02",
      "2025-03",
      "2025-04",
    ]);
    const noYear = read(
      book(
        sheet("s", [
          ["房号", "10月", "11月", "12月", "1月", "2月"],
          ["1", 1, 1, 1, 1, 1],
        ]),
      ),
    );
    expect(noYear.monthColumns.map((m) => formatMonth(m.month))).toEqual([
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
  });

  it("reads date serial headings as months (what Office.js gives)", () => {
    const r = read(
      book(
        sheet("s", [
          ["房号", 46143, 46174, 46204],
          ["1", 100, null, 100],
        ]),
      ),
    );
    expect(r.layout).toBe("monthly");
    expect(r.monthColumns.map((m) => formatMonth(m.month))).toEqual(["2026-05", "2026-06", "2026-07"]);
  });

  it("adds arrears from earlier years and dates the limitation clock from them", () => {
    const r = read(
      book(
        sheet("s", [
          ["房号", "月物业费", "2026年8月", "2026年9月", "2026年10月", "往年欠费月数"],
          ["1", 200, null, 200, 200, 20],
        ]),
      ),
    );
    expect(r.households[0]).toMatchObject({
      monthsOverdue: 21,
      amountOverdue: 4200,
      oldestUnpaidEstimated: true,
    });
    expect(formatMonth(r.households[0].oldestUnpaid as number)).toBe("2024-12");
  });

  it("accounts for every row", () => {
    expectAllRowsAccounted(result, grid);
    expect(result.skipped.map((s) => s.row)).toEqual([9]);
  });
});

describe("bill layout (one row per bill, as a property ERP exports)", () => {
  const grid = sheet("房屋缴费历史", [
    ["房屋", "收费项目", "所属期", "应收金额", "实收金额", "欠费", "缴费时间", "备注"],
    ["1-1-1001", "物业费", "2026-07", 300, 300, 0, new Date(Date.UTC(2026, 6, 10)), null],
    ["1-1-1001", "物业费", "2026-08", 300, 0, 300, null, null],
    ["1-1-1001", "物业费", "2026-09", 300, 100, 200, new Date(Date.UTC(2026, 9, 5)), "部分缴纳"],
    ["1-1-1001", "停车费", "2026-09", 150, 0, 150, null, null],
    ["1-1-1002", "物业费", "2026年7月", 280, 280, null, "2026/8/15", null],
    ["1-1-1002", "物业费", "2026年8月", 280, 280, null, "2026/8/20", null],
    ["1-1-1003", "物业费", "下半年", 1800, null, null, null, null],
    ["1-1-1004", "物业费", null, null, null, null, null, "待核"],
  ]);
  const result = read(book(grid));

  it("detects the layout and sums the bills per household", () => {
    expect(result.layout).toBe("bill");
    expect(result.households.map((h) => h.room)).toEqual(["1-1-1001", "1-1-1002", "1-1-1003"]);
    const a = byRoom(result, "1-1-1001");
    expect(a).toMatchObject({ amountOverdue: 650, monthsOverdue: 2, lastPayment: "2026-10-05" });
    expect(a.rows).toEqual([2, 3, 4, 5]);
    expect(a.collection).toEqual({ billed: 1050, paid: 400 });
  });

  it("derives arrears from billed minus paid when there is no arrears figure, and sees late payment", () => {
    const b = byRoom(result, "1-1-1002");
    expect(b).toMatchObject({ amountOverdue: 0, monthsOverdue: 0 });
    expect(b.history?.lateMonths.map(formatMonth)).toEqual(["2026-07"]);
  });

  it("reports a period it cannot read and a row with no amounts", () => {
    expect(byRoom(result, "1-1-1003")).toMatchObject({ amountOverdue: 1800, monthsOverdue: null });
    expect(result.problems).toEqual([expect.objectContaining({ row: 8, column: "C", field: "period" })]);
    expect(result.skipped).toEqual([expect.objectContaining({ row: 9 })]);
    expectAllRowsAccounted(result, grid);
  });

  it("reads start and end dates as the period covered", () => {
    const r = read(
      book(
        sheet("s", [
          ["房屋", "收费项目", "开始时间", "结束时间", "应缴金额", "实缴金额"],
          ["1", "物业费", 46204, 46295, 900, 0],
        ]),
      ),
    );
    // 2026-07-01 to 2026-09-30
    expect(r.households[0]).toMatchObject({ amountOverdue: 900, monthsOverdue: 3 });
  });
});

describe("duplicates", () => {
  it("combines a room listed twice and says so", () => {
    const r = read(
      book(
        sheet("s", [
          ["房号", "欠费金额", "欠费月数"],
          ["5-501", 100, 1],
          ["5-501 ", 200, 2],
        ]),
      ),
    );
    expect(r.households).toHaveLength(1);
    expect(r.households[0]).toMatchObject({ amountOverdue: 300, rows: [2, 3] });
    expect(r.warnings[0]["en-US"]).toContain("rows 2 and 3");
  });
});
