import * as fs from "fs";
import ExcelJS from "exceljs";
import { runJob } from "../../src/core/job";
import { readWorkbookFile } from "../../src/cli/node-file";
import { OpenedWorkbook, WorkbookOpenError } from "../../src/xlsx/open";
import { PackageWorkbook } from "../../src/xlsx/package-workbook";
import { XlsxRunOutcome, runOnWorkbookFile } from "../../src/xlsx/run";
import { describeWithShared, sharedPath } from "../support/shared";

/** What each real workbook is expected to give: read as an arrears table, or refused with a reason. */
const EXPECTED: Record<string, "read" | "refused"> = {
  "cn01_microcommunity_importFeeDetail.xlsx": "read",
  "cn02_microcommunity_importCarFeeDetail.xlsx": "read",
  "en16_appfolio_delinquency_REDACTED.xlsx": "read",
  "en19_remi_delinquency_eviction_tracker.csv": "read",
};

const PAYMENTS_ONLY = { layout: "bill", households: 1, owing: 0, total: 0, unknown: 1 } as const;

/** What the arrears and fee lists among them must give on 2026-11-21: layout, households, those owing and the total. */
interface Owed {
  layout: string;
  households: number;
  owing: number;
  total: number;
  /** Households whose amount the list does not say (a payment record says what was paid, not what is owed). */
  unknown: number;
}
const OWED: Record<string, Owed> = {
  "cn01_microcommunity_importFeeDetail.xlsx": {
    layout: "bill",
    households: 1,
    owing: 0,
    total: 0,
    unknown: 0,
  },
  "cn02_microcommunity_importCarFeeDetail.xlsx": {
    layout: "bill",
    households: 1,
    owing: 0,
    total: 0,
    unknown: 0,
  },
  "en16_appfolio_delinquency_REDACTED.xlsx": {
    layout: "household",
    households: 746,
    owing: 746,
    total: 544741.59,
    unknown: 0,
  },
  "en19_remi_delinquency_eviction_tracker.csv": {
    layout: "household",
    households: 9,
    owing: 9,
    total: 22620,
    unknown: 0,
  },
  // Proposed for ../shared/real-xlsx by issue 16 (earlier versions of the ERP's fee-history templates, payments
  // only; a month's receipts and AR reconciliation of one estate; the tracker's first snapshot); each is checked
  // once it is there.
  "cn05_microcommunity_importFeeDetail_2020-09-09.xlsx": PAYMENTS_ONLY,
  "cn06_microcommunity_importFeeDetail_2020-09-27.xlsx": PAYMENTS_ONLY,
  "cn07_microcommunity_importFeeDetail_2023-09-04.xlsx": PAYMENTS_ONLY,
  "cn08_microcommunity_importCarFeeDetail_2021-04-16.xlsx": PAYMENTS_ONLY,
  "en15_karlarey_ar_receipts_REDACTED.csv": {
    layout: "bill",
    households: 31,
    owing: 0,
    total: 0,
    unknown: 31,
  },
  "en18_karlarey_ar_reconciliation_REDACTED.csv": {
    layout: "household",
    households: 39,
    owing: 6,
    total: 4543.65,
    unknown: 0,
  },
  "en17_nicola_tenant_arrears_first_snapshot_REDACTED.xlsx": {
    layout: "household",
    households: 12,
    owing: 7,
    total: 77500,
    unknown: 0,
  },
};

async function open(file: string): Promise<OpenedWorkbook> {
  return readWorkbookFile(sharedPath("real-xlsx", file));
}

