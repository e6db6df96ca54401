import { fromCents, toCents, yuanText } from "../money";
import { IsoDate, daysBetween, daysInMonth, isoDate } from "../read/values";
import { Lang, Localized, localized } from "../text";
import { workingDeadline } from "./calendar";
import type { RecordEntry } from "./record";

/**
 * Instalments (分期还款) for an owner who cannot pay at once [E, D: 協商還款計劃]: a plan of monthly instalments
 * agreed in writing, logged in the record as 同意分期 with the plan in 备注, and checked round by round.
 */

/** The limits of a plan: the documents' practice, and what a manager may set for one run. */
export const INSTALMENT_RULES = {
  /** 分期期数 in 催缴设置: the count a plan gets unless the run says otherwise. */
  defaultCount: 3,
  /** What the setting accepts (3–6 monthly instalments). */
  settingMin: 3,
  settingMax: 6,
  /** What a manager may give for one run (`--instalments N`). */
  overrideMin: 2,
  overrideMax: 12,
  /** 分期还款日: the day of the month each instalment falls due (moved to the next working day). */
  defaultDueDay: 15,
  /** Missed instalments after which the plan is broken and the household returns to the ladder. */
  missesToBreak: 2,
  /**
   * Days after its reminder a missed last instalment has to be made up (the first reminder's longest period):
   * with no instalment left to fall due, this is the second miss.
   */
  lastGraceDays: 10,
} as const;

export interface Instalment {
  /** 1-based. */
  readonly number: number;
  readonly due: IsoDate;
  readonly cents: number;
}

export interface InstalmentPlan {
  /** The day the plan was agreed (the record row's date; for a new agreement, the round's date). */
  readonly agreed: IsoDate;
  readonly totalCents: number;
  readonly instalments: readonly Instalment[];
  /** The late fee is waived while the plan is kept (分期免收违约金). */
  readonly lateFeeWaived: boolean;
}

export interface PlanOptions {
  readonly owedCents: number;
  readonly count: number;
  readonly agreed: IsoDate;
  readonly dueDay?: number;
  readonly lateFeeWaived: boolean;
}

/** The same day `months` months after `date`'s month, at `day` (clamped to the month's length). */
function monthDay(date: IsoDate, months: number, day: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (m % 12) + 1;
  return isoDate(year, month, Math.min(day, daysInMonth(year, month))) as IsoDate;
}

/**
 * A plan: the first instalment on the due day of the month after the agreement, then monthly, each on a working
 * day; equal instalments to the cent, the remainder on the last, so the instalments add up to the debt exactly.
 */
export function makePlan(options: PlanOptions): { plan: InstalmentPlan; warnings: Localized[] } {
  const count = Math.max(1, Math.floor(options.count));
  const day = options.dueDay ?? INSTALMENT_RULES.defaultDueDay;
  const share = Math.floor(options.owedCents / count);
  const warnings: Localized[] = [];
  const instalments: Instalment[] = [];
  for (let i = 0; i < count; i++) {
    const deadline = workingDeadline(monthDay(options.agreed, i + 1, day), 0);
    // One warning a year is enough: every date in it is checked the same way.
    const year = deadline.date.slice(0, 4);
    if (deadline.warning && !warnings.some((w) => w["zh-CN"].startsWith(year)))
      warnings.push(deadline.warning);
    const cents = i === count - 1 ? options.owedCents - share * (count - 1) : share;
    instalments.push({ number: i + 1, due: deadline.date, cents });
  }
  return {
    plan: {
      agreed: options.agreed,
      totalCents: options.owedCents,
      instalments,
      lateFeeWaived: options.lateFeeWaived,
    },
    warnings,
  };
}

/**
 * The plan as a collector types it in 备注 and reads it back: "分期 3 期：2026-12-15 ¥1,000.00；2027-01-15 …".
 * The waiver is said after the schedule.
 */
export function formatPlan(plan: InstalmentPlan, lang: Lang): string {
  const n = plan.instalments.length;
  const items = plan.instalments.map((i) => `${i.due} ${yuanText(fromCents(i.cents))}`);
  if (lang === "zh-CN")
    return `分期 ${n} 期：${items.join("；")}${plan.lateFeeWaived ? "（免收违约金）" : ""}`;
  return `${n} instalments: ${items.join("; ")}${plan.lateFeeWaived ? " (late fee waived)" : ""}`;
}

