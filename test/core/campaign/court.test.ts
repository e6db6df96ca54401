import { classify } from "../../../src/core/classify/classify";
import { owed } from "../../../src/core/campaign/amounts";
import {
  arrearsStatement,
  courtBundle,
  feeBasis,
  lateFeeTable,
  lawyerLetterUnanswered,
  safeFileName,
} from "../../../src/core/campaign/court";
import { courtChoices } from "../../../src/core/campaign/court-due";
import { addYears, claimLimitations, deliveredDemands } from "../../../src/core/campaign/limitation";
import { RecordEntry, campaignFacts } from "../../../src/core/campaign/record";
import { toCents } from "../../../src/core/money";
import { monthIndex } from "../../../src/core/read/values";
import { DEFAULT_SETTINGS, Settings } from "../../../src/core/settings/settings";
import { makeHousehold } from "../../support/household";

const AS_OF = "2026-11-20";
const BUNDLE_DATE = "2027-01-20";

/** 14 months from earlier years (2023-10 … 2024-11) and the sheet's 2024-12 … 2026-10 unpaid: 37 months at ¥100. */
const debtor = makeHousehold({
  key: "k",
  label: "1-1-101",
  owner: "张三",
  area: 40,
  monthlyFee: 100,
  monthsOverdue: 37,
  amountOverdue: 3700,
  oldestUnpaid: monthIndex(2023, 10),
  unpaidMonths: Array.from({ length: 23 }, (_, i) => monthIndex(2024, 12) + i),
  notes: "拒缴",
});

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  estateName: "锦绣花园",
  companyName: "锦绣物业服务有限公司",
  serviceAddress: "锦绣路 1 号",
  servicePhone: "0571-88886666",
  lawFirm: "明法律师事务所",
};

let row = 2;
function entry(over: Partial<RecordEntry>): RecordEntry {
  return {
    row: row++,
    date: "2026-01-01",
    householdKey: "k",
    room: "1-1-101",
    stage: null,
    channel: null,
    result: "sent",
    promisedDate: null,
    amount: null,
    proof: "",
    note: "",
    ...over,
  };
}

describe("the limitation check (Civil Code arts. 188, 195)", () => {
  it("runs three years from the day a month fell due; a 29 February ends on the 28th", () => {
    expect(addYears("2023-10-31", 3)).toBe("2026-10-31");
    expect(addYears("2024-02-29", 3)).toBe("2027-02-28");
    const [oct, jan, mar, apr] = claimLimitations(
      [monthIndex(2023, 10), monthIndex(2024, 1), monthIndex(2024, 3), monthIndex(2024, 4)],
      [],
      BUNDLE_DATE,
    );
    expect(oct).toMatchObject({
      due: "2023-10-31",
      expires: "2026-10-31",
      status: "expired",
      restartedBy: null,
    });
    expect(jan).toMatchObject({ due: "2024-01-31", expires: "2027-01-31", status: "expiring", daysLeft: 11 });
    expect(mar).toMatchObject({ expires: "2027-03-31", status: "expiring", daysLeft: 70 });
    expect(apr).toMatchObject({ expires: "2027-04-30", status: "running", daysLeft: 100 });
  });

  it("starts again from a formal demand delivered by EMS, for the months due before it", () => {
    const demand = entry({
      date: "2025-06-10",
      stage: 12,
      channel: "ems",
      result: "delivered",
      proof: "EA123456789CN",
    });
    const facts = campaignFacts(
      [entry({ date: "2025-06-05", stage: 12, channel: "ems" }), demand],
      BUNDLE_DATE,
    );
    const demands = deliveredDemands(facts.entries);
    expect(demands).toEqual([demand]);
    const [oct, after] = claimLimitations([monthIndex(2023, 10), monthIndex(2025, 7)], demands, BUNDLE_DATE);
    expect(oct).toMatchObject({ restartedBy: demand, expires: "2028-06-10", status: "running" });
    // A month that fell due after the demand was not demanded by it.
    expect(after).toMatchObject({ restartedBy: null, expires: "2028-07-31" });
  });

  it("is not restarted by a demand that came back (退回), nor by one without proof of delivery", () => {
    const returned = entry({
      date: "2025-06-10",
      stage: 12,
      channel: "ems",
      result: "returned",
      proof: "EA1",
      note: "查无此人",
    });
    const unproven = entry({ date: "2025-07-01", stage: 12, channel: "ems", result: "delivered" });
    const demands = deliveredDemands(campaignFacts([returned, unproven], BUNDLE_DATE).entries);
    expect(demands).toEqual([]);
    const [oct] = claimLimitations([monthIndex(2023, 10)], demands, BUNDLE_DATE);
    expect(oct).toMatchObject({ restartedBy: null, expires: "2026-10-31", status: "expired" });
  });

  it("counts a refusal in front of a witness (留置送达) as delivered", () => {
    const witnessed = entry({
      date: "2025-06-10",
      stage: 12,
      channel: "visit",
      result: "delivered",
      note: "拒收，见证人王五",
    });
    const [oct] = claimLimitations([monthIndex(2023, 10)], deliveredDemands([witnessed]), BUNDLE_DATE);
    expect(oct).toMatchObject({ restartedBy: witnessed, expires: "2028-06-10" });
  });

  it("does not revive a claim already expired when the demand reached the owner", () => {
    const late = entry({ date: "2026-11-05", stage: 12, result: "delivered", proof: "EA9" });
    const [oct, nov] = claimLimitations([monthIndex(2023, 10), monthIndex(2023, 11)], [late], BUNDLE_DATE);
    expect(oct).toMatchObject({ restartedBy: null, expires: "2026-10-31", status: "expired" });
    expect(nov).toMatchObject({ restartedBy: late, expires: "2029-11-05", status: "running" });
  });

  it("chains several demands: each one restarts the period the last one began", () => {
    const first = entry({ date: "2021-03-01", stage: 12, result: "delivered", proof: "EA1" });
    const second = entry({ date: "2023-12-01", stage: 13, result: "delivered", proof: "EA2" });
    const [jan2020] = claimLimitations([monthIndex(2020, 1)], [first, second], BUNDLE_DATE);
    expect(jan2020).toMatchObject({ restartedBy: second, expires: "2026-12-01", status: "expired" });
  });
});

