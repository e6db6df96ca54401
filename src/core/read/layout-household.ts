import { CellValue } from "./grid";
import { Household } from "./household";
import {
  LayoutBuilder,
  LayoutContext,
  LayoutReader,
  RowHouseholds,
  lastDueMonth,
  makeHousehold,
} from "./layout";
import { RowReading, rowNumber, takeParsed } from "./row";
import { MAX_MONTHS_OVERDUE } from "../money";
import { localized, roundCents } from "../text";
import {
  IsoDate,
  MonthIndex,
  monthOfDate,
  parseAmount,
  parseDate,
  parseDayCount,
  parseMonthCount,
} from "./values";

/** One row per household: months overdue and/or the amount, estimated from each other where one is missing. */
export const householdLayout = {
  name: "household",
  label: localized("每户一行", "one row per household"),
  fits: () => true,
  start: (ctx: LayoutContext): LayoutBuilder => new HouseholdRows(ctx),
} as const satisfies LayoutReader<"household">;

/** The date in the last-payment column of a row, or null. */
export function lastPaymentOf(
  row: readonly CellValue[],
  reading: RowReading,
  ctx: LayoutContext,
): IsoDate | null {
  const m = ctx.header.mapping;
  if (m.lastPayment === undefined) return null;
  return takeParsed(
    parseDate(row[m.lastPayment] ?? null, { date1904: ctx.date1904 }),
    "lastPayment",
    row,
    reading.excelRow,
    m,
    ctx,
    reading.problems,
  );
}

class HouseholdRows implements LayoutBuilder {
  private readonly households: RowHouseholds;
  private readonly lastDueMonth: MonthIndex;

  constructor(private readonly ctx: LayoutContext) {
    this.households = new RowHouseholds(ctx.warnings);
    this.lastDueMonth = lastDueMonth(ctx.asOf);
  }

  addRow(row: readonly CellValue[], reading: RowReading): null {
    const num = (field: Parameters<typeof rowNumber>[4], parse: Parameters<typeof rowNumber>[5]) =>
      rowNumber(row, reading, this.ctx.header.mapping, this.ctx, field, parse);
    const lastPayment = lastPaymentOf(row, reading, this.ctx);
    let amount = num("amount", parseAmount);
    const due = num("due", parseAmount);
    const paid = num("paid", parseAmount);
    const priorAmount = num("priorAmount", parseAmount);
    if (amount === null && due !== null) amount = roundCents(due - (paid ?? 0));
    if (amount !== null && priorAmount !== null) amount = roundCents(amount + priorAmount);
    let months = num("months", parseMonthCount);
    const days = num("days", parseDayCount);
    if (months === null && days !== null) months = Math.ceil(days / 30);
    const priorMonths = num("priorMonths", parseMonthCount);
    if (months !== null && priorMonths !== null) months += priorMonths;
    let monthsEstimated = months === null && days !== null;
    let amountEstimated = false;
    const fee = reading.monthlyFee;
    if (months === null && amount !== null && amount > 0 && fee !== null && fee > 0) {
      const estimate = Math.ceil(amount / fee - 0.01);
      // A months count no ledger holds (a fee typed in fen, say) is no estimate.
      if (estimate <= MAX_MONTHS_OVERDUE) {
        months = estimate;
        monthsEstimated = true;
      }
    }
    if (amount === null && months !== null && fee !== null) {
      amount = roundCents(months * fee);
      amountEstimated = true;
    }
    const bothBlank = amount === null && months === null && reading.problems.length === 0;
    if (bothBlank) {
      amount = 0;
      months = 0;
    }
    let oldestUnpaid: MonthIndex | null = null;
    if (months !== null && months > 0) oldestUnpaid = this.lastDueMonth - Math.ceil(months) + 1;
    if (lastPayment !== null && (months === null || months > 0) && (amount === null || amount > 0)) {
      const afterLastPayment = monthOfDate(lastPayment) + 1;
      oldestUnpaid = oldestUnpaid === null ? afterLastPayment : Math.min(oldestUnpaid, afterLastPayment);
    }
    this.households.add(
      makeHousehold(this.ctx, reading, {
        monthsOverdue: months,
        monthsEstimated,
        amountOverdue: amount,
        amountEstimated,
        oldestUnpaid,
        oldestUnpaidEstimated: true,
        unpaidMonths: [],
        lastPayment,
        history: null,
        collection: null,
        vacantMarked: false,
      }),
    );
    return null;
  }

  finish(): Household[] {
    return this.households.all();
  }
}
