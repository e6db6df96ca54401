import { buildDailyReport, dailyReportSheet, isLow } from "../../../src/core/boards/daily-report";
import { RecordEntry } from "../../../src/core/campaign/record";
import { Channel } from "../../../src/core/campaign/stages";
import { ContactResult } from "../../../src/core/campaign/record";
import { makeHousehold } from "../../support/household";

const households = [
  makeHousehold({ room: "1-101", collector: "李娜", amountOverdue: 900, monthsOverdue: 3 }),
  makeHousehold({ room: "1-102", collector: "李娜", amountOverdue: 600, monthsOverdue: 2 }),
  makeHousehold({ room: "2-201", collector: "王强", amountOverdue: 1200, monthsOverdue: 4 }),
  makeHousehold({ room: "2-202", collector: "王强", amountOverdue: 300, monthsOverdue: 1 }),
  makeHousehold({ room: "3-301", collector: "赵敏", amountOverdue: 1500, monthsOverdue: 5 }),
];

let row = 2;
function entry(
  date: string,
  room: string,
  channel: Channel | null,
  result: ContactResult | null,
  over: Partial<RecordEntry> = {},
): RecordEntry {
  return {
    row: row++,
    date,
    householdKey: `||${room}`,
    room,
    stage: null,
    channel,
    result,
    promisedDate: null,
    amount: null,
    proof: "",
    note: "",
    ...over,
  };
}

// A campaign that began after the as-of date 2026-11-20, over three working days (11-23, 11-24, 11-25).
const record: RecordEntry[] = [
  // Day 1: 李娜 calls twice and collects 1-101 in part; 王强 visits once; 赵敏 nothing.
  entry("2026-11-23", "1-101", "phone", "partPaid", { amount: 300 }),
  entry("2026-11-23", "1-102", "phone", "promised", { promisedDate: "2026-11-24" }),
  entry("2026-11-23", "2-201", "visit", "refused"),
  // A notice a round prepared is no call made.
  entry("2026-11-23", "3-301", "phone", "pending", { collector: "赵敏" }),
  // Day 2: 1-102's promise falls due and is not kept; 王强 collects 2-202 in full (no amount: the debt).
  entry("2026-11-24", "2-202", "visit", "paid"),
  entry("2026-11-24", "1-101", "phone", "unreachable"),
  // Day 3: 李娜 takes a payment logged under her name for a household of 王强's.
  entry("2026-11-25", "2-201", "visit", "partPaid", { amount: 400, collector: "李娜" }),
  entry("2026-11-25", "2-201", "phone", "promised", { promisedDate: "2026-11-25", collector: "王强" }),
  entry("2026-11-25", "1-101", "phone", "sent"),
];