describeWithShared("real workbooks in ../shared/real-xlsx", () => {
  const files = fs.existsSync(sharedPath("real-xlsx"))
    ? fs.readdirSync(sharedPath("real-xlsx")).filter((f) => /\.(xlsx|xlsm|xls|csv)$/i.test(f))
    : [];

  it("finds the files", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)("%s is read or refused with a clear one-line reason", async (file) => {
    let opened: OpenedWorkbook;
    try {
      opened = await open(file);
    } catch (error) {
      expect(error).toBeInstanceOf(WorkbookOpenError);
      const message = (error as Error).message;
      expect(message).toContain(file);
      expect(message).not.toContain("\n");
      return;
    }
    const outcome = runJob(opened.grid, { today: "2026-11-21" });
    if (outcome.ok) {
      expect(outcome.result.read.households.length).toBeGreaterThan(0);
      // every row below the header is a household or a reported skip
      const read = outcome.result.read;
      const accounted = new Set([
        ...read.households.flatMap((h) => h.rows),
        ...read.skipped.map((s) => s.row),
      ]);
      const sheet = opened.grid.sheets.find((s) => s.name === read.sheet);
      sheet?.rows.forEach((row, i) => {
        const excelRow = sheet.firstRow + i;
        if (excelRow > read.headerRow && row.some((c) => c !== null && c !== ""))
          expect([excelRow, accounted.has(excelRow)]).toEqual([excelRow, true]);
      });
    } else {
      expect(outcome.error["en-US"]).toMatch(/no arrears table found/);
      expect(outcome.error["en-US"]).not.toContain("\n");
    }
    if (EXPECTED[file]) expect([file, outcome.ok ? "read" : "refused"]).toEqual([file, EXPECTED[file]]);
  });

  it.each(files.filter((f) => /\.xlsx$/i.test(f)))(
    "%s: the whole run on the file edge writes a copy that Excel's readers open, the user's sheets as they were",
    async (file) => {
      const bytes = new Uint8Array(fs.readFileSync(sharedPath("real-xlsx", file)));
      let outcome: XlsxRunOutcome;
      try {
        outcome = await runOnWorkbookFile(bytes, file, { today: "2026-11-21" });
      } catch (error) {
        expect(error).toBeInstanceOf(WorkbookOpenError);
        return;
      }
      if (!outcome.ok) return;
      const before = await (await PackageWorkbook.open(bytes, file)).readGrid();
      const after = await (await PackageWorkbook.open(outcome.output, "out.xlsx")).readGrid();
      for (const sheet of before.sheets)
        expect(after.sheets.find((s) => s.name === sheet.name)).toEqual(sheet);
      const viaExcelJs = new ExcelJS.Workbook();
      await viaExcelJs.xlsx.load(outcome.output as unknown as ArrayBuffer);
      expect(viaExcelJs.getWorksheet(outcome.job.sheets[0].name)).toBeDefined();
    },
    30_000,
  );

  it.each(Object.entries(OWED).filter(([file]) => files.includes(file)))(
    "%s: the households it holds and what they owe",
    async (file, owed) => {
      const outcome = runJob((await open(file)).grid, { today: "2026-11-21" });
      if (!outcome.ok) throw new Error(outcome.error["en-US"]);
      const { read, summary } = outcome.result;
      expect({
        layout: read.layout,
        households: read.households.length,
        owing: summary.arrears.households,
        total: summary.arrears.total,
        unknown: read.households.filter((h) => h.amountOverdue === null).length,
      }).toEqual(owed);
      expect(read.problems).toEqual([]);
    },
  );

  it("opens the WPS save (docProps with an ap: prefix and core properties in the default namespace)", async () => {
    const o = await open("cn09_easyexcel_t02_WPS.xlsx");
    expect(o.grid.sheets[0].name).toBe("测试配方1027");
    expect(o.grid.sheets[0].rows.length).toBeGreaterThan(1);
  });

  it("opens the Tencent Docs export (every element prefixed ns2:)", async () => {
    const o = await open("cn10_easyexcel_t04_TencentDocs.xlsx");
    expect(o.grid.sheets[0].rows[0]).toEqual(expect.arrayContaining(["序号", "ID号", "工位号"]));
    expect(o.grid.sheets[0].rows.length).toBeGreaterThan(50);
  });

  it("opens a zip with backslash paths (header at row 4, from column C)", async () => {
    const o = await open("cn13_calamine_issue_530_cn_report_backslash_zip.xlsx");
    const sheet = o.grid.sheets[0];
    expect(sheet.name).toBe("出勤分类组织汇总表");
    expect(sheet.rows[3][2]).toBe("领域");
  });

  it("opens a package whose parts live outside xl/, with its hidden sheet", async () => {
    const o = await open("lib30_sheetjs_wtf_path.xlsx");
    expect(o.grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["SheetJS", false],
      ["Hidden", true],
    ]);
  });

  it("opens a whole-sheet data validation at once, and says it narrowed it", async () => {
    const o = await open("lib22_exceljs_issue1842_fullsheet_validation_HANGS.xlsx");
    expect(o.warnings.join()).toContain("narrowed");
  });

  it("trims a sheet that declares 1,048,576 rows to the cells in use", async () => {
    const o = await open("lib28_calamine_issue174_full_dimension.xlsx");
    expect(o.grid.sheets[0].rows).toHaveLength(2);
    expect(o.grid.sheets[0].rows[0][4]).toBe("City ");
  });

  it("reads 1904-system dates right", async () => {
    const o = await open("lib26_calamine_date_1904.xlsx");
    expect(o.grid.date1904).toBe(true);
    expect((o.grid.sheets[0].rows[0][0] as Date).toISOString().slice(0, 10)).toBe("2021-01-01");
  });

  it("reads the AppFolio delinquency export: header at row 11, the Total row skipped", async () => {
    const outcome = runJob((await open("en16_appfolio_delinquency_REDACTED.xlsx")).grid, {
      today: "2026-11-21",
    });
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    const read = outcome.result.read;
    expect(read.headerRow).toBe(11);
    expect(read.households.length).toBeGreaterThan(700);
    expect(read.skipped.map((s) => s.reason["en-US"])).toEqual([expect.stringContaining("totals row")]);
    expect(read.columns.find((c) => c.field === "amount")?.header).toBe("Amount Receivable");
    // one row per tenant ("#1" in many properties is many households), months owed estimated from the rent
    expect(read.layout).toBe("household");
    expect([read.households[0].monthsOverdue, read.households[0].monthsEstimated]).toEqual([2, true]);
    expect(outcome.result.summary.classes).toEqual({ timely: 580, frequent: 157, longTerm: 9, malicious: 0 });
  });

  it("reads the ERP fee history as bills, ignoring the instructions beside it", async () => {
    const outcome = runJob((await open("cn01_microcommunity_importFeeDetail.xlsx")).grid, {
      today: "2026-11-21",
    });
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    expect(outcome.result.read.layout).toBe("bill");
    expect(outcome.result.read.households.map((h) => h.room)).toEqual(["1-1-1001"]);
    expect(outcome.result.read.skipped.every((s) => s.reason["en-US"].includes("beside the table"))).toBe(
      true,
    );
  });

  it("reads the ERP car-fee history as bills keyed by the plate, ignoring the instructions below it", async () => {
    const outcome = runJob((await open("cn02_microcommunity_importCarFeeDetail.xlsx")).grid, {
      today: "2026-11-21",
    });
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    const read = outcome.result.read;
    expect([read.layout, read.headerRow]).toEqual(["bill", 1]);
    expect(read.households.map((h) => [h.account, h.amountOverdue])).toEqual([["1", 0]]);
  });

  it("reads the CSV tracker with US dates and days delinquent", async () => {
    const outcome = runJob((await open("en19_remi_delinquency_eviction_tracker.csv")).grid, {
      today: "2026-11-21",
    });
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    expect(outcome.result.read.headerRow).toBe(7);
    expect(outcome.result.read.households).toHaveLength(9);
  });
});
