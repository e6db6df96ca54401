import { MAX_MONTHS_OVERDUE } from "../money";
import { ColumnMapping, FIELDS, FIELD_LABELS, Field, headerKey, mapColumns } from "./fields";
import { CellValue, SheetGrid, WorkbookGrid, columnLetter, isCellError } from "./grid";
import { CellProblem, Collection, Household, Layout, PaymentHistory, SkippedRow } from "./household";
import { isOutputSheetName } from "../output";
import { Localized, localized, normalizeKey, roundCents, tidy } from "../text";
import {
  IsoDate,
  MonthHeading,
  MonthIndex,
  Parsed,
  cellText,
  describeCell,
  formatMonth,
  monthEnd,
  monthIndex,
  monthOfDate,
  parseAmount,
  parseDate,
  parseDayCount,
  parseMonthCount,
  parseMonthHeading,
} from "./values";

/** How far down a sheet the header row is looked for. */
export const HEADER_SEARCH_ROWS = 30;

export interface ReadOptions {
  /** The as-of date: months whose end is before it are due. */
  readonly asOf: IsoDate;
  /** Read this sheet instead of the best-matching one. */
  readonly sheet?: string;
  /** Column overrides from the user: field → Excel column letter (e.g. { amount: "F" }); "" unmaps a field. */
  readonly columns?: Partial<Record<Field, string>>;
  /** Force a layout instead of detecting it. */
  readonly layout?: Layout;
  /** Months looked back for paying habits (default 12). */
  readonly historyMonths?: number;
}

export interface MappedColumn {
  readonly field: Field;
  readonly column: string;
  readonly header: string;
}

export interface MonthColumn {
  readonly column: string;
  readonly month: MonthIndex;
  readonly header: string;
}

export interface SheetCandidate {
  readonly sheet: string;
  readonly headerRow: number | null;
  readonly score: number;
  readonly reason: Localized;
}

export interface ReadResult {
  readonly sheet: string;
  readonly layout: Layout;
  readonly headerRow: number;
  readonly columns: readonly MappedColumn[];
  readonly monthColumns: readonly MonthColumn[];
  readonly households: readonly Household[];
  readonly skipped: readonly SkippedRow[];
  readonly problems: readonly CellProblem[];
  readonly warnings: readonly Localized[];
  /** How every sheet scored, so the user can see why one was picked. */
  readonly candidates: readonly SheetCandidate[];
  readonly asOf: IsoDate;
  /** The first text above the header (the sheet's title), "" if none. */
  readonly title: string;
}

export type ReadOutcome =
  | { readonly ok: true; readonly result: ReadResult }
  | { readonly ok: false; readonly error: Localized; readonly candidates: readonly SheetCandidate[] };

/** A header row found on a sheet, and what its columns are. */
interface TableHeader {
  readonly rowIndex: number;
  readonly mapping: ColumnMapping;
  readonly months: readonly { index: number; month: MonthIndex }[];
  readonly score: number;
}

const AMOUNT_FIELDS: readonly Field[] = [
  "amount",
  "months",
  "days",
  "due",
  "paid",
  "priorAmount",
  "priorMonths",
];