export type PlanReading = { readonly plan: InstalmentPlan } | { readonly problem: Localized };

const PAIR =
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[:：,，]?\s*(?:[¥￥]|rmb|cny)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s*(?:元|yuan)?/giu;
const COUNT =
  /(?:分期\s*(\d{1,2})\s*期|(?:共|分)\s*(\d{1,2})\s*期|(\d{1,2})\s*期|(\d{1,2})\s*instal?ments?)/iu;
const WAIVED = /免收违约金|免违约金|免收滞纳金|免滞纳金|违约金免收|违约金全免|late\s*fee\s*waived|waive/iu;

/**
 * Reads a plan back from the note of a 同意分期 row: every date with its amount, in order; the count, when
 * written, must match. Full-width digits and punctuation, 2026年12月15日, 2026/12/15, ¥1,000.00 and 1000元 are
 * read; anything else is a problem to report, never a guess.
 */
export function parsePlan(note: string, agreed: IsoDate): PlanReading {
  const text = note.normalize("NFKC");
  const instalments: Instalment[] = [];
  for (const m of text.matchAll(PAIR)) {
    const due = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (due === null)
      return {
        problem: localized(
          `分期计划中的日期“${m[0].trim()}”无效`,
          `the date in "${m[0].trim()}" is not valid`,
        ),
      };
    const cents = toCents(Number(m[4].replace(/,/g, "")));
    if (!(cents > 0))
      return {
        problem: localized(
          `分期计划中的金额“${m[0].trim()}”无效`,
          `the amount in "${m[0].trim()}" is not valid`,
        ),
      };
    instalments.push({ number: instalments.length + 1, due, cents });
  }
  const example = localized(
    "应写成如“分期 3 期：2026-12-15 ¥1,000.00；2027-01-15 ¥1,000.00；2027-02-15 ¥1,000.00”",
    'write it as e.g. "3 instalments: 2026-12-15 ¥1,000.00; 2027-01-15 ¥1,000.00; 2027-02-15 ¥1,000.00"',
  );
  if (instalments.length === 0)
    return {
      problem: localized(
        `结果为同意分期，但备注中读不到分期计划（日期和金额）：${example["zh-CN"]}`,
        `the result is agreed instalments, but the note has no plan (dates and amounts): ${example["en-US"]}`,
      ),
    };
  const count = COUNT.exec(text);
  const said = count ? Number(count[1] ?? count[2] ?? count[3] ?? count[4]) : null;
  if (said !== null && said !== instalments.length)
    return {
      problem: localized(
        `分期计划写明 ${said} 期，却列出 ${instalments.length} 个日期和金额`,
        `the plan says ${said} instalments but lists ${instalments.length} dates and amounts`,
      ),
    };
  for (let i = 1; i < instalments.length; i++)
    if (instalments[i].due <= instalments[i - 1].due)
      return {
        problem: localized(
          `分期计划的日期应逐期递增（${instalments[i - 1].due} 之后是 ${instalments[i].due}）`,
          `the plan's dates must rise (${instalments[i - 1].due} is followed by ${instalments[i].due})`,
        ),
      };
  if (instalments[0].due < agreed)
    return {
      problem: localized(
        `第一期 ${instalments[0].due} 早于同意分期的日期 ${agreed}`,
        `the first instalment ${instalments[0].due} is before the day the plan was agreed, ${agreed}`,
      ),
    };
  return {
    plan: {
      agreed,
      totalCents: instalments.reduce((sum, i) => sum + i.cents, 0),
      instalments,
      lateFeeWaived: WAIVED.test(text),
    },
  };
}

/** What became of one instalment, as of a round. */
export type InstalmentState = "paid" | "missed" | "open";

export interface InstalmentLine {
  readonly instalment: Instalment;
  /** What the plan asks by this instalment's due date, in cents. */
  readonly cumulativeCents: number;
  /** Paid since the agreement up to and including the due date (or the round, for one not yet due). */
  readonly paidCents: number;
  readonly state: InstalmentState;
}

/** Where a plan stands on the day of a round. */
export type PlanStanding =
  /** Every instalment due so far paid on time (or one missed and already reminded): held from the ladder. */
  | "kept"
  /** One instalment missed and not yet reminded: the instalment reminder (分期提醒) goes out. */
  | "remind"
  /** Missed twice: the household returns to the ladder where it left it. */
  | "broken"
  /** Paid in full: the plan is over. */
  | "complete"
  /** The 同意分期 row's plan cannot be read: held until it is written so it can be. */
  | "unreadable";