describe("the arrears statement (欠费明细)", () => {
  it("lists every month, and its totals are the sum of the lines and what the round asks", () => {
    const s = arrearsStatement(debtor, undefined, AS_OF);
    expect(s.lines).toHaveLength(37);
    expect(s.lines.filter((l) => l.prior)).toHaveLength(14);
    expect(s).toMatchObject({ billed: 370000, paid: 0, owed: 370000 });
    expect(s.basis).toEqual({ area: 40, rate: 2.5, monthlyFee: 100 });
  });

  it("applies payments logged since the as-of date to the oldest months first", () => {
    const facts = campaignFacts(
      [
        entry({ date: "2026-11-25", result: "partPaid", amount: 250 }),
        entry({ date: "2026-12-02", result: "partPaid", amount: 33.33 }),
      ],
      BUNDLE_DATE,
    );
    const s = arrearsStatement(debtor, facts, AS_OF);
    expect(s.paidSince).toBe(28333);
    expect(s.owed).toBe(toCents(owed(debtor, facts, AS_OF).amount as number));
    expect(s.owed).toBe(s.lines.reduce((sum, l) => sum + l.owed, 0));
    expect(s.billed - s.paid).toBe(s.owed);
    expect(s.lines.slice(0, 4).map((l) => [l.paid, l.owed])).toEqual([
      [10000, 0],
      [10000, 0],
      [8333, 1667],
      [0, 10000],
    ]);
  });

  it("says the monthly fee as given when area × rate does not make it", () => {
    expect(feeBasis(makeHousehold({ area: 89.37, monthlyFee: 250 }))).toMatchObject({
      rate: null,
      monthlyFee: 250,
    });
    expect(feeBasis(makeHousehold({ area: null, monthlyFee: 250 }))).toMatchObject({ rate: null });
  });

  it("keeps an amount whose months the ledger does not list as one line", () => {
    const s = arrearsStatement(
      makeHousehold({ monthsOverdue: null, amountOverdue: 1234.56, monthlyFee: null }),
      undefined,
      AS_OF,
    );
    expect(s.lines).toEqual([{ month: null, prior: false, billed: 123456, paid: 0, owed: 123456 }]);
  });
});

