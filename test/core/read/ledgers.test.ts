import { CellValue, SheetGrid, WorkbookGrid } from "../../../src/core/read/grid";
import { Household } from "../../../src/core/read/household";
import { isCompanyName, placeInAddress } from "../../../src/core/read/address";
import { LAYOUT_READERS } from "../../../src/core/read/layouts";
import { ReadResult, readArrears } from "../../../src/core/read/reader";
import { formatMonth } from "../../../src/core/read/values";

const AS_OF = "2026-11-20";

function book(name: string, rows: CellValue[][]): WorkbookGrid {
  const sheet: SheetGrid = { name, rows, firstRow: 1, firstColumn: 1 };
  return { sheets: [sheet], date1904: false };
}

function read(workbook: WorkbookGrid, options: Partial<Parameters<typeof readArrears>[1]> = {}): ReadResult {
  const outcome = readArrears(workbook, { asOf: AS_OF, ...options });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.result;
}

function owed(result: ReadResult): [string, number | null][] {
  return result.households.map((h: Household) => [h.label, h.amountOverdue]);
}

describe("households keyed by an account, the place inside an address", () => {
  const result = read(
    book("用户欠费", [
      ["用户编号", "用户名称", "用户地址", "欠费金额", "联系电话"],
      ["310001", "张伟", "示例路260弄2号804室", 356.4, "13800001111"],
      ["310002", "李娜", "3栋2单元1201室", "1,200.00", "13800002222"],
      ["310003", "示例大厦管理有限公司", "示例路88号", 5800, ""],
      ["310004", "王芳", "", 0, ""],
      ["310002", "李娜", "3栋2单元1201室", 100, ""],
    ]),
  );

  it("takes the account as the key when there is no room column, and reads building, unit and room from the address", () => {
    expect(result.columns.map((c) => c.field)).toEqual(
      expect.arrayContaining(["account", "owner", "address", "amount", "phone"]),
    );
    const [lane, tower, company, bare] = result.households;
    expect([lane.account, lane.building, lane.unit, lane.room]).toEqual(["310001", "260弄2号", "", "804"]);
    expect([tower.account, tower.building, tower.unit, tower.room]).toEqual(["310002", "3", "2", "1201"]);
    expect(tower.label).toBe("3栋2单元1201（310002）");
    expect(company.label).toBe("310003");
    expect(bare.label).toBe("310004");
    expect(result.households.map((h) => h.key)).toEqual(["#310001", "#310002", "#310003", "#310004"]);
  });

  it("merges rows of the same account, the amounts added", () => {
    expect(owed(result)).toContainEqual(["3栋2单元1201（310002）", 1300]);
    expect(result.warnings.map((w) => w["en-US"])).toEqual([
      expect.stringMatching(/^account .* rows 3 and 6/),
    ]);
  });

  it("keeps a room column as the key where there is one, and shows the account beside it", () => {
    const both = read(
      book("台账", [
        ["户号", "房号", "业主", "欠费金额"],
        ["A-001", "1-101", "张伟", 300],
      ]),
    );
    expect(both.households.map((h) => [h.key, h.label, h.account])).toEqual([["||1-101", "1-101", "A-001"]]);
  });

  it("parses the addresses people write", () => {
    expect(placeInAddress("示例路260弄2号804室")).toEqual({ building: "260弄2号", unit: "", room: "804" });
    expect(placeInAddress("3栋2单元1201室")).toEqual({ building: "3", unit: "2", room: "1201" });
    expect(placeInAddress("锦绣花园5号楼1单元302")).toEqual({ building: "5", unit: "1", room: "302" });
    expect(placeInAddress("B座1503")).toEqual({ building: "B", unit: "", room: "1503" });
    expect(placeInAddress("Flat 12 - 3 West Gate")).toEqual({
      building: "3 West Gate",
      unit: "",
      room: "12",
    });
    expect(placeInAddress("示例路88号")).toEqual({ building: "", unit: "", room: "" });
  });

  it("knows an owner that is a company", () => {
    for (const name of ["示例大厦管理有限公司", "锦绣大厦", "Westgate Holdings Ltd", "示例贸易公司"])
      expect([name, isCompanyName(name)]).toEqual([name, true]);
    for (const name of ["张伟", "欧阳娜娜", "Alice Chen"])
      expect([name, isCompanyName(name)]).toEqual([name, false]);
  });
});

