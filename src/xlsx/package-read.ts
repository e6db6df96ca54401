import type { ZipPackage } from "../ooxml/zip-package";
import { CellValue, PlacedCell, SheetGrid, WorkbookGrid, columnLetter, trimmedRows } from "../core/read/grid";

/**
 * Reads the grid straight from the SpreadsheetML parts of a package, without building a workbook object model:
 * a 100,000-household sheet costs its XML text and the grid, not a cell object per cell. Gives the same grid as
 * ExcelJS gives for the same file (test/xlsx/package.test.ts compares them over every workbook we have).
 */

export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A worksheet as the workbook lists it. */
export interface PackageSheet {
  readonly name: string;
  /** The worksheet part, e.g. xl/worksheets/sheet1.xml. */
  readonly part: string;
  readonly state: "visible" | "hidden" | "veryHidden";
  /** The <sheet> element's r:id in xl/workbook.xml. */
  readonly relId: string;
}

/** Something in the package this reader does not follow; the caller falls back to the object-model reader. */
export class PackageFormatError extends Error {}

/** A part that is damaged (what is wrong, naming the sheet): the file is refused, never read around. */
export class PackageDamage extends Error {}

/** Excel's limits: no worksheet has a row or column beyond them. */
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

/** A shared-string cell whose index the shared strings do not have. */
const MISSING_STRING = Symbol("missing shared string");

export async function partText(zip: ZipPackage, path: string): Promise<string | null> {
  return Promise.resolve(zip.text(path));
}

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    if (e[0] !== "#") return ENTITIES[e] ?? m;
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : m;
  });
}

/** XML reads every line end as \n (a \r kept in text is written &#13;, which unescaping keeps). */
function lineEnds(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();

/** Attribute value from an element's attribute text, either quote style; undefined when absent. */
export function attribute(attrs: string, name: string): string | undefined {
  if (!attrs.includes(`${name}=`) && !attrs.includes(`${name} `)) return undefined;
  let pattern = ATTRIBUTE_PATTERNS.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name.replace(":", "\\:")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTRIBUTE_PATTERNS.set(name, pattern);
  }
  const m = pattern.exec(attrs);
  if (!m) return undefined;
  return unescapeXml(m[1] ?? m[2]);
}

export function resolvePart(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

export function relationships(relsXml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(m[1], "Id");
    const target = attribute(m[1], "Target");
    if (id === undefined || target === undefined) continue;
    out.push({
      id,
      type: attribute(m[1], "Type") ?? "",
      target,
      external: attribute(m[1], "TargetMode") === "External",
    });
  }
  return out;
}

/** A .rels part with one more relationship, and the new relationship's id (the first free rIdN). */
export function withRelationship(relsXml: string, type: string, target: string): { xml: string; id: string } {
  const used = new Set(relationships(relsXml).map((r) => r.id));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  return {
    xml: relsXml.replace(
      "</Relationships>",
      `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`,
    ),
    id,
  };
}

/** [Content_Types].xml with an override for a part (given as /xl/…), unless it has one. */
export function withContentType(typesXml: string, partName: string, type: string): string {
  if (typesXml.includes(`PartName="${partName}"`)) return typesXml;
  return typesXml.replace("</Types>", `<Override PartName="${partName}" ContentType="${type}"/></Types>`);
}

export async function workbookSheets(
  zip: ZipPackage,
): Promise<{ sheets: PackageSheet[]; date1904: boolean }> {
  const workbook = await partText(zip, "xl/workbook.xml");
  if (workbook === null) throw new PackageFormatError("no xl/workbook.xml");
  const rels = relationships((await partText(zip, "xl/_rels/workbook.xml.rels")) ?? "");
  const sheets: PackageSheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)>/g)) {
    const name = attribute(m[1], "name");
    const relId = attribute(m[1], "r:id") ?? /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(m[1])?.[1];
    const rel = rels.find((r) => r.id === relId);
    if (name === undefined || relId === undefined || !rel) throw new PackageFormatError(`sheet ${name}`);
    // Chart sheets and dialog sheets hold no cells.
    if (!/\/worksheet$/.test(rel.type)) continue;
    const state = attribute(m[1], "state");
    sheets.push({
      name,
      part: resolvePart("xl/workbook.xml", rel.target),
      relId,
      state: state === "hidden" || state === "veryHidden" ? state : "visible",
    });
  }
  const date1904 = /<workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(workbook);
  return { sheets, date1904 };
}