describe("the late fee", () => {
  it("is computed only where the settings quote the contract's clause", () => {
    const s = arrearsStatement(debtor, undefined, AS_OF);
    expect(lateFeeTable(s, settings, AS_OF)).toBeNull();
    const fee = lateFeeTable(s, { ...settings, lateFeeClause: "《物业服务合同》第十二条" }, AS_OF);
    expect(fee).not.toBeNull();
    // 2026-10: ¥100 × 0.03% × 20 days = ¥0.60.
    expect(fee?.lines[fee.lines.length - 1]).toEqual({
      month: monthIndex(2026, 10),
      fee: 10000,
      days: 20,
      amount: 60,
    });
    expect(fee?.computed).toBe(fee?.lines.reduce((sum, l) => sum + l.amount, 0));
    expect(fee?.capped).toBe(false);
  });

  it("is capped at the fees owed", () => {
    const s = arrearsStatement(debtor, undefined, AS_OF);
    const fee = lateFeeTable(s, { ...settings, lateFeeClause: "第十二条", lateFeeRatePerDay: 0.01 }, AS_OF);
    expect(fee).toMatchObject({ capped: true, amount: s.owed });
  });
});

describe("which households get a bundle", () => {
  const letter = entry({ date: "2026-12-01", stage: 13, channel: "ems", result: "sent" });

  it("those whose lawyer's letter went unanswered past its deadline", () => {
    const facts = campaignFacts([letter], "2026-12-20");
    expect(lawyerLetterUnanswered(facts, settings, "2026-12-20")).toBe(letter);
    // 15 days from 2026-12-01 is 2026-12-16, a working day.
    expect(lawyerLetterUnanswered(campaignFacts([letter], "2026-12-16"), settings, "2026-12-16")).toBeNull();
  });

  it("not once the owner promised, paid or disputed after it, nor before the letter went out", () => {
    const promise = entry({ date: "2026-12-05", result: "promised", promisedDate: "2026-12-31" });
    expect(
      lawyerLetterUnanswered(campaignFacts([letter, promise], "2026-12-20"), settings, "2026-12-20"),
    ).toBeNull();
    const prepared = entry({ date: "2026-12-01", stage: 13, result: "pending" });
    expect(
      lawyerLetterUnanswered(campaignFacts([prepared], "2026-12-20"), settings, "2026-12-20"),
    ).toBeNull();
    expect(lawyerLetterUnanswered(undefined, settings, "2026-12-20")).toBeNull();
  });

  it("lists the due households first for the manager to pick from, then the others in arrears", () => {
    const other = makeHousehold({ ...debtor, key: "other", room: "9-9-909", label: "9-9-909" });
    const paidUp = makeHousehold({ ...debtor, key: "paid", amountOverdue: 0, monthsOverdue: 0 });
    const verdicts = [other, debtor, paidUp].map((h) => classify(h, AS_OF));
    const facts = new Map([
      [debtor.key, campaignFacts([{ ...letter, householdKey: debtor.key }], "2026-12-20")],
    ]);
    expect(
      courtChoices(verdicts, facts, settings, "2026-12-20").map((c) => [c.verdict.household.key, c.due]),
    ).toEqual([
      [debtor.key, true],
      ["other", false],
    ]);
  });

  it("not once the owner agreed to instalments after it: the plan is the answer", () => {
    const agreed = entry({ date: "2026-12-08", result: "instalmentAgreed" });
    expect(
      lawyerLetterUnanswered(campaignFacts([letter, agreed], "2026-12-20"), settings, "2026-12-20"),
    ).toBeNull();
  });
});

