import { SheetGrid, WorkbookGrid } from "../../../src/core/read/grid";
import { OutputSheet, TableBlock } from "../../../src/core/output";
import {
  DEFAULT_GREETINGS,
  GREETING_KINDS,
  GREETING_PLACEHOLDERS,
  greetingSmsCsv,
  greetingYear,
  greetings,
  readGreetings,
} from "../../../src/core/campaign/greetings";
import { findThreat, readTemplates } from "../../../src/core/campaign/templates";
import { unknownNames } from "../../../src/core/campaign/team-texts";
import { runJob } from "../../../src/core/job";
import { DEFAULT_SETTINGS } from "../../../src/core/settings/settings";
import { makeHousehold } from "../../support/household";

function gridOf(sheet: OutputSheet): SheetGrid {
  const table = sheet.blocks.find((b): b is TableBlock => b.kind === "table") as TableBlock;
  return {
    name: sheet.name,
    firstRow: 1,
    firstColumn: 1,
    rows: [
      ...sheet.blocks.filter((b) => b.kind === "text").map((b) => [b.kind === "text" ? b.text : null]),
      table.columns.map((c) => c.header),
      ...table.rows.map((r) => [...r]),
    ],
  };
}

const ledger: SheetGrid = {
  name: "台账",
  firstRow: 1,
  firstColumn: 1,
  rows: [
    ["锦绣花园 物业费台账"],
    ["房号", "业主", "电话", "欠费月数", "欠费金额"],
    ["1-101", "张伟", "13800000001", 0, 0],
    ["1-102", "李娜", "0571-8888666", 4, 1200],
  ],
};

function job(sheets: SheetGrid[]) {
  const workbook: WorkbookGrid = { sheets, date1904: false };
  const outcome = runJob(workbook, { today: "2026-12-20" });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.result;
}

describe("the greetings (新年贺卡, 温馨提醒)", () => {
  it("default texts name only known placeholders and threaten nothing", () => {
    for (const kind of GREETING_KINDS)
      for (const lang of ["zh-CN", "en-US"] as const)
        for (const text of Object.values(DEFAULT_GREETINGS[kind][lang])) {
          expect(unknownNames(text, GREETING_PLACEHOLDERS)).toEqual([]);
          expect(findThreat(text)).toBeNull();
        }
  });

  it("are rows of 通知模板 below the notices', read back with the team's wording and the same checks", () => {
    const first = job([ledger]);
    const templates = first.sheets.find((s) => s.name === "通知模板") as OutputSheet;
    const grid = gridOf(templates);
    const rows = grid.rows.map((r) => [...r]);
    expect(
      rows.filter((r) => r[0] === "newYear" || r[0] === "warmReminder").map((r) => [r[0], r[1], r[2]]),
    ).toEqual([
      ["newYear", "新年贺卡", "zh-CN"],
      ["newYear", "New Year card", "en-US"],
      ["warmReminder", "温馨提醒", "zh-CN"],
      ["warmReminder", "Friendly reminder", "en-US"],
    ]);
    expect(String(rows[2][0])).toContain("{负责人}");
    // Read back unchanged, and the notices' templates see nothing of them.
    expect(readGreetings(grid)).toEqual({ greetings: DEFAULT_GREETINGS, problems: [] });
    expect(readTemplates(grid).problems).toEqual([]);
    // The team edits: a new body kept, a threat and an unknown placeholder reported with the cell.
    const at = (kind: string, lang: string) => rows.findIndex((r) => r[0] === kind && r[2] === lang);
    rows[at("newYear", "zh-CN")][4] = "{业主}您好，{服务中心}{负责人}给您拜年了！";
    rows[at("warmReminder", "zh-CN")][5] = "{房号}业主：请缴费，否则停水。";
    rows[at("warmReminder", "en-US")][3] = "Hello {tenant}";
    const read = readGreetings({ ...grid, rows });
    expect(read.greetings.newYear["zh-CN"].body).toBe("{业主}您好，{服务中心}{负责人}给您拜年了！");
    expect(read.greetings.warmReminder["zh-CN"].sms).toBe(DEFAULT_GREETINGS.warmReminder["zh-CN"].sms);
    expect(read.problems.map((p) => [p.kind, p.lang, p.field, p.cell])).toEqual([
      ["warmReminder", "zh-CN", "sms", `F${at("warmReminder", "zh-CN") + 1}`],
      ["warmReminder", "en-US", "title", `D${at("warmReminder", "en-US") + 1}`],
    ]);
    expect(read.problems[0].message["zh-CN"]).toContain("民法典第944条");
    // A run on that workbook reports them, and shows them in the 检查 column.
    const second = job([ledger, { ...grid, rows }]);
    const table = (second.sheets.find((s) => s.name === "通知模板") as OutputSheet).blocks.find(
      (b): b is TableBlock => b.kind === "table",
    ) as TableBlock;
    const checked = table.rows.find((r) => r[0] === "warmReminder" && r[2] === "zh-CN") as readonly unknown[];
    expect(String(checked[6])).toContain("停水");
  });

  it("go to every household, signed by the service centre and its manager; SMS to mobiles only", () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      estateName: "锦绣花园",
      servicePhone: "0571-88886666",
      serviceManager: "周建国",
    };
    const households = [
      makeHousehold({ room: "1-101", owner: "张伟", phone: "13800000001" }),
      makeHousehold({
        room: "1-102",
        owner: "李娜",
        phone: "0571-8888666",
        amountOverdue: 1200,
        monthsOverdue: 4,
      }),
    ];
    const cards = greetings("newYear", households, readGreetings(undefined), settings, "2026-12-20", "zh-CN");
    expect(cards).toHaveLength(2);
    expect(cards[0].letter.signature).toEqual(["锦绣花园物业服务中心", "负责人：周建国", "2026年12月20日"]);
    expect(cards[0].letter.paragraphs[0]).toContain("2027年新春佳节");
    expect(cards[0].letter.salutation).toBe("尊敬的 1-101 业主 张伟：");
    expect(cards[0].sms).toBe(
      "【锦绣花园】张伟您好！锦绣花园物业服务中心恭祝您和家人新春快乐、阖家幸福！感谢您一年来的支持。0571-88886666",
    );
    expect(cards[0].smsTooLong).toBe(false);
    expect(cards[1].sms).toBeNull();
    const csv = greetingSmsCsv(cards, "zh-CN");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(2);
    expect(csv).toContain("新年贺卡");
    const reminder = greetings(
      "warmReminder",
      households,
      readGreetings(undefined),
      settings,
      "2027-02-20",
      "en-US",
    );
    expect(reminder[0].letter.title).toBe("A friendly reminder");
    expect(reminder[0].letter.signature[1]).toBe("Manager: 周建国");
    expect(reminder[0].letter.paragraphs.join(" ")).toContain("the 2027 property fee");
    expect(greetingYear("2027-02-20")).toBe(2027);
    // Without a manager in the settings, a line to sign by hand.
    const unsigned = greetings(
      "newYear",
      households,
      readGreetings(undefined),
      DEFAULT_SETTINGS,
      "2026-12-20",
      "zh-CN",
    );
    expect(unsigned[0].letter.signature[1]).toBe("负责人：________");
  });
});