describe("bill lists with one amount and a status", () => {
  const grid = book("账单", [
    ["户号", "用户地址", "费用名称", "金额", "状态", "缴费期限", "缴纳日期"],
    ["1001", "1栋1单元101室", "物业费", 300, "已缴", "2026-06-30", "2026-06-20"],
    ["1001", "1栋1单元101室", "物业费", 300, "已缴", "2026-07-31", "2026-09-05"],
    ["1001", "1栋1单元101室", "物业费", 300, "未缴", "2026-08-31", null],
    ["1001", "1栋1单元101室", "物业费", 300, "逾期", "2026-09-30", null],
    ["1001", "1栋1单元101室", "物业费", 300, "未缴", "2026-12-31", null],
    ["1002", "1栋1单元102室", "物业费", 280, "部分", "2026-09-30", null],
    ["1003", "1栋1单元103室", "物业费", 280, "已结清", "2026-09-30", "2026-09-01"],
    ["1003", "1栋1单元103室", "水费", 45.5, "作废", "2026-09-30", null],
    ["1004", "1栋1单元104室", "物业费", 280, "挂账", "2026-09-30", null],
    ["1005", "1栋1单元105室", "物业费", 280, "欠费", "2026-10-31", null],
  ]);
  const result = read(grid);

  it("is read as a status bill list, summed per household", () => {
    expect(result.layout).toBe("statusBill");
    expect(result.households.map((h) => h.account)).toEqual(["1001", "1002", "1003", "1004", "1005"]);
  });

  it("counts unpaid bills past their due date on the as-of date as arrears, not those still to fall due", () => {
    const h = result.households[0];
    expect(h.amountOverdue).toBe(600);
    expect(h.monthsOverdue).toBe(2);
    expect(h.unpaidMonths.map(formatMonth)).toEqual(["2026-08", "2026-09"]);
    expect(result.households[4].amountOverdue).toBe(280);
  });

  it("takes bills paid after their due date as late payments, the history for the kinds", () => {
    const h = result.households[0];
    expect(h.history?.lateMonths.map(formatMonth)).toEqual(["2026-07"]);
    expect(h.history?.lateOrMissed).toBe(3);
    expect(h.lastPayment).toBe("2026-09-05");
    expect(result.households[2].amountOverdue).toBe(0);
    expect(result.households[2].history?.lateOrMissed).toBe(0);
  });

  it("leaves a partial bill's amount unknown when the list does not say how much is left", () => {
    expect(result.households[1].amountOverdue).toBeNull();
  });

  it("reports a status it does not know with its cell, and guesses nothing", () => {
    expect(result.problems.map((p) => [p.column, p.row, p.value])).toEqual([["E", 10, "挂账"]]);
    expect(result.problems[0].reason["en-US"]).toMatch(/status not known/);
    expect(result.households[3].amountOverdue).toBeNull();
  });

  it("reads a partial bill's remainder from a paid column, and English statuses", () => {
    const en = read(
      book("Bills", [
        ["Account", "Address", "Amount", "Amount paid", "Status", "Due date", "Date paid"],
        ["A-1", "Flat 12 - 3 West Gate", 500, 200, "Partial", "2026-09-01", "2026-09-10"],
        ["A-1", "Flat 12 - 3 West Gate", 500, 0, "Overdue", "2026-10-01", null],
        ["A-2", "Flat 14 - 3 West Gate", 500, 500, "Paid", "2026-10-01", "2026-09-28"],
        ["A-3", "Flat 16 - 3 West Gate", 500, 0, "Unpaid", "2026-12-01", null],
      ]),
    );
    expect(en.layout).toBe("statusBill");
    expect(en.households.map((h) => [h.account, h.room, h.amountOverdue])).toEqual([
      ["A-1", "12", 800],
      ["A-2", "14", 0],
      ["A-3", "16", 0],
    ]);
  });

  it("is one module in the registry of layouts", () => {
    expect(LAYOUT_READERS.map((l) => l.name)).toEqual(["monthly", "statusBill", "bill", "household"]);
  });
});

