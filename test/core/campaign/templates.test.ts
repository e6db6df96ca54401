import { SheetGrid } from "../../../src/core/read/grid";
import { LADDER, NOTICE_STAGES, bandColour, parseStage } from "../../../src/core/campaign/stages";
import {
  DEFAULT_TEMPLATES,
  TEMPLATE_FIELDS,
  fillTemplate,
  findThreat,
  readTemplates,
  templatesSheet,
  unknownPlaceholders,
} from "../../../src/core/campaign/templates";
import { TableBlock } from "../../../src/core/output";
import { cellText } from "../../../src/core/read/values";

describe("the stages", () => {
  it.each([
    ["6", 6],
    ["第6次", 6],
    ["第六次提醒", 6],
    ["第10次提醒", 10],
    ["Reminder 3", 3],
    ["致业主书", 11],
    ["催告函", 12],
    ["律師函", 13],
    ["Lawyer's letter", 13],
    ["缴费致谢", "thanks"],
    ["分期", "instalment"],
    ["承诺跟进", "followUp"],
    ["第14次", null],
    ["电话", null],
  ])("reads %s as %s", (text, stage) => {
    expect(parseStage(text)).toBe(stage);
  });

  it("colours the ten reminders from light to dark", () => {
    const luminance = (hex: string) =>
      0.299 * parseInt(hex.slice(0, 2), 16) +
      0.587 * parseInt(hex.slice(2, 4), 16) +
      0.114 * parseInt(hex.slice(4), 16);
    const ten = LADDER.slice(0, 10).map((s) => luminance(bandColour(s).fill));
    for (let i = 1; i < ten.length; i++) expect(ten[i]).toBeLessThan(ten[i - 1]);
    expect(bandColour(1).text).toBe("1F1F1F");
    expect(bandColour(10).text).toBe("FFFFFF");
  });
});

describe("the default templates", () => {
  it.each(NOTICE_STAGES.flatMap((s) => (["zh-CN", "en-US"] as const).map((l) => [String(s), l] as const)))(
    "stage %s (%s) names only known placeholders and threatens nothing",
    (stage, lang) => {
      const key = (/^\d+$/.test(stage) ? Number(stage) : stage) as keyof typeof DEFAULT_TEMPLATES;
      for (const field of TEMPLATE_FIELDS) {
        const text = DEFAULT_TEMPLATES[key][lang][field];
        expect(text.length).toBeGreaterThan(0);
        expect(unknownPlaceholders(text)).toEqual([]);
        expect(findThreat(text)).toBeNull();
      }
    },
  );

  it("fills placeholders by their Chinese or English names", () => {
    const values = {
      estate: "锦绣花园",
      owner: "张伟",
      room: "1-101",
      amount: "¥300.00",
      months: "1",
      period: "2026年10月",
      asOf: "2026年11月20日",
      lateFee: "—",
      total: "¥300.00",
      deadline: "2026年11月27日",
      servicePhone: "0571-88886666",
      serviceAddress: "锦绣花园1栋101",
      payment: "请到物业服务中心缴纳",
      date: "2026年11月24日",
      promisedDate: "—",
      lawFirm: "示例律师事务所",
      company: "杭州示例物业服务有限公司",
      demandDelivery: "—",
      lateFeeClause: "",
      lateFeeNote: "",
      lateFeeWarning: "",
      instalmentDue: "—",
      instalmentAmount: "—",
      instalmentPlan: "—",
    };
    expect(fillTemplate("{业主}（{room}）欠{欠费金额}，请于｛截止日期｝前缴纳", values)).toBe(
      "张伟（1-101）欠¥300.00，请于2026年11月27日前缴纳",
    );
  });
});

