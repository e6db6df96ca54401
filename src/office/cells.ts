import { CellValue, columnLetter } from "../core/read/grid";
import { Rect } from "../core/sheet-layout";

/**
 * Excel on the web refuses requests and responses over 5 MB. The budget keeps 10 % under 5,000,000 bytes (the
 * decimal reading of "5 MB", the stricter one; the counting fake enforces 5 MiB): the values are counted exactly
 * as JSON, but the envelope of a request and each operation's share of it are estimates (OP_BYTES), and a
 * response's size is known only from a sample of rows.
 */
export const REQUEST_BUDGET_BYTES = 4_500_000;
/** What one operation costs in a request besides its values: the action and the objects it names. */
export const OP_BYTES = 400;
/** Excel reads at most 5 million cells of a range at once (more gives null): blocks stay under this. */
export const READ_CELLS = 4_000_000;

const utf8 = new TextEncoder();
export function bytesOf(value: unknown): number {
  return utf8.encode(JSON.stringify(value)).length;
}

export type OfficeValue = string | number | boolean;

/**
 * Text Excel would not keep as typed in a General cell: a formula (= + - @), a number, a percentage, a date
 * ("5-12", "2025/3/5"), TRUE/FALSE, or a leading apostrophe (taken as the prefix that marks text). Errs on the
 * side of yes: such text is written with the apostrophe prefix, which Excel takes off again.
 */
export function excelWouldConvert(text: string): boolean {
  const t = text.trim();
  if (/^[=+\-@']/.test(text)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  return t !== "" && /^[\d\s.,:/\-+%eE$¥￥]+$/.test(t) && /\d/.test(t);
}

/**
 * A cell as Office.js takes it: dates as serials, errors as their text, text that Excel would convert with the
 * apostrophe prefix (so "5-12", "0101" and "=1+1" stay as typed, in General and in "@" cells alike).
 */
export function cellForOffice(value: CellValue): OfficeValue {
  if (value === null) return "";
  if (value instanceof Date) return value.getTime() / 86_400_000 + 25569;
  if (typeof value === "object") return `'${value.error}`;
  if (typeof value === "string" && excelWouldConvert(value)) return `'${value}`;
  return value;
}

/** What a cell written with `cellForOffice` reads back as. */
export function readBack(value: CellValue): OfficeValue {
  if (value === null) return "";
  if (value instanceof Date) return value.getTime() / 86_400_000 + 25569;
  if (typeof value === "object") return value.error;
  return value;
}

export function address(rect: Rect): string {
  const from = `${columnLetter(rect.column + 1)}${rect.row + 1}`;
  const to = `${columnLetter(rect.column + rect.columns)}${rect.row + rect.rows}`;
  return from === to ? from : `${from}:${to}`;
}

export function isPayloadLimit(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? "";
  return /PayloadSizeLimitExceeded/.test(`${code} ${error instanceof Error ? error.message : ""}`);
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: string }).code ?? "";
  return `${code} ${error instanceof Error ? error.message : String(error)}`;
}