describe("the daily collector report (催缴日报)", () => {
  it("counts calls and visits made on the day, not notices still to send", () => {
    const day1 = buildDailyReport(record, households, "2026-11-23", "2026-11-20");
    const by = (name: string) => day1.collectors.find((c) => c.collector === name);
    expect(by("李娜")).toMatchObject({ calls: 2, visits: 0, recoveredToday: 300, rank: 1 });
    expect(by("王强")).toMatchObject({ calls: 0, visits: 1, recoveredToday: 0, rank: 2 });
    expect(by("赵敏")).toMatchObject({ calls: 0, visits: 0, rank: 3 });
  });

  it("sums what was recovered on the day and since the campaign began, to whoever logged it", () => {
    const day3 = buildDailyReport(record, households, "2026-11-25", "2026-11-20");
    const by = (name: string) => day3.collectors.find((c) => c.collector === name);
    expect(by("李娜")).toMatchObject({ recoveredToday: 400, recoveredCampaign: 700, visits: 1, calls: 1 });
    // 2-202 paid in full on the 24th with no amount: the debt the ledger gives.
    expect(by("王强")).toMatchObject({ recoveredToday: 0, recoveredCampaign: 300, calls: 1 });
    expect(day3.totals).toMatchObject({ recoveredToday: 400, recoveredCampaign: 1000 });
    // Payments before the campaign's start are not the campaign's.
    const later = buildDailyReport(record, households, "2026-11-25", "2026-11-24");
    expect(later.totals.recoveredCampaign).toBe(400);
  });

  it("counts promises due on the day and promises broken", () => {
    const day2 = buildDailyReport(record, households, "2026-11-24", "2026-11-20");
    expect(day2.collectors.find((c) => c.collector === "李娜")).toMatchObject({
      promisesDue: 1,
      promisesBroken: 0,
    });
    const day3 = buildDailyReport(record, households, "2026-11-25", "2026-11-20");
    expect(day3.collectors.find((c) => c.collector === "李娜")).toMatchObject({
      promisesDue: 0,
      promisesBroken: 1,
    });
    // 王强's promise for 2-201 falls due on the 25th; a part payment the same day keeps it.
    expect(day3.collectors.find((c) => c.collector === "王强")).toMatchObject({ promisesDue: 0 });
  });

  it("flags a collector ranked low three days running, and only then", () => {
    const day2 = buildDailyReport(record, households, "2026-11-24", "2026-11-20");
    expect(day2.collectors.filter((c) => c.lowRunning)).toEqual([]);
    const day3 = buildDailyReport(record, households, "2026-11-25", "2026-11-20");
    const flagged = day3.collectors.filter((c) => c.lowRunning);
    expect(flagged.map((c) => c.collector)).toEqual(["赵敏"]);
    expect(flagged[0].lowDays).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
    // One call from 赵敏 on the third day that brings money in breaks the run.
    const better = [...record, entry("2026-11-25", "3-301", "phone", "partPaid", { amount: 500 })];
    const again = buildDailyReport(better, households, "2026-11-25", "2026-11-20");
    expect(again.collectors.filter((c) => c.lowRunning)).toEqual([]);
    expect(again.collectors[0].collector).toBe("赵敏");
  });

  it("ranks the bottom rank or the bottom third low", () => {
    expect([1, 2, 3].map((r) => isLow(r, 3))).toEqual([false, false, true]);
    expect([1, 2, 3, 4, 5, 6].map((r) => isLow(r, 6))).toEqual([false, false, false, false, true, true]);
    expect(isLow(1, 1)).toBe(false);
  });

  it("writes the sheet in either language, with the flagged collector named", () => {
    const day3 = buildDailyReport(record, households, "2026-11-25", "2026-11-20");
    const zh = dailyReportSheet(day3, "zh-CN");
    expect(zh.name).toBe("催缴日报");
    const text = JSON.stringify(zh.blocks);
    expect(text).toContain("连续 3 天排名靠后");
    expect(text).toContain("赵敏");
    const en = dailyReportSheet(day3, "en-US");
    expect(en.name).toBe("Daily report");
    expect(JSON.stringify(en.blocks)).toContain("low 3 days running");
  });
});

describe("the daily report without collectors", () => {
  it("lists nobody for a ledger with no collector column and a record of prepared notices, and is the same on a rerun", () => {
    const unnamed = [makeHousehold({ room: "1-101", amountOverdue: 900, monthsOverdue: 3 })];
    const prepared = [entry("2026-11-24", "1-101", "letter", "pending")];
    expect(buildDailyReport([], unnamed, "2026-11-24", "2026-11-20").collectors).toEqual([]);
    expect(buildDailyReport(prepared, unnamed, "2026-11-24", "2026-11-20").collectors).toEqual([]);
    // A payment logged with no collector still shows, under —.
    const paid = [...prepared, entry("2026-11-24", "1-101", "phone", "paid", { amount: 900 })];
    expect(buildDailyReport(paid, unnamed, "2026-11-24", "2026-11-20").collectors).toMatchObject([
      { collector: "—", calls: 1, recoveredToday: 900 },
    ]);
  });
});
