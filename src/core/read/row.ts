import { ColumnMapping, FIELD_LABELS, Field } from "./fields";
import { CellValue, SheetGrid, columnLetter } from "./grid";
import { CellProblem, Household } from "./household";
import { localized, normalizeKey, roundCents, tidy } from "../text";
import { Parsed, cellText, describeCell, parseAmount } from "./values";

/** What a layout needs to know about the sheet it reads, and where it records unreadable cells. */
export interface RowContext {
  readonly sheet: SheetGrid;
  readonly date1904: boolean;
  readonly problems: CellProblem[];
}

/** What one row of the table says about who owes, before a layout reads what is owed. */
export interface RowReading {
  readonly excelRow: number;
  readonly building: string;
  readonly unit: string;
  readonly room: string;
  /** The account number the household is keyed by when the sheet has no room column; "" otherwise. */
  readonly account: string;
  /** True when the sheet has no room column and the account is the household's key. */
  readonly keyedByAccount?: boolean;
  readonly owner: string;
  readonly phone: string;
  readonly address: string;
  readonly collector: string;
  readonly consent: boolean;
  readonly notes: string;
  readonly area: number | null;
  readonly monthlyFee: number | null;
  readonly problems: CellProblem[];
}

export function fieldText(row: readonly CellValue[], index: number | undefined): string {
  return index === undefined ? "" : tidy(cellText(row[index] ?? null));
}

const CONSENT_WORDS = new Set(["是", "同意", "已同意", "y", "yes", "true", "1", "√", "✓", "✔", "有"]);

/**
 * The columns every layout shares. `statusIsNote` is false for a bill list, whose status column says paid or
 * unpaid rather than something about the owner.
 */
export function readCommon(
  row: readonly CellValue[],
  excelRow: number,
  mapping: ColumnMapping,
  ctx: RowContext,
  where: { building: string; unit: string; room: string; account: string; address: string },
  statusIsNote = true,
): RowReading {
  const problems: CellProblem[] = [];
  const number = (field: Field): number | null =>
    takeParsed(
      parseAmount(row[mapping[field] as number] ?? null),
      field,
      row,
      excelRow,
      mapping,
      ctx,
      problems,
    );
  const consentCell = mapping.consent === undefined ? null : (row[mapping.consent] ?? null);
  const notes = [statusIsNote ? fieldText(row, mapping.status) : "", fieldText(row, mapping.notes)]
    .filter(Boolean)
    .join("；");
  const area = mapping.area === undefined ? null : number("area");
  const feeRate = mapping.feeRate === undefined ? null : number("feeRate");
  let monthlyFee = mapping.monthlyFee === undefined ? null : number("monthlyFee");
  if (monthlyFee === null && area !== null && feeRate !== null) monthlyFee = roundCents(area * feeRate);
  return {
    excelRow,
    building: where.building,
    unit: where.unit,
    room: where.room,
    account: where.account,
    owner: fieldText(row, mapping.owner),
    phone: fieldText(row, mapping.phone),
    address: where.address,
    collector: fieldText(row, mapping.collector),
    consent: consentCell !== null && CONSENT_WORDS.has(normalizeKey(cellText(consentCell))),
    notes,
    area,
    monthlyFee,
    problems,
  };
}

/** Records a problem against a cell of the row, for the household and for the whole reading. */
export function reportCell(
  ctx: RowContext,
  reading: RowReading,
  index: number,
  field: Field | "month",
  value: CellValue,
  reason: ReturnType<typeof localized>,
  column?: string,
): void {
  const p: CellProblem = {
    sheet: ctx.sheet.name,
    row: reading.excelRow,
    column: column ?? columnLetter(ctx.sheet.firstColumn + index),
    field,
    value: describeCell(value),
    reason,
  };
  reading.problems.push(p);
  ctx.problems.push(p);
}

/** Unwraps a parse; a problem is recorded against the cell and the value counts as unknown. */
export function takeParsed<T>(
  parsed: Parsed<T>,
  field: Field,
  row: readonly CellValue[],
  excelRow: number,
  mapping: ColumnMapping,
  ctx: RowContext,
  problems: CellProblem[],
): T | null {
  if (parsed.kind === "value") return parsed.value;
  if (parsed.kind === "empty") return null;
  const index = mapping[field] as number;
  const p: CellProblem = {
    sheet: ctx.sheet.name,
    row: excelRow,
    column: columnLetter(ctx.sheet.firstColumn + index),
    field,
    value: describeCell(row[index] ?? null),
    reason: localized(
      `${FIELD_LABELS[field]["zh-CN"]}：${parsed.reason}`,
      `${FIELD_LABELS[field]["en-US"]}: ${parsed.reason}`,
    ),
  };
  problems.push(p);
  ctx.problems.push(p);
  return null;
}