describe("threats the law forbids", () => {
  it.each([
    ["逾期不缴将停水停电", "停水"],
    ["我们将停止供暖", "停止供暖"],
    ["断电处理", "断电"],
    ["限制使用电梯", "限制使用电梯"],
    ["we will cut off your water", "cut off"],
    ["Your electricity may be disconnected", "disconnect"],
  ])("finds %s", (text, found) => {
    expect(findThreat(text)).toBe(found);
  });

  it.each([
    "物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费。",
    "我们绝不会停水停电",
    "The provider may not cut off electricity, water, heating or gas to collect the fee.",
    "We will never cut off the water.",
  ])("allows the negated mention %s", (text) => {
    expect(findThreat(text)).toBeNull();
  });
});

function templatesGrid(rows: (string | null)[][]): SheetGrid {
  return {
    name: "通知模板",
    firstRow: 1,
    firstColumn: 1,
    rows: [
      ["通知模板"],
      ["说明"],
      ["占位符"],
      ["阶段", "名称", "语言", "标题", "正文", "短信", "检查"],
      ...rows,
    ],
  };
}

describe("the 通知模板 sheet", () => {
  it("takes the team's wording, keeps defaults for blank cells and for stages not on the sheet", () => {
    const r = readTemplates(
      templatesGrid([["1", "第1次提醒", "zh-CN", "温馨提示", "{业主}您好：\n请缴纳{欠费金额}。", null]]),
    );
    expect(r.problems).toEqual([]);
    expect(r.templates[1]["zh-CN"]).toEqual({
      title: "温馨提示",
      body: "{业主}您好：\n请缴纳{欠费金额}。",
      sms: DEFAULT_TEMPLATES[1]["zh-CN"].sms,
    });
    expect(r.templates[2]).toEqual(DEFAULT_TEMPLATES[2]);
    expect(r.templates[1]["en-US"]).toEqual(DEFAULT_TEMPLATES[1]["en-US"]);
  });

  it("reports an unknown placeholder with the stage and cell, and uses the default text", () => {
    const r = readTemplates(templatesGrid([["6", "第6次提醒", "zh-CN", null, "{业主姓名}：请缴费", null]]));
    expect(r.templates[6]["zh-CN"].body).toBe(DEFAULT_TEMPLATES[6]["zh-CN"].body);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ stage: 6, lang: "zh-CN", field: "body", cell: "E5" });
    expect(r.problems[0].message["zh-CN"]).toContain("{业主姓名}");
    expect(r.problems[0].message["zh-CN"]).toContain("第6次提醒");
    expect(r.problems[0].message["en-US"]).toContain('sheet "通知模板" E5');
  });

  it("refuses a template that threatens to cut utilities", () => {
    const r = readTemplates(templatesGrid([["10", "", "zh-CN", null, null, "再不缴费将停水停电"]]));
    expect(r.templates[10]["zh-CN"].sms).toBe(DEFAULT_TEMPLATES[10]["zh-CN"].sms);
    expect(r.problems[0].cell).toBe("F5");
    expect(r.problems[0].message["zh-CN"]).toContain("民法典第944条");
  });

  it("writes every stage in both languages, with problems beside them, and reads its own output back", () => {
    const read = readTemplates(templatesGrid([["6", "", "zh-CN", null, "{xyz}", null]]));
    const sheet = templatesSheet(read.templates, "zh-CN", read.problems);
    const table = sheet.blocks.find((b): b is TableBlock => b.kind === "table") as TableBlock;
    expect(table.rows).toHaveLength(NOTICE_STAGES.length * 2);
    const row6 = table.rows.find((r) => r[0] === "6" && r[2] === "zh-CN") as (string | null)[];
    expect(row6[6]).toContain("{xyz}");
    // The sheet as written, read again, gives the same templates.
    const grid: SheetGrid = {
      name: sheet.name,
      firstRow: 1,
      firstColumn: 1,
      rows: [
        ...sheet.blocks.filter((b) => b.kind === "text").map((b) => [b.kind === "text" ? b.text : null]),
        table.columns.map((c) => c.header),
        ...table.rows.map((r) => r.map((c) => (c === null || typeof c === "string" ? c : cellText(c)))),
      ],
    };
    expect(readTemplates(grid).templates).toEqual(read.templates);
  });
});
