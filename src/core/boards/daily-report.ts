import { CellValue } from "../read/grid";
import { Household } from "../read/household";
import { Block, OUTPUT_SHEETS, OutputSheet } from "../output";
import { Channel } from "../campaign/stages";
import { ContactResult, RecordEntry } from "../campaign/record";
import { IsoDate } from "../read/values";
import { Lang, chineseOrder, formatYuan, roundCents, speaker } from "../text";

/**
 * What a row of the record counts for in the command post's daily review [C]: a call or a visit made (a row
 * a round prepared and nobody confirmed is not one), money recovered, a promise taken.
 */
const CONTACT_OF: Readonly<Record<Channel, "call" | "visit" | null>> = {
  phone: "call",
  visit: "visit",
  sms: null,
  letter: null,
  ems: null,
};

/** Results that are payments, and how the amount is taken: the amount logged, or (paid in full) the debt. */
const PAYMENT_OF: Readonly<Partial<Record<ContactResult, "logged" | "loggedOrDebt">>> = {
  paid: "loggedOrDebt",
  partPaid: "logged",
};

/** Results that mean nothing was done yet: a prepared notice, a returned one. */
const NOT_DONE: ReadonlySet<ContactResult | null> = new Set<ContactResult | null>(["pending"]);

/** Days a collector must rank low in a row to be flagged for the command post's attention [C]. */
export const LOW_DAYS_RUNNING = 3;

export interface CollectorDay {
  readonly collector: string;
  readonly calls: number;
  readonly visits: number;
  /** Recovered on the day (payments logged that day). */
  readonly recoveredToday: number;
  /** Recovered since the campaign began (payments logged after the as-of date, up to the day). */
  readonly recoveredCampaign: number;
  /** Promises this collector took that fall due on the day and are not yet kept. */
  readonly promisesDue: number;
  /** Promises this collector took whose date has passed with no payment. */
  readonly promisesBroken: number;
  readonly rank: number;
  /** Ranked low (bottom rank or bottom third) on each of the last LOW_DAYS_RUNNING days with activity. */
  readonly lowRunning: boolean;
  /** The days (oldest first) of the run of low ranks, when flagged. */
  readonly lowDays: readonly IsoDate[];
}

export interface DailyReport {
  readonly date: IsoDate;
  /** The campaign's start: payments logged after this day count as recovered in the campaign. */
  readonly campaignStart: IsoDate;
  readonly collectors: readonly CollectorDay[];
  readonly totals: {
    readonly calls: number;
    readonly visits: number;
    readonly recoveredToday: number;
    readonly recoveredCampaign: number;
    readonly promisesDue: number;
    readonly promisesBroken: number;
  };
}

const NOBODY = "—";

interface Tally {
  calls: number;
  visits: number;
  recoveredToday: number;
  recoveredCampaign: number;
  promisesDue: number;
  promisesBroken: number;
}

function emptyTally(): Tally {
  return { calls: 0, visits: 0, recoveredToday: 0, recoveredCampaign: 0, promisesDue: 0, promisesBroken: 0 };
}

/**
 * The daily collector report for `date`, from the record: each row is credited to the collector who logged it
 * (its 催缴员 cell), else to the household's collector in the ledger. Every collector of the ledger is listed, so
 * a collector who did nothing that day ranks last.
 */
