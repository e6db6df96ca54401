import { CellValue, SheetGrid, WorkbookGrid } from "../../src/core/read/grid";
import { jobReport, runJob } from "../../src/core/job";
import { TableBlock } from "../../src/core/output";
import { estateFromTitle } from "../../src/core/read/reader";

const ledger: SheetGrid = {
  name: "台账",
  firstRow: 1,
  firstColumn: 1,
  rows: [
    ["锦绣花园 2026年物业费台账"],
    ["房号", "业主", "欠费月数", "欠费金额", "备注"],
    ["1-101", "张伟", 0, 0, null],
    ["1-102", "李娜", 8, 2400, "多次拒缴"],
    ["1-103", "王芳", 4, 1200, "楼上漏水"],
  ],
};

function settingsSheet(rows: CellValue[][], name = "催缴设置"): SheetGrid {
  return { name, firstRow: 1, firstColumn: 1, rows };
}

function job(sheets: SheetGrid[], options: Partial<Parameters<typeof runJob>[1]> = {}) {
  const workbook: WorkbookGrid = { sheets, date1904: false };
  const outcome = runJob(workbook, { today: "2026-11-21", ...options });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.result;
}

describe("the whole job", () => {
  it("reads, classifies and builds every output sheet, with the estate taken from the title", () => {
    const r = job([ledger]);
    expect(r.asOf).toBe("2026-11-21");
    expect(r.summary.classes).toEqual({ timely: 1, frequent: 1, longTerm: 0, malicious: 1 });
    expect(r.sheets.map((s) => s.name)).toEqual([
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
    ]);
    expect(r.settings.estateName).toBe("锦绣花园");
    const settingsTable = r.sheets[5].blocks.find((b): b is TableBlock => b.kind === "table") as TableBlock;
    expect(settingsTable.rows[0]).toEqual(["小区名称", "锦绣花园", expect.any(String), null]);
  });

  it("takes the as-of date, language and thresholds from the settings sheet, and the command line over them", () => {
    const settings = settingsSheet([
      ["设置项", "值"],
      ["截止日期", "2026-06-30"],
      ["长期拖欠起点（月）", 9],
      ["语言", "en-US"],
    ]);
    const r = job([ledger, settings]);
    expect(r.asOf).toBe("2026-06-30");
    expect(r.lang).toBe("en-US");
    expect(r.sheets.map((s) => s.name)).toEqual([
      "Classification",
      "Bulletin",
      "Dashboard",
      "Notices",
      "Notice templates",
      "Settings",
      "Read report",
      "Daily report",
      "Phone scripts",
      "Fee Q&A",
    ]);
    expect(r.verdicts.find((v) => v.household.room === "1-102")?.kind).toBe("malicious");
    expect(job([ledger, settings]).summary.classes.longTerm).toBe(0);
    const overridden = job([ledger, settings], { asOf: "2026-11-20", lang: "zh-CN" });
    expect([overridden.asOf, overridden.lang]).toEqual(["2026-11-20", "zh-CN"]);
  });

  it("reports a bad setting and carries on with the default", () => {
    const r = job([ledger, settingsSheet([["公示姓名方式", "全部公开"]])]);
    expect(r.settingsProblems[0]["zh-CN"]).toContain("公示姓名方式");
    expect(r.settings.maskMode).toBe("roomOnly");
    expect(jobReport(r, [], "out.xlsx").join("\n")).toContain("设置：工作表“催缴设置”第 1 行");
  });

  it("reads the user's sheet again from its own output workbook (its own sheets are never taken for arrears)", () => {
    const first = job([ledger]);
    const asGrid = (name: string): SheetGrid => {
      const sheet = first.sheets.find((s) => s.name === name);
      const rows: CellValue[][] = [];
      for (const block of sheet?.blocks ?? []) {
        if (block.kind === "text") rows.push([block.text]);
        if (block.kind === "table")
          rows.push(
            block.columns.map((c) => c.header),
            ...block.rows.map((r) => [...r]),
          );
      }
      return { name, firstRow: 1, firstColumn: 1, rows };
    };
    const again = job([ledger, ...first.sheets.map((s) => asGrid(s.name))]);
    expect(again.read.sheet).toBe("台账");
    expect(again.summary).toEqual(first.summary);
  });

  it("says why when there is no arrears table", () => {
    const outcome = runJob(
      { sheets: [settingsSheet([["x"]], "Sheet1")], date1904: false },
      { today: "2026-11-21" },
    );
    expect(outcome.ok).toBe(false);
  });

  it.each([
    ["锦绣花园 2024年12月—2026年11月 物业费缴费台账", "锦绣花园"],
    ["锦绣花园二期 欠费汇总表（截至2026年11月20日）", "锦绣花园二期"],
    ["翠湖苑2025年度物业费收缴表", "翠湖苑"],
    ["Delinquency Report", ""],
    ["报表导出人：张三", ""],
    ["", ""],
  ])("estate from the title %p → %p", (title, estate) => {
    expect(estateFromTitle(title)).toBe(estate);
  });
});
