import { roomList } from "../../../src/core/campaign/agreement";
import { classify } from "../../../src/core/classify/classify";
import { buildBulletin } from "../../../src/core/boards/bulletin";
import { isWorkingDay } from "../../../src/core/campaign/calendar";
import { INSTALMENT_RULES, formatPlan, makePlan, parsePlan } from "../../../src/core/campaign/instalments";
import { planRound } from "../../../src/core/campaign/notices";
import { campaignFactsByHousehold, readRecord } from "../../../src/core/campaign/record";
import { DEFAULT_TEMPLATES } from "../../../src/core/campaign/templates";
import { CellValue, WorkbookGrid } from "../../../src/core/read/grid";
import { Household } from "../../../src/core/read/household";
import { monthIndex } from "../../../src/core/read/values";
import { DEFAULT_SETTINGS, Settings, readSettings } from "../../../src/core/settings/settings";
import { makeHousehold } from "../../support/household";

const AS_OF = "2026-11-20";
const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  estateName: "锦绣花园",
  servicePhone: "0571-88886666",
  serviceAddress: "锦绣花园1栋底商",
  companyName: "杭州示例物业服务有限公司",
};

describe("an instalment plan", () => {
  it("splits the debt in cents with the remainder on the last, due monthly on working days", () => {
    const { plan, warnings } = makePlan({
      owedCents: 300001,
      count: 3,
      agreed: "2026-11-24",
      lateFeeWaived: true,
    });
    expect(plan.instalments.map((i) => [i.due, i.cents])).toEqual([
      ["2026-12-15", 100000],
      ["2027-01-15", 100000],
      ["2027-02-15", 100001],
    ]);
    expect(plan.instalments.reduce((s, i) => s + i.cents, 0)).toBe(300001);
    // 2027's holiday schedule is not published: its dates are said to be checked, once.
    expect(warnings.map((w) => w["zh-CN"].slice(0, 4))).toEqual(["2027"]);
  });

  it("moves a due date off a weekend or a public holiday, and a short month's day to its last day", () => {
    // 2026-10-01 to 10-07 is the National Day holiday; 2026-10-08 is a Thursday.
    const national = makePlan({
      owedCents: 90000,
      count: 4,
      agreed: "2026-09-10",
      dueDay: 1,
      lateFeeWaived: false,
    });
    expect(national.plan.instalments.map((i) => i.due)).toEqual([
      "2026-10-08",
      "2026-11-02", // 11-01 is a Sunday
      "2026-12-01",
      "2027-01-04", // 元旦 2027-01-01, then the weekend
    ]);
    for (const i of national.plan.instalments) expect(isWorkingDay(i.due)).toBe(true);
    expect(national.plan.instalments.map((i) => i.cents)).toEqual([22500, 22500, 22500, 22500]);
  });

  it("is written in 备注 as a collector reads it, and read back in the forms collectors type", () => {
    const { plan } = makePlan({ owedCents: 300000, count: 3, agreed: "2026-11-24", lateFeeWaived: true });
    const zh = formatPlan(plan, "zh-CN");
    expect(zh).toBe(
      "分期 3 期：2026-12-15 ¥1,000.00；2027-01-15 ¥1,000.00；2027-02-15 ¥1,000.00（免收违约金）",
    );
    expect(parsePlan(zh, "2026-11-24")).toEqual({ plan });
    expect(parsePlan(formatPlan(plan, "en-US"), "2026-11-24")).toEqual({ plan });
    const typed = parsePlan(
      "同意分3期，２０２６年１２月１５日 1000元，2027/1/15：1000元，2027.2.15 ￥1,000",
      "2026-11-24",
    );
    expect("plan" in typed && typed.plan.instalments.map((i) => [i.due, i.cents])).toEqual([
      ["2026-12-15", 100000],
      ["2027-01-15", 100000],
      ["2027-02-15", 100000],
    ]);
    expect("plan" in typed && typed.plan.lateFeeWaived).toBe(false);
  });

  it.each([
    ["同意分期，下月开始", "读不到分期计划"],
    ["分期 3 期：2026-12-15 ¥1,000.00；2027-01-15 ¥1,000.00", "写明 3 期，却列出 2 个"],
    ["2027-01-15 ¥1,000.00；2026-12-15 ¥1,000.00", "逐期递增"],
    ["2026-02-30 ¥1,000.00", "无效"],
    ["2026-11-01 ¥1,000.00", "早于同意分期的日期"],
  ])("reports a plan it cannot take (%s)", (note, message) => {
    const reading = parsePlan(note, "2026-11-24");
    expect("problem" in reading && reading.problem["zh-CN"]).toContain(message);
  });

  it("takes its count, due day and late-fee waiver from 催缴设置, and refuses a count outside 3–6", () => {
    const sheet = (rows: CellValue[][]) => ({ name: "催缴设置", firstRow: 1, firstColumn: 1, rows });
    const read = readSettings(
      sheet([
        ["分期期数", 4],
        ["分期还款日", 20],
        ["分期免收违约金", "否"],
      ]),
    );
    expect(read.settings).toMatchObject({
      instalmentCount: 4,
      instalmentDueDay: 20,
      instalmentWaiveLateFee: false,
    });
    const bad = readSettings(sheet([["分期期数", 12]]));
    expect(bad.settings.instalmentCount).toBe(INSTALMENT_RULES.defaultCount);
    expect(bad.problems[0]["zh-CN"]).toContain("应为 3–6 的整数");
  });
});

