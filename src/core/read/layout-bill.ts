import { ColumnMapping } from "./fields";
import { CellValue, SheetGrid } from "./grid";
import { Collection, Household, PaymentHistory } from "./household";
import { TableHeader, keyColumn } from "./header";
import { LayoutBuilder, LayoutContext, LayoutReader, lastDueMonth, makeHousehold } from "./layout";
import { lastPaymentOf } from "./layout-household";
import { RowReading, householdKey, mergeReadings, reportCell, rowNumber } from "./row";
import { Localized, localized, normalizeKey, roundCents } from "../text";
import {
  IsoDate,
  MonthIndex,
  cellText,
  monthEnd,
  monthOfDate,
  parseAmount,
  parseDate,
  parseMonthHeading,
} from "./values";

/** One row per bill, as a property ERP exports it (房号, 收费项目, 所属期, 应收, 实收, 欠费): summed per household. */
export const billLayout = {
  name: "bill",
  label: localized("每张账单一行", "one row per bill"),
  fits: (sheet, header) => looksLikeBills(sheet, header),
  start: (ctx: LayoutContext): LayoutBuilder => new BillRows(ctx),
} as const satisfies LayoutReader<"bill">;

function looksLikeBills(sheet: SheetGrid, header: TableHeader): boolean {
  const m = header.mapping;
  const hasBillAmounts = m.due !== undefined || m.paid !== undefined || m.amount !== undefined;
  if (hasBillAmounts && (m.period !== undefined || m.periodStart !== undefined || m.feeItem !== undefined)) {
    return true;
  }
  if (m.due === undefined && m.paid === undefined) return false;
  return keysRepeat(sheet, header);
}

/**
 * Whether some household appears on more than one row below the header: several bills per household. A room is
 * told apart by its building and unit too ("#1" in many properties is many households).
 */
export function keysRepeat(sheet: SheetGrid, header: TableHeader): boolean {
  const m = header.mapping;
  const column = keyColumn(m) as number;
  const place = m.room === undefined ? [] : [m.building, m.unit].filter((c): c is number => c !== undefined);
  const keys = new Set<string>();
  let count = 0;
  for (let r = header.rowIndex + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const room = normalizeKey(cellText(row[column] ?? null));
    if (!room) continue;
    const key = [...place.map((c) => normalizeKey(cellText(row[c] ?? null))), room].join("|");
    count++;
    keys.add(key);
  }
  return count > keys.size;
}

/** A household's bills so far. */
export interface BillGroup {
  reading: RowReading;
  rows: number[];
  arrears: number;
  arrearsKnown: boolean;
  months: Set<MonthIndex>;
  unknownPeriodLines: number;
  late: Set<MonthIndex>;
  billed: number;
  paid: number;
  lastPayment: IsoDate | null;
}

/** Bills grouped by household, in the order households first appear. */
export class BillGroups {
  private readonly groups = new Map<string, BillGroup>();

  constructor(private readonly ctx: LayoutContext) {}

  of(reading: RowReading): BillGroup {
    const key = householdKey(reading);
    let group = this.groups.get(key);
    if (!group) {
      group = {
        reading,
        rows: [],
        arrears: 0,
        arrearsKnown: true,
        months: new Set(),
        unknownPeriodLines: 0,
        late: new Set(),
        billed: 0,
        paid: 0,
        lastPayment: null,
      };
      this.groups.set(key, group);
    } else {
      group.reading = mergeReadings(group.reading, reading);
    }
    group.rows.push(reading.excelRow);
    return group;
  }

  /** Households with their arrears, months and paying history; `withHistory` when the bills say their months. */
  households(withHistory: boolean): Household[] {
    const last = lastDueMonth(this.ctx.asOf);
    const windowStart = last - this.ctx.historyMonths + 1;
    const inWindow = (mo: MonthIndex) => mo >= windowStart && mo <= last;
    return [...this.groups.values()].map((g) => {
      const unpaid = [...g.months].sort((a, b) => a - b);
      const monthsKnown = unpaid.length > 0 || g.unknownPeriodLines === 0;
      const late = [...g.late].filter(inWindow).sort((a, b) => a - b);
      const history: PaymentHistory | null = withHistory
        ? {
            lateOrMissed: late.length + unpaid.filter(inWindow).length,
            monthsKnown: this.ctx.historyMonths,
            lateMonths: late,
            missedMonths: unpaid.filter(inWindow),
          }
        : null;
      const collection: Collection | null =
        g.billed > 0 ? { billed: roundCents(g.billed), paid: roundCents(g.paid) } : null;
      return {
        ...makeHousehold(this.ctx, g.reading, {
          monthsOverdue: monthsKnown ? unpaid.length : null,
          monthsEstimated: false,
          amountOverdue: g.arrearsKnown || g.arrears > 0 ? g.arrears : null,
          amountEstimated: false,
          oldestUnpaid: unpaid.length > 0 ? unpaid[0] : null,
          oldestUnpaidEstimated: false,
          unpaidMonths: unpaid,
          lastPayment: g.lastPayment,
          history,
          collection,
          vacantMarked: false,
        }),
        rows: g.rows,
      };
    });
  }
}

