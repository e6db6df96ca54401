import JSZip from "jszip";
import { FAQ_SPEC, OBJECTIONS, SCRIPT_SPEC, scriptBook } from "../../src/core/campaign/scripts";
import { readTeamTexts } from "../../src/core/campaign/team-texts";
import { greetings, readGreetings } from "../../src/core/campaign/greetings";
import { DEFAULT_SETTINGS } from "../../src/core/settings/settings";
import { scriptsDocx } from "../../src/export/scripts-docx";
import { lettersDocx } from "../../src/export/letters-docx";
import { makeHousehold } from "../support/household";
import { itPrints, pdfOf, pdfPages, pdfText } from "../support/pdf";

const SETTINGS = {
  ...DEFAULT_SETTINGS,
  estateName: "锦绣花园",
  servicePhone: "0571-88886666",
  serviceAddress: "杭州市西湖区锦绣路 88 号",
  paymentInfo: "请到物业服务中心前台缴纳，或在“锦绣花园物业”公众号在线缴费",
  serviceManager: "周建国",
};

function book(lang: "zh-CN" | "en-US") {
  return scriptBook(
    readTeamTexts(SCRIPT_SPEC, undefined),
    readTeamTexts(FAQ_SPEC, undefined),
    SETTINGS,
    lang,
  );
}

async function documentXml(bytes: Uint8Array): Promise<string> {
  return (await (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string")) ?? "";
}

const households = Array.from({ length: 5 }, (_, i) =>
  makeHousehold({ room: `1-10${i + 1}`, owner: `业主${i + 1}`, phone: `1380000000${i}` }),
);

describe("scripts.docx and the greetings' letters", () => {
  it("scripts.docx holds a table per kind and band, every objection, and the Q&A", async () => {
    const b = book("zh-CN");
    const xml = await documentXml(await scriptsDocx(b));
    expect(xml.match(/<w:tbl>/g)).toHaveLength(b.scripts.length);
    for (const heading of b.scripts.map((s) => s.heading)) expect(xml).toContain(heading);
    expect(xml.match(/“开发商把问题修好了再交”/g)).toHaveLength(b.scripts.length);
    expect(OBJECTIONS.length).toBe(6);
    expect(xml).toContain("收费答疑");
    expect(xml).toContain("建筑面积 × ");
    expect(xml).toContain("不得以停水、停电");
  });

  itPrints(
    "print: the scripts with the Q&A on its own pages, and one greeting card per household",
    async () => {
      for (const lang of ["zh-CN", "en-US"] as const) {
        const pdf = pdfOf(await scriptsDocx(book(lang)), `scripts-${lang}`);
        const pages = pdfPages(pdf);
        expect(pages).toBeGreaterThanOrEqual(4);
        const text = pdfText(pdf).split("\f");
        const faqPage = text.findIndex((p) =>
          p.includes(lang === "zh-CN" ? "物业费包含哪些服务" : "What does the property fee pay for"),
        );
        expect(faqPage).toBeGreaterThan(0);
        expect(text[faqPage]).not.toContain(lang === "zh-CN" ? "开场" : "Opening");
      }
      for (const kind of ["newYear", "warmReminder"] as const) {
        const cards = greetings(kind, households, readGreetings(undefined), SETTINGS, "2026-12-20", "zh-CN");
        const pdf = pdfOf(
          await lettersDocx(
            cards.map((c) => c.letter),
            { title: "新年贺卡", lang: "zh-CN" },
          ),
          kind,
        );
        expect(pdfPages(pdf)).toBe(households.length);
        const text = pdfText(pdf);
        expect(text).toContain("负责人：周建国");
        expect(text).toContain("锦绣花园物业服务中心");
      }
    },
  );
});
