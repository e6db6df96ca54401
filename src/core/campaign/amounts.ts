import { MAX_MONTHS_OVERDUE } from "../money";
import { Household } from "../read/household";
import { IsoDate, MonthIndex, monthEnd, monthOfDate } from "../read/values";
import { roundCents } from "../text";
import { CampaignFacts, RecordEntry } from "./record";

/** One unpaid month and what it still owes. */
export interface MonthDue {
  readonly month: MonthIndex;
  readonly fee: number;
  /** A month from before the sheet's month columns (往年欠费). */
  readonly prior: boolean;
}

/** What a household owes on the day of a round: the ledger's figures less the payments logged since. */
export interface Owed {
  readonly amount: number | null;
  readonly months: number | null;
  /** Oldest first. Empty when the sheet says neither which months nor how many. */
  readonly dues: readonly MonthDue[];
  /** False when the months are only counted back from the as-of date (a sheet with no month columns). */
  readonly monthsKnown: boolean;
  /** Paid since the as-of date, as the record says. */
  readonly paid: number;
  readonly payments: readonly RecordEntry[];
}

function spread(months: readonly MonthIndex[], total: number, fee: number | null): number[] {
  if (months.length === 0) return [];
  if (fee !== null && Math.abs(fee * months.length - total) < 0.005) return months.map(() => fee);
  const share = roundCents(total / months.length);
  const fees = months.map(() => share);
  fees[fees.length - 1] = roundCents(total - share * (months.length - 1));
  return fees;
}

/** The unpaid months of the ledger, prior-year months (往年欠费) first, each with its fee. */
export function monthsDue(h: Household, asOf: IsoDate): { dues: MonthDue[]; known: boolean } {
  if (h.amountOverdue === null || h.amountOverdue <= 0) return { dues: [], known: true };
  const columns = [...h.unpaidMonths].sort((a, b) => a - b);
  const count = h.monthsOverdue ?? columns.length;
  let months: MonthIndex[];
  let prior = 0;
  let known = true;
  if (columns.length > 0) {
    prior = Math.min(MAX_MONTHS_OVERDUE, Math.max(0, count - columns.length));
    const first =
      h.oldestUnpaid !== null && h.oldestUnpaid < columns[0] ? h.oldestUnpaid : columns[0] - prior;
    months = [...Array.from({ length: prior }, (_, i) => first + i), ...columns];
  } else if (count > 0 && count <= MAX_MONTHS_OVERDUE) {
    // Only the count is known: take the latest months already due before the as-of date.
    const asOfMonth = monthOfDate(asOf);
    const lastDue = monthEnd(asOfMonth) <= asOf ? asOfMonth : asOfMonth - 1;
    months = Array.from({ length: count }, (_, i) => lastDue - count + 1 + i);
    known = false;
  } else return { dues: [], known: false };
  const fees = spread(months, h.amountOverdue, h.monthlyFee);
  return { dues: months.map((month, i) => ({ month, fee: fees[i], prior: i < prior })), known };
}

/** Payments logged after the as-of date: 已缴费 with no amount is payment in full. */
function paymentsSince(facts: CampaignFacts | undefined, asOf: IsoDate): RecordEntry[] {
  return (facts?.entries ?? []).filter(
    (e) => e.date > asOf && (e.result === "paid" || (e.result === "partPaid" && e.amount !== null)),
  );
}

/** What is owed now: payments since the as-of date go to the oldest months first. */
export function owed(h: Household, facts: CampaignFacts | undefined, asOf: IsoDate): Owed {
  const { dues, known } = monthsDue(h, asOf);
  const payments = paymentsSince(facts, asOf);
  const inFull = payments.some((e) => e.result === "paid" && e.amount === null);
  const paid = roundCents(payments.reduce((sum, e) => sum + (e.amount ?? 0), 0));
  if (payments.length === 0)
    return { amount: h.amountOverdue, months: h.monthsOverdue, dues, monthsKnown: known, paid: 0, payments };
  if (inFull || (h.amountOverdue !== null && paid >= h.amountOverdue - 0.004))
    return { amount: 0, months: 0, dues: [], monthsKnown: known, paid, payments };
  if (dues.length === 0) {
    const amount = h.amountOverdue === null ? null : roundCents(h.amountOverdue - paid);
    return { amount, months: h.monthsOverdue, dues, monthsKnown: known, paid, payments };
  }
  let left = paid;
  const remaining: MonthDue[] = [];
  for (const due of dues) {
    if (left >= due.fee - 0.004) {
      left = roundCents(left - due.fee);
      continue;
    }
    remaining.push(left > 0 ? { ...due, fee: roundCents(due.fee - left) } : due);
    left = 0;
  }
  const amount = roundCents(remaining.reduce((sum, d) => sum + d.fee, 0));
  return { amount, months: remaining.length, dues: remaining, monthsKnown: known, paid, payments };
}

/** The household as the round sees it: the ledger less what the record says was paid since. */
export function withPayments(h: Household, debt: Owed): Household {
  if (debt.payments.length === 0) return h;
  const columns = new Set(h.unpaidMonths);
  return {
    ...h,
    amountOverdue: debt.amount,
    monthsOverdue: debt.months,
    unpaidMonths: debt.dues.filter((d) => columns.has(d.month)).map((d) => d.month),
    oldestUnpaid: debt.dues.length > 0 ? debt.dues[0].month : null,
  };
}