export function buildDailyReport(
  entries: readonly RecordEntry[],
  households: readonly Household[],
  date: IsoDate,
  campaignStart: IsoDate,
): DailyReport {
  const byKey = new Map(households.map((h) => [h.key, h]));
  const collectorOf = (e: RecordEntry) =>
    e.collector?.trim() || byKey.get(e.householdKey)?.collector.trim() || NOBODY;
  const names = new Set<string>();
  for (const h of households) if (h.collector.trim()) names.add(h.collector.trim());
  for (const e of entries) if (e.date <= date) names.add(collectorOf(e));

  const paymentsOf = new Map<string, RecordEntry[]>();
  for (const e of entries) {
    if (!e.result || !PAYMENT_OF[e.result]) continue;
    const list = paymentsOf.get(e.householdKey);
    if (list) list.push(e);
    else paymentsOf.set(e.householdKey, [e]);
  }

  const dayTally = (day: IsoDate): Map<string, Tally> => {
    const tallies = new Map<string, Tally>([...names].map((n) => [n, emptyTally()]));
    const tally = (name: string) => {
      let t = tallies.get(name);
      if (!t) tallies.set(name, (t = emptyTally()));
      return t;
    };
    for (const e of entries) {
      if (e.date > day) continue;
      const t = tally(collectorOf(e));
      const contact = e.channel ? CONTACT_OF[e.channel] : null;
      if (e.date === day && contact && !NOT_DONE.has(e.result)) {
        if (contact === "call") t.calls++;
        else t.visits++;
      }
      const payment = e.result ? PAYMENT_OF[e.result] : undefined;
      if (payment && e.date > campaignStart) {
        const debt = byKey.get(e.householdKey)?.amountOverdue ?? 0;
        const amount = e.amount ?? (payment === "loggedOrDebt" ? debt : 0);
        t.recoveredCampaign = roundCents(t.recoveredCampaign + amount);
        if (e.date === day) t.recoveredToday = roundCents(t.recoveredToday + amount);
      }
      if (e.result === "promised" && e.promisedDate) {
        const kept = (paymentsOf.get(e.householdKey) ?? []).some(
          (x) => x.date >= e.date && x.date <= day && x !== e,
        );
        if (!kept && e.promisedDate === day) t.promisesDue++;
        if (!kept && e.promisedDate < day) t.promisesBroken++;
      }
    }
    return tallies;
  };

  const ranked = (day: IsoDate) =>
    [...dayTally(day)]
      .map(([collector, t]) => ({ collector, ...t }))
      // Rows nobody is named on are shown only when something was done on them.
      .filter((c) => c.collector !== NOBODY || Object.values(c).some((v) => typeof v === "number" && v > 0))
      .sort(
        (a, b) =>
          b.recoveredToday - a.recoveredToday ||
          b.calls + b.visits - (a.calls + a.visits) ||
          b.recoveredCampaign - a.recoveredCampaign ||
          chineseOrder(a.collector, b.collector),
      )
      .map((c, i, all) => ({ ...c, rank: i + 1, low: isLow(i + 1, all.length) }));

  // "Three days running" counts the campaign's working days: the days the record has anything on, and the day.
  const days = [...new Set(entries.filter((e) => e.date < date).map((e) => e.date))].sort();
  const lastDays = [...days.slice(-(LOW_DAYS_RUNNING - 1)), date];
  const history = lastDays.map((d) => new Map(ranked(d).map((c) => [c.collector, c.low])));
  const today = ranked(date);
  const collectors: CollectorDay[] = today.map((c) => {
    const lowRunning =
      lastDays.length >= LOW_DAYS_RUNNING && history.every((h) => h.get(c.collector) === true);
    return {
      collector: c.collector,
      calls: c.calls,
      visits: c.visits,
      recoveredToday: c.recoveredToday,
      recoveredCampaign: c.recoveredCampaign,
      promisesDue: c.promisesDue,
      promisesBroken: c.promisesBroken,
      rank: c.rank,
      lowRunning,
      lowDays: lowRunning ? lastDays : [],
    };
  });
  const sum = (f: (c: CollectorDay) => number) => roundCents(collectors.reduce((s, c) => s + f(c), 0));
  return {
    date,
    campaignStart,
    collectors,
    totals: {
      calls: sum((c) => c.calls),
      visits: sum((c) => c.visits),
      recoveredToday: sum((c) => c.recoveredToday),
      recoveredCampaign: sum((c) => c.recoveredCampaign),
      promisesDue: sum((c) => c.promisesDue),
      promisesBroken: sum((c) => c.promisesBroken),
    },
  };
}

/** Ranked low: the bottom rank, or within the bottom third of the collectors (with at least two ranked). */
export function isLow(rank: number, count: number): boolean {
  if (count < 2) return false;
  return rank === count || rank > count - Math.floor(count / 3);
}

