import { classify } from "../../../src/core/classify/classify";
import { Verdict } from "../../../src/core/classify/kinds";
import { csvField, mailingCsv, mobileNumber, smsCsv } from "../../../src/core/campaign/lists";
import { CellValue, WorkbookGrid } from "../../../src/core/read/grid";
import { Household } from "../../../src/core/read/household";
import { Notice, lateFee, noticesSheet, planRound } from "../../../src/core/campaign/notices";
import {
  CampaignFacts,
  RecordEntry,
  campaignFacts,
  campaignFactsByHousehold,
  readRecord,
} from "../../../src/core/campaign/record";
import { DEFAULT_SETTINGS, Settings } from "../../../src/core/settings/settings";
import { LADDER, LadderStage, NoticeStage } from "../../../src/core/campaign/stages";
import { DEFAULT_TEMPLATES, findThreat } from "../../../src/core/campaign/templates";
import { monthIndex } from "../../../src/core/read/values";
import { makeHousehold } from "../../support/household";

const ROUND = "2026-11-24";
const AS_OF = "2026-11-20";
const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  estateName: "锦绣花园",
  servicePhone: "0571-88886666",
  serviceAddress: "锦绣花园1栋底商",
  paymentInfo: "请到物业服务中心缴纳，或扫码缴费",
  lawFirm: "示例律师事务所",
  companyName: "杭州示例物业服务有限公司",
  lateFeeClause: "《物业服务合同》第十二条",
};

/** Owes September to November 2026 at ¥300 a month (the legal-stage minimum), unless changed. */
function owing(over: Partial<Household> = {}): Household {
  return makeHousehold({
    key: "1|2|301",
    building: "1",
    unit: "2",
    room: "301",
    label: "1-2-301",
    monthsOverdue: 3,
    amountOverdue: 900,
    monthlyFee: 300,
    unpaidMonths: [monthIndex(2026, 9), monthIndex(2026, 10), monthIndex(2026, 11)],
    oldestUnpaid: monthIndex(2026, 9),
    collector: "小王",
    ...over,
  });
}

