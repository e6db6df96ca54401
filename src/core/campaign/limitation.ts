import { IsoDate, MonthIndex, daysBetween, daysInMonth, monthEnd } from "../read/values";
import { RecordEntry } from "./record";
import { deliveredDemands as provenDemands } from "./delivery";

/** Civil Code art. 188: the ordinary limitation period, in years. */
export const LIMITATION_YEARS = 3;
/** A claim whose period ends within this many days of the bundle's date is flagged: sue (or demand again) first. */
export const EXPIRING_WITHIN_DAYS = 90;

/**
 * The record rows that prove a demand reached the owner (or the owner acknowledged the debt), oldest first, as
 * delivery.ts reads them: a signed or 妥投 EMS with its number, 留置送达, a signed receipt, a written instalment
 * agreement; a returned letter is none. The one place the court bundle learns of delivery.
 */
export function deliveredDemands(entries: readonly RecordEntry[]): RecordEntry[] {
  const byRow = new Map(entries.map((e) => [e.row, e]));
  return provenDemands(entries).flatMap((d) => {
    const e = byRow.get(d.row);
    return e ? [e] : [];
  });
}

/** How a month's claim stands on the bundle's date. */
export type LimitationStatus = "expired" | "expiring" | "running";

/** One month's claim and its limitation period. */
export interface ClaimLimitation {
  readonly month: MonthIndex;
  /** The day the month's fee fell due (its last day, as the late fee counts): the period runs from the next. */
  readonly due: IsoDate;
  /** The delivered demand that last restarted the period (art. 195), or null: it runs from the due date. */
  readonly restartedBy: RecordEntry | null;
  /** The last day of the period. */
  readonly expires: IsoDate;
  readonly status: LimitationStatus;
  /** Days from the bundle's date to the end of the period (negative once it has passed). */
  readonly daysLeft: number;
}

/** The same day `years` later; the 29th of February becomes the 28th (the month's last day, as periods end). */
export function addYears(date: IsoDate, years: number): IsoDate {
  const y = Number(date.slice(0, 4)) + years;
  const m = Number(date.slice(5, 7));
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, m));
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Each month's claim: it falls due on the month's last day and expires three years later (art. 188); a demand
 * delivered after it fell due and before it expired starts the three years again from its delivery (art. 195) —
 * an expired claim is not revived by a later demand. Flagged expired or expiring within EXPIRING_WITHIN_DAYS of
 * `bundleDate` (a date given, never today).
 */
export function claimLimitations(
  months: readonly MonthIndex[],
  demands: readonly RecordEntry[],
  bundleDate: IsoDate,
): ClaimLimitation[] {
  return months.map((month) => {
    const due = monthEnd(month);
    let expires = addYears(due, LIMITATION_YEARS);
    let restartedBy: RecordEntry | null = null;
    for (const d of demands) {
      // A demand names the months due when it was made; one after the period ended comes too late.
      if (d.date <= due || d.date > expires) continue;
      const next = addYears(d.date, LIMITATION_YEARS);
      if (next > expires) {
        expires = next;
        restartedBy = d;
      }
    }
    const daysLeft = daysBetween(bundleDate, expires);
    const status: LimitationStatus =
      daysLeft < 0 ? "expired" : daysLeft <= EXPIRING_WITHIN_DAYS ? "expiring" : "running";
    return { month, due, restartedBy, expires, status, daysLeft };
  });
}