describe("English rent statements", () => {
  it("reads Rent Due less Received as the amount owed", () => {
    const result = read(
      book("Statement", [
        ["Rent arrears statement"],
        ["Tenant Account", "Tenant", "Address", "Rent Due", "Rent Received", "Rent Due less Received"],
        ["T-01", "Westgate Holdings Ltd", "Flat 12 - 3 West Gate", 1200, 400, 800],
        ["T-02", "A. Chen", "Flat 14 - 3 West Gate", 1200, 1200, 0],
      ]),
    );
    expect(result.columns.map((c) => [c.field, c.column])).toEqual(
      expect.arrayContaining([
        ["account", "A"],
        ["owner", "B"],
        ["address", "C"],
        ["due", "D"],
        ["paid", "E"],
        ["amount", "F"],
      ]),
    );
    expect(result.households.map((h) => [h.account, h.amountOverdue])).toEqual([
      ["T-01", 800],
      ["T-02", 0],
    ]);
  });

  it("reads Balance, Arrears and Amount Receivable as the amount owed", () => {
    for (const header of ["Balance", "Arrears", "Amount Receivable"]) {
      const result = read(
        book("Report", [
          ["Unit", "Name", header],
          ["12", "A. Chen", 300],
        ]),
      );
      expect([header, result.households[0].amountOverdue]).toEqual([header, 300]);
    }
  });
});

describe("when nothing is found", () => {
  const grid = book("名单", [
    ["2026年物业费名单"],
    ["序号", "姓名", "位置", "欠款(元)"],
    [1, "张伟", "1-101", 300],
  ]);

  it("names the nearest header row, what it found and lacks, and how to map the rest", () => {
    const outcome = readArrears(grid, { asOf: AS_OF });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const zh = outcome.error["zh-CN"];
    const en = outcome.error["en-US"];
    expect(zh).toContain("“名单”第 2 行");
    expect(zh).toMatch(/识别出 业主、欠费金额，缺少 房号/);
    expect(zh).toContain("--column room=A");
    expect(zh).toContain("列下拉框");
    expect(en).toMatch(/row 2, found Owner, Amount overdue, lacking Unit \/ room; .*--column room=A/);
    expect(en).not.toContain("\n");
    // the pane offers that row's columns
    expect(outcome.candidates[0].headerRow).toBe(2);
  });

  it("is rescued by a mapping: --column room=C", () => {
    const result = read(grid, { columns: { room: "C" } });
    expect(result.households.map((h) => [h.room, h.amountOverdue])).toEqual([["1-101", 300]]);
  });

  it("is rescued by a mapping of the account key too", () => {
    const result = read(grid, { columns: { account: "A" } });
    expect(result.households.map((h) => [h.account, h.amountOverdue])).toEqual([["1", 300]]);
  });
});