/** Reads the arrears table of a workbook: finds the sheet and header, detects the layout, and reads households. */
export function readArrears(workbook: WorkbookGrid, options: ReadOptions): ReadOutcome {
  const candidates: SheetCandidate[] = [];
  let best: { sheet: SheetGrid; header: TableHeader } | null = null;
  // The add-in's own output sheets are never taken for the user's arrears sheet unless named.
  const sheets =
    options.sheet === undefined
      ? workbook.sheets.filter((s) => !isOutputSheetName(s.name))
      : workbook.sheets.filter((s) => s.name === options.sheet);
  if (options.sheet !== undefined && sheets.length === 0) {
    const names = workbook.sheets.map((s) => s.name).join(", ");
    return {
      ok: false,
      candidates,
      error: localized(
        `没有名为“${options.sheet}”的工作表（现有：${names}）`,
        `there is no sheet named "${options.sheet}" (sheets: ${names})`,
      ),
    };
  }
  for (const sheet of sheets) {
    const header = findHeader(sheet, workbook.date1904, options.asOf, overridesFor(sheet, options.columns));
    if (header === null) {
      candidates.push({
        sheet: sheet.name,
        headerRow: null,
        score: 0,
        reason: localized("未找到含房号和欠费信息的表头", "no header with a room column and arrears columns"),
      });
      continue;
    }
    // Hidden sheets lose ties: people keep lookups and old copies there.
    const score = header.score - (sheet.hidden ? 0.5 : 0);
    candidates.push({
      sheet: sheet.name,
      headerRow: sheet.firstRow + header.rowIndex,
      score,
      reason: localized(
        `第 ${sheet.firstRow + header.rowIndex} 行为表头，识别出 ${Object.keys(header.mapping).length} 列${header.months.length ? `和 ${header.months.length} 个月份列` : ""}`,
        `header at row ${sheet.firstRow + header.rowIndex}: ${Object.keys(header.mapping).length} known columns${header.months.length ? ` and ${header.months.length} month columns` : ""}`,
      ),
    });
    if (best === null || score > best.header.score - (best.sheet.hidden ? 0.5 : 0)) best = { sheet, header };
  }
  if (best === null) {
    const where = sheets.length === 1 ? `“${sheets[0].name}”` : `${sheets.length} 个工作表`;
    const whereEn = sheets.length === 1 ? `sheet "${sheets[0].name}"` : `any of the ${sheets.length} sheets`;
    return {
      ok: false,
      candidates,
      error: localized(
        `在${where}的前 ${HEADER_SEARCH_ROWS} 行中没有找到欠费表：需要“房号”列，以及“欠费金额”“欠费月数”、每月一列的月份列或“应收/实收”列之一`,
        `no arrears table found in the first ${HEADER_SEARCH_ROWS} rows of ${whereEn}: it needs a room/unit column and an amount, months-overdue, per-month or billed/paid column`,
      ),
    };
  }
  return { ok: true, result: readTable(best.sheet, best.header, workbook.date1904, options, candidates) };
}

