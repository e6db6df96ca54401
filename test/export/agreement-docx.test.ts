import JSZip from "jszip";
import { agreementHouseholds, instalmentAgreement } from "../../src/core/campaign/agreement";
import { parsePlan } from "../../src/core/campaign/instalments";
import { classify } from "../../src/core/classify/classify";
import { monthIndex } from "../../src/core/read/values";
import { DEFAULT_SETTINGS, Settings } from "../../src/core/settings/settings";
import { Lang } from "../../src/core/text";
import { agreementDocx, agreementFileName, agreementsZip } from "../../src/export/agreement-docx";
import { makeHousehold } from "../support/household";
import { itPrints, pdfOf, pdfPages, pdfText } from "../support/pdf";

const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  estateName: "锦绣花园",
  servicePhone: "0571-88886666",
  serviceAddress: "杭州市西湖区锦绣路 88 号锦绣花园 1 栋底商",
  paymentInfo: "请到物业服务中心前台缴纳，或在“锦绣花园物业”公众号在线缴费",
  companyName: "杭州示例物业服务有限公司",
  lateFeeClause: "《物业服务合同》第十二条",
};

/** Owes 7 months at ¥312.50 (May to November 2026): out of work (失业), so in hardship. */
const hardship = classify(
  makeHousehold({
    key: "5|2|802",
    building: "5",
    unit: "2",
    room: "802",
    label: "5-2-802",
    owner: "欧阳娜娜",
    notes: "失业，申请缓交",
    monthsOverdue: 7,
    amountOverdue: 2187.5,
    monthlyFee: 312.5,
    unpaidMonths: Array.from({ length: 7 }, (_, i) => monthIndex(2026, 5) + i),
    oldestUnpaid: monthIndex(2026, 5),
  }),
  "2026-11-20",
);

function agreement(lang: Lang, settings: Settings = SETTINGS, count?: number) {
  const made = instalmentAgreement({
    verdict: hardship,
    facts: undefined,
    settings,
    date: "2026-11-24",
    asOf: "2026-11-20",
    lang,
    count,
  });
  if (!made) throw new Error("no agreement");
  return made.agreement;
}

async function documentText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await (zip.file("word/document.xml") as JSZip.JSZipObject).async("string");
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|<\/w:p>/g)].map((m) => m[1] ?? "\n").join("");
}

describe("the instalment agreement", () => {
  it("names both parties, the debt by month, the schedule, the waived late fee, a missed instalment and the signatures", async () => {
    const a = agreement("zh-CN");
    expect(hardship.flags).toContain("hardship");
    const text = await documentText(await agreementDocx(a));
    expect(text).toContain("物业费分期还款协议");
    expect(text).toContain("编号：20261124-5-2-802-FQ");
    expect(text).toContain("甲方（物业服务人）\n杭州示例物业服务有限公司（锦绣花园物业服务中心）");
    expect(text).toContain("乙方（业主）\n欧阳娜娜\n房屋：锦绣花园5-2-802");
    expect(text).toContain("乙方欠缴物业费¥2,187.50（2026年5月至2026年11月，共 7 个月）");
    expect(text).toContain("2026年5月\n¥312.50\n");
    // 3 instalments by default, the remainder cent on the last; 15th of each month, on a working day.
    expect(text).toContain("第 1 期\n2026年12月15日\n¥729.16\n¥729.16\n");
    expect(text).toContain("第 3 期\n2027年2月15日\n¥729.18\n¥2,187.50\n");
    expect(text).toContain("甲方免收该违约金；本协议依第四条终止的，免收即失效");
    expect(text).toContain("累计 2 期未按期缴纳的，本协议终止");
    expect(text).toContain("甲方（盖章）：");
    expect(text).toContain("乙方（签字）：____________");
    expect(text.match(/日期：______年____月____日/g)).toHaveLength(2);
    // What the collector types in 备注 of the 同意分期 row reads back as the same plan.
    expect(a.recordNote).toBe(
      "分期 3 期：2026-12-15 ¥729.16；2027-01-15 ¥729.16；2027-02-15 ¥729.18（免收违约金）",
    );
    expect(parsePlan(a.recordNote, "2026-11-24")).toEqual({ plan: a.plan });
    expect(agreementFileName(a)).toBe("分期还款协议-5-2-802.docx");
  });

  it("adds the late fee to the instalments when it is not waived, and takes the run's count", async () => {
    const a = agreement("zh-CN", { ...SETTINGS, instalmentWaiveLateFee: false }, 6);
    const text = await documentText(await agreementDocx(a));
    expect(a.plan.instalments).toHaveLength(6);
    expect(a.plan.lateFeeWaived).toBe(false);
    expect(text).toContain("已计入上述合计，随各期一并缴纳");
    const total = a.plan.instalments.reduce((s, i) => s + i.cents, 0);
    expect(total).toBeGreaterThan(218750);
    expect(text).toContain("违约金（《物业服务合同》第十二条）");
  });

  it("says no late fee is charged where the contract has no clause, and writes English", async () => {
    const a = agreement("en-US", { ...SETTINGS, lateFeeClause: "" });
    const text = await documentText(await agreementDocx(a));
    expect(text).toContain("Property Fee Instalment Agreement");
    expect(text).toContain("Party B owns unit 5-2-802 of 锦绣花园. As of 2026-11-20, Party B owes ¥2,187.50");
    expect(text).toContain("No late fee is charged on the amounts under this agreement.");
    expect(text).toContain("1\n2026-12-15\n¥729.16\n¥729.16\n");
    expect(text).toContain("Party A (company seal):");
    expect(a.recordNote).toBe("3 instalments: 2026-12-15 ¥729.16; 2027-01-15 ¥729.16; 2027-02-15 ¥729.18");
  });

  it("goes to the households offered instalments and the rooms the manager picks, and says which it cannot find", () => {
    const paidUp = classify(makeHousehold({ key: "1|1|101", room: "101", label: "1-1-101" }), "2026-11-20");
    const choice = agreementHouseholds([hardship], [hardship, paidUp], ["5栋2单元802", "1-1-101", "9-9-909"]);
    expect(choice.verdicts.map((v) => v.household.label)).toEqual(["5-2-802"]);
    expect(choice.nothingOwed).toEqual(["1-1-101"]);
    expect(choice.unknown).toEqual(["9-9-909"]);
  });

  it("zips several agreements, one .docx per household", async () => {
    const zip = await JSZip.loadAsync(await agreementsZip([agreement("zh-CN"), agreement("en-US")]));
    expect(Object.keys(zip.files).sort()).toEqual([
      "instalment-agreement-5-2-802.docx",
      "分期还款协议-5-2-802.docx",
    ]);
  });

  itPrints("prints on two A4 pages in LibreOffice, in both languages", async () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const pdf = pdfOf(await agreementDocx(agreement(lang)), `agreement-${lang}`);
      expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
      const text = pdfText(pdf).replace(/\s+/g, "");
      expect(text).toContain(lang === "zh-CN" ? "物业费分期还款协议" : "PropertyFeeInstalmentAgreement");
      expect(text).toContain(lang === "zh-CN" ? "乙方（签字）" : "PartyB(signature)");
    }
  });
});