/** Sheet 催缴日报: the day's work per collector, ranked, and who ranked low three days running. */
export function dailyReportSheet(report: DailyReport, lang: Lang): OutputSheet {
  const say = speaker(lang);
  const flagged = report.collectors.filter((c) => c.lowRunning);
  const rows: CellValue[][] = report.collectors.map((c) => [
    c.rank,
    c.collector,
    c.calls,
    c.visits,
    c.recoveredToday,
    c.recoveredCampaign,
    c.promisesDue,
    c.promisesBroken,
    c.lowRunning ? say(`连续 ${LOW_DAYS_RUNNING} 天排名靠后`, `low ${LOW_DAYS_RUNNING} days running`) : null,
  ]);
  const t = report.totals;
  const blocks: Block[] = [
    {
      kind: "text",
      text: say(`催缴日报 ${report.date}`, `Daily collection report ${report.date}`),
      style: "title",
    },
    {
      kind: "text",
      text: say(
        `按催缴记录统计：当天的电话和上门（“待发送”不计）、当天和本轮（${report.campaignStart} 之后）收回的欠费、` +
          "当天到期和已失约的承诺；按当天收回金额排名，其次是电话和上门次数。",
        `From the collection record: calls and visits made that day (notices still "to send" are not), ` +
          `recovered that day and in the campaign (after ${report.campaignStart}), promises due that day and ` +
          "broken; ranked by what was recovered that day, then by calls and visits.",
      ),
      style: "note",
    },
    {
      kind: "table",
      id: "daily",
      name: "DailyCollectors",
      columns: [
        { header: say("排名", "Rank"), format: "integer" },
        { header: say("催缴员", "Collector"), format: "text" },
        { header: say("电话", "Calls"), format: "integer" },
        { header: say("上门", "Visits"), format: "integer" },
        { header: say("当天收回", "Recovered today"), format: "money" },
        { header: say("本轮累计收回", "Recovered in campaign"), format: "money" },
        { header: say("当天到期承诺", "Promises due"), format: "integer" },
        { header: say("失约承诺", "Promises broken"), format: "integer" },
        { header: say("提示", "Attention"), format: "text", wrap: true },
      ],
      rows,
      emptyText: say("催缴记录和台账中没有催缴员", "No collectors in the record or the ledger"),
      repeatHeader: true,
    },
    {
      kind: "text",
      text: say(
        `合计：电话 ${t.calls} 次，上门 ${t.visits} 次，当天收回 ${formatYuan(t.recoveredToday)}，` +
          `本轮累计 ${formatYuan(t.recoveredCampaign)}；当天到期承诺 ${t.promisesDue} 个，失约 ${t.promisesBroken} 个`,
        `Totals: ${t.calls} calls, ${t.visits} visits, ${formatYuan(t.recoveredToday)} recovered today, ` +
          `${formatYuan(t.recoveredCampaign)} in the campaign; ${t.promisesDue} promises due, ` +
          `${t.promisesBroken} broken`,
      ),
      style: "total",
    },
    { kind: "blank" },
    {
      kind: "text",
      text:
        flagged.length > 0
          ? say(
              `连续 ${LOW_DAYS_RUNNING} 天排名靠后（末位或后三分之一，${flagged[0].lowDays.join("、")}）：` +
                `${flagged.map((c) => c.collector).join("、")}——请了解原因、帮助解决`,
              `Ranked low ${LOW_DAYS_RUNNING} days running (bottom or bottom third, ` +
                `${flagged[0].lowDays.join(", ")}): ${flagged.map((c) => c.collector).join(", ")} — ask why and help`,
            )
          : say(
              `没有催缴员连续 ${LOW_DAYS_RUNNING} 天排名靠后`,
              `No collector ranked low ${LOW_DAYS_RUNNING} days running`,
            ),
      style: flagged.length > 0 ? "heading" : "body",
    },
  ];
  return {
    name: OUTPUT_SHEETS.dailyReport[lang],
    widths: [6, 14, 8, 8, 14, 16, 14, 12, 24],
    landscape: true,
    freezeRows: 3,
    blocks,
  };
}
