/**
 * The grid: what a workbook edge (ExcelJS or Office.js) hands to the core. Every edge normalises its own cell
 * representation (rich text, formula results, hyperlinks, shared strings) into these few forms, so the core never
 * sees a library type.
 */

/** An Excel error value such as #N/A or #DIV/0!, kept so that the reader can report the cell. */
export interface CellError {
  readonly error: string;
}

/**
 * One cell's value. `Date` values are calendar dates given as UTC midnight (ExcelJS's convention); edges that
 * only know serial numbers (Office.js) pass the number, and the reader converts it with the workbook's date system.
 */
export type CellValue = null | number | string | boolean | Date | CellError;

export interface SheetGrid {
  readonly name: string;
  /** Rows from the top of the sheet; `rows[0]` is Excel row `firstRow`. Rows may be ragged. */
  readonly rows: readonly (readonly CellValue[])[];
  /** 1-based Excel row number of rows[0] (1 unless the edge trimmed leading empty rows). */
  readonly firstRow: number;
  /** 1-based Excel column number of rows[r][0]. */
  readonly firstColumn: number;
  readonly hidden?: boolean;
}

export interface WorkbookGrid {
  readonly sheets: readonly SheetGrid[];
  /** True when the workbook uses the 1904 date system (serial 0 = 1904-01-01). */
  readonly date1904: boolean;
  /** Problems met while opening the file that did not stop it from being read (repairs made, parts ignored). */
  readonly warnings?: readonly string[];
}

/** A cell found on a sheet: 1-based Excel row and column, and its value. */
export interface PlacedCell {
  readonly r: number;
  readonly c: number;
  readonly v: CellValue;
}

/** A sheet's cells as rows, trimmed to the cells' extent; the cells between them null. */
export function trimmedRows(cells: readonly PlacedCell[]): {
  rows: CellValue[][];
  firstRow: number;
  firstColumn: number;
} {
  if (cells.length === 0) return { rows: [], firstRow: 1, firstColumn: 1 };
  let firstRow = Infinity;
  let firstColumn = Infinity;
  let lastRow = 0;
  for (const cell of cells) {
    if (cell.r < firstRow) firstRow = cell.r;
    if (cell.c < firstColumn) firstColumn = cell.c;
    if (cell.r > lastRow) lastRow = cell.r;
  }
  const rows: CellValue[][] = Array.from({ length: lastRow - firstRow + 1 }, () => []);
  for (const { r, c, v } of cells) rows[r - firstRow][c - firstColumn] = v;
  for (const row of rows) for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
  return { rows, firstRow, firstColumn };
}

export function isCellError(value: CellValue): value is CellError {
  return typeof value === "object" && value !== null && !(value instanceof Date) && "error" in value;
}

/** Excel column letters for a 1-based column number: 1 → A, 28 → AB. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A1-style address of a 1-based row and column. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}