export interface InstalmentStatus {
  /** The 同意分期 row. */
  readonly entry: RecordEntry;
  readonly plan: InstalmentPlan | null;
  readonly lines: readonly InstalmentLine[];
  readonly missed: number;
  readonly standing: PlanStanding;
  /** The missed instalment the reminder is about (standing "remind"), else the one missed (for the texts). */
  readonly missedInstalment: Instalment | null;
  /** The next instalment not yet due. */
  readonly next: Instalment | null;
  readonly paidCents: number;
}

/** Results that are a payment, with the amount the record gives (null: 已缴费 with no amount, in full). */
function payment(e: RecordEntry): number | null | undefined {
  if (e.result === "paid") return e.amount === null ? null : toCents(e.amount);
  if (e.result === "partPaid" && e.amount !== null) return toCents(e.amount);
  return undefined;
}

/**
 * The latest instalment agreement among one household's rows (up to the round) and how it stands: each instalment
 * paid on time — cumulative payments (已缴费/部分缴费 with 收款金额) since the agreement, on or before its due date,
 * cover it — or missed; a missed instalment gets one reminder the day after; the second miss breaks the plan.
 */
export function instalmentStatus(
  entries: readonly RecordEntry[],
  roundDate: IsoDate,
): InstalmentStatus | null {
  let agreement: RecordEntry | null = null;
  for (const e of entries) if (e.date <= roundDate && e.result === "instalmentAgreed") agreement = e;
  if (agreement === null) return null;
  const plan = agreement.plan ?? null;
  const base = {
    entry: agreement,
    plan,
    lines: [],
    missed: 0,
    missedInstalment: null,
    next: null,
    paidCents: 0,
  };
  if (plan === null) return { ...base, standing: "unreadable" };
  const agreedAt = agreement;
  const after = (e: RecordEntry) =>
    e.date > agreedAt.date || (e.date === agreedAt.date && e.row > agreedAt.row);
  const payments = entries.filter((e) => e.date <= roundDate && after(e) && payment(e) !== undefined);
  const inFull = payments.find((e) => payment(e) === null);
  const paidBy = (day: IsoDate) =>
    payments.filter((e) => e.date <= day).reduce((sum, e) => sum + (payment(e) ?? 0), 0);
  const paidCents = paidBy(roundDate);
  if (inFull || paidCents >= plan.totalCents)
    return { ...base, standing: "complete", paidCents: inFull ? plan.totalCents : paidCents };
  let cumulative = 0;
  const lines: InstalmentLine[] = plan.instalments.map((instalment) => {
    cumulative += instalment.cents;
    const due = instalment.due < roundDate;
    const paid = paidBy(due ? instalment.due : roundDate);
    const state: InstalmentState = paid >= cumulative ? "paid" : due ? "missed" : "open";
    return { instalment, cumulativeCents: cumulative, paidCents: paid, state };
  });
  const missedLines = lines.filter((l) => l.state === "missed");
  const next = lines.find((l) => l.instalment.due >= roundDate)?.instalment ?? null;
  const missed = missedLines.length;
  const first = missedLines[0]?.instalment ?? null;
  const common = { ...base, lines, missed, next, paidCents };
  if (missed >= INSTALMENT_RULES.missesToBreak)
    return { ...common, standing: "broken", missedInstalment: first };
  if (missed === 0) {
    // Every due date passed, every one met, and still short: the last instalment is not due until its day ends.
    return { ...common, standing: "kept" };
  }
  const reminder = entries.find(
    (e) =>
      e.stage === "instalmentReminder" &&
      e.date > (first as Instalment).due &&
      e.date < roundDate &&
      e.result !== "returned",
  );
  if (!reminder) return { ...common, standing: "remind", missedInstalment: first };
  const lastGone = next === null && daysBetween(reminder.date, roundDate) > INSTALMENT_RULES.lastGraceDays;
  return { ...common, standing: lastGone ? "broken" : "kept", missedInstalment: first };
}

/** The amount of an instalment, as printed. */
export function instalmentText(i: Instalment): string {
  return yuanText(fromCents(i.cents));
}