function entry(over: Partial<RecordEntry>): RecordEntry {
  return {
    row: 2,
    date: "2026-11-01",
    householdKey: "1|2|301",
    room: "1-2-301",
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

function round(
  verdicts: Verdict[],
  facts: Map<string, CampaignFacts> = new Map(),
  over: { date?: string; settings?: Settings; lang?: "zh-CN" | "en-US" } = {},
) {
  return planRound({
    verdicts,
    facts,
    settings: over.settings ?? SETTINGS,
    templates: DEFAULT_TEMPLATES,
    templateProblems: [],
    recordProblems: [],
    recordSheet: null,
    recordLayout: null,
    date: over.date ?? ROUND,
    asOf: AS_OF,
    lang: over.lang ?? "zh-CN",
  });
}

function only(r: ReturnType<typeof round>): Notice {
  expect(r.notices).toHaveLength(1);
  return r.notices[0];
}

/** A household whose record says the ladder reached `stage` on a day well before the round. */
function atStage(stage: LadderStage, h: Household = owing()) {
  // A formal demand is on record as delivered by EMS, as the lawyer's letter needs.
  const delivered = entry({
    stage: 12,
    date: "2026-10-04",
    result: "delivered",
    proof: "EA123456789CN",
    row: 3,
  });
  const facts = campaignFacts(
    [entry({ stage, date: "2026-10-01" }), ...(stage === 12 ? [delivered] : [])],
    ROUND,
  );
  return { verdict: classify(h, AS_OF, undefined, facts), facts: new Map([[h.key, facts]]) };
}

describe("the late fee", () => {
  const dues = (fees: [number, number, number][]) =>
    fees.map(([y, m, fee]) => ({ month: monthIndex(y, m), fee, prior: false }));

  it("counts each unpaid month on its own fee from the day after it fell due, at the daily rate", () => {
    // September: 2026-09-30 → 11-20 = 51 days; October 20; November not due yet (0 days).
    const fee = lateFee(
      dues([
        [2026, 9, 300],
        [2026, 10, 200],
        [2026, 11, 300],
      ]),
      AS_OF,
      0.0003,
    );
    expect(fee?.amount).toBe(Math.round((300 * 51 + 200 * 20) * 0.0003 * 100) / 100);
    expect(fee?.basis["zh-CN"]).toBe(
      "2 个逾期月份各按当月物业费，自到期次日起计至 2026-11-20，合计 71 天：" +
        "(¥300.00 × 51 天 + ¥200.00 × 20 天) × 0.03%/日 = ¥5.79",
    );
  });

  it("never exceeds the amount overdue, and is nothing when no month has run late", () => {
    const fee = lateFee(dues([[2016, 1, 100]]), AS_OF, 0.01);
    expect(fee?.amount).toBe(100);
    expect(fee?.basis["zh-CN"]).toContain("以欠费本金 ¥100.00 为限");
    expect(lateFee(dues([[2026, 11, 300]]), AS_OF, 0.0003)).toBeNull();
    expect(lateFee([], AS_OF, 0.0003)).toBeNull();
  });

  it("is charged only where the settings quote the contract's clause", () => {
    const { verdict, facts } = atStage(6);
    expect(only(round([verdict], facts)).lateFee).not.toBeNull();
    const off = only(round([verdict], facts, { settings: { ...SETTINGS, lateFeeClause: "" } }));
    expect(off.lateFee).toBeNull();
    expect(off.total).toBe(900);
  });
});

describe("the round: who gets what", () => {
  it("starts an owner in arrears with no record at the first reminder, a letter with a deadline", () => {
    const n = only(round([classify(owing(), AS_OF)]));
    // 7 days, the documents' practice: 2026-12-01, a Tuesday.
    expect(n).toMatchObject({ stage: 1, channel: "letter", deadline: "2026-12-01", lateFee: null });
    expect(n.letter?.receipt).toBeNull();
    expect(n.sms).toContain("1-2-301");
  });

  it("sends long-term and malicious owners, and any limitation risk, straight to the formal demand by EMS", () => {
    const long = classify(owing({ monthsOverdue: 8, amountOverdue: 2400 }), AS_OF);
    expect(long.kind).toBe("longTerm");
    const n = only(round([long]));
    expect(n).toMatchObject({ stage: 12, channel: "ems", deadline: "2026-12-09" });
  });

  it("keeps a small debt on reminders: no open letter, demand or lawyer's letter below the minimum", () => {
    const small = owing({
      monthsOverdue: 1,
      amountOverdue: 187.5,
      monthlyFee: 187.5,
      unpaidMonths: [monthIndex(2026, 10)],
    });
    const { verdict, facts } = atStage(10, small);
    const r = round([verdict], facts);
    expect(r.notices).toHaveLength(0);
    expect(r.held[0].reason["zh-CN"]).toContain("未达致业主书起点（欠费 ≥ 3 个月且 ≥ ¥500.00）");
    const bigLongTerm = classify(owing({ monthsOverdue: 8, amountOverdue: 400, monthlyFee: 50 }), AS_OF);
    // 8 months but ¥400: below ¥500, so no formal demand; with the setting at one quarter's fee (¥150), it goes.
    expect(only(round([bigLongTerm])).stage).toBe(1);
    const quarter = { ...SETTINGS, legalMinAmount: "quarter" as const };
    expect(only(round([bigLongTerm], new Map(), { settings: quarter })).stage).toBe(12);
  });

  it("never sets a deadline on a weekend or a statutory holiday, and warns beyond the published table", () => {
    // 2026-09-24 + 7 = 10-01: National Day; the working days resume on 10-08.
    const n = only(round([classify(owing(), AS_OF)], new Map(), { date: "2026-09-24" }));
    expect(n.deadline).toBe("2026-10-08");
    const late = round([classify(owing(), AS_OF)], new Map(), { date: "2027-01-29" });
    // 2027-02-05: 除夕, a statutory day of the Spring Festival; 2027's schedule is not published in the table.
    expect(late.notices[0].deadline).toBe("2027-02-09");
    expect(late.warnings.map((w) => w["zh-CN"]).join()).toContain(
      "2027 年放假安排（国务院办公厅通知）尚未收录",
    );
  });

  it("thanks owners who pay on time by SMS, at most once in 180 days", () => {
    const timely = classify(makeHousehold({ key: "k", label: "2-101" }), AS_OF);
    expect(only(round([timely]))).toMatchObject({ stage: "thanks", channel: "sms", letter: null });
    const thanked = campaignFacts([entry({ householdKey: "k", stage: "thanks", date: "2026-09-01" })], ROUND);
    expect(round([timely], new Map([["k", thanked]])).notices).toHaveLength(0);
  });

  it("holds disputed households back, offers instalments in hardship, follows up a broken promise the same day", () => {
    const disputed = classify(owing({ notes: "楼上漏水未修" }), AS_OF);
    const r1 = round([disputed]);
    expect(r1.notices).toHaveLength(0);
    expect(r1.held[0].reason["zh-CN"]).toContain("纠纷");

    const hardship = classify(owing({ notes: "失业" }), AS_OF);
    expect(only(round([hardship]))).toMatchObject({ stage: "instalment", channel: "visit" });

    const promised = campaignFacts(
      [entry({ result: "promised", promisedDate: "2026-11-20", date: "2026-11-10", row: 7 })],
      ROUND,
    );
    const n = only(round([classify(owing(), AS_OF, undefined, promised)], new Map([["1|2|301", promised]])));
    expect(n).toMatchObject({ stage: "followUp", channel: "phone" });
    expect(n.reason["zh-CN"]).toContain("第 7 行");

    const pending = campaignFacts([entry({ result: "promised", promisedDate: "2026-11-30" })], ROUND);
    const r2 = round([classify(owing(), AS_OF, undefined, pending)], new Map([["1|2|301", pending]]));
    expect(r2.notices).toHaveLength(0);
    expect(r2.held[0].nextDate).toBe("2026-12-01");
  });

  it("waits the notice interval between reminders", () => {
    const facts = campaignFacts([entry({ stage: 3, date: "2026-11-22" })], ROUND);
    const r = round([classify(owing(), AS_OF, undefined, facts)], new Map([["1|2|301", facts]]));
    expect(r.notices).toHaveLength(0);
    expect(r.held[0]).toMatchObject({ nextDate: "2026-11-25" });
    const later = round([classify(owing(), AS_OF, undefined, facts)], new Map([["1|2|301", facts]]), {
      date: "2026-11-25",
    });
    expect(later.notices[0].stage).toBe(4);
  });

  it("stops after the lawyer's letter and says what comes next", () => {
    const { verdict, facts } = atStage(13);
    const r = round([verdict], facts);
    expect(r.notices).toHaveLength(0);
    expect(r.held[0].reason["zh-CN"]).toContain("起诉");
  });
});

describe("every stage's letter", () => {
  const stages: NoticeStage[] = [...LADDER];
  it.each(stages.map((s) => [s]))(
    "stage %s holds everything the owner needs, and threatens nothing",
    (stage) => {
      const { verdict, facts } =
        stage === 1
          ? { verdict: classify(owing(), AS_OF), facts: new Map<string, CampaignFacts>() }
          : atStage(((stage as number) - 1) as LadderStage);
      const n = only(round([verdict], facts));
      expect(n.stage).toBe(stage);
      const letter = n.letter;
      if (!letter) throw new Error("no letter");
      const text = [
        letter.band.label,
        letter.sender,
        letter.title,
        letter.salutation,
        ...letter.paragraphs,
        ...letter.facts.flat(),
        ...letter.signature,
        ...(letter.receipt?.lines ?? []),
      ].join("\n");
      for (const must of [
        "1-2-301",
        "张伟",
        "¥900.00",
        "2026年9月至2026年11月",
        "0571-88886666",
        "请到物业服务中心缴纳，或扫码缴费",
      ])
        expect(text).toContain(must);
      if (stage !== LADDER[12]) expect(text).toContain("锦绣花园");
      expect(text).toContain(n.deadline?.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日") ?? "none");
      expect(findThreat(text)).toBeNull();
      expect(text).not.toMatch(/\{[^}]*\}/);
      const n6 = (stage as number) >= 6;
      expect(n.lateFee !== null).toBe(n6);
      if (n6) {
        expect(text).toContain("违约金计算");
        expect(text).toContain("《物业服务合同》第十二条");
        expect(letter.signature).toContain("（盖章）");
        expect(text).toContain(n.lateFee?.basis["zh-CN"] ?? "none");
      }
      expect(letter.receipt !== null).toBe((stage as number) >= 6 && (stage as number) <= 11);
      expect(letter.legalBasis !== null).toBe((stage as number) >= 12);
      if (letter.legalBasis) expect(letter.legalBasis).toContain("第九百四十四条");
      expect(n.channel).toBe(
        (stage as number) >= 12
          ? "ems"
          : (stage as number) >= 6 && (stage as number) <= 10
            ? "visit"
            : "letter",
      );
      if (stage === 13) expect(letter.sender).toBe("示例律师事务所");
      else expect(letter.signature[0]).toBe("杭州示例物业服务有限公司");
      expect(letter.band.label).not.toMatch(/第\d+次|上门|EMS/);
    },
  );

  it("goes from light to dark: the tenth band is darker than the first", () => {
    const first = only(round([classify(owing(), AS_OF)])).letter?.band;
    const { verdict, facts } = atStage(9);
    const tenth = only(round([verdict], facts)).letter?.band;
    expect(first?.text).toBe("1F1F1F");
    expect(tenth?.text).toBe("FFFFFF");
  });

  it("writes English letters when the language is en-US", () => {
    const { verdict, facts } = atStage(5);
    const n = only(round([verdict], facts, { lang: "en-US" }));
    expect(n.letter?.title).toBe("Notice of unpaid property fee (to be signed for)");
    expect(n.letter?.receipt?.blanks).toContain("Owner's signature");
    // No Chinese mid-sentence (the settings' Chinese payment text goes to the table), and plurals.
    for (const p of n.letter?.paragraphs ?? []) expect(p).not.toMatch(/[\u3400-\u9fff]/);
    expect(n.letter?.facts).toContainEqual(["How to pay", "请到物业服务中心缴纳，或扫码缴费"]);
    expect(n.letter?.paragraphs.join(" ")).toContain("(2026-09 to 2026-11, 3 months)");
    const one = owing({ monthsOverdue: 1, amountOverdue: 300, unpaidMonths: [monthIndex(2026, 10)] });
    const first = only(round([classify(one, AS_OF)], new Map(), { lang: "en-US" }));
    expect(first.letter?.paragraphs.join(" ")).toContain("(1 month, 2026-10)");
    // The open letter is not addressed to one room; the thank-you SMS fits one message with its tag.
    expect(DEFAULT_TEMPLATES[11]["en-US"].title).not.toContain("{room}");
    const thanks = only(
      round([classify(makeHousehold({ key: "k", label: "2-101" }), AS_OF)], new Map(), { lang: "en-US" }),
    );
    expect(thanks.sms?.startsWith("【锦绣花园】")).toBe(true);
    expect(thanks.smsTooLong).toBe(false);
  });

  it("names the months a ledger gives only as a count as reckoned, never the placeholder's name", () => {
    const counted = owing({ unpaidMonths: [], oldestUnpaid: null, monthsOverdue: 3 });
    const text = (lang: "zh-CN" | "en-US") =>
      only(round([classify(counted, AS_OF)], new Map(), { lang })).letter?.paragraphs.join("\n") ?? "";
    expect(text("zh-CN")).toContain("2026年8月至2026年10月（按台账欠费月数推算）");
    expect(text("zh-CN")).not.toMatch(/尚有欠费期间|（欠费期间/);
    expect(text("en-US")).toContain("(reckoned from the ledger's count of months)");
  });

  it("addresses a company that owns a unit by its name, in both languages", () => {
    const company = owing({ owner: "示例商贸有限公司", ownerIsCompany: true });
    const zh = only(round([classify(company, AS_OF)])).letter?.salutation;
    expect(zh).toBe("尊敬的 示例商贸有限公司（1-2-301 房屋业主）：");
    const en = only(round([classify(company, AS_OF)], new Map(), { lang: "en-US" })).letter?.salutation;
    expect(en).toBe("To the management of 示例商贸有限公司 (unit 1-2-301):");
    const person = only(round([classify(owing(), AS_OF)])).letter?.salutation;
    expect(person).toBe("尊敬的 1-2-301 业主 张伟：");
  });

  it("reads the payment sentence once, whatever punctuation the setting ends with", () => {
    const settings = { ...SETTINGS, paymentInfo: "请到物业服务中心缴纳。" };
    const n = only(round([classify(owing(), AS_OF)], new Map(), { settings }));
    expect(n.letter?.paragraphs.join("")).toContain("请到物业服务中心缴纳。");
    expect(n.letter?.paragraphs.join("")).not.toContain("。。");
  });

  it("holds the lawyer's letter without a law firm, or without a delivered formal demand, and says so", () => {
    const { verdict, facts } = atStage(12);
    const noFirm = round([verdict], facts, { settings: { ...SETTINGS, lawFirm: "" } });
    expect(noFirm.notices).toHaveLength(0);
    expect(noFirm.held[0]).toMatchObject({ lawyerHold: "lawFirm" });
    expect(noFirm.warnings.map((w) => w["zh-CN"]).join()).toContain("律师事务所未设置");
    const sentOnly = campaignFacts([entry({ stage: 12, date: "2026-10-01" })], ROUND);
    const undelivered = round([verdict], new Map([["1|2|301", sentOnly]]));
    expect(undelivered.held[0]).toMatchObject({ lawyerHold: "delivery" });
    const unsigned = campaignFacts(
      [
        entry({ stage: 12, date: "2026-10-01" }),
        entry({ stage: 12, date: "2026-10-03", result: "delivered", row: 3 }),
      ],
      ROUND,
    );
    expect(round([verdict], new Map([["1|2|301", unsigned]])).held[0]).toMatchObject({
      lawyerHold: "delivery",
    });
  });
});

describe("the collection record", () => {
  const households = [
    owing(),
    owing({ key: "3|1|101", building: "3", unit: "1", room: "101", label: "3-1-101" }),
  ];
  function recordGrid(rows: CellValue[][]): WorkbookGrid {
    return {
      date1904: false,
      sheets: [
        {
          name: "催缴记录",
          firstRow: 1,
          firstColumn: 1,
          rows: [
            [
              "日期",
              "房号",
              "业主",
              "阶段",
              "渠道",
              "催缴员",
              "结果",
              "承诺日期",
              "收款金额",
              "凭证",
              "备注",
            ],
            ...rows,
          ],
        },
      ],
    };
  }

  it("recognises results in their common forms, the 发送日期 column, 留置送达, and reports an unknown result", () => {
    const grid: WorkbookGrid = {
      date1904: false,
      sheets: [
        {
          name: "催缴记录",
          firstRow: 1,
          firstColumn: 1,
          rows: [
            ["日期", "房号", "阶段", "结果", "凭证", "备注", "发送日期"],
            ["2026-11-01", "1-2-301", "第1次提醒", "待发送", null, null, "2026-11-02"],
            ["2026-11-02", "1-2-301", null, "服务纠纷"],
            ["2026-11-03", "1-2-301", null, "同意分期"],
            ["2026-11-04", "1-2-301", "催告函", "妥投", "EA1"],
            ["2026-11-05", "1-2-301", "催告函", "查无此人"],
            ["2026-11-06", "1-2-301", "催告函", "拒收", null, "见证人：保安李某"],
            ["2026-11-07", "1-2-301", null, "地址已核实"],
            ["2026-11-08", "1-2-301", null, "再说吧"],
          ],
        },
      ],
    };
    const r = readRecord(grid, [owing()]);
    expect(r.entries.map((e) => e.result)).toEqual([
      "pending",
      "dispute",
      "instalmentAgreed",
      "delivered",
      "returned",
      "delivered",
      "addressChecked",
      null,
    ]);
    expect(r.entries[0].sentDate).toBe("2026-11-02");
    // 同意分期 is its own result: its plan is read from 备注, and a row with none is reported there.
    expect(r.problems.map((p) => `${p.column}${p.row}`)).toEqual(["F4", "D9"]);
    expect(r.problems[0].reason["zh-CN"]).toContain("读不到分期计划");
    expect(r.problems[1].reason["zh-CN"]).toContain("结果无法识别");
    // A prepared notice with its 发送日期 filled went out: the ladder counts it.
    expect(campaignFacts(r.entries.slice(0, 1), ROUND).ladder?.stage).toBe(1);
    expect(campaignFacts(r.entries.slice(0, 1), ROUND).pending).toBeNull();
  });

  it("reads rows typed by hand with small mistakes, and reports what it cannot read with row and column", () => {
    const r = readRecord(
      recordGrid([
        [new Date(Date.UTC(2026, 10, 1)), "1-2-301", "张伟", "第1次提醒", "书面通知", "小王", "已发送"],
        ["2026.11.4", " 1 - 2 - 301 ", null, "2", null, null, "sent"],
        ["2026年11月8日", "1栋2单元301室", null, "三", "上门", null, "已签收", null, null, "回执"],
        ["11/99/2026", "1-2-301", null, "4"],
        ["2026-11-10", "9-9-999", null, "4"],
        ["2026-11-12", "3-1-101", null, "?", null, null, "想想再说"],
        [],
      ]),
      households,
    );
    expect(r.rowsRead).toBe(6);
    expect(r.entries.map((e) => [e.row, e.date, e.householdKey, e.stage, e.result])).toEqual([
      [2, "2026-11-01", "1|2|301", 1, "sent"],
      [3, "2026-11-04", "1|2|301", 2, "sent"],
      [4, "2026-11-08", "1|2|301", 3, "delivered"],
      [7, "2026-11-12", "3|1|101", null, null],
    ]);
    expect(r.problems.map((p) => `${p.column}${p.row}`)).toEqual(["A5", "B6", "D7", "G7"]);
    expect(r.problems[1].reason["zh-CN"]).toContain("找不到此房号");
    expect(r.layout).toEqual({
      headerRow: 1,
      columns: {
        date: 1,
        room: 2,
        owner: 3,
        stage: 4,
        channel: 5,
        collector: 6,
        result: 7,
        promisedDate: 8,
        amount: 9,
        proof: 10,
        note: 11,
      },
      lastRow: 7,
    });
  });

  it("moves a household up the ladder, restarts it after a payment, and ignores the round's own day", () => {
    const facts = campaignFacts(
      [
        entry({ stage: 4, date: "2026-11-01", row: 2 }),
        entry({ stage: 5, date: "2026-11-20", row: 3 }),
        entry({ stage: 6, date: ROUND, row: 4 }),
      ],
      ROUND,
    );
    expect(facts.ladder?.stage).toBe(5);
    const r = round([classify(owing(), AS_OF, undefined, facts)], new Map([["1|2|301", facts]]));
    expect(only(r)).toMatchObject({ stage: 6, alreadyLogged: true });
    expect(r.record.rows).toHaveLength(0);
    expect(r.record.alreadyLogged).toBe(1);

    const paid = campaignFacts(
      [entry({ stage: 9, date: "2026-10-01" }), entry({ result: "paid", date: "2026-10-05", row: 3 })],
      ROUND,
    );
    expect(paid.ladder).toBeNull();
  });

  it("adds one row per notice, dated the round's day, with result to send (待发送)", () => {
    const r = round([classify(owing(), AS_OF)]);
    expect(r.record.rows).toEqual([
      [
        new Date("2026-11-24T00:00:00Z"),
        "1-2-301",
        "张伟",
        "第1次提醒",
        "书面通知",
        "小王",
        "待发送",
        null,
        null,
        null,
        "截止 2026-12-01；欠费 ¥900.00",
      ],
    ]);
    expect(r.record.exists).toBe(false);
  });

  it("gives the verdict the record's evidence: refusal, an ignored lawyer's letter, disputes, delivered demands", () => {
    const once = campaignFacts([entry({ result: "refused", date: "2026-11-10", row: 9 })], ROUND);
    expect(classify(owing(), AS_OF, undefined, once).kind).toBe("frequent");
    const twice = campaignFacts(
      [
        entry({ result: "refused", date: "2026-11-01", row: 8 }),
        entry({ result: "refused", date: "2026-11-10", row: 9 }),
      ],
      ROUND,
    );
    const v1 = classify(owing(), AS_OF, undefined, twice);
    expect(v1.kind).toBe("malicious");
    expect(v1.reasons.map((r) => r["zh-CN"]).join()).toContain("催缴记录第 9 行");

    // A refusal and a delivered formal demand left unanswered.
    const ignored = campaignFacts(
      [
        entry({ stage: 12, date: "2026-10-20", result: "delivered", proof: "EA1", row: 4 }),
        entry({ result: "refused", date: "2026-10-21", row: 5 }),
      ],
      ROUND,
    );
    expect(classify(owing(), AS_OF, undefined, ignored).kind).toBe("malicious");
    const recent = campaignFacts([entry({ stage: 13, date: "2026-11-10" })], ROUND);
    expect(classify(owing(), AS_OF, undefined, recent).kind).toBe("frequent");

    const answered = campaignFacts(
      [entry({ stage: 13, date: "2026-10-01" }), entry({ result: "dispute", date: "2026-10-10", row: 3 })],
      ROUND,
    );
    const v2 = classify(owing(), AS_OF, undefined, answered);
    expect(v2.kind).toBe("frequent");
    expect(v2.flags).toContain("dispute");

    const resolved = campaignFacts(
      [
        entry({ result: "dispute", date: "2026-10-10" }),
        entry({ result: "resolved", date: "2026-11-01", row: 3 }),
      ],
      ROUND,
    );
    expect(classify(owing({ notes: "漏水" }), AS_OF, undefined, resolved).flags).not.toContain("dispute");

    const old = owing({
      oldestUnpaid: monthIndex(2023, 1),
      unpaidMonths: [monthIndex(2023, 1)],
      monthsOverdue: 1,
    });
    expect(classify(old, AS_OF).flags).toContain("limitationRisk");
    const delivered = campaignFacts(
      [entry({ stage: 12, date: "2026-03-02", result: "delivered", proof: "EA123456789CN" })],
      ROUND,
    );
    const v3 = classify(old, AS_OF, undefined, delivered);
    expect(v3.flags).not.toContain("limitationRisk");
    expect(v3.reasons.map((r) => r["zh-CN"]).join()).toContain("民法典第195条");
  });

  it("groups facts by household", () => {
    const map = campaignFactsByHousehold(
      [entry({ stage: 2 }), entry({ householdKey: "3|1|101", stage: 7 })],
      ROUND,
    );
    expect(map.get("3|1|101")?.ladder?.stage).toBe(7);
  });
});

describe("the exports", () => {
  it("writes SMS texts with their length, flagging those over one segment, in UTF-8 with a BOM", () => {
    const long = classify(owing({ phone: "138 0000 1111", owner: "欧阳娜娜" }), AS_OF);
    const r = round([long]);
    const csv = smsCsv(r);
    expect(csv.startsWith("\ufeff手机号,短信内容,字数,检查")).toBe(true);
    expect(csv).toContain("13800001111,");
    expect(csv.endsWith("\r\n")).toBe(true);
    const tooLong = round([long], new Map(), {
      settings: { ...SETTINGS, servicePhone: "0571-88886666 转 8001（工作日 9:00-17:00）" },
    });
    expect(tooLong.notices[0].smsTooLong).toBe(true);
    expect(smsCsv(tooLong)).toContain("超过 70 字");
  });

  it("lists only the EMS letters for mailing, with the address and what is enclosed", () => {
    const long = classify(
      owing({ monthsOverdue: 8, amountOverdue: 2400, address: "杭州市西湖区某路1号" }),
      AS_OF,
    );
    const r = round([long, classify(owing({ key: "x", label: "2-2-202" }), AS_OF)]);
    const lines = mailingCsv(r, SETTINGS).split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("杭州市西湖区某路1号");
    expect(lines[1]).toContain("催告函（物业费催告函）1 份");
  });

  it("mails the estate's address and the room when there is no other, and lists a vacant flat for checking", () => {
    const settings = { ...SETTINGS, estateAddress: "杭州市西湖区锦绣路88号锦绣花园" };
    const long = (over: Partial<Household>) =>
      classify(owing({ monthsOverdue: 8, amountOverdue: 2400, ...over }), AS_OF);
    const r = round(
      [
        long({}),
        long({ key: "v", label: "2-2-202", notes: "房屋空置" }),
        long({ key: "d", label: "3-1-101", notes: "电话空号", address: "上海市某路2号" }),
      ],
      new Map(),
      { settings },
    );
    const lines = mailingCsv(r, settings).split("\r\n");
    const line = (room: string) => lines.find((l) => l.includes(`,${room},`)) ?? "";
    expect(line("1-2-301")).toContain("杭州市西湖区锦绣路88号锦绣花园 1-2-301");
    expect(line("2-2-202")).toContain("先核实地址，不要寄往空置房");
    expect(line("2-2-202").split(",")[1]).toBe("");
    expect(line("3-1-101")).toContain("上海市某路2号");
    expect(line("3-1-101").split(",")[2]).toBe("");
    expect(lines[0]).toContain("寄件人");
    expect(line("1-2-301")).toContain("杭州示例物业服务有限公司 锦绣花园物业服务中心");
  });

  it("never lets a cell become a formula in a spreadsheet", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(mobileNumber("+86 139-0000-2222 / 010-1234")).toBe("13900002222");
    expect(mobileNumber("010-12345678")).toBeNull();
  });

  it("sorts the work list by collector and building", () => {
    const a = classify(owing({ key: "a", building: "2", label: "2-1-101", collector: "小李" }), AS_OF);
    const b = classify(owing({ key: "b", building: "10", label: "10-1-101", collector: "小李" }), AS_OF);
    const c = classify(owing({ key: "c", building: "1", label: "1-1-101", collector: "小王" }), AS_OF);
    const sheet = noticesSheet(round([c, b, a]));
    const table = sheet.blocks.find((x) => x.kind === "table");
    expect(table?.kind === "table" && table.rows.map((r) => r[2])).toEqual([
      "2-1-101",
      "10-1-101",
      "1-1-101",
    ]);
  });
});
