import JSZip from "jszip";
import { classify } from "../../src/core/classify/classify";
import { planRound } from "../../src/core/campaign/notices";
import { campaignFacts } from "../../src/core/campaign/record";
import { LadderStage } from "../../src/core/campaign/stages";
import { DEFAULT_TEMPLATES } from "../../src/core/campaign/templates";
import { monthIndex } from "../../src/core/read/values";
import { DEFAULT_SETTINGS } from "../../src/core/settings/settings";
import { Lang } from "../../src/core/text";
import { lettersDocx } from "../../src/export/letters-docx";
import { makeHousehold } from "../support/household";

/** The letter of the step after `sent`, for an owner who owes 5 months. */
function letterAfter(sent: LadderStage, lang: Lang) {
  const h = makeHousehold({
    key: "2|1|303",
    label: "2-1-303",
    monthsOverdue: 5,
    amountOverdue: 1500,
    unpaidMonths: Array.from({ length: 5 }, (_, i) => monthIndex(2026, 6) + i),
    oldestUnpaid: monthIndex(2026, 6),
  });
  const row = {
    row: 2,
    date: "2026-10-01",
    householdKey: h.key,
    room: h.label,
    stage: sent,
    channel: null,
    result: "sent" as const,
    promisedDate: null,
    amount: null,
    proof: "",
    note: "",
  };
  const facts = campaignFacts([row], "2026-11-24");
  const verdict = { ...classify(h, "2026-11-20", undefined, facts), kind: "frequent" as const, flags: [] };
  const round = planRound({
    verdicts: [verdict],
    facts: new Map([[h.key, facts]]),
    settings: { ...DEFAULT_SETTINGS, estateName: "锦绣花园" },
    templates: DEFAULT_TEMPLATES,
    templateProblems: [],
    recordProblems: [],
    recordSheet: null,
    recordLayout: null,
    date: "2026-11-24",
    asOf: "2026-11-20",
    lang,
  });
  return round.notices[0].letter;
}

async function text(lang: Lang, sent: LadderStage): Promise<string> {
  const letter = letterAfter(sent, lang);
  if (!letter) throw new Error("no letter");
  const zip = await JSZip.loadAsync(await lettersDocx([letter], { title: "t", lang }));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("|");
}

describe("the receipt slip's proof of delivery (送达回执)", () => {
  it("has room from the sixth reminder on for the person delivering, the date, and a refusal with a witness", async () => {
    const zh = await text("zh-CN", 5);
    expect(zh).toContain("业主签字：____________");
    expect(zh).toContain("送达人（签字）：______________|送达日期：______________");
    expect(zh).toContain("□ 拒收（留置送达）");
    expect(zh).toContain("见证人签字：______");
    const en = await text("en-US", 5);
    expect(en).toContain("Delivered by (signature): ______________");
    expect(en).toContain("□ Refused (left with a witness)");
    expect(en).toContain("Witness: ______");
  });

  it("is not on the first five reminders, which are not signed for", async () => {
    const zh = await text("zh-CN", 3);
    expect(zh).not.toContain("送达人");
    expect(zh).not.toContain("留置送达");
  });
});
