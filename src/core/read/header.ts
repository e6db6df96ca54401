import { ColumnMapping, Field, mapColumns } from "./fields";
import { CellValue, SheetGrid } from "./grid";
import {
  IsoDate,
  MonthHeading,
  MonthIndex,
  cellText,
  monthIndex,
  monthOfDate,
  parseMonthHeading,
} from "./values";

/** How far down a sheet the header row is looked for. */
export const HEADER_SEARCH_ROWS = 30;

/** A header row found on a sheet, and what its columns are. */
export interface TableHeader {
  readonly rowIndex: number;
  readonly mapping: ColumnMapping;
  readonly months: readonly { index: number; month: MonthIndex }[];
  readonly score: number;
}

/** The fields that say what is owed: a header needs one of them (or month columns) to head an arrears table. */
export const AMOUNT_FIELDS: readonly Field[] = [
  "amount",
  "months",
  "days",
  "due",
  "paid",
  "priorAmount",
  "priorMonths",
];

/** The fields that say who owes: a room, or failing that an account number. */
export const KEY_FIELDS: readonly Field[] = ["room", "account"];

/** The column a household is known by: the room, else the account. */
export function keyColumn(mapping: ColumnMapping): number | undefined {
  return mapping.room ?? mapping.account;
}

/** The best header row in the first rows of a sheet, or null when none could head an arrears table. */
export function findHeader(
  sheet: SheetGrid,
  date1904: boolean,
  asOf: IsoDate,
  overrides: ColumnMapping,
): TableHeader | null {
  let best: TableHeader | null = null;
  const limit = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const header = scoreHeaderRow(sheet, r, date1904, asOf, overrides);
    if (header && (best === null || header.score > best.score)) best = header;
  }
  return best;
}

/** The row that looks most like a header even when it lacks what a table needs: for the message that says so. */
export function nearestHeader(
  sheet: SheetGrid,
  overrides: ColumnMapping,
): { rowIndex: number; mapping: ColumnMapping } | null {
  let best: { rowIndex: number; mapping: ColumnMapping } | null = null;
  const limit = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const mapping = mapColumns(sheet.rows[r] ?? [], overrides);
    const count = Object.keys(mapping).length;
    if (count > 0 && (best === null || count > Object.keys(best.mapping).length))
      best = { rowIndex: r, mapping };
  }
  return best;
}

function scoreHeaderRow(
  sheet: SheetGrid,
  rowIndex: number,
  date1904: boolean,
  asOf: IsoDate,
  overrides: ColumnMapping,
): TableHeader | null {
  const fullRow = sheet.rows[rowIndex] ?? [];
  const firstGuess = mapColumns(fullRow, overrides);
  const guessKey = keyColumn(firstGuess);
  if (guessKey === undefined) return null;
  // The table is the run of header cells around the key column; two empty header cells in a row end it, so
  // a notes block beside the table (填表说明) is not read as one of its columns.
  const [lo, hi] = headerExtent(fullRow, guessKey, overrides);
  const row = fullRow.map((cell, i) => (i >= lo && i <= hi ? cell : null));
  const mapping = mapColumns(row, overrides);
  if (keyColumn(mapping) === undefined) return null;
  const mapped = new Set(Object.values(mapping));
  const months = monthColumns(sheet, rowIndex, row, mapped, date1904, asOf);
  const hasArrears = AMOUNT_FIELDS.some((f) => mapping[f] !== undefined) || months.length >= 3;
  if (!hasArrears) return null;
  const score = Object.keys(mapping).length + (months.length >= 3 ? 4 : 0);
  return { rowIndex, mapping, months: months.length >= 3 ? months : [], score };
}

