import ExcelJS from "exceljs";
import * as fs from "fs";
import { FLAGS, KINDS } from "../src/core/classify/kinds";
import { runJob } from "../src/core/job";
import { openWorkbookFile } from "../src/xlsx/open";
import { SAMPLE_PATH, makeSampleWorkbook } from "../scripts/make-sample";

function values(workbook: ExcelJS.Workbook): unknown[] {
  const out: unknown[] = [];
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value;
        out.push([ws.name, r, c, v instanceof Date ? v.toISOString() : JSON.stringify(v)]);
      });
    });
  }
  return out;
}

describe("the bundled sample", () => {
  it("is exactly what the seeded script makes (npm run sample)", async () => {
    const committed = new ExcelJS.Workbook();
    await committed.xlsx.readFile(SAMPLE_PATH);
    const regenerated = new ExcelJS.Workbook();
    await regenerated.xlsx.load(await (await makeSampleWorkbook()).xlsx.writeBuffer());
    expect(values(committed)).toEqual(values(regenerated));
  });

  it("has 300+ households over 24 months with every kind and flag, and a second sheet one row per household", async () => {
    const opened = await openWorkbookFile(
      new Uint8Array(fs.readFileSync(SAMPLE_PATH)),
      "sample-arrears.xlsx",
    );
    const main = runJob(opened.grid, { today: "2026-11-21", asOf: "2026-11-20" });
    if (!main.ok) throw new Error(main.error["en-US"]);
    const r = main.result;
    expect(r.read.layout).toBe("monthly");
    expect(r.read.monthColumns).toHaveLength(24);
    expect(r.read.households.length).toBeGreaterThanOrEqual(300);
    for (const kind of KINDS) expect([kind, r.verdicts.some((v) => v.kind === kind)]).toEqual([kind, true]);
    for (const flag of FLAGS)
      expect([flag, r.verdicts.some((v) => v.flags.includes(flag))]).toEqual([flag, true]);
    // the refusal that comes with a leak is a dispute, not malice
    const leak = r.verdicts.find((v) => v.household.notes === "因漏水拒缴");
    expect(leak?.kind).not.toBe("malicious");
    expect(leak?.flags).toContain("dispute");
    // the quirks: a formula-like name stays text, an error value is reported, amounts typed as text are read
    expect(r.verdicts.some((v) => v.household.owner === "=张三")).toBe(true);
    expect(r.read.problems.map((p) => p.value)).toEqual(["#N/A"]);
    expect(r.read.skipped.map((s) => [s.sheet, s.reason["en-US"]])).toEqual([
      ["物业费台账", expect.stringContaining("totals row")],
      ["二期欠费汇总", expect.stringContaining("totals row")],
    ]);
    // both sheets of the estate are read, each household keeping its sheet
    expect(r.read.sheets.map((s) => [s.sheet, s.layout, s.households])).toEqual([
      ["物业费台账", "monthly", 352],
      ["二期欠费汇总", "household", 48],
    ]);
    const phaseTwo = r.verdicts.filter((v) => v.household.sheet === "二期欠费汇总");
    const owed = phaseTwo.reduce((sum, v) => sum + (v.household.amountOverdue ?? 0), 0);
    // the sheet's own 合计 says ¥58,433.20: its SUM leaves out the three amounts typed as text (¥543.20 …)
    expect(Math.round(owed * 100) / 100).toBe(61941.6);
    const second = runJob(opened.grid, { today: "2026-11-21", asOf: "2026-11-20", sheet: "二期欠费汇总" });
    if (!second.ok) throw new Error(second.error["en-US"]);
    expect(second.result.read.layout).toBe("household");
    expect(second.result.verdicts.some((v) => v.flags.includes("limitationRisk"))).toBe(true);
  });

  it("carries its own as-of date (催缴设置 计至日期 2026-11-20): its figures do not move with today's date", async () => {
    const opened = await openWorkbookFile(
      new Uint8Array(fs.readFileSync(SAMPLE_PATH)),
      "sample-arrears.xlsx",
    );
    for (const today of ["2026-11-21", "2026-12-01", "2031-06-15"]) {
      const outcome = runJob(opened.grid, { today });
      if (!outcome.ok) throw new Error(outcome.error["en-US"]);
      const r = outcome.result;
      expect([today, r.asOf]).toEqual([today, "2026-11-20"]);
      const timely = r.verdicts.filter((v) => v.kind === "timely").length;
      const inArrears = r.verdicts.filter((v) => v.inArrears).length;
      // Households one month late after a clean history stay 按时缴纳 (新近逾期).
      expect([today, timely, inArrears]).toEqual([today, 247, 163]);
      expect(r.settings.servicePhone).not.toBe("");
      expect(r.settings.serviceAddress).not.toBe("");
    }
  });
});