/** A number field of a row, parsed by `parse`; null when the sheet has no such column or the cell is unreadable. */
export function rowNumber(
  row: readonly CellValue[],
  reading: RowReading,
  mapping: ColumnMapping,
  ctx: RowContext,
  field: Field,
  parse: (c: CellValue) => Parsed<number>,
): number | null {
  return mapping[field] === undefined
    ? null
    : takeParsed(
        parse(row[mapping[field] as number] ?? null),
        field,
        row,
        reading.excelRow,
        mapping,
        ctx,
        reading.problems,
      );
}

/** Normalised building|unit|room, or the account for a household known by its account alone. */
export function householdKey(where: {
  building: string;
  unit: string;
  room: string;
  account?: string;
  keyedByAccount?: boolean;
}): string {
  if (where.keyedByAccount && where.account) return `#${normalizeKey(where.account)}`;
  return [where.building, where.unit, where.room].map((s) => normalizeKey(s)).join("|");
}

/** How a household is shown: its room with building and unit where the room alone is ambiguous, else its account. */
export function roomLabel(where: {
  building: string;
  unit: string;
  room: string;
  account?: string;
  keyedByAccount?: boolean;
}): string {
  if (where.keyedByAccount) {
    const place = where.room
      ? roomLabel({ building: where.building, unit: where.unit, room: where.room })
      : "";
    return place ? `${place}（${where.account ?? ""}）` : (where.account ?? "");
  }
  const room = where.room;
  // A room like 1-2-301 or 3栋301 already says where it is.
  if (!where.building && !where.unit) return room;
  if (/[-#栋幢座]/.test(room) || room.length >= 6) return room;
  const building = /^\d+$/.test(where.building) ? `${where.building}栋` : where.building;
  const unit = /^\d+$/.test(where.unit) ? `${where.unit}单元` : where.unit;
  return `${building}${unit}${room}`;
}

export function mergeReadings(a: RowReading, b: RowReading): RowReading {
  return {
    ...a,
    owner: a.owner || b.owner,
    phone: a.phone || b.phone,
    address: a.address || b.address,
    collector: a.collector || b.collector,
    consent: a.consent || b.consent,
    notes: [a.notes, b.notes].filter((n, i, all) => n && all.indexOf(n) === i).join("；"),
    area: a.area ?? b.area,
    monthlyFee: a.monthlyFee ?? b.monthlyFee,
    problems: [...a.problems, ...b.problems],
  };
}

export function mergeHouseholds(a: Household, b: Household): Household {
  const add = (x: number | null, y: number | null) => (x === null || y === null ? null : roundCents(x + y));
  return {
    ...a,
    rows: [...a.rows, ...b.rows],
    owner: a.owner || b.owner,
    phone: a.phone || b.phone,
    address: a.address || b.address,
    collector: a.collector || b.collector,
    consent: a.consent || b.consent,
    notes: [a.notes, b.notes].filter(Boolean).join("；"),
    monthsOverdue:
      a.monthsOverdue === null || b.monthsOverdue === null
        ? null
        : Math.max(a.monthsOverdue, b.monthsOverdue),
    amountOverdue: add(a.amountOverdue, b.amountOverdue),
    oldestUnpaid:
      a.oldestUnpaid === null
        ? b.oldestUnpaid
        : b.oldestUnpaid === null
          ? a.oldestUnpaid
          : Math.min(a.oldestUnpaid, b.oldestUnpaid),
    unpaidMonths: [...new Set([...a.unpaidMonths, ...b.unpaidMonths])].sort((x, y) => x - y),
    lastPayment:
      a.lastPayment && b.lastPayment
        ? a.lastPayment > b.lastPayment
          ? a.lastPayment
          : b.lastPayment
        : (a.lastPayment ?? b.lastPayment),
    vacantMarked: a.vacantMarked || b.vacantMarked,
    problems: [...a.problems, ...b.problems],
  };
}