/** Columns of a header row that are months. Month-only headings (1月, Jan) get their year from context. */
function monthColumns(
  sheet: SheetGrid,
  rowIndex: number,
  row: readonly CellValue[],
  mapped: ReadonlySet<number>,
  date1904: boolean,
  asOf: IsoDate,
): { index: number; month: MonthIndex }[] {
  const headings: { index: number; heading: MonthHeading }[] = [];
  const numericCount = row.filter((c, i) => typeof c === "number" && !mapped.has(i)).length;
  row.forEach((cell, index) => {
    if (mapped.has(index)) return;
    // A bare number is only a month (a date serial, as Office.js gives date headings) among several of its kind.
    const heading = parseMonthHeading(cell, date1904, numericCount >= 3);
    if (heading) headings.push({ index, heading });
  });
  if (headings.length < 3) return [];
  const onlyMonths = headings.filter((h) => h.heading.kind === "monthOnly");
  if (onlyMonths.length === 0) {
    return headings.map((h) => ({ index: h.index, month: (h.heading as { month: MonthIndex }).month }));
  }
  const yearHint = yearAbove(sheet, rowIndex);
  const asOfMonth = monthOfDate(asOf);
  const result: { index: number; month: MonthIndex }[] = [];
  if (yearHint !== null) {
    let year = yearHint;
    let previous = 0;
    for (const h of headings) {
      if (h.heading.kind === "month") {
        result.push({ index: h.index, month: h.heading.month });
        year = Math.floor(h.heading.month / 12);
        previous = (h.heading.month % 12) + 1;
        continue;
      }
      if (h.heading.monthOfYear <= previous) year += 1;
      previous = h.heading.monthOfYear;
      result.push({ index: h.index, month: monthIndex(year, h.heading.monthOfYear) });
    }
    return result;
  }
  // No year written anywhere: the last month column is taken to be the latest month up to the as-of date.
  let next: MonthIndex | null = null;
  for (let i = headings.length - 1; i >= 0; i--) {
    const h = headings[i];
    let month: MonthIndex;
    if (h.heading.kind === "month") month = h.heading.month;
    else {
      const limit: MonthIndex = next === null ? asOfMonth : next - 1;
      const year = Math.floor(limit / 12);
      month = monthIndex(year, h.heading.monthOfYear);
      if (month > limit) month -= 12;
    }
    result.unshift({ index: h.index, month });
    next = month;
  }
  return result;
}

function headerExtent(
  row: readonly CellValue[],
  keyIndex: number,
  overrides: ColumnMapping,
): [number, number] {
  const filled = (i: number) => !isBlank(row[i] ?? null) || Object.values(overrides).includes(i);
  let lo = keyIndex;
  while (lo > 0 && (filled(lo - 1) || (lo > 1 && filled(lo - 2)))) lo--;
  let hi = keyIndex;
  while (hi < row.length - 1 && (filled(hi + 1) || filled(hi + 2))) hi++;
  return [lo, hi];
}

/** The user's column letters as indexes into a sheet's rows; "" unmaps a field (-1). */
export function overridesFor(
  sheet: SheetGrid,
  columns: Partial<Record<Field, string>> | undefined,
): ColumnMapping {
  const overrides: ColumnMapping = {};
  for (const [field, letter] of Object.entries(columns ?? {}) as [Field, string | undefined][]) {
    if (letter === undefined) continue;
    overrides[field] = letter === "" ? -1 : columnIndexOf(letter) - sheet.firstColumn;
  }
  return overrides;
}

/** A year written above the header (a title "2025年度物业费" or a group row "2025年"). */
function yearAbove(sheet: SheetGrid, rowIndex: number): number | null {
  for (let r = rowIndex - 1; r >= 0; r--) {
    for (const cell of sheet.rows[r] ?? []) {
      const text = cellText(cell);
      const m = /((?:19|20|21)\d{2})\s*年/.exec(text) ?? /^((?:19|20|21)\d{2})$/.exec(text);
      if (m) return Number(m[1]);
    }
  }
  return null;
}

export function isBlank(cell: CellValue): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

function columnIndexOf(letters: string): number {
  let n = 0;
  for (const ch of letters.trim().toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) return -1;
    n = n * 26 + (code - 64);
  }
  return n;
}
