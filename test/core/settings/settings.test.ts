import { SheetGrid } from "../../../src/core/read/grid";
import {
  DEFAULT_SETTINGS,
  parseDailyRate,
  readSettings,
  settingsSheet,
} from "../../../src/core/settings/settings";
import { TableBlock } from "../../../src/core/output";

function settingsGrid(rows: (string | number | null)[][], name = "催缴设置"): SheetGrid {
  return { name, rows, firstRow: 1, firstColumn: 1 };
}

/** The settings sheet as the edge writes it, read back as a grid. */
function asGrid(
  lang: "zh-CN" | "en-US",
  edit: (rows: (string | number | null)[][]) => void = () => undefined,
): SheetGrid {
  const sheet = settingsSheet(DEFAULT_SETTINGS, lang);
  const table = sheet.blocks.find((b): b is TableBlock => b.kind === "table") as TableBlock;
  const rows = [
    ["title"],
    ["note"],
    table.columns.map((c) => c.header),
    ...table.rows.map((r) =>
      r.map((c) =>
        c instanceof Date || typeof c === "boolean" || (c !== null && typeof c === "object") ? null : c,
      ),
    ),
  ];
  edit(rows);
  return settingsGrid(rows, sheet.name);
}

describe("settings sheet", () => {
  it("gives the defaults when there is no sheet", () => {
    expect(readSettings(undefined)).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: [],
      problemsByKey: {},
      found: false,
    });
  });

  it("round-trips the defaults through the sheet in both languages", () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const reading = readSettings(asGrid(lang));
      expect(reading.problems).toEqual([]);
      expect(reading.settings).toEqual(DEFAULT_SETTINGS);
    }
  });

  it("reads the team's values", () => {
    const grid = settingsGrid([
      ["设置项", "值", "说明"],
      ["小区名称", "锦绣花园", ""],
      ["客服电话", "0571-8888 6666", ""],
      ["截止日期", "2026/11/20", ""],
      ["长期拖欠起点（月）", "9", ""],
      ["公示姓名方式", "姓名打码", ""],
      ["公示时排除纠纷户", "否", ""],
      ["滞纳金日费率", "万分之五", ""],
      ["语言", "English", ""],
    ]);
    const { settings, problems } = readSettings(grid);
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      estateName: "锦绣花园",
      servicePhone: "0571-8888 6666",
      asOf: "2026-11-20",
      longTermMonths: 9,
      maskMode: "masked",
      excludeDisputed: false,
      lateFeeRatePerDay: 0.0005,
      language: "en-US",
    });
  });

  it("names a bad setting and keeps its default", () => {
    const grid = asGrid("zh-CN", (rows) => {
      const r = rows.findIndex((row) => row[0] === "长期拖欠起点（月）");
      rows[r][1] = "半年";
    });
    const { settings, problems } = readSettings(grid);
    expect(settings.longTermMonths).toBe(6);
    expect(problems).toHaveLength(1);
    expect(problems[0]["zh-CN"]).toMatch(/第 \d+ 行，设置“长期拖欠起点（月）”的值“半年”无效.*默认值 6/);
    expect(problems[0]["en-US"]).toContain('setting "Long-term from (months)" has the value "半年"');
    // rewritten, the sheet keeps what was typed beside the default in force
    const rewritten = settingsSheet(DEFAULT_SETTINGS, "zh-CN", readSettings(grid).problemsByKey);
    const table = rewritten.blocks.find((b): b is TableBlock => b.kind === "table") as TableBlock;
    const row = table.rows.find((r) => r[0] === "长期拖欠起点（月）");
    expect(row?.[1]).toBe(6);
    expect(row?.[3]).toContain("原值“半年”无效");
  });

  it("refuses thresholds in the wrong order", () => {
    const { settings, problems } = readSettings(
      settingsGrid([
        ["经常拖欠起点（月）", 8],
        ["长期拖欠起点（月）", 6],
      ]),
    );
    expect(settings).toMatchObject({ frequentMonths: 2, longTermMonths: 6 });
    expect(problems[0]["en-US"]).toContain("must be below");
  });

  it.each([
    [0.0003, 0.0003],
    ["0.03%", 0.0003],
    ["0.3‰", 0.0003],
    ["万分之三", 0.0003],
    ["每日万分之5", 0.0005],
    ["5%", null],
    ["很多", null],
  ])("daily rate %p → %p", (cell, expected) => {
    const rate = parseDailyRate(cell);
    if (expected === null) expect(rate).toBeNull();
    else expect(rate).toBeCloseTo(expected, 10);
  });
});