describe("the bundle's documents", () => {
  const entries = [
    entry({ date: "2025-05-20", stage: 12, channel: "ems", result: "sent" }),
    entry({ date: "2025-05-26", stage: 12, channel: "ems", result: "delivered", proof: "EA100000001CN" }),
    entry({
      date: "2025-06-15",
      stage: null,
      channel: "phone",
      result: "refused",
      collector: "李四",
    } as Partial<RecordEntry>),
    entry({ date: "2026-12-01", stage: 13, channel: "ems", result: "sent" }),
    entry({ date: "2026-12-04", stage: 13, channel: "ems", result: "delivered", proof: "EA100000002CN" }),
    entry({ date: "2027-01-20", stage: 1, channel: "letter", result: "pending" }),
  ];
  const facts = campaignFacts(entries, BUNDLE_DATE);
  const verdict = classify(debtor, AS_OF, undefined, facts);
  const clause = { ...settings, lateFeeClause: "《物业服务合同》第十二条" };
  const text = (b: ReturnType<typeof courtBundle>, id: string) =>
    JSON.stringify(b.documents.find((d) => d.id === id)?.blocks);

  it("drafts the statement of claim with the parties, claims, facts, legal basis and the court's blank", () => {
    const b = courtBundle({
      verdict,
      facts,
      settings: clause,
      asOf: AS_OF,
      date: BUNDLE_DATE,
      lang: "zh-CN",
    });
    expect(b.file).toBe("诉讼材料-1-1-101-张三.zip");
    expect(b.documents.map((d) => d.file)).toEqual([
      "01-起诉状草稿.docx",
      "02-证据目录.docx",
      "03-欠费明细.docx",
      "04-催缴记录摘录.docx",
      "05-诉讼时效核对.docx",
    ]);
    const claim = text(b, "claim");
    expect(claim).toContain("民事起诉状");
    expect(claim).toContain("原告：锦绣物业服务有限公司");
    expect(claim).toContain("法定代表人：________");
    expect(claim).toContain("被告：张三");
    expect(claim).toContain("¥3,700.00");
    expect(claim).toContain(`违约金人民币 ${"¥"}`);
    expect(claim).toContain("本案诉讼费用由被告承担");
    expect(claim).toContain("第九百三十七条、第九百三十九条、第九百四十四条");
    expect(claim).toContain("《物业服务合同》第十二条");
    expect(claim).toContain("2025年5月26日 签收（EA100000001CN）");
    expect(claim).toContain("明法律师事务所");
    expect(claim).toContain("明确表示拒绝缴纳");
    expect(claim).toContain("________人民法院");
    expect(claim).toContain("2027年1月20日");
    expect(b.draftMark).toContain("草稿（供律师审核）");
  });

  it("addresses the claim to the court 催缴设置 names (受理法院)", () => {
    const court = { ...settings, court: "杭州市西湖区人民法院" };
    const b = courtBundle({ verdict, facts, settings: court, asOf: AS_OF, date: BUNDLE_DATE, lang: "zh-CN" });
    expect(text(b, "claim")).toContain("杭州市西湖区人民法院");
    expect(text(b, "claim")).not.toContain("________人民法院");
  });

  it("leaves the late fee out of the claim without the clause", () => {
    const b = courtBundle({ verdict, facts, settings, asOf: AS_OF, date: BUNDLE_DATE, lang: "zh-CN" });
    expect(text(b, "claim")).not.toContain("违约金");
    expect(b.lateFee).toBeNull();
  });

  it("lists the evidence with each demand and its EMS proof, and the record without unsent notices", () => {
    const b = courtBundle({
      verdict,
      facts,
      settings: clause,
      asOf: AS_OF,
      date: BUNDLE_DATE,
      lang: "zh-CN",
    });
    const names = b.evidence.map((e) => e.name);
    expect(names[0]).toContain("物业服务合同");
    expect(names.some((n) => n.includes("《催告函》") && n.includes("EMS 回执"))).toBe(true);
    expect(names.some((n) => n.includes("《律师函》"))).toBe(true);
    expect(b.attempts.some((e) => e.result === "pending")).toBe(false);
    expect(b.attempts).toHaveLength(5);
    const record = text(b, "record");
    expect(record).toContain("EA100000002CN");
    expect(record).toContain("李四");
    // The demand of 2025-05-26 restarted the oldest months, the lawyer's letter of 2026-12-04 again: all running.
    expect(b.limitation[0]).toMatchObject({ status: "running", expires: "2029-12-04" });
    expect(b.limitation.every((c) => c.restartedBy?.proof === "EA100000002CN")).toBe(true);
  });

  it("writes an accurate English working translation, labelled as such", () => {
    const b = courtBundle({
      verdict,
      facts,
      settings: clause,
      asOf: AS_OF,
      date: BUNDLE_DATE,
      lang: "en-US",
    });
    expect(b.file).toBe("court-bundle-1-1-101-张三.zip");
    const claim = text(b, "claim");
    expect(claim).toContain("Working translation");
    expect(claim).toContain("Plaintiff: 锦绣物业服务有限公司");
    expect(claim).toContain("articles 937, 939 and 944");
    expect(claim).toContain("Order the defendant to bear the costs");
    expect(b.draftMark).toContain("DRAFT for the company's lawyer");
    expect(b.documents[0].file).toBe("01-statement-of-claim-draft.docx");
  });

  it("never says the owner was asked many times when the record has no rows: the demands are to add", () => {
    const b = courtBundle({
      verdict: classify(debtor, AS_OF),
      facts: undefined,
      settings,
      asOf: AS_OF,
      date: BUNDLE_DATE,
      lang: "zh-CN",
    });
    const claim = text(b, "claim");
    expect(claim).toContain("【待补：催缴及催告情况】");
    expect(claim).not.toContain("多次");
  });

  it("makes file names safe on every system", () => {
    expect(safeFileName('诉讼材料-1/2:3*"x"')).toBe("诉讼材料-1_2_3__x_");
    expect(safeFileName("..")).toBe("_");
  });
});