/** The text of a string item (<si> or <is>): its runs joined, phonetic guides left out. */
function itemText(xml: string): string {
  const body = xml.includes("<rPh") ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : xml;
  let text = "";
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) text += m[1] ?? "";
  text = unescapeXml(lineEnds(text));
  return text.includes("_x")
    ? text.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    : text;
}

export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(m[1] ? itemText(m[1]) : "");
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]/.test(bare);
}

/** For each cell style (index into cellXfs), whether its number format shows a date. */
export function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b([^>]*)>/g)) {
    const id = Number(attribute(m[1], "numFmtId"));
    const code = attribute(m[1], "formatCode");
    if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? "";
  const out: boolean[] = [];
  for (const m of cellXfs.matchAll(/<xf\b([^>]*)>/g)) {
    const id = Number(attribute(m[1], "numFmtId") ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const DAYS_1900_TO_1904 = 1462;

/** The serial number of a date in the workbook's date system. */
export function dateSerial(date: Date, date1904: boolean): number {
  return (date.getTime() - EPOCH_1900) / MS_PER_DAY - (date1904 ? DAYS_1900_TO_1904 : 0);
}

export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round(EPOCH_1900 + (serial + (date1904 ? DAYS_1900_TO_1904 : 0)) * MS_PER_DAY));
}

interface SheetContext {
  readonly strings: readonly string[];
  readonly dates: readonly boolean[];
  readonly date1904: boolean;
}

const CELL_OR_ROW = /<row\b([^>]*?)(\/?)>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

/** One worksheet's cells as a grid, trimmed to the cells that hold values. */
export function sheetGrid(
  name: string,
  xml: string,
  context: SheetContext,
  hidden: boolean,
  warnings: string[],
): SheetGrid {
  const start = xml.indexOf("<sheetData");
  const end = xml.lastIndexOf("</sheetData>");
  const cells: PlacedCell[] = [];
  const missing: string[] = [];
  let noCache = 0;
  if (start >= 0 && end > start) {
    const data = xml.slice(start, end);
    let row = 0;
    let column = 0;
    CELL_OR_ROW.lastIndex = 0;
    for (let m = CELL_OR_ROW.exec(data); m !== null; m = CELL_OR_ROW.exec(data)) {
      if (m[1] !== undefined) {
        const r = attribute(m[1], "r");
        row = r !== undefined ? Number(r) : row + 1;
        if (!Number.isInteger(row) || row < 1 || row > MAX_ROW)
          throw new PackageDamage(`sheet "${name}" has a row numbered "${r}", which no worksheet has`);
        column = 0;
        continue;
      }
      const attrs = m[3];
      const ref = attribute(attrs, "r");
      if (ref !== undefined) {
        const at = /^\$?([A-Z]{1,3})\$?(\d*)$/.exec(ref);
        if (at) {
          column = columnNumber(at[1]);
          if (at[2]) row = Number(at[2]);
        } else column++;
      } else column++;
      if (column > MAX_COLUMN || row < 1 || row > MAX_ROW)
        throw new PackageDamage(
          `sheet "${name}" has a cell at "${ref ?? column}", beyond Excel's last row or column`,
        );
      const inner = m[4];
      if (inner === undefined) continue;
      const value = cellValue(attrs, inner, context);
      if (value === undefined) noCache++;
      else if (value === MISSING_STRING) missing.push(`${columnLetter(column)}${row}`);
      else if (value !== null) cells.push({ r: row, c: column, v: value });
    }
  }
  if (missing.length > 0)
    warnings.push(
      `sheet "${name}": ${missing.length} cell(s) (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? " …" : ""}) ` +
        "refer to text the file does not have, and were read as empty; the file may " +
        "be damaged — check them in Excel",
    );
  if (noCache > 0)
    warnings.push(`sheet "${name}": ${noCache} formula cell(s) have no saved result and were read as empty`);
  refuseSpreadCells(name, cells);
  const { rows, firstRow, firstColumn } = trimmedRows(cells);
  clearMergedCells(xml.slice(end), rows, firstRow, firstColumn);
  return { name, rows, firstRow, firstColumn, hidden };
}

/** Grid cells allowed per cell read (and at least this many): a grid is a rectangle per row, so a few cells far apart cost their span. */
const SPAN_PER_CELL = 50;
const SPAN_FLOOR = 20_000_000;

/**
 * Refuses a sheet whose rows would cost far more grid than cells (many rows each with a value far to the right):
 * the grid's memory stays bounded by the bytes of the sheet.
 */
function refuseSpreadCells(name: string, cells: readonly PlacedCell[]): void {
  if (cells.length === 0) return;
  let firstColumn = Infinity;
  const widest = new Map<number, number>();
  for (const { r, c } of cells) {
    if (c < firstColumn) firstColumn = c;
    if ((widest.get(r) ?? 0) < c) widest.set(r, c);
  }
  let span = 0;
  for (const last of widest.values()) span += last - firstColumn + 1;
  if (span > Math.max(SPAN_FLOOR, cells.length * SPAN_PER_CELL))
    throw new PackageDamage(
      `sheet "${name}" has ${cells.length} cells spread over ${widest.size} rows ` +
        `and up to column ${columnLetter(Math.max(...widest.values()))}, far beyond ` +
        "any arrears table (values typed far to the right?)",
    );
}

/** A merged range shows its first cell only: whatever the other cells hold is not on the sheet. */
function clearMergedCells(tail: string, rows: CellValue[][], firstRow: number, firstColumn: number): void {
  if (!tail.includes("<mergeCell")) return;
  for (const m of tail.matchAll(/<mergeCell\b([^>]*)>/g)) {
    const ref = attribute(m[1], "ref");
    const range = ref ? /^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref) : null;
    if (!range) continue;
    const c1 = columnNumber(range[1]);
    const r1 = Number(range[2]);
    const c2 = columnNumber(range[3]);
    const r2 = Number(range[4]);
    for (let r = Math.max(r1, firstRow); r <= Math.min(r2, firstRow + rows.length - 1); r++) {
      const cells = rows[r - firstRow];
      for (let c = Math.max(c1, firstColumn); c <= Math.min(c2, firstColumn + cells.length - 1); c++) {
        if (r === r1 && c === c1) continue;
        cells[c - firstColumn] = null;
      }
    }
  }
}

