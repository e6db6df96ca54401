import { Localized } from "../core/text";

/** Excel's last row: a sheet has no row below it. */
export const EXCEL_MAX_ROWS = 1_048_576;

/** A write refused for a reason the user can act on, in both languages. */
export class WorkbookWriteError extends Error {
  constructor(readonly text: Localized) {
    super(text["en-US"]);
    this.name = "WorkbookWriteError";
  }
}

export interface CellRange {
  readonly c1: number;
  readonly r1: number;
  readonly c2: number;
  readonly r2: number;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

export function parseRange(ref: string): CellRange | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref);
  if (!m) return null;
  const c1 = columnNumber(m[1]);
  const r1 = Number(m[2]);
  return { c1, r1, c2: m[3] ? columnNumber(m[3]) : c1, r2: m[4] ? Number(m[4]) : r1 };
}

/** The merged ranges of a worksheet part. */
export function mergedRanges(xml: string): CellRange[] {
  const out: CellRange[] = [];
  const at = xml.indexOf("<mergeCells");
  if (at < 0) return out;
  for (const m of xml.slice(at).matchAll(/<mergeCell\b[^>]*?\sref="([^"]+)"/g)) {
    const range = parseRange(m[1]);
    if (range) out.push(range);
  }
  return out;
}

const A1 = /(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(])/g;

/** Cell references in a reference list or formula with rows at or below `at` moved down by `n`. */
function shiftRefs(text: string, at: number, n: number): string {
  return text.replace(A1, (m, d1: string, col: string, d2: string, row: string) => {
    const r = Number(row);
    return r >= at ? `${d1}${col}${d2}${r + n}` : m;
  });
}

/**
 * The worksheet with every row at or below `at` moved down `n` rows, as Excel's Insert Rows does on the sheet
 * itself: rows and cells, merges, hyperlinks, conditional formats and data validations below, and the references
 * of this sheet's formulas into the moved rows.
 */
export function insertRows(xml: string, at: number, n: number): string {
  if (n <= 0) return xml;
  const shifted = xml.replace(
    /<row\b([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g,
    (whole, attrs: string, _end: string, body: string | undefined) => {
      const r = /\sr="(\d+)"/.exec(attrs);
      if (!r || Number(r[1]) < at) return body?.includes("<f") ? shiftFormulas(whole, at, n) : whole;
      const newAttrs = attrs.replace(/\sr="(\d+)"/, ` r="${Number(r[1]) + n}"`);
      if (body === undefined) return `<row${newAttrs}/>`;
      const cells = body.replace(
        /(<c\b[^>]*?\sr=")([A-Z]{1,3})(\d+)"/g,
        (_m, head: string, col: string, row: string) =>
          Number(row) >= at ? `${head}${col}${Number(row) + n}"` : `${head}${col}${row}"`,
      );
      return `<row${newAttrs}>${shiftFormulas(cells, at, n)}</row>`;
    },
  );
  const data = shifted.lastIndexOf("</sheetData>");
  if (data < 0) return shifted;
  const tail = shifted
    .slice(data)
    .replace(
      /(<(?:mergeCell|hyperlink|selection)\b[^>]*?\s(?:ref|sqref)=")([^"]+)"/g,
      (_m, head: string, refs: string) => `${head}${shiftRefs(refs, at, n)}"`,
    )
    .replace(
      /(<(?:conditionalFormatting|dataValidation)\b[^>]*?\ssqref=")([^"]+)"/g,
      (_m, head: string, refs: string) => `${head}${shiftRefs(refs, at, n)}"`,
    );
  return shifted.slice(0, data) + tail;
}

function shiftFormulas(cells: string, at: number, n: number): string {
  return cells.replace(/(<f\b[^>]*>)([^<]*)(<\/f>)/g, (_m, open: string, body: string, close: string) => {
    const ref = open.replace(/\sref="([^"]+)"/, (_r, refs: string) => ` ref="${shiftRefs(refs, at, n)}"`);
    return `${ref}${shiftRefs(body, at, n)}${close}`;
  });
}

/** The last row a worksheet part has a <row> element for (0 when none). */
export function lastRowOf(xml: string): number {
  let last = 0;
  for (const m of xml.matchAll(/<row\b[^>]*?\sr="(\d+)"/g)) last = Math.max(last, Number(m[1]));
  return last;
}
