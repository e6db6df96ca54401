import { MAX_DAYS_OVERDUE, MAX_HOUSEHOLD_AMOUNT, MAX_MONTHS_OVERDUE, roundYuan } from "../money";
import { CellValue, isCellError } from "./grid";
import { memoized } from "../memo";
import { normalizeKey, tidy } from "../text";

/**
 * Values as people type them. Every parser returns a tagged result: a value, "empty" (nothing there), or a
 * problem with a reason the manager can read. No parser throws.
 */
export type Parsed<T> =
  | { readonly kind: "value"; readonly value: T }
  | { readonly kind: "empty" }
  | { readonly kind: "problem"; readonly reason: string };

const EMPTY: Parsed<never> = { kind: "empty" };

function value<T>(v: T): Parsed<T> {
  return { kind: "value", value: v };
}

function problem(reason: string): Parsed<never> {
  return { kind: "problem", reason };
}

/** A calendar date as YYYY-MM-DD: comparable as text, free of time zones. */
export type IsoDate = string;

/** A calendar month as a count of months since year 0 (year * 12 + month - 1): easy to subtract. */
export type MonthIndex = number;

export function monthIndex(year: number, month: number): MonthIndex {
  return year * 12 + (month - 1);
}

export function monthOfDate(date: IsoDate): MonthIndex {
  return monthIndex(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}

export function formatMonth(index: MonthIndex): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${String(month).padStart(2, "0")}`;
}

export function formatMonthZh(index: MonthIndex): string {
  return `${Math.floor(index / 12)}年${(index % 12) + 1}月`;
}

export function isoDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Last day of a month, as an IsoDate. */
export const monthEnd: (index: MonthIndex) => IsoDate = memoized((index: MonthIndex) => {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return isoDate(year, month, daysInMonth(year, month)) as IsoDate;
});

export function dateFromUtc(date: Date): IsoDate | null {
  if (Number.isNaN(date.getTime())) return null;
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Days since 1970-01-01 of an ISO date (UTC). A run meets few distinct dates, each many times. */
export const dayNumber: (date: IsoDate) => number = memoized((date: IsoDate) =>
  Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000),
);

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Converts an Excel serial day number to a date, in the 1900 system (with its phantom 29 Feb 1900) or 1904. */
export function dateFromSerial(serial: number, date1904: boolean): IsoDate | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  let epoch: number;
  if (date1904) {
    epoch = Date.UTC(1904, 0, 1);
  } else {
    if (whole < 1) return null;
    // Serial 60 is the 29 Feb 1900 that never was; serials after it are one day ahead of a true count.
    epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  }
  return dateFromUtc(new Date(epoch + whole * 86_400_000));
}

/** Serials from 1990-01-01 to 2100-12-31: the range in which a bare number in a date column is read as a date. */
const PLAUSIBLE_SERIAL_MIN = 32874;
const PLAUSIBLE_SERIAL_MAX = 73415;

/** Text of a cell for messages: short, one line. */
export function describeCell(cell: CellValue): string {
  if (cell === null) return "(empty)";
  if (isCellError(cell)) return cell.error;
  if (cell instanceof Date) return dateFromUtc(cell) ?? "(invalid date)";
  const text = tidy(String(cell));
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Text that stands for "nothing here" in number columns. */
const PLACEHOLDERS = new Set(["", "-", "--", "—", "——", "–", "/", "\\", "n/a", "na", "null", "none"]);
/** Text that means zero in an amount column. */
const ZERO_WORDS = new Set(["无", "无欠费", "已缴清", "已结清", "结清", "nil", "zero"]);

/** Strips currency marks, units and grouping from a number typed as text; returns the bare numeral or null. */
function numeralOf(text: string): { numeral: string; scale: number } | null {
  let s = text.normalize("NFKC").trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  let scale = 1;
  s = s
    .replace(/^(人民币|rmb|cny|usd|us\$|\$|¥|元)\s*/i, "")
    .replace(/\s*(元整|元|块|rmb|cny|yuan)$/i, "")
    .replace(/^(¥|\$)\s*/, "")
    .trim();
  if (/万$/.test(s)) {
    scale = 10_000;
    s = s.slice(0, -1).trim();
  }
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  s = s.replace(/^(¥|\$)\s*/, "");
  let numeral: string;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) numeral = s.replace(/,/g, "");
  else if (/^\d{1,3}( \d{3})+(\.\d+)?$/.test(s)) numeral = s.replace(/ /g, "");
  else if (/^\d+,\d{1,2}$/.test(s))
    numeral = s.replace(",", "."); // decimal comma, as in 1,96
  else if (/^(\d+\.?\d*|\.\d+)$/.test(s)) numeral = s;
  else return null;
  return { numeral: negative ? `-${numeral}` : numeral, scale };
}

/** An amount of money in yuan: numbers, "¥1,234.50", "312.5元", "３１２．５", "1.2万", "(100.00)". */
export function parseAmount(cell: CellValue): Parsed<number> {
  if (cell === null) return EMPTY;
  if (typeof cell === "number") return boundedAmount(cell);
  if (isCellError(cell)) return problem(`error value ${cell.error}`);
  if (typeof cell === "boolean") return problem(`TRUE/FALSE where an amount was expected`);
  if (cell instanceof Date) return problem(`a date (${dateFromUtc(cell)}) where an amount was expected`);
  const key = normalizeKey(cell);
  if (PLACEHOLDERS.has(key)) return EMPTY;
  if (ZERO_WORDS.has(key)) return value(0);
  const parsed = numeralOf(cell);
  if (parsed === null) return problem(`"${describeCell(cell)}" is not an amount`);
  return boundedAmount(Number(parsed.numeral) * parsed.scale);
}

/** An amount a household can owe, to the cent; beyond ¥100,000,000 (or not a number) it is a reported cell. */
function boundedAmount(yuan: number): Parsed<number> {
  if (!Number.isFinite(yuan)) return problem("not a finite number");
  if (Math.abs(yuan) > MAX_HOUSEHOLD_AMOUNT)
    return problem(`${yuan} is beyond what one household can owe (¥100,000,000); a typing or paste error?`);
  return value(roundYuan(yuan));
}

/** A count of months: 14, "14", "14个月", "14 months", "1年2个月", "1 year 2 months". */
export function parseMonthCount(cell: CellValue): Parsed<number> {
  if (cell === null) return EMPTY;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell) || cell < 0) return problem(`${cell} is not a number of months`);
    return boundedMonths(cell);
  }
  if (isCellError(cell)) return problem(`error value ${cell.error}`);
  if (typeof cell === "boolean" || cell instanceof Date) {
    return problem(`"${describeCell(cell)}" is not a number of months`);
  }
  const key = normalizeKey(cell);
  if (PLACEHOLDERS.has(key)) return EMPTY;
  if (ZERO_WORDS.has(key)) return value(0);
  const plain = /^(\d+(?:\.\d+)?)(个月|月|months?|mos?|m)?$/.exec(key);
  if (plain) return boundedMonths(Number(plain[1]));
  const yearsMonths = /^(\d+)(年|years?|yrs?)(?:(\d+)(个月|月|months?))?$/.exec(key);
  if (yearsMonths) return boundedMonths(Number(yearsMonths[1]) * 12 + Number(yearsMonths[3] ?? 0));
  return problem(`"${describeCell(cell)}" is not a number of months`);
}

function boundedMonths(months: number): Parsed<number> {
  return months > MAX_MONTHS_OVERDUE
    ? problem(
        `${months} months is beyond what a ledger can hold (${MAX_MONTHS_OVERDUE}); ` +
          "a phone number or a typo?",
      )
    : value(months);
}

/** A whole number of days (days delinquent). */
export function parseDayCount(cell: CellValue): Parsed<number> {
  if (cell === null) return EMPTY;
  if (typeof cell === "number")
    return cell >= 0 && cell <= MAX_DAYS_OVERDUE ? value(cell) : problem(`${cell} is not a number of days`);
  if (typeof cell === "string") {
    const key = normalizeKey(cell);
    if (PLACEHOLDERS.has(key)) return EMPTY;
    const m = /^(\d+)(天|日|days?|d)?$/.exec(key);
    if (m && Number(m[1]) <= MAX_DAYS_OVERDUE) return value(Number(m[1]));
  }
  return problem(`"${describeCell(cell)}" is not a number of days`);
}

export interface DateOptions {
  readonly date1904: boolean;
  /** How to read 03/05/2025: month first (US exports) unless the first number cannot be a month. */
  readonly slashOrder?: "mdy" | "dmy";
}

/** A date: date cells, serials (1900/1904), 2025年3月5日, 2025/3/5, 2025-03-05, 2025.3.5, 20250305, 03/05/2025. */
export function parseDate(cell: CellValue, options: DateOptions): Parsed<IsoDate> {
  if (cell === null) return EMPTY;
  if (cell instanceof Date) {
    const d = dateFromUtc(cell);
    return d ? value(d) : problem("invalid date");
  }
  if (typeof cell === "number") {
    if (cell >= PLAUSIBLE_SERIAL_MIN - (options.date1904 ? 1462 : 0) && cell <= PLAUSIBLE_SERIAL_MAX) {
      const d = dateFromSerial(cell, options.date1904);
      if (d) return value(d);
    }
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 21991231) {
      return parseDate(String(cell), options);
    }
    return problem(`${cell} is not a date`);
  }
  if (isCellError(cell)) return problem(`error value ${cell.error}`);
  if (typeof cell === "boolean") return problem("TRUE/FALSE where a date was expected");
  const key = normalizeKey(cell);
  if (PLACEHOLDERS.has(key)) return EMPTY;
  const d = parseDateText(key, options);
  return d ? value(d) : problem(`"${describeCell(cell)}" is not a date`);
}

function parseDateText(key: string, options: DateOptions): IsoDate | null {
  let m = /^(\d{4})[年\-/.](\d{1,2})[月\-/.](\d{1,2})(日|号)?(?:[t ]?\d{1,2}:\d{2}(:\d{2})?.*)?$/.exec(key);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(key);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4}|\d{2})(?:\d{1,2}:\d{2}.*)?$/.exec(key);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const monthFirst = options.slashOrder !== "dmy" ? a <= 12 : b > 12;
    return monthFirst ? isoDate(year, a, b) : isoDate(year, b, a);
  }
  return null;
}

// prettier-ignore
const MONTH_NAMES: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

/** A month heading: either a full month, or a month with no year (1月, Jan) whose year is worked out later. */
export type MonthHeading =
  | { readonly kind: "month"; readonly month: MonthIndex }
  | { readonly kind: "monthOnly"; readonly monthOfYear: number };

/**
 * Reads a column heading as a month: 2025年1月, 2025-01, 2025/1, 2025.01, 202501, Jan-25, Jan 2025, 2025 Jan,
 * January 2025, 1月, Jan, a date cell (first of the month, as Excel stores month headings), or a serial number
 * when the caller says serials are plausible (Office.js gives date headings as serials).
 */
export function parseMonthHeading(
  cell: CellValue,
  date1904: boolean,
  serialsAllowed: boolean,
): MonthHeading | null {
  if (cell === null || typeof cell === "boolean" || isCellError(cell)) return null;
  if (cell instanceof Date) {
    const d = dateFromUtc(cell);
    return d ? { kind: "month", month: monthOfDate(d) } : null;
  }
  if (typeof cell === "number") {
    if (!serialsAllowed || !Number.isInteger(cell)) return null;
    if (cell >= 190001 && cell <= 219912 && cell % 100 >= 1 && cell % 100 <= 12) {
      return { kind: "month", month: monthIndex(Math.floor(cell / 100), cell % 100) };
    }
    if (cell < PLAUSIBLE_SERIAL_MIN || cell > PLAUSIBLE_SERIAL_MAX) return null;
    const d = dateFromSerial(cell, date1904);
    return d ? { kind: "month", month: monthOfDate(d) } : null;
  }
  // Strip what people add around a month heading: "2025年1月份", "2025年1月(元)", "物业费2025-01", "Jan-25 paid".
  const key = normalizeKey(cell)
    .replace(/[(（[【].*?[)）\]】]/g, "")
    .replace(/^(物业费|管理费|物管费|fee|fees)/, "")
    .replace(/(份|物业费|管理费|实收|缴费|已缴|paid|fee)$/, "");
  let m = /^(\d{4})年(\d{1,2})月?$/.exec(key) ?? /^(\d{4})[-/.](\d{1,2})$/.exec(key);
  if (m) return monthHeading(Number(m[1]), Number(m[2]));
  m = /^(\d{4})(\d{2})$/.exec(key);
  if (m) return monthHeading(Number(m[1]), Number(m[2]));
  m = /^(\d{2})年(\d{1,2})月$/.exec(key);
  if (m) return monthHeading(2000 + Number(m[1]), Number(m[2]));
  m = /^([a-z]+)[-/.']?(\d{2}|\d{4})$/.exec(key);
  if (m && MONTH_NAMES[m[1]]) return monthHeading(yearOf(m[2]), MONTH_NAMES[m[1]]);
  m = /^(\d{4})[-/.]?([a-z]+)$/.exec(key);
  if (m && MONTH_NAMES[m[2]]) return monthHeading(Number(m[1]), MONTH_NAMES[m[2]]);
  m = /^(\d{1,2})月$/.exec(key);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { kind: "monthOnly", monthOfYear: Number(m[1]) };
  m = /^([一二三四五六七八九十]{1,3})月$/.exec(key);
  if (m) {
    const n = chineseNumber(m[1]);
    if (n && n <= 12) return { kind: "monthOnly", monthOfYear: n };
  }
  if (MONTH_NAMES[key]) return { kind: "monthOnly", monthOfYear: MONTH_NAMES[key] };
  return null;
}

function yearOf(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function monthHeading(year: number, month: number): MonthHeading | null {
  if (year < 1990 || year > 2199 || month < 1 || month > 12) return null;
  return { kind: "month", month: monthIndex(year, month) };
}

const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 十二 as a number (enough for months and small rates); null for anything else. */
export function chineseNumber(text: string): number | null {
  if (text === "十") return 10;
  const tens = /^十([一二三四五六七八九])$/.exec(text);
  if (tens) return 10 + CHINESE_DIGITS[tens[1]];
  return text.length === 1 ? (CHINESE_DIGITS[text] ?? null) : null;
}

/** Text of a cell for reading words (notes, names, rooms): rich text and numbers become plain text. */
export function cellText(cell: CellValue): string {
  if (cell === null) return "";
  if (isCellError(cell)) return "";
  if (cell instanceof Date) return dateFromUtc(cell) ?? "";
  if (typeof cell === "number") {
    return Number.isInteger(cell) ? String(cell) : String(Math.round(cell * 1e6) / 1e6);
  }
  return tidy(String(cell));
}