/** The best header row in the first rows of a sheet, or null when none could head an arrears table. */
function findHeader(
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

function scoreHeaderRow(
  sheet: SheetGrid,
  rowIndex: number,
  date1904: boolean,
  asOf: IsoDate,
  overrides: ColumnMapping,
): TableHeader | null {
  const fullRow = sheet.rows[rowIndex] ?? [];
  const firstGuess = mapColumns(fullRow, overrides);
  if (firstGuess.room === undefined) return null;
  // The table is the run of header cells around the room column; two empty header cells in a row end it, so
  // a notes block beside the table (填表说明) is not read as one of its columns.
  const [lo, hi] = headerExtent(fullRow, firstGuess.room, overrides);
  const row = fullRow.map((cell, i) => (i >= lo && i <= hi ? cell : null));
  const mapping = mapColumns(row, overrides);
  if (mapping.room === undefined) return null;
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
  roomIndex: number,
  overrides: ColumnMapping,
): [number, number] {
  const filled = (i: number) => !isBlank(row[i] ?? null) || Object.values(overrides).includes(i);
  let lo = roomIndex;
  while (lo > 0 && (filled(lo - 1) || (lo > 1 && filled(lo - 2)))) lo--;
  let hi = roomIndex;
  while (hi < row.length - 1 && (filled(hi + 1) || filled(hi + 2))) hi++;
  return [lo, hi];
}

function overridesFor(sheet: SheetGrid, columns: ReadOptions["columns"]): ColumnMapping {
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

const TOTAL_WORDS = /^(合计|总计|小计|共计|总合计|累计合计|本页合计|total|totals|grandtotal|subtotal|sum)/;
/** A cheap test before normalising: the first characters of every totals word, in any script or width. */
const MAYBE_TOTAL = /[合總总小共累本計计ｔＴｓＳtTsS]/;

interface RowContext {
  readonly sheet: SheetGrid;
  readonly date1904: boolean;
  readonly problems: CellProblem[];
}

/** A raw household row before merging: what one row of the table says. */
interface RowReading {
  readonly excelRow: number;
  readonly building: string;
  readonly unit: string;
  readonly room: string;
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

function readTable(
  sheet: SheetGrid,
  detected: TableHeader,
  date1904: boolean,
  options: ReadOptions,
  candidates: SheetCandidate[],
): ReadResult {
  const warnings: Localized[] = [];
  const header = detected;
  const layout = options.layout ?? detectLayout(sheet, header);
  const headerRow = sheet.firstRow + header.rowIndex;
  const letter = (index: number) => columnLetter(sheet.firstColumn + index);
  const headerCells = sheet.rows[header.rowIndex] ?? [];
  const columns: MappedColumn[] = FIELDS.filter((f) => header.mapping[f] !== undefined).map((field) => ({
    field,
    column: letter(header.mapping[field] as number),
    header: tidy(cellText(headerCells[header.mapping[field] as number] ?? null)),
  }));
  const monthCols: MonthColumn[] =
    layout === "monthly"
      ? header.months.map((m) => ({
          column: letter(m.index),
          month: m.month,
          header: tidy(cellText(headerCells[m.index] ?? null)) || formatMonth(m.month),
        }))
      : [];
  if (layout === "monthly" && monthCols.length === 0) {
    warnings.push(
      localized("按月布局但未找到月份列", "monthly layout forced but no month columns were found"),
    );
  }
  const ctx: RowContext = { sheet, date1904, problems: [] };
  const skipped: SkippedRow[] = [];
  const tableColumns = new Set<number>([
    ...Object.values(header.mapping),
    ...header.months.map((m) => m.index),
  ]);
  const tableColumnList = [...tableColumns];
  const firstTableColumn = Math.min(...tableColumns);
  // A totals word sits in the first columns of the table, or to the left of it.
  const totalsColumns = [...tableColumnList]
    .sort((a, b) => a - b)
    .slice(0, 6)
    .concat(Array.from({ length: Math.max(0, firstTableColumn) }, (_, i) => i));
  const dataColumns = tableColumnList.filter(
    (c) => c !== header.mapping.room && c !== header.mapping.building && c !== header.mapping.unit,
  );
  const roomHeader = headerKey(headerCells[header.mapping.room as number] ?? null);
  const builder = new HouseholdBuilder(layout, options, monthCols, header, ctx, warnings);
  let carriedBuilding = "";
  let carriedUnit = "";
  for (let r = header.rowIndex + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const excelRow = sheet.firstRow + r;
    const skip = (zh: string, en: string) =>
      skipped.push({ sheet: sheet.name, row: excelRow, reason: localized(zh, en) });
    if (row.every((c) => isBlank(c))) continue;
    const inTable = tableColumnList.some((c) => !isBlank(row[c] ?? null));
    if (!inTable) {
      skip(
        "表格各列均为空，内容在表格之外（说明或备注？）",
        "nothing in the table's columns; text beside the table (a note?)",
      );
      continue;
    }
    const totals = totalsColumns.some((c) => {
      const cell = row[c] ?? null;
      // Most cells are numbers or plain text: normalise only what might be a totals word.
      return typeof cell === "string" && MAYBE_TOTAL.test(cell) && TOTAL_WORDS.test(normalizeKey(cell));
    });
    if (totals) {
      skip("合计行，不是住户", "a totals row, not a household");
      continue;
    }
    const roomCell = row[header.mapping.room as number] ?? null;
    if (roomHeader && headerKey(roomCell) === roomHeader) {
      skip("重复的表头行", "a repeated header row");
      continue;
    }
    const building = fieldText(row, header.mapping.building);
    const unit = fieldText(row, header.mapping.unit);
    // Merged or "filled down" building and unit cells leave the cells below them empty.
    if (building) carriedBuilding = building;
    if (unit) carriedUnit = unit;
    const room = tidy(cellText(roomCell));
    if (isCellError(roomCell ?? null) || room === "") {
      skip(
        `房号为空（${columnLetterOf(sheet, header.mapping.room)} 列），无法识别住户`,
        `no room number in column ${columnLetterOf(sheet, header.mapping.room)}, so no household`,
      );
      continue;
    }
    if (dataColumns.length > 0 && dataColumns.every((c) => isBlank(row[c] ?? null))) {
      skip("只有房号一列有内容（分组标题或空行？）", "only the room column is filled (a section label?)");
      continue;
    }
    const reading = readCommon(row, excelRow, header.mapping, ctx, {
      building: building || carriedBuilding,
      unit: unit || carriedUnit,
      room,
    });
    const refused = builder.addRow(row, reading);
    if (refused) skip(refused["zh-CN"], refused["en-US"]);
  }
  const households = builder.finish();
  return {
    sheet: sheet.name,
    layout,
    headerRow,
    columns,
    monthColumns: monthCols,
    households,
    skipped,
    problems: ctx.problems,
    warnings,
    candidates,
    asOf: options.asOf,
    title: titleAbove(sheet, header.rowIndex),
  };
}

function titleAbove(sheet: SheetGrid, rowIndex: number): string {
  for (let r = 0; r < rowIndex; r++) {
    for (const cell of sheet.rows[r] ?? []) {
      if (typeof cell === "string" && cell.trim() !== "") return tidy(cell);
    }
  }
  return "";
}

/** The estate's name from a title such as "锦绣花园 2025年物业费缴费台账" or "锦绣花园二期欠费汇总表"; "" if unclear. */
export function estateFromTitle(title: string): string {
  const m = /^(.+?)(?:\s|\d{4}|物业|欠费|缴费|收费|台账|管理费|[（(]|$)/.exec(title.normalize("NFKC"));
  const name = m ? m[1].trim() : "";
  // Only a Chinese name: an English title's first word ("Delinquency Report") is rarely the estate.
  return name.length >= 2 && name.length <= 20 && !/[:：]/.test(name) && /\p{Script=Han}/u.test(name)
    ? name
    : "";
}

function detectLayout(sheet: SheetGrid, header: TableHeader): Layout {
  if (header.months.length >= 3) return "monthly";
  const m = header.mapping;
  const hasBillAmounts = m.due !== undefined || m.paid !== undefined || m.amount !== undefined;
  if (hasBillAmounts && (m.period !== undefined || m.periodStart !== undefined || m.feeItem !== undefined)) {
    return "bill";
  }
  if (m.due !== undefined || m.paid !== undefined) {
    // Billed and paid with rooms repeating: an ERP export of bills, without a period column.
    const rooms = new Set<string>();
    let count = 0;
    for (let r = header.rowIndex + 1; r < sheet.rows.length; r++) {
      const key = normalizeKey(cellText(sheet.rows[r]?.[m.room as number] ?? null));
      if (!key) continue;
      count++;
      rooms.add(key);
    }
    if (count > rooms.size) return "bill";
  }
  return "household";
}

function isBlank(cell: CellValue): boolean {
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

function columnLetterOf(sheet: SheetGrid, index: number | undefined): string {
  return index === undefined ? "?" : columnLetter(sheet.firstColumn + index);
}

function fieldText(row: readonly CellValue[], index: number | undefined): string {
  return index === undefined ? "" : tidy(cellText(row[index] ?? null));
}

const CONSENT_WORDS = new Set(["是", "同意", "已同意", "y", "yes", "true", "1", "√", "✓", "✔", "有"]);

function readCommon(
  row: readonly CellValue[],
  excelRow: number,
  mapping: ColumnMapping,
  ctx: RowContext,
  where: { building: string; unit: string; room: string },
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
  const notes = [fieldText(row, mapping.status), fieldText(row, mapping.notes)].filter(Boolean).join("；");
  const area = mapping.area === undefined ? null : number("area");
  const feeRate = mapping.feeRate === undefined ? null : number("feeRate");
  let monthlyFee = mapping.monthlyFee === undefined ? null : number("monthlyFee");
  if (monthlyFee === null && area !== null && feeRate !== null) monthlyFee = roundCents(area * feeRate);
  return {
    excelRow,
    building: where.building,
    unit: where.unit,
    room: where.room,
    owner: fieldText(row, mapping.owner),
    phone: fieldText(row, mapping.phone),
    address: fieldText(row, mapping.address),
    collector: fieldText(row, mapping.collector),
    consent: consentCell !== null && CONSENT_WORDS.has(normalizeKey(cellText(consentCell))),
    notes,
    area,
    monthlyFee,
    problems,
  };
}

/** Unwraps a parse; a problem is recorded against the cell and the value counts as unknown. */
function takeParsed<T>(
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

type MonthState = "paid" | "late" | "unpaid" | "partial" | "waived" | "notBilled" | "unknown";

interface MonthCell {
  readonly state: MonthState;
  readonly paid: number | null;
  readonly vacant?: boolean;
}

const UNPAID_WORDS = new Set([
  "未缴",
  "未交",
  "未付",
  "未收",
  "欠",
  "欠费",
  "欠缴",
  "拖欠",
  "unpaid",
  "owed",
  "x",
  "×",
  "✗",
  "✘",
  "否",
  "无",
]);
const PAID_WORDS = new Set([
  "已缴",
  "已交",
  "已付",
  "已收",
  "缴",
  "交",
  "付",
  "√",
  "✓",
  "✔",
  "paid",
  "ok",
  "y",
  "yes",
  "是",
  "清",
]);
const WAIVED_WORDS = new Set(["免", "免收", "免缴", "减免", "豁免", "waived", "exempt"]);
const NOT_BILLED_WORDS = new Set([
  "-",
  "--",
  "—",
  "——",
  "–",
  "/",
  "\\",
  "n/a",
  "na",
  "未交房",
  "未收房",
  "不计费",
]);
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

/** Turns table rows into households, per layout; merges rows of the same room. */
class HouseholdBuilder {
  private readonly byKey = new Map<string, Household>();
  private readonly order: string[] = [];
  private readonly historyMonths: number;
  /** How many of the sheet's month columns fall in the history window: the same for every row. */
  private monthsInWindow: number | undefined;
  private readonly asOfMonth: MonthIndex;
  /** The last month whose fee is due on the as-of date (its month end has passed). */
  private readonly lastDueMonth: MonthIndex;

  constructor(
    private readonly layout: Layout,
    private readonly options: ReadOptions,
    private readonly monthCols: readonly MonthColumn[],
    private readonly header: TableHeader,
    private readonly ctx: RowContext,
    private readonly warnings: Localized[],
  ) {
    this.historyMonths = options.historyMonths ?? 12;
    this.asOfMonth = monthOfDate(options.asOf);
    this.lastDueMonth = monthEnd(this.asOfMonth) < options.asOf ? this.asOfMonth : this.asOfMonth - 1;
  }

  /** Adds one row; returns a reason when the row cannot be taken at all. */
  addRow(row: readonly CellValue[], reading: RowReading): Localized | null {
    const m = this.header.mapping;
    const num = (field: Field, parse: (c: CellValue) => Parsed<number>) =>
      m[field] === undefined
        ? null
        : takeParsed(
            parse(row[m[field] as number] ?? null),
            field,
            row,
            reading.excelRow,
            m,
            this.ctx,
            reading.problems,
          );
    const lastPaymentCell = m.lastPayment === undefined ? null : (row[m.lastPayment] ?? null);
    const lastPayment =
      m.lastPayment === undefined
        ? null
        : takeParsed(
            parseDate(lastPaymentCell, { date1904: this.ctx.date1904 }),
            "lastPayment",
            row,
            reading.excelRow,
            m,
            this.ctx,
            reading.problems,
          );
    if (this.layout === "bill") return this.addBill(row, reading, num, lastPayment);
    if (this.layout === "monthly") {
      this.add(this.monthlyHousehold(row, reading, num, lastPayment));
      return null;
    }
    this.add(this.plainHousehold(reading, num, lastPayment));
    return null;
  }

  private plainHousehold(
    reading: RowReading,
    num: (field: Field, parse: (c: CellValue) => Parsed<number>) => number | null,
    lastPayment: IsoDate | null,
  ): Household {
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
    return this.household(reading, {
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
    });
  }

  private monthlyHousehold(
    row: readonly CellValue[],
    reading: RowReading,
    num: (field: Field, parse: (c: CellValue) => Parsed<number>) => number | null,
    lastPaymentColumn: IsoDate | null,
  ): Household {
    const monthCells = this.header.months.map((m) => row[m.index] ?? null);
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
    for (let i = 0; i < this.monthCols.length; i++) {
      const col = this.monthCols[i];
      const cell = monthCells[i];
      const read = readMonthCell(cell, fee, col.month, this.ctx.date1904);
      if (typeof read === "string") {
        const p: CellProblem = {
          sheet: this.ctx.sheet.name,
          row: reading.excelRow,
          column: col.column,
          field: "month",
          value: describeCell(cell),
          reason: localized(
            `${col.header}：无法识别（${read}），该月不计`,
            `${col.header}: unreadable (${read}); month not counted`,
          ),
        };
        reading.problems.push(p);
        this.ctx.problems.push(p);
        continue;
      }
      if (read.vacant) vacant = true;
      if (cell instanceof Date || (typeof cell === "string" && read.state !== "unpaid")) {
        const d = parseDate(cell, { date1904: this.ctx.date1904 });
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
    const firstMonth = this.monthCols.length > 0 ? this.monthCols[0].month : null;
    let oldestUnpaid: MonthIndex | null = unpaid.length > 0 ? Math.min(...unpaid) : null;
    if (priorMonths > 0 && firstMonth !== null) oldestUnpaid = firstMonth - priorMonths;
    const windowStart = this.lastDueMonth - this.historyMonths + 1;
    const inWindow = (mo: MonthIndex) => mo >= windowStart && mo <= this.lastDueMonth;
    this.monthsInWindow ??= this.monthCols.filter((c) => inWindow(c.month)).length;
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
    return this.household(reading, {
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
    });
  }

  private readonly bills = new Map<
    string,
    {
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
  >();

  private addBill(
    row: readonly CellValue[],
    reading: RowReading,
    num: (field: Field, parse: (c: CellValue) => Parsed<number>) => number | null,
    lastPayment: IsoDate | null,
  ): Localized | null {
    const m = this.header.mapping;
    const due = num("due", parseAmount);
    const paid = num("paid", parseAmount);
    const owed = num("amount", parseAmount);
    if (due === null && paid === null && owed === null && reading.problems.length === 0) {
      return localized("应收、实收、欠费都为空", "billed, paid and owed are all empty");
    }
    const arrears = owed ?? (due !== null ? roundCents(due - (paid ?? 0)) : null);
    const months = this.billMonths(row, reading, m);
    const key = householdKey(reading);
    let group = this.bills.get(key);
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
      this.bills.set(key, group);
      this.order.push(key);
    } else {
      group.reading = mergeReadings(group.reading, reading);
    }
    group.rows.push(reading.excelRow);
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

  /** The months a bill line covers: its period (2025-01, 2025年1月, a date) or its start and end dates. */
  private billMonths(row: readonly CellValue[], reading: RowReading, m: ColumnMapping): MonthIndex[] {
    const date1904 = this.ctx.date1904;
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
        const p: CellProblem = {
          sheet: this.ctx.sheet.name,
          row: reading.excelRow,
          column: columnLetter(this.ctx.sheet.firstColumn + m.period),
          field: "period",
          value: describeCell(cell),
          reason: localized("所属期无法识别为月份", "billing period is not a month"),
        };
        reading.problems.push(p);
        this.ctx.problems.push(p);
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

  private add(household: Household): void {
    const existing = this.byKey.get(household.key);
    if (!existing) {
      this.byKey.set(household.key, household);
      this.order.push(household.key);
      return;
    }
    this.warnings.push(
      localized(
        `房号 ${household.label} 出现在第 ${existing.rows.join("、")} 行和第 ${household.rows.join("、")} 行：已合并为一户，金额相加`,
        `room ${household.label} appears in rows ${existing.rows.join(", ")} and ${household.rows.join(", ")}: combined into one household, amounts added`,
      ),
    );
    this.byKey.set(household.key, mergeHouseholds(existing, household));
  }

  private household(
    reading: RowReading,
    figures: Omit<Household, keyof RowReading | "key" | "sheet" | "rows" | "label">,
  ): Household {
    return {
      key: householdKey(reading),
      sheet: this.ctx.sheet.name,
      rows: [reading.excelRow],
      building: reading.building,
      unit: reading.unit,
      room: reading.room,
      label: roomLabel(reading),
      owner: reading.owner,
      phone: reading.phone,
      address: reading.address,
      collector: reading.collector,
      consent: reading.consent,
      notes: reading.notes,
      area: reading.area,
      monthlyFee: reading.monthlyFee,
      problems: reading.problems,
      ...figures,
    };
  }

  finish(): Household[] {
    if (this.layout !== "bill") return this.order.map((k) => this.byKey.get(k) as Household);
    const windowStart = this.lastDueMonth - this.historyMonths + 1;
    return this.order.map((key) => {
      const g = this.bills.get(key) as NonNullable<ReturnType<typeof this.bills.get>>;
      const unpaid = [...g.months].sort((a, b) => a - b);
      const monthsKnown = unpaid.length > 0 || g.unknownPeriodLines === 0;
      const inWindow = (mo: MonthIndex) => mo >= windowStart && mo <= this.lastDueMonth;
      const late = [...g.late].filter(inWindow).sort((a, b) => a - b);
      const history: PaymentHistory | null =
        this.header.mapping.period !== undefined || this.header.mapping.periodStart !== undefined
          ? {
              lateOrMissed: late.length + unpaid.filter(inWindow).length,
              monthsKnown: this.historyMonths,
              lateMonths: late,
              missedMonths: unpaid.filter(inWindow),
            }
          : null;
      const collection: Collection | null =
        g.billed > 0 ? { billed: roundCents(g.billed), paid: roundCents(g.paid) } : null;
      return {
        ...this.household(g.reading, {
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

function monthsBetween(from: IsoDate, to: IsoDate): MonthIndex[] {
  const a = monthOfDate(from);
  const b = monthOfDate(to);
  if (b < a || b - a > 120) return [a];
  const out: MonthIndex[] = [];
  for (let mo = a; mo <= b; mo++) out.push(mo);
  return out;
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

export function householdKey(where: { building: string; unit: string; room: string }): string {
  return [where.building, where.unit, where.room].map((s) => normalizeKey(s)).join("|");
}

function roomLabel(where: { building: string; unit: string; room: string }): string {
  const room = where.room;
  // A room like 1-2-301 or 3栋301 already says where it is.
  if (!where.building && !where.unit) return room;
  if (/[-#栋幢座]/.test(room) || room.length >= 6) return room;
  const building = /^\d+$/.test(where.building) ? `${where.building}栋` : where.building;
  const unit = /^\d+$/.test(where.unit) ? `${where.unit}单元` : where.unit;
  return `${building}${unit}${room}`;
}

function mergeReadings(a: RowReading, b: RowReading): RowReading {
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

function mergeHouseholds(a: Household, b: Household): Household {
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
