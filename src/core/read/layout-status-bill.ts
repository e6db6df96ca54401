import { CellValue, SheetGrid } from "./grid";
import { Household } from "./household";
import { TableHeader } from "./header";
import { LayoutBuilder, LayoutContext, LayoutReader } from "./layout";
import { BillGroups, billMonths } from "./layout-bill";
import { lastPaymentOf } from "./layout-household";
import { RowReading, reportCell, rowNumber, takeParsed } from "./row";
import { localized, normalizeKey, roundCents } from "../text";
import { IsoDate, MonthIndex, cellText, monthEnd, monthOfDate, parseAmount, parseDate } from "./values";

/**
 * One row per bill with one amount and a status (已缴/未缴/逾期/部分, paid/unpaid/overdue/partial), a due date and
 * a payment date, as utility and ERP collection lists have it. Unpaid bills past their due date on the as-of date
 * are arrears; bills paid after their due date are late payments.
 */
export const statusBillLayout = {
  name: "statusBill",
  label: localized("每张账单一行（按状态）", "one row per bill, with a status"),
  statusIsBillState: true,
  fits: (sheet, header) => statusesAreBillStates(sheet, header),
  start: (ctx: LayoutContext): LayoutBuilder => new StatusBillRows(ctx),
} as const satisfies LayoutReader<"statusBill">;

export type BillState = "paid" | "unpaid" | "overdue" | "partial" | "void";

// prettier-ignore
const STATES: Readonly<Record<BillState, readonly string[]>> = {
  paid: [
    "已缴", "已交", "已缴费", "已交费", "已缴清", "已收", "已收款", "已收费", "已付", "已付款", "已支付", "已结清", "结清",
    "缴清", "已核销", "已完成", "paid", "settled", "paidinfull", "closed", "received",
  ],
  unpaid: [
    "未缴", "未交", "未缴费", "未交费", "未收", "未收款", "未付", "未付款", "未支付", "未结清", "欠费", "欠缴", "待缴",
    "待缴费", "待支付", "待收", "待收款", "unpaid", "open", "outstanding", "notpaid", "due",
  ],
  overdue: ["逾期", "已逾期", "逾期未缴", "逾期未交", "超期", "超期未缴", "拖欠", "overdue", "pastdue", "late", "delinquent"],
  partial: [
    "部分", "部分缴纳", "部分缴费", "部分交费", "部分支付", "部分收款", "部分付款", "部分已缴", "partial", "partiallypaid",
    "partlypaid", "partpaid",
  ],
  void: ["作废", "已作废", "取消", "已取消", "减免", "已减免", "免收", "免缴", "void", "voided", "cancelled", "canceled", "waived"],
};
const STATE_OF = new Map<string, BillState>(
  (Object.entries(STATES) as [BillState, readonly string[]][]).flatMap(([state, words]) =>
    words.map((w) => [w, state] as const),
  ),
);

/** The state a status cell names, or null when it is not a bill state the reader knows. */
export function billState(cell: CellValue): BillState | null {
  const key = normalizeKey(cellText(cell)).replace(/[()（）\s]/g, "");
  return STATE_OF.get(key) ?? null;
}

/** The status column is a bill's state when most of its filled cells are states, and the table has an amount. */
function statusesAreBillStates(sheet: SheetGrid, header: TableHeader): boolean {
  const m = header.mapping;
  if (m.status === undefined || (m.due === undefined && m.amount === undefined && m.paid === undefined))
    return false;
  let filled = 0;
  let known = 0;
  for (let r = header.rowIndex + 1; r < sheet.rows.length && filled < 500; r++) {
    const cell = sheet.rows[r]?.[m.status] ?? null;
    if (cellText(cell).trim() === "") continue;
    filled++;
    if (billState(cell) !== null) known++;
  }
  return filled > 0 && known >= filled * 0.6;
}

class StatusBillRows implements LayoutBuilder {
  private readonly groups: BillGroups;

  constructor(private readonly ctx: LayoutContext) {
    this.groups = new BillGroups(ctx);
  }

  addRow(row: readonly CellValue[], reading: RowReading): null {
    const ctx = this.ctx;
    const m = ctx.header.mapping;
    const num = (field: "due" | "paid" | "amount") => rowNumber(row, reading, m, ctx, field, parseAmount);
    // A list with one amount column: the bill's amount, in 金额 (due), the arrears column or, when it is the only
    // amount the list has, one headed like a payment (缴费金额): the status says whether it was paid.
    const lone = m.due === undefined && m.amount === undefined;
    const billed = m.due !== undefined ? num("due") : null;
    const paidAmount = lone ? null : num("paid");
    const owedColumn = m.amount !== undefined ? num("amount") : null;
    const amount = billed ?? owedColumn ?? (lone ? num("paid") : null);
    const dueDate: IsoDate | null =
      m.dueDate === undefined
        ? null
        : takeParsed(
            parseDate(row[m.dueDate] ?? null, { date1904: ctx.date1904 }),
            "dueDate",
            row,
            reading.excelRow,
            m,
            ctx,
            reading.problems,
          );
    const paidOn = lastPaymentOf(row, reading, ctx);
    const periodMonths = billMonths(row, reading, ctx);
    const months: MonthIndex[] =
      periodMonths.length > 0 ? periodMonths : dueDate !== null ? [monthOfDate(dueDate)] : [];
    const statusCell = m.status === undefined ? null : (row[m.status] ?? null);
    const state = billState(statusCell);
    const group = this.groups.of(reading);
    if (state === null) {
      reportCell(
        ctx,
        reading,
        m.status as number,
        "status",
        statusCell,
        localized(
          "状态无法识别（应为已缴、未缴、逾期、部分或作废之一），该账单未计入",
          "status not known (paid, unpaid, overdue, partial or void expected); bill not counted",
        ),
      );
      group.arrearsKnown = false;
      return null;
    }
    if (state === "void") return null;
    if (amount !== null) group.billed += amount;
    if (paidOn !== null && (group.lastPayment === null || paidOn > group.lastPayment))
      group.lastPayment = paidOn;
    if (state === "paid") {
      group.paid += paidAmount ?? amount ?? 0;
      const deadline = dueDate ?? (months.length > 0 ? monthEnd(Math.max(...months)) : null);
      if (paidOn !== null && deadline !== null && paidOn > deadline)
        for (const mo of months) group.late.add(mo);
      return null;
    }
    // Unpaid, overdue or partial: owed once its due date (or its period's end) has passed by the as-of date.
    const deadline = dueDate ?? (months.length > 0 ? monthEnd(Math.max(...months)) : null);
    if (deadline !== null && deadline >= ctx.asOf) return null;
    let owed: number | null;
    if (state === "partial") {
      if (paidAmount !== null) group.paid += paidAmount;
      owed =
        owedColumn !== null && billed !== null
          ? owedColumn
          : amount !== null && paidAmount !== null
            ? roundCents(amount - paidAmount)
            : null;
    } else owed = amount;
    if (owed === null) {
      group.arrearsKnown = false;
      return null;
    }
    if (owed > 0.004) {
      group.arrears = roundCents(group.arrears + owed);
      if (months.length === 0) group.unknownPeriodLines++;
      for (const mo of months) group.months.add(mo);
    }
    return null;
  }

  finish(): Household[] {
    const m = this.ctx.header.mapping;
    return this.groups.households(
      m.dueDate !== undefined || m.period !== undefined || m.periodStart !== undefined,
    );
  }
}
