import { SheetGrid } from "../../../src/core/read/grid";
import { FAQ_SPEC, OBJECTIONS, SCRIPT_SPEC, scriptBook } from "../../../src/core/campaign/scripts";
import { findThreat } from "../../../src/core/campaign/templates";
import { readTeamTexts, teamTextsSheet, unknownNames } from "../../../src/core/campaign/team-texts";
import { DEFAULT_SETTINGS } from "../../../src/core/settings/settings";
import { TableBlock } from "../../../src/core/output";

function gridOf(sheet: ReturnType<typeof teamTextsSheet>): SheetGrid {
  // The sheet as an edge writes it: title, note, placeholders, then the table's header and rows.
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

describe("the phone scripts (催缴话术) and the fee Q&A (收费答疑)", () => {
  it("default texts name only known placeholders and threaten nothing", () => {
    for (const spec of [SCRIPT_SPEC, FAQ_SPEC])
      for (const row of spec.rows)
        for (const text of Object.values(row.texts)) {
          expect(unknownNames(text, spec.placeholders)).toEqual([]);
          expect(findThreat(text)).toBeNull();
        }
  });

  it("written with the defaults and read back unchanged, in either language's sheet", () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const first = readTeamTexts(SCRIPT_SPEC, undefined);
      const sheet = teamTextsSheet(SCRIPT_SPEC, first, lang);
      expect(sheet.name).toBe(lang === "zh-CN" ? "催缴话术" : "Phone scripts");
      const again = readTeamTexts(SCRIPT_SPEC, gridOf(sheet));
      expect(again.problems).toEqual([]);
      expect([...again.texts]).toEqual([...first.texts]);
    }
  });

  it("keeps the team's wording, and reports a cut-off threat or an unknown placeholder with its cell", () => {
    const sheet = teamTextsSheet(SCRIPT_SPEC, readTeamTexts(SCRIPT_SPEC, undefined), "zh-CN");
    const grid = gridOf(sheet);
    const rows = grid.rows.map((r) => [...r]);
    const at = (id: string) => rows.findIndex((r) => r[0] === id);
    rows[at("opening.frequent")][3] = "您好{业主}，我是物业小王。";
    rows[at("closing.demand")][3] = "再不交就停水停电。";
    rows[at("amount.reminder")][4] = "You owe {amountDue}.";
    const read = readTeamTexts(SCRIPT_SPEC, { ...grid, rows });
    expect(read.texts.get("opening.frequent")?.zh).toBe("您好{业主}，我是物业小王。");
    expect(read.texts.get("closing.demand")?.zh).toBe(
      SCRIPT_SPEC.rows.find((r) => r.id === "closing.demand")?.texts.zh,
    );
    expect(read.problems.map((p) => [p.id, p.cell])).toEqual(
      [
        ["amount.reminder", `E${at("amount.reminder") + 1}`],
        ["closing.demand", `D${at("closing.demand") + 1}`],
      ].sort((a, b) => Number(a[1].slice(1)) - Number(b[1].slice(1))),
    );
    expect(read.problems.find((p) => p.id === "closing.demand")?.message["zh-CN"]).toContain("民法典第944条");
    expect(read.problems.find((p) => p.id === "amount.reminder")?.message["en-US"]).toContain("{amountDue}");
    // The problems are shown beside the row when the sheet is written again.
    const rewritten = teamTextsSheet(SCRIPT_SPEC, read, "zh-CN");
    const table = rewritten.blocks.find((b): b is TableBlock => b.kind === "table") as TableBlock;
    const demand = table.rows.find((r) => r[0] === "closing.demand") as readonly unknown[];
    expect(String(demand[demand.length - 1])).toContain("停水");
  });

  it("prints a script per kind and band, with every objection answered and a closing with a date", () => {
    const book = scriptBook(
      readTeamTexts(SCRIPT_SPEC, undefined),
      readTeamTexts(FAQ_SPEC, undefined),
      {
        ...DEFAULT_SETTINGS,
        estateName: "锦绣花园",
        servicePhone: "0571-88886666",
        paymentInfo: "微信扫码缴费。",
      },
      "zh-CN",
    );
    expect(book.scripts.map((s) => `${s.kind}/${s.band}`)).toEqual([
      "timely/reminder",
      "frequent/reminder",
      "frequent/openLetter",
      "frequent/demand",
      "longTerm/reminder",
      "longTerm/openLetter",
      "longTerm/demand",
      "longTerm/lawyer",
      "malicious/reminder",
      "malicious/openLetter",
      "malicious/demand",
      "malicious/lawyer",
    ]);
    for (const s of book.scripts) {
      expect(s.objections).toHaveLength(OBJECTIONS.length);
      expect(s.closing).toContain("【承诺日期】");
      expect(s.opening).toContain("锦绣花园物业服务中心");
      expect(
        findThreat([s.opening, s.amount, s.closing, ...s.objections.map((o) => o.answer)].join("\n")),
      ).toBeNull();
    }
    const answers = book.scripts[0].objections.map((o) => o.answer).join("\n");
    expect(answers).toContain("服务纠纷");
    expect(answers).toContain("分期");
    expect(book.faq.find((f) => f.question.includes("在哪里"))?.answer).toContain("微信扫码缴费。");
    expect(book.faq.map((f) => f.answer).join()).toContain("建筑面积 × ");
    expect(book.faq.find((f) => f.question.includes("滞纳金"))?.answer).toContain("没有约定的，不收取");
    const en = scriptBook(
      readTeamTexts(SCRIPT_SPEC, undefined),
      readTeamTexts(FAQ_SPEC, undefined),
      DEFAULT_SETTINGS,
      "en-US",
    );
    expect(en.scripts[0].closing).toContain("[promisedDate]");
    expect(en.faq[0].question).toBe("What does the property fee pay for?");
  });
});
