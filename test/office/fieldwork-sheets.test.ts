import { runJobOnWorkbook } from "../../src/core/workbook";
import { OfficeWorkbook } from "../../src/office/workbook";
import { FakeExcel, FakeSheet } from "../support/excel-fake";
import { ledger } from "../support/ledger";

const OPTIONS = { today: "2026-11-24", asOf: "2026-11-20", roundDate: "2026-11-24" };

function session(fake: FakeExcel): OfficeWorkbook {
  let now = 0;
  const clock = {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  return new OfficeWorkbook({ run: fake.run, supports: () => true, clock, session: "a" });
}

const rowOf = (sheet: FakeSheet, first: string) => sheet.values().findIndex((r) => r[0] === first);

describe("催缴话术, 收费答疑 and 催缴日报 in Excel", () => {
  it("the scripts and the Q&A are team sheets updated in place; a threat typed into one is reported beside it", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    const office = session(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const scripts = fake.sheet("催缴话术");
    const faq = fake.sheet("收费答疑");
    expect(fake.sheet("催缴日报").values()[0][0]).toBe("催缴日报 2026-11-24");
    const header = scripts.values().find((r) => r[0] === "编号") as unknown[];
    const zh = header.indexOf("中文");
    const check = header.indexOf("检查");
    const col = (i: number) => String.fromCharCode(65 + i);
    const opening = rowOf(scripts, "opening.frequent");
    const closing = rowOf(scripts, "closing.demand");
    scripts.type(`${col(zh)}${opening + 1}`, "您好{业主}，我是物业小王。");
    scripts.type(`${col(zh)}${closing + 1}`, "再不交就停水停电。");
    scripts.type("J2", "组长：话术每月更新"); // a note beside the table
    const where = rowOf(faq, "where");
    const answer = (faq.values().find((r) => r[0] === "编号") as unknown[]).indexOf("回答");
    faq.type(`${col(answer)}${where + 1}`, "扫码缴费：{缴费方式}");

    const outcome = await runJobOnWorkbook(office, {
      ...OPTIONS,
      today: "2026-11-28",
      roundDate: "2026-11-28",
    });
    expect(outcome.ok).toBe(true);
    // The same sheets, the team's wording and notes kept, the threat reported beside the default's cell.
    expect(fake.sheet("催缴话术")).toBe(scripts);
    expect(fake.sheet("收费答疑")).toBe(faq);
    expect(scripts.cell(`${col(zh)}${opening + 1}`)?.value).toBe("您好{业主}，我是物业小王。");
    expect(scripts.cell("J2")?.value).toBe("组长：话术每月更新");
    expect(String(scripts.cell(`${col(check)}${closing + 1}`)?.value)).toContain("民法典第944条");
    expect(faq.cell(`${col(answer)}${where + 1}`)?.value).toBe("扫码缴费：{缴费方式}");
    if (outcome.ok) {
      expect(outcome.result.scripts.texts.get("opening.frequent")?.zh).toBe("您好{业主}，我是物业小王。");
      expect(outcome.result.scripts.problems.map((p) => p.id)).toEqual(["closing.demand"]);
    }
    expect(fake.sheet("催缴日报").values()[0][0]).toBe("催缴日报 2026-11-28");
  });
});