/** A cell's value; null for none, undefined for a formula with no saved result. */
function cellValue(
  attrs: string,
  inner: string,
  context: SheetContext,
): CellValue | undefined | typeof MISSING_STRING {
  const type = attribute(attrs, "t");
  if (type === "inlineStr") {
    const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner);
    return is ? itemText(is[1]) : null;
  }
  const v = /<v\b[^>]*?(?:\/>|>([\s\S]*?)<\/v>)/.exec(inner);
  const raw = v?.[1];
  const hasFormula = inner.includes("<f");
  if (raw === undefined || (raw === "" && type !== "str" && type !== "s"))
    return hasFormula ? undefined : null;
  switch (type) {
    case "s": {
      const index = /^\s*\d+\s*$/.test(raw) ? Number(raw) : -1;
      return index >= 0 && index < context.strings.length ? context.strings[index] : MISSING_STRING;
    }
    case "str":
      return unescapeXml(lineEnds(raw));
    case "b":
      return parseInt(raw, 10) !== 0;
    case "e":
      return { error: unescapeXml(raw) };
    case "d": {
      const date = new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw);
      return Number.isNaN(date.getTime()) ? unescapeXml(raw) : date;
    }
    default: {
      const n = parseFloat(raw);
      if (Number.isNaN(n)) return null;
      const style = attribute(attrs, "s");
      if (style !== undefined && context.dates[Number(style)]) return serialToDate(n, context.date1904);
      return n;
    }
  }
}

/** Every worksheet of the package as a grid. */
export async function readPackageGrid(
  zip: ZipPackage,
  warnings: string[],
): Promise<{ grid: WorkbookGrid; sheets: PackageSheet[] }> {
  const { sheets, date1904 } = await workbookSheets(zip);
  const rels = relationships((await partText(zip, "xl/_rels/workbook.xml.rels")) ?? "");
  const partOf = (suffix: string) => {
    const rel = rels.find((r) => r.type.endsWith(suffix));
    return rel ? resolvePart("xl/workbook.xml", rel.target) : null;
  };
  const stringsPart = partOf("/sharedStrings");
  const stylesPart = partOf("/styles");
  const context: SheetContext = {
    strings: stringsPart ? sharedStrings((await partText(zip, stringsPart)) ?? "") : [],
    dates: stylesPart ? dateStyles((await partText(zip, stylesPart)) ?? "") : [],
    date1904,
  };
  const grids: SheetGrid[] = [];
  for (const sheet of sheets) {
    const xml = await partText(zip, sheet.part);
    if (xml === null) throw new PackageFormatError(`no part ${sheet.part}`);
    grids.push(sheetGrid(sheet.name, xml, context, sheet.state !== "visible", warnings));
  }
  return { grid: { sheets: grids, date1904 }, sheets };
}