/** The months a bill line covers: its period (2025-01, 2025年1月, a date) or its start and end dates. */
export function billMonths(row: readonly CellValue[], reading: RowReading, ctx: LayoutContext): MonthIndex[] {
  const m: ColumnMapping = ctx.header.mapping;
  const date1904 = ctx.date1904;
  if (m.period !== undefined) {
    const cell = row[m.period] ?? null;
    const heading = parseMonthHeading(cell, date1904, true);
    if (heading?.kind === "month") return [heading.month];
    const text = cellText(cell);
    const range =
      /^(.+?)\s*(?:至|到|~|～|—|–|\bto\b)\s*(.+)$/.exec(text) ??
      /^(\d{4}-\d{1,2}-\d{1,2})-(\d{4}-\d{1,2}-\d{1,2})$/.exec(text);
    if (range) {
      const from = parseDate(range[1], { date1904 });
      const to = parseDate(range[2], { date1904 });
      if (from.kind === "value" && to.kind === "value") return monthsBetween(from.value, to.value);
    }
    const date = parseDate(cell, { date1904 });
    if (date.kind === "value") return [monthOfDate(date.value)];
    if (cell !== null) {
      reportCell(
        ctx,
        reading,
        m.period,
        "period",
        cell,
        localized("所属期无法识别为月份", "billing period is not a month"),
      );
    }
  }
  if (m.periodStart !== undefined) {
    const from = parseDate(row[m.periodStart] ?? null, { date1904 });
    const to = m.periodEnd === undefined ? null : parseDate(row[m.periodEnd] ?? null, { date1904 });
    if (from.kind === "value") {
      return to?.kind === "value" ? monthsBetween(from.value, to.value) : [monthOfDate(from.value)];
    }
  }
  return [];
}

export function monthsBetween(from: IsoDate, to: IsoDate): MonthIndex[] {
  const a = monthOfDate(from);
  const b = monthOfDate(to);
  if (b < a || b - a > 120) return [a];
  const out: MonthIndex[] = [];
  for (let mo = a; mo <= b; mo++) out.push(mo);
  return out;
}

class BillRows implements LayoutBuilder {
  private readonly groups: BillGroups;
  private readonly lastDueMonth: MonthIndex;

  constructor(private readonly ctx: LayoutContext) {
    this.groups = new BillGroups(ctx);
    this.lastDueMonth = lastDueMonth(ctx.asOf);
  }

  addRow(row: readonly CellValue[], reading: RowReading): Localized | null {
    const ctx = this.ctx;
    const num = (field: Parameters<typeof rowNumber>[4]) =>
      rowNumber(row, reading, ctx.header.mapping, ctx, field, parseAmount);
    const lastPayment = lastPaymentOf(row, reading, ctx);
    const due = num("due");
    const paid = num("paid");
    const owed = num("amount");
    if (due === null && paid === null && owed === null && reading.problems.length === 0) {
      return localized("应收、实收、欠费都为空", "billed, paid and owed are all empty");
    }
    const arrears = owed ?? (due !== null ? roundCents(due - (paid ?? 0)) : null);
    const months = billMonths(row, reading, ctx);
    const group = this.groups.of(reading);
    if (arrears === null) group.arrearsKnown = false;
    else if (arrears > 0.004) {
      group.arrears = roundCents(group.arrears + arrears);
      if (months.length === 0) group.unknownPeriodLines++;
      for (const mo of months) if (mo <= this.lastDueMonth) group.months.add(mo);
    }
    if (due !== null) group.billed += due;
    if (paid !== null) group.paid += paid;
    if (lastPayment !== null) {
      if (group.lastPayment === null || lastPayment > group.lastPayment) group.lastPayment = lastPayment;
      const end = months.length > 0 ? monthEnd(Math.max(...months)) : null;
      if (end !== null && lastPayment > end) for (const mo of months) group.late.add(mo);
    }
    return null;
  }

  finish(): Household[] {
    const m = this.ctx.header.mapping;
    return this.groups.households(m.period !== undefined || m.periodStart !== undefined);
  }
}
