import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { classify } from "../../src/core/classify/classify";
import { Letter } from "../../src/core/campaign/letter";
import { planRound } from "../../src/core/campaign/notices";
import { campaignFacts } from "../../src/core/campaign/record";
import { DEFAULT_SETTINGS } from "../../src/core/settings/settings";
import { LADDER, LadderStage } from "../../src/core/campaign/stages";
import { DEFAULT_TEMPLATES } from "../../src/core/campaign/templates";
import { Lang } from "../../src/core/text";
import { monthIndex } from "../../src/core/read/values";
import { lettersDocx } from "../../src/export/letters-docx";
import { runOnWorkbookFile } from "../../src/xlsx/run";
import { makeHousehold } from "../support/household";
import { itPrints, pdfOf, pdfPages, pdfText } from "../support/pdf";

const SETTINGS = {
  ...DEFAULT_SETTINGS,
  estateName: "锦绣花园",
  servicePhone: "0571-88886666",
  serviceAddress: "杭州市西湖区锦绣路 88 号锦绣花园 1 栋底商",
  paymentInfo: "请到物业服务中心前台缴纳（工作日 8:30–17:30），或在“锦绣花园物业”公众号在线缴费",
  lawFirm: "浙江示例律师事务所",
};

/** One letter of each stage and of the instalment offer, for an owner who owes 23 months. */
function everyStage(lang: Lang): Letter[] {
  const h = makeHousehold({
    key: "7|1|1202",
    label: "7-1-1202",
    owner: lang === "zh-CN" ? "欧阳娜娜" : "Alice Chen",
    monthsOverdue: 23,
    amountOverdue: 6267.5,
    unpaidMonths: Array.from({ length: 23 }, (_, i) => monthIndex(2024, 12) + i),
    oldestUnpaid: monthIndex(2024, 12),
    collector: "小王",
  });
  const letters: Letter[] = [];
  for (const stage of [0, ...LADDER.slice(0, 12)]) {
    const facts = campaignFacts(
      stage === 0
        ? []
        : [
            {
              row: 2,
              date: "2026-10-01",
              householdKey: h.key,
              room: h.label,
              stage: stage as LadderStage,
              channel: null,
              result: "sent" as const,
              promisedDate: null,
              amount: null,
              proof: "",
              note: "",
            },
            // The lawyer's letter follows a formal demand delivered by EMS.
            ...(stage === 12
              ? [
                  {
                    row: 3,
                    date: "2026-10-04",
                    householdKey: h.key,
                    room: h.label,
                    stage: 12 as LadderStage,
                    channel: null,
                    result: "delivered" as const,
                    promisedDate: null,
                    amount: null,
                    proof: "EA123456789CN",
                    note: "",
                  },
                ]
              : []),
          ],
      "2026-11-24",
    );
    // Classified as often late so the ladder is climbed one stage at a time.
    const verdict = { ...classify(h, "2026-11-20", undefined, facts), kind: "frequent" as const, flags: [] };
    const round = planRound({
      verdicts: [verdict],
      facts: new Map([[h.key, facts]]),
      settings: SETTINGS,
      templates: DEFAULT_TEMPLATES,
      templateProblems: [],
      recordProblems: [],
      recordSheet: null,
      recordLayout: null,
      date: "2026-11-24",
      asOf: "2026-11-20",
      lang,
    });
    const letter = round.notices[0]?.letter;
    if (!letter) throw new Error(`no letter at stage ${stage + 1}`);
    letters.push(letter);
  }
  return letters;
}

describe("letters.docx", () => {
  it("is a Word document with one section (page) per letter, in the stages' colours", async () => {
    const letters = everyStage("zh-CN");
    const bytes = await lettersDocx(letters, { title: "催缴通知", lang: "zh-CN" });
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe("PK");
    const xml = (await (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string")) ?? "";
    expect(xml.match(/<w:sectPr/g)).toHaveLength(letters.length);
    for (const letter of letters) expect(xml).toContain(`w:fill="${letter.band.fill}"`);
    expect(xml).toContain("欧阳娜娜");
    expect(xml).toContain("回　执");
  });

  itPrints(
    "prints every stage, Chinese and English, on exactly one A4 page each (LibreOffice)",
    async () => {
      for (const lang of ["zh-CN", "en-US"] as const) {
        const letters = everyStage(lang);
        const pdf = pdfOf(await lettersDocx(letters, { title: "t", lang }), `stages-${lang}`);
        expect(pdfPages(pdf)).toBe(letters.length);
        const text = pdfText(pdf);
        expect(text).toContain(lang === "zh-CN" ? "欧阳娜娜" : "Alice Chen");
        expect(text).toContain(lang === "zh-CN" ? "第九百四十四条" : "article 944");
      }
    },
    240_000,
  );

  itPrints(
    "prints the sample's round: as many pages as letters",
    async () => {
      const bytes = new Uint8Array(
        fs.readFileSync(path.join(__dirname, "..", "..", "assets", "sample-arrears.xlsx")),
      );
      const outcome = await runOnWorkbookFile(bytes, "sample-arrears.xlsx", {
        today: "2026-11-24",
        asOf: "2026-11-20",
      });
      if (!outcome.ok) throw new Error("sample not read");
      const letters = outcome.job.round.notices.flatMap((n) => (n.letter ? [n.letter] : []));
      expect(letters.length).toBeGreaterThan(50);
      const pdf = pdfOf(await lettersDocx(letters, { title: "t", lang: "zh-CN" }), "sample");
      expect(pdfPages(pdf)).toBe(letters.length);
    },
    240_000,
  );
});
