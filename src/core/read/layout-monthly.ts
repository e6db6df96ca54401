import { CellValue, isCellError } from "./grid";
import { Household, PaymentHistory } from "./household";
import {
  LayoutBuilder,
  LayoutContext,
  LayoutReader,
  RowHouseholds,
  lastDueMonth,
  makeHousehold,
} from "./layout";
import { lastPaymentOf } from "./layout-household";
import { RowReading, reportCell, rowNumber } from "./row";
import { localized, normalizeKey, roundCents } from "../text";
import {
  IsoDate,
  MonthIndex,
  describeCell,
  monthEnd,
  parseAmount,
  parseDate,
  parseMonthCount,
} from "./values";

/**
 * One column per month: a month cell holds the amount paid; blank, 未缴 or 欠 is unpaid; a smaller amount is a
 * partial payment; 补缴 or a payment date after the month is late; — is not billed; 免 waived; 空置 a vacancy.
 */
export const monthlyLayout = {
  name: "monthly",
  label: localized("每月一列", "one column per month"),
  fits: (_sheet, header) => header.months.length >= 3,
  start: (ctx: LayoutContext): LayoutBuilder => new MonthlyRows(ctx),
} as const satisfies LayoutReader<"monthly">;

type MonthState = "paid" | "late" | "unpaid" | "partial" | "waived" | "notBilled" | "unknown";

interface MonthCell {
  readonly state: MonthState;
  readonly paid: number | null;
  readonly vacant?: boolean;
}

// prettier-ignore
const UNPAID_WORDS = new Set(["未缴", "未交", "未付", "未收", "欠", "欠费", "欠缴", "拖欠", "unpaid", "owed", "x", "×", "✗", "✘", "否", "无"]);
// prettier-ignore
const PAID_WORDS = new Set(["已缴", "已交", "已付", "已收", "缴", "交", "付", "√", "✓", "✔", "paid", "ok", "y", "yes", "是", "清"]);
const WAIVED_WORDS = new Set(["免", "免收", "免缴", "减免", "豁免", "waived", "exempt"]);
// prettier-ignore
const NOT_BILLED_WORDS = new Set(["-", "--", "—", "——", "–", "/", "\\", "n/a", "na", "未交房", "未收房", "不计费"]);
const LATE_MARKS = ["补缴", "补交", "迟缴", "迟交", "逾期缴", "逾期交", "后补", "late"];
const VACANT_MARKS = ["空置", "vacant"];

function readMonthCell(
  cell: CellValue,
  fee: number | null,
  month: MonthIndex,
  date1904: boolean,
): MonthCell | string {
  if (cell === null) return { state: "unpaid", paid: null };
  if (isCellError(cell)) return `error value ${cell.error}`;
  if (typeof cell === "boolean") return cell ? { state: "paid", paid: fee } : { state: "unpaid", paid: null };
  if (cell instanceof Date) {
    const parsed = parseDate(cell, { date1904 });
    if (parsed.kind !== "value") return "invalid date";
    return { state: parsed.value > monthEnd(month) ? "late" : "paid", paid: fee };
  }
  if (typeof cell === "number") return byAmount(cell, fee);
  const key = normalizeKey(cell);
  if (key === "") return { state: "unpaid", paid: null };
  if (NOT_BILLED_WORDS.has(key)) return { state: "notBilled", paid: null };
  if (WAIVED_WORDS.has(key)) return { state: "waived", paid: null };
  if (UNPAID_WORDS.has(key)) return { state: "unpaid", paid: null };
  if (PAID_WORDS.has(key)) return { state: "paid", paid: fee };
  if (VACANT_MARKS.some((w) => key.includes(w))) return { state: "unpaid", paid: null, vacant: true };
  if (LATE_MARKS.some((w) => key.includes(w))) {
    const digits = /(\d+(?:\.\d+)?)/.exec(key);
    return { state: "late", paid: digits ? Number(digits[1]) : fee };
  }
  const amount = parseAmount(cell);
  if (amount.kind === "value") return byAmount(amount.value, fee);
  const date = parseDate(cell, { date1904 });
  if (date.kind === "value") return { state: date.value > monthEnd(month) ? "late" : "paid", paid: fee };
  return `"${describeCell(cell)}" is neither an amount, a date nor a paid/unpaid mark`;
}

function byAmount(amount: number, fee: number | null): MonthCell {
  if (amount <= 0) return { state: "unpaid", paid: 0 };
  if (fee !== null && amount < fee - 0.005) return { state: "partial", paid: amount };
  return { state: "paid", paid: amount };
}

class MonthlyRows implements LayoutBuilder {
  private readonly households: RowHouseholds;
  private readonly lastDueMonth: MonthIndex;
  /** How many of the sheet's month columns fall in the history window: the same for every row. */
  private monthsInWindow: number | undefined;

  constructor(private readonly ctx: LayoutContext) {
    this.households = new RowHouseholds(ctx.warnings);
    this.lastDueMonth = lastDueMonth(ctx.asOf);
  }