describe("parking fees keyed by the car or the space", () => {
  // The shape of an ERP's car-fee history import (车辆缴费历史): no room, the plate is the key.
  const grid = book("车辆缴费历史", [
    [
      "车牌号",
      "收费项目",
      "缴费周期",
      "开始时间",
      "结束时间",
      "缴费时间",
      "应缴金额",
      "实缴金额",
      "收银员",
      "备注",
    ],
    [
      "粤B12345",
      "月租车费",
      12,
      "2025-01-01",
      "2026-01-01",
      "2025-01-03",
      1800,
      1800,
      "收银员甲",
      "手工导入",
    ],
    ["粤B12345", "月租车费", 12, "2026-01-01", "2027-01-01", null, 1800, 600, "收银员甲", "手工导入"],
    ["粤B67890", "月租车费", 6, "2026-01-01", "2026-07-01", "2026-01-05", 900, 900, "收银员乙", "手工导入"],
  ]);

  it("takes the plate as the account key and reads the rows as bills", () => {
    const result = read(grid);
    expect(result.layout).toBe("bill");
    expect(result.households.map((h) => [h.account, h.amountOverdue])).toEqual([
      ["粤B12345", 1200],
      ["粤B67890", 0],
    ]);
  });

  it("takes a parking-space number the same way", () => {
    const result = read(
      book("车位欠费", [
        ["车位编号", "业主", "欠费金额"],
        ["C0001", "张伟", 450],
      ]),
    );
    expect(result.households.map((h) => [h.account, h.owner, h.amountOverdue])).toEqual([
      ["C0001", "张伟", 450],
    ]);
  });
});

describe("a payment history lists what was paid, not what is owed", () => {
  // The shape of an ERP's earlier history import (房屋缴费历史): one column, 缴费金额, the amount paid.
  const grid = book("房屋缴费历史", [
    ["楼栋", "单元", "房屋", "收费项目", "缴费周期", "开始时间", "结束时间", "缴费时间", "缴费金额", "备注"],
    [1, 1, 101, "物业费", 12, "2025-01-01", "2026-01-01", "2025-01-03", 1000, "手工导入"],
    [1, 1, 101, "物业费", 12, "2026-01-01", "2027-01-01", "2026-01-05", 1000, "手工导入"],
  ]);

  it("still takes the one amount of a status list as the bill's amount, whatever its heading", () => {
    const result = read(
      book("缴费通知", [
        ["户号", "用户地址", "缴费金额", "状态", "缴费期限"],
        ["2001", "2栋1单元301室", 120.5, "未缴", "2026-09-30"],
        ["2001", "2栋1单元301室", 120.5, "已缴", "2026-08-31"],
      ]),
    );
    expect(result.layout).toBe("statusBill");
    expect(result.households.map((h) => [h.account, h.amountOverdue])).toEqual([["2001", 120.5]]);
  });

  it("takes 缴费金额 as the amount paid, and claims nothing owed from it", () => {
    const result = read(grid);
    expect(result.columns.find((c) => c.header === "缴费金额")?.field).toBe("paid");
    expect(result.households.map((h) => [h.label, h.amountOverdue])).toEqual([["1栋1单元101", null]]);
  });
});

describe("a delinquency report with the same unit number in several properties", () => {
  // The shape of an AppFolio delinquency export: one row per tenant, "#1" in many properties, and an amount column
  // (subsidy) that is not a bill.
  const grid = book("Sheet1", [
    ["Tenant Status", "Property", "Unit", "Name", "Rent", "Amount Receivable", "Delinquent Subsidy Amount"],
    ["Current", "101 Sample Street", "#1", "Tenant A", 640, 1280, 0],
    ["Current", "102 Sample Street", "#1", "Tenant B", 775, 775, 0],
    ["Notice", "101 Sample Street", "#2", "Tenant C", 1400, 4200, 0],
  ]);

  it("is one row per household, not bills, when building and unit together do not repeat", () => {
    const result = read(grid);
    expect(result.layout).toBe("household");
    expect(result.households.map((h) => [h.building, h.room, h.amountOverdue, h.monthsOverdue])).toEqual([
      ["101 Sample Street", "#1", 1280, 2],
      ["102 Sample Street", "#1", 775, 1],
      ["101 Sample Street", "#2", 4200, 3],
    ]);
  });
});
