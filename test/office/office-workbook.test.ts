import { runJob } from "../../src/core/job";
import { jobOutputs, runJobOnWorkbook } from "../../src/core/workbook";
import { OfficeWorkbook } from "../../src/office/workbook";
import { FakeExcel, FakeSheet } from "../support/excel-fake";
import { ledger } from "../support/ledger";

const LIMIT = 5 * 1024 * 1024;
const OUTPUTS = [
  "催缴分类",
  "公告栏",
  "催缴看板",
  "催缴通知",
  "通知模板",
  "催缴设置",
  "读取报告",
  "催缴日报",
  "催缴话术",
  "收费答疑",
];

function officeOn(fake: FakeExcel): OfficeWorkbook {
  return new OfficeWorkbook({ run: fake.run, supports: () => true });
}

const OPTIONS = { today: "2026-11-24", asOf: "2026-11-20", roundDate: "2026-11-24" };
/** A week later, the first round confirmed as sent (as the pane's button does): the ladder moves on. */
const NEXT_ROUND = {
  ...OPTIONS,
  today: "2026-12-01",
  roundDate: "2026-12-01",
  confirmSent: "2026-11-24",
};

describe("the Office.js edge on a counting fake of Excel", () => {
  it("reads what the core expects: title rows, error values, date headers", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", [...ledger(3), ["合计", null, null, null, "#N/A", null]]);
    const grid = await officeOn(fake).readGrid();
    const sheet = grid.sheets[0];
    expect(sheet.name).toBe("台账");
    expect(sheet.firstRow).toBe(1);
    expect(sheet.rows[1]).toEqual(["房号", "业主", "电话", "欠费月数", "欠费金额", "催缴员"]);
    expect(sheet.rows[5][4]).toEqual({ error: "#N/A" });
    const outcome = runJob(grid, OPTIONS);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    expect(outcome.result.read.households).toHaveLength(3);
    expect(outcome.result.read.skipped.map((s) => s.row)).toEqual([6]);
  });

  it("reads a table that starts below the sampled top rows, in one more sync", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", [...Array.from({ length: 250 }, () => [null]), ...ledger(5)]);
    const grid = await officeOn(fake).readGrid();
    expect(grid.sheets[0].firstRow).toBe(251);
    expect(fake.syncs).toBe(3);
    const outcome = runJob(grid, OPTIONS);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    expect(outcome.result.read.households).toHaveLength(5);
    expect(outcome.result.read.headerRow).toBe(252);
  });

  it("a sheet's first pass comes with its used range when it lies in the sheet's top left corner: one sync fewer", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(400));
    const grid = await officeOn(fake).readGrid();
    // The sheet list; the used ranges, markers and corners; the rest of the rows.
    expect(fake.syncs).toBe(3);
    expect(grid.sheets[0].rows).toHaveLength(402);
    expect(grid.sheets[0].rows[401]).toEqual(ledger(400)[401]);
  });

  it("a corner too long for one response is read again without it, and the sheet is read whole", async () => {
    const fake = new FakeExcel();
    // Rows 101–120 (in the corner, below the first pass) hold three notes of 32,000 characters each: 5.8 MB.
    const rows = ledger(300).map((row, i) =>
      i >= 100 && i < 120 ? [...row, "漏".repeat(32_000), "水".repeat(32_000), "费".repeat(32_000)] : row,
    );
    rows[1] = [...rows[1], "备注", "备注2", "备注3"];
    fake.addSheet("台账", rows);
    const grid = await officeOn(fake).readGrid();
    expect(grid.sheets[0].rows).toHaveLength(302);
    expect(String(grid.sheets[0].rows[110][8])).toHaveLength(32_000);
    expect(grid.sheets[0].rows[301]).toEqual([...rows[301], null, null, null]);
    const outcome = runJob(grid, OPTIONS);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    expect(outcome.result.read.households).toHaveLength(300);
  });

  it("rows far longer than the sampled ones are read again in halves, never in a response over 5 MB", async () => {
    const fake = new FakeExcel();
    const rows = ledger(400).map((row, i) => [...row, i < 120 ? "" : "漏水".repeat(3_000)]);
    rows[1][6] = "备注";
    fake.addSheet("台账", rows);
    const grid = await officeOn(fake).readGrid();
    expect(fake.maxResponseBytes).toBeLessThan(LIMIT);
    expect(grid.sheets[0].rows).toHaveLength(402);
    expect(String(grid.sheets[0].rows[401][6])).toHaveLength(6_000);
  });

  it("turns a date-formatted serial in the header area into a date, and leaves amounts alone", async () => {
    const fake = new FakeExcel();
    const sheet = fake.addSheet("月度", [
      ["房号", 45658, 45689],
      ["1-101", 300, 300],
    ]);
    sheet.numberFormats.push({ rect: { row: 0, column: 1, rows: 1, columns: 2 }, format: "yyyy-mm" });
    const grid = await officeOn(fake).readGrid();
    expect(grid.sheets[0].rows[0][1]).toEqual(new Date("2025-01-01T00:00:00Z"));
    expect(grid.sheets[0].rows[1][1]).toBe(300);
  });

  it("runs the whole job: the outputs in order, tables and the chart, the user's sheet unchanged", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(10));
    const before = JSON.stringify(fake.sheet("台账").values());
    const outcome = await runJobOnWorkbook(officeOn(fake), OPTIONS);
    expect(outcome.ok).toBe(true);
    expect(fake.sheetNames()).toEqual(["台账", "催缴记录", ...OUTPUTS]);
    expect(JSON.stringify(fake.sheet("台账").values())).toBe(before);
    expect(fake.sheetNames().some((n) => n.startsWith("~AD"))).toBe(false);
    expect(fake.sheets.every((s) => s.visibility === "Visible")).toBe(true);
    const classification = fake.sheet("催缴分类");
    expect(classification.tables).toHaveLength(1);
    expect(classification.tables[0].name).not.toMatch(/^AD_tmp/);
    expect(classification.freezeRows).toBe(3);
    expect(classification.page.paperSize).toBe("A4");
    expect(fake.sheet("催缴看板").charts.length).toBeGreaterThan(0);
    const chart = fake.sheet("催缴看板").charts[0];
    expect(chart.categories?.sheet).toBe(fake.sheet("催缴看板"));
    expect(chart.categories?.rect.rows).toBe(chart.values.rect.rows);
    expect(chart.title).not.toBe("");
    expect(fake.sheet("公告栏").printTitleRows).toMatch(/^\$\d+:\$\d+$/);
  });

  it("syncs grow only with the bytes sent (chunks of ~4 MB), never with the rows' operations; no request over 5 MB", async () => {
    const measured: {
      households: number;
      syncs: number;
      request: number;
      total: number;
      response: number;
    }[] = [];
    for (const n of [10, 100_000]) {
      const fake = new FakeExcel();
      fake.addSheet("台账", ledger(n));
      const workbook = officeOn(fake);
      const grid = await workbook.readGrid();
      const readSyncs = fake.syncs;
      const outcome = runJob(grid, OPTIONS);
      if (!outcome.ok) throw new Error(outcome.error["en-US"]);
      expect(outcome.result.read.households).toHaveLength(n);
      await workbook.writeOutputs(jobOutputs(outcome.result));
      measured.push({
        households: n,
        syncs: fake.syncs,
        request: fake.maxRequestBytes,
        total: fake.totalRequestBytes,
        response: fake.maxResponseBytes,
      });
      expect(readSyncs).toBeLessThanOrEqual(n > 1000 ? 6 : 3);
      expect(fake.maxRequestBytes).toBeLessThan(LIMIT);
      expect(fake.maxResponseBytes).toBeLessThan(LIMIT);
      expect(fake.sheet("催缴分类").values().length).toBeGreaterThan(n);
      // A fixed handful of syncs, plus one per ~3 MB actually sent: the chunks are kept full.
      expect(fake.syncs).toBeLessThanOrEqual(8 + Math.ceil(fake.totalRequestBytes / 3_000_000));
    }
    process.stdout.write(`Office.js edge on the fake: ${JSON.stringify(measured)}\n`);
    // Small sheets: a fixed number of syncs (read 2; write: the lock with the sheet list and the markers, then
    // the data with the completion, the release and the optional parts). Large ones: only the chunking adds
    // syncs (bytes ÷ 4.5 MB).
    expect(measured[0].syncs).toBeLessThanOrEqual(4);
  }, 240_000);

  it("a failure in the middle of writing leaves the user's sheets as they were, each output as it was or marked incomplete, and the next run completes them", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(20));
    const office = officeOn(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const snapshot = (s: FakeSheet) =>
      JSON.stringify([s.name, s.visibility, s.values(), s.tables.map((t) => t.name)]);
    const before = new Map(fake.sheets.map((s) => [s, snapshot(s)]));
    const user = snapshot(fake.sheet("台账"));
    // The second run fails while writing its third sheet's values.
    fake.operations = 0;
    fake.failOperationKind = /^range\.values$/;
    fake.failAtOperation = 3;
    await expect(runJobOnWorkbook(office, OPTIONS)).rejects.toThrow(
      /写入“.*公告栏.*”时出错：.*您的工作表未改动；第一行标有“未完成”的结果工作表请重新运行补全/,
    );
    expect(fake.names).toEqual([]); // the lock is released
    expect(snapshot(fake.sheet("台账"))).toBe(user);
    // The same sheets (nothing deleted or added), each either as it was or saying so in its first cell.
    expect(fake.sheets).toEqual([...before.keys()]);
    for (const [sheet, was] of before)
      if (snapshot(sheet) !== was) expect(String(sheet.cells[0]?.[0]?.value)).toMatch(/^⚠ 未完成/);
    expect(fake.sheets.some((s) => String(s.cells[0]?.[0]?.value).startsWith("⚠"))).toBe(true);
    fake.failAtOperation = null;
    await runJobOnWorkbook(office, OPTIONS);
    expect(fake.sheets).toEqual([...before.keys()]);
    for (const [sheet, was] of before) expect(snapshot(sheet)).toBe(was);
  });

  it("running twice gives the same sheets, and a later round appends to the record without rewriting it", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    const office = officeOn(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const record = () => fake.sheet("催缴记录").values();
    const first = record();
    expect(first.length).toBeGreaterThan(1);
    await runJobOnWorkbook(office, OPTIONS); // same day: nothing logged twice
    expect(record()).toEqual(first);
    expect(fake.sheetNames()).toEqual(["台账", "催缴记录", ...OUTPUTS]);
    const before = fake.syncs;
    await runJobOnWorkbook(office, NEXT_ROUND);
    // Read (2: the sheet list; the used ranges, markers and corners); the lock with the sheet list, markers,
    // tables, the team's cells and the record's end (1); the sheets with the record's tables' ranges (1); the
    // record's rows, the completion, the release and the optional parts (1).
    expect(fake.syncs - before).toBeLessThanOrEqual(5);
    const later = record();
    expect(later.length).toBeGreaterThan(first.length);
    expect(later.slice(0, first.length)).toEqual(first);
    // The record's table was stretched over the new rows.
    const table = fake.sheet("催缴记录").tables[0];
    expect(table.rect.row + table.rect.rows).toBe(later.length);
    expect(later.some((row) => row.includes("第2次提醒"))).toBe(true);
  });

  it("a record sheet with no header it can read keeps every row: the round goes below everything, under a header", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    const notes = [["组长交代：先打电话"], [null], ["上周已上门三户"]];
    fake.addSheet("催缴记录", notes);
    await runJobOnWorkbook(officeOn(fake), OPTIONS);
    const record = fake.sheet("催缴记录").values();
    expect(record.slice(0, 3).map((r) => r[0])).toEqual(["组长交代：先打电话", "", "上周已上门三户"]);
    expect(record[4].slice(0, 2)).toEqual(["日期", "房号"]);
    expect(record.length).toBeGreaterThan(5);
  });

  it("the record is append-only: two rounds with a crash between them and a rerun leave no duplicate and no loss", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(15));
    const office = officeOn(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const record = () => fake.sheet("催缴记录").values();
    const first = record();
    const later = NEXT_ROUND;
    // The second round dies in the middle of its writes.
    fake.operations = 0;
    fake.failOperationKind = /^range\.values$/;
    fake.failAtOperation = 2;
    await expect(runJobOnWorkbook(office, later)).rejects.toThrow(/您的工作表未改动/);
    expect(record()).toEqual(first);
    // Run again: the round is logged once; a third run the same day adds nothing.
    fake.failAtOperation = null;
    await runJobOnWorkbook(office, later);
    const second = record();
    await runJobOnWorkbook(office, later);
    expect(record()).toEqual(second);
    expect(second.slice(0, first.length)).toEqual(first);
    const logged = second.slice(first.length).map((row) => `${row[1]} ${row[3]}`);
    expect(logged.length).toBeGreaterThan(0);
    expect(new Set(logged).size).toBe(logged.length);
  });

  it("a round of tens of thousands of notices is appended to the record in requests under 5 MB", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(90_000));
    const office = officeOn(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const first = fake.sheet("催缴记录").values().length;
    fake.maxRequestBytes = 0;
    const syncsBefore = fake.syncs;
    await runJobOnWorkbook(office, NEXT_ROUND);
    const appended = fake.sheet("催缴记录").values().length - first;
    expect(appended).toBeGreaterThan(60_000);
    expect(fake.maxRequestBytes).toBeLessThan(LIMIT);
    expect(fake.syncs - syncsBefore).toBeGreaterThan(4);
  }, 240_000);

  it("never writes cell text as a formula", async () => {
    const fake = new FakeExcel();
    const rows = ledger(3);
    rows[2][1] = "=1+1";
    rows[3][1] = "@SUM(A1)";
    fake.addSheet("台账", rows);
    await runJobOnWorkbook(officeOn(fake), OPTIONS);
    const cells = fake
      .sheet("催缴分类")
      .cells.flat()
      .filter((c) => c !== undefined);
    expect(cells.some((c) => c?.formula)).toBe(false);
    expect(cells.some((c) => c?.value === "=1+1")).toBe(true);
    expect(cells.some((c) => c?.value === "@SUM(A1)")).toBe(true);
  });
});