/**
 * One household followed over rounds, its record built in code as collectors type it: reminder 6 sent, then
 * instalments agreed; the first instalment paid on time, the second missed (a reminder the day after) and made
 * up late, the third missed: back to the ladder at reminder 7, where it left it.
 */
describe("instalments tracked across rounds", () => {
  // 5 months at ¥600: often late (经常拖欠), below the long-term jump to the formal demand.
  const h: Household = makeHousehold({
    key: "3|1|502",
    building: "3",
    unit: "1",
    room: "502",
    label: "3-1-502",
    owner: "李娜",
    monthsOverdue: 5,
    amountOverdue: 3000,
    monthlyFee: 600,
    unpaidMonths: [7, 8, 9, 10, 11].map((m) => monthIndex(2026, m)),
    oldestUnpaid: monthIndex(2026, 7),
    collector: "小王",
  });
  const header = [
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
  ];
  const rows: CellValue[][] = [];
  const log = (date: string, stage: string | null, result: string, amount: number | null = null, note = "") =>
    rows.push([date, "3-1-502", "李娜", stage, null, "小王", result, null, amount, null, note]);
  const grid = (): WorkbookGrid => ({
    date1904: false,
    sheets: [{ name: "催缴记录", firstRow: 1, firstColumn: 1, rows: [header, ...rows] }],
  });
  const roundOn = (date: string) => {
    const record = readRecord(grid(), [h]);
    const facts = campaignFactsByHousehold(record.entries, date);
    const verdict = classify(h, AS_OF, undefined, facts.get(h.key));
    const round = planRound({
      verdicts: [verdict],
      facts,
      settings: SETTINGS,
      templates: DEFAULT_TEMPLATES,
      templateProblems: [],
      recordProblems: record.problems,
      recordSheet: "催缴记录",
      recordLayout: record.layout,
      date,
      asOf: AS_OF,
      lang: "zh-CN",
    });
    const bulletin = buildBulletin([verdict], SETTINGS, AS_OF, date, facts);
    return { record, round, bulletin };
  };

  it("holds a kept plan from the ladder and the list, reminds once after a miss, and resumes the ladder after two", () => {
    log("2026-10-01", "第6次提醒", "已发送");
    let r = roundOn("2026-11-23");
    expect(r.round.notices.map((n) => n.stage)).toEqual([7]);
    expect(r.bulletin.arrears.map((e) => e.room)).toEqual(["3-1-502"]);

    log(
      "2026-11-24",
      null,
      "同意分期",
      null,
      "分期 3 期：2026-12-15 ¥1,000.00；2027-01-15 ¥1,000.00；2027-02-15 ¥1,000.00",
    );
    r = roundOn("2026-12-01");
    expect(r.record.problems).toEqual([]);
    expect(r.round.notices).toEqual([]);
    expect(r.round.held[0].reason["zh-CN"]).toContain(
      "分期还款中（催缴记录第 3 行，3 期，已缴 ¥0.00）：下一期 2026-12-15 ¥1,000.00",
    );
    expect(r.round.held[0].nextDate).toBe("2026-12-16");
    expect(r.bulletin.arrears).toEqual([]);
    expect(r.bulletin.instalmentsLeftOff).toBe(1);

    // The first instalment, paid on its due day: nothing the day after.
    log("2026-12-15", null, "部分缴费", 1000);
    r = roundOn("2026-12-16");
    expect(r.round.notices).toEqual([]);
    expect(r.round.held[0].reason["zh-CN"]).toContain("已缴 ¥1,000.00）：下一期 2027-01-15 ¥1,000.00");

    // The second is not paid by 2027-01-15: on the round the day after, the instalment reminder.
    r = roundOn("2027-01-15");
    expect(r.round.notices).toEqual([]);
    r = roundOn("2027-01-16");
    expect(r.round.notices.map((n) => n.stage)).toEqual(["instalmentReminder"]);
    const reminder = r.round.notices[0];
    expect(reminder.reason["zh-CN"]).toContain("第 2 期 2027-01-15 ¥1,000.00 未按期缴纳（已缴 ¥1,000.00）");
    expect(reminder.letter?.title).toBe("分期还款提醒");
    expect(reminder.letter?.paragraphs.join("")).toContain("应于2027-01-15前缴纳的一期¥1,000.00");
    expect(reminder.sms).toContain("2027-01-15应缴的¥1,000.00");
    expect(r.round.record.rows[0][3]).toBe("分期提醒");
    log("2027-01-16", "分期提醒", "已发送");

    // Reminded once: held, not reminded again; the late payment (logged 已缴费 with its amount) is counted.
    r = roundOn("2027-01-25");
    expect(r.round.notices).toEqual([]);
    expect(r.round.held[0].reason["zh-CN"]).toContain("第 2 期逾期，已发分期提醒");
    log("2027-01-28", null, "已缴费", 1000);
    r = roundOn("2027-02-15");
    expect(r.round.notices).toEqual([]);
    expect(r.bulletin.arrears).toEqual([]);

    // The third missed: the second miss ends the plan, and the ladder goes on from reminder 6, as before it.
    r = roundOn("2027-02-16");
    expect(r.round.notices.map((n) => n.stage)).toEqual([7]);
    expect(r.round.notices[0].reason["zh-CN"]).toMatch(
      /^分期协议（催缴记录第 3 行，3 期）两期未按期缴纳，协议终止，恢复催缴：第6次提醒已于 2026-10-01 发出 → 第7次提醒/,
    );
    // It asks what is still owed: ¥3,000 less the ¥2,000 paid.
    expect(r.round.notices[0].owed.amount).toBe(1000);
    expect(r.bulletin.arrears).toEqual([]); // one month left owed: under the list's 3 months
  });

  it("holds a 同意分期 row whose plan cannot be read, naming the cell, until it is written so it can be", () => {
    rows.length = 0;
    log("2026-11-24", null, "同意分期", null, "分三期，每月15号");
    const r = roundOn("2026-12-01");
    expect(r.record.problems.map((p) => `${p.column}${p.row}`)).toEqual(["K2"]);
    expect(r.round.notices).toEqual([]);
    expect(r.round.held[0].task?.["zh-CN"]).toBe("核对分期计划");
    expect(r.bulletin.arrears).toEqual([]);
  });

  it("ends the plan when the last instalment is missed and not made up after its reminder", () => {
    rows.length = 0;
    log("2026-11-24", null, "同意分期", null, "分期 2 期：2026-12-15 ¥1,500.00；2027-01-15 ¥1,500.00");
    log("2026-12-10", null, "部分缴费", 1500);
    expect(roundOn("2027-01-18").round.notices.map((n) => n.stage)).toEqual(["instalmentReminder"]);
    log("2027-01-18", "分期提醒", "已发送");
    expect(roundOn("2027-01-25").round.notices).toEqual([]);
    // Ten days after the reminder, nothing: the plan ends; no ladder before it, so reminder 1.
    expect(roundOn("2027-01-29").round.notices.map((n) => n.stage)).toEqual([1]);
    // Paid in full meanwhile instead: the plan is over, and the household is paid up.
    log("2027-01-27", null, "部分缴费", 1500);
    const paid = roundOn("2027-01-29");
    expect(paid.round.notices).toEqual([]);
    expect(paid.round.held[0].reason["zh-CN"]).toContain("已缴清");
  });
});

describe("the rooms a manager types for agreements", () => {
  it("are split on commas of either width, 、, semicolons and spaces", () => {
    expect(roomList(" 1-1-101，2-2-402、3-1-201; 5-5-505  6-6-606,")).toEqual([
      "1-1-101",
      "2-2-402",
      "3-1-201",
      "5-5-505",
      "6-6-606",
    ]);
    expect(roomList("   ")).toEqual([]);
  });
});
