import { SheetGrid, WorkbookGrid } from "../../src/core/read/grid";
import { runJob } from "../../src/core/job";
import { OutputSheet, TableBlock } from "../../src/core/output";

/** A ledger with a household of each kind, a phone for each, so every stage has a letter or an SMS. */
const ledger: SheetGrid = {
  name: "台账",
  firstRow: 1,
  firstColumn: 1,
  rows: [
    ["锦绣花园 2026年物业费台账"],
    ["房号", "业主", "电话", "欠费月数", "欠费金额", "备注"],
    ["1-101", "张伟", "13900000001", 0, 0, null],
    ["1-102", "李娜", "13900000002", 8, 2400, "多次拒缴"],
    ["1-103", "王芳", "13900000003", 4, 1200, "楼上漏水"],
    ["1-104", "赵敏", "13900000004", 7, 2100, null],
    ["1-105", "陈晨", "13900000005", 9, 2700, null],
  ],
};

function job(lang: "zh-CN" | "en-US") {
  const workbook: WorkbookGrid = { sheets: [ledger], date1904: false };
  const outcome = runJob(workbook, { today: "2026-11-21", roundDate: "2026-11-24", lang });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.result;
}

function table(sheet: OutputSheet): TableBlock {
  return sheet.blocks.find((b): b is TableBlock => b.kind === "table") as TableBlock;
}

function texts(sheet: OutputSheet): string[] {
  return [...sheet.blocks, ...(sheet.internalBlocks ?? [])].flatMap((b) =>
    b.kind === "text" ? [b.text] : [],
  );
}

describe("the output sheets carry what a collector works from, not the letters", () => {
  it.each(["zh-CN", "en-US"] as const)(
    "催缴通知 has no letter text; the SMS and its length stay (%s)",
    (lang) => {
      const r = job(lang);
      const notices = r.sheets.find((s) => s.name === (lang === "zh-CN" ? "催缴通知" : "Notices"));
      expect(notices).toBeDefined();
      const t = table(notices as OutputSheet);
      const headers = t.columns.map((c) => c.header);
      expect(headers).not.toContain(lang === "zh-CN" ? "通知内容" : "Letter text");
      expect(headers).toEqual(
        expect.arrayContaining(lang === "zh-CN" ? ["短信", "短信字数"] : ["SMS", "SMS length"]),
      );
      expect((notices as OutputSheet).widths).toHaveLength(headers.length);
      const withLetter = r.round.notices.filter((n) => n.letter !== null);
      expect(withLetter.length).toBeGreaterThan(0);
      // No cell of the sheet holds a letter's body: the paragraphs live in the .docx and the pane's preview.
      const cells = t.rows.flat().filter((v): v is string => typeof v === "string");
      for (const n of withLetter)
        for (const paragraph of n.letter?.paragraphs ?? [])
          expect(cells.some((c) => c.includes(paragraph))).toBe(false);
      const sms = r.round.notices.find((n) => n.sms !== null);
      expect(cells).toContain(sms?.sms);
    },
  );

  it("催缴分类 says the next steps by their short labels, the full steps once under the table", () => {
    const r = job("zh-CN");
    const sheet = r.sheets.find((s) => s.name === "催缴分类") as OutputSheet;
    const t = table(sheet);
    const next = t.columns.findIndex((c) => c.header === "下一步");
    const why = t.columns.findIndex((c) => c.header === "依据");
    for (const row of t.rows) {
      expect(String(row[next]).length).toBeLessThanOrEqual(40);
      expect(String(row[next])).not.toMatch(/\n|民法典第944条/);
      expect(String(row[why])).not.toContain("\n");
    }
    const malicious = t.rows.find((row) => row[4] === "恶意拖欠");
    expect(malicious?.[next]).toBe("整理证据，律师函后诉讼 → 不得停水电（民法典944条）");
    // The legend: each short label once with its step in full (the law on utilities said once, not per household).
    const legend = texts(sheet).filter((x) => x.startsWith("不得停水电"));
    expect(legend).toEqual([
      "不得停水电（民法典944条）：不得以停水、停电、停暖、停气催缴（民法典第944条）；限制使用公共设施有法律风险，不采用",
    ]);
  });
});

describe("a notice's letter is made when it is read", () => {
  it("is a getter made once, the same letter on every read, and the text from it", () => {
    const r = job("zh-CN");
    const paper = r.round.notices.find((n) => n.channel === "letter" || n.channel === "ems");
    expect(paper).toBeDefined();
    const notice = paper as (typeof r.round.notices)[number];
    expect(typeof Object.getOwnPropertyDescriptor(notice, "letter")?.get).toBe("function");
    const letter = notice.letter;
    expect(letter).not.toBeNull();
    expect(notice.letter).toBe(letter);
    expect(notice.text).toBe([letter?.title, ...(letter?.paragraphs ?? [])].join("\n"));
    // A copy sees the letter as a plain field.
    expect({ ...notice }.letter).toBe(letter);
  });
});