  addRow(row: readonly CellValue[], reading: RowReading): null {
    const ctx = this.ctx;
    const num = (field: Parameters<typeof rowNumber>[4], parse: Parameters<typeof rowNumber>[5]) =>
      rowNumber(row, reading, ctx.header.mapping, ctx, field, parse);
    const lastPaymentColumn = lastPaymentOf(row, reading, ctx);
    const monthCols = ctx.monthColumns;
    const monthCells = ctx.header.months.map((m) => row[m.index] ?? null);
    // Without a fee column, a household's usual payment is its fee: the most common amount it paid.
    const fee = reading.monthlyFee ?? modalAmount(monthCells);
    const unpaid: MonthIndex[] = [];
    const late: MonthIndex[] = [];
    let fullyUnpaid = 0;
    let shortfall = 0;
    let billed = 0;
    let paidTotal = 0;
    let vacant = false;
    let latestPaidDate: IsoDate | null = null;
    for (let i = 0; i < monthCols.length; i++) {
      const col = monthCols[i];
      const cell = monthCells[i];
      const read = readMonthCell(cell, fee, col.month, ctx.date1904);
      if (typeof read === "string") {
        reportCell(
          ctx,
          reading,
          ctx.header.months[i].index,
          "month",
          cell,
          localized(
            `${col.header}：无法识别（${read}），该月不计`,
            `${col.header}: unreadable (${read}); month not counted`,
          ),
          col.column,
        );
        continue;
      }
      if (read.vacant) vacant = true;
      if (cell instanceof Date || (typeof cell === "string" && read.state !== "unpaid")) {
        const d = parseDate(cell, { date1904: ctx.date1904 });
        if (d.kind === "value" && (latestPaidDate === null || d.value > latestPaidDate))
          latestPaidDate = d.value;
      }
      if (col.month > this.lastDueMonth) continue;
      if (read.state !== "notBilled" && read.state !== "waived") {
        billed += fee ?? 0;
        paidTotal += read.paid ?? 0;
      }
      if (read.state === "unpaid") {
        unpaid.push(col.month);
        fullyUnpaid++;
      }
      if (read.state === "partial") {
        unpaid.push(col.month);
        shortfall += (fee ?? 0) - (read.paid ?? 0);
      }
      if (read.state === "late") late.push(col.month);
    }
    const priorMonths = num("priorMonths", parseMonthCount) ?? 0;
    const priorAmount = num("priorAmount", parseAmount);
    const explicitMonths = num("months", parseMonthCount);
    const explicitAmount = num("amount", parseAmount);
    let amount: number | null;
    let amountEstimated = false;
    if (explicitAmount !== null) amount = explicitAmount;
    else if (fee !== null) {
      amount = roundCents(fullyUnpaid * fee + shortfall);
      if (priorMonths > 0) amount = roundCents(amount + (priorAmount ?? priorMonths * fee));
      else if (priorAmount !== null) amount = roundCents(amount + priorAmount);
      amountEstimated = reading.monthlyFee === null && unpaid.length > 0;
    } else if (unpaid.length === 0 && priorMonths === 0) amount = priorAmount ?? 0;
    else amount = priorAmount !== null && unpaid.length === 0 ? priorAmount : null;
    const months = explicitMonths ?? unpaid.length + priorMonths;
    const firstMonth = monthCols.length > 0 ? monthCols[0].month : null;
    let oldestUnpaid: MonthIndex | null = unpaid.length > 0 ? Math.min(...unpaid) : null;
    if (priorMonths > 0 && firstMonth !== null) oldestUnpaid = firstMonth - priorMonths;
    const windowStart = this.lastDueMonth - ctx.historyMonths + 1;
    const inWindow = (mo: MonthIndex) => mo >= windowStart && mo <= this.lastDueMonth;
    this.monthsInWindow ??= monthCols.filter((c) => inWindow(c.month)).length;
    const covered = this.monthsInWindow;
    let history: PaymentHistory | null = null;
    if (covered > 0) {
      const lateMonths = late.filter(inWindow);
      const missedMonths = unpaid.filter(inWindow);
      history = {
        lateOrMissed: lateMonths.length + missedMonths.length,
        monthsKnown: covered,
        lateMonths,
        missedMonths,
      };
    }
    const lastPayment = lastPaymentColumn ?? latestPaidDate;
    this.households.add(
      makeHousehold(ctx, reading, {
        monthsOverdue: months,
        monthsEstimated: false,
        amountOverdue: amount,
        amountEstimated,
        oldestUnpaid,
        oldestUnpaidEstimated: priorMonths > 0,
        unpaidMonths: unpaid,
        lastPayment,
        history,
        collection:
          billed > 0 ? { billed: roundCents(billed), paid: roundCents(Math.min(paidTotal, billed)) } : null,
        vacantMarked: vacant,
      }),
    );
    return null;
  }

  finish(): Household[] {
    return this.households.all();
  }
}

function modalAmount(cells: readonly CellValue[]): number | null {
  const counts = new Map<number, number>();
  for (const cell of cells) {
    const parsed = typeof cell === "number" ? cell : typeof cell === "string" ? parseAmount(cell) : null;
    const amount = typeof parsed === "number" ? parsed : parsed?.kind === "value" ? parsed.value : null;
    if (amount !== null && amount > 0) counts.set(amount, (counts.get(amount) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [amount, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && amount > best)) {
      best = amount;
      bestCount = count;
    }
  }
  return best;
}
