import { CellValue } from "./read/grid";
import { Lang, Localized, localized } from "./text";

/** How a column's numbers and dates are shown. */
export type ColumnFormat = "text" | "money" | "months" | "integer" | "date" | "percent";

export interface OutputColumn {
  readonly header: string;
  readonly format: ColumnFormat;
  readonly wrap?: boolean;
}

export type TextStyle = "title" | "subtitle" | "heading" | "body" | "note" | "total";

/** A line of text across the sheet's columns (merged), such as a title or the bulletin's message. */
export interface TextBlock {
  readonly kind: "text";
  readonly text: string;
  readonly style: TextStyle;
}

/** A table: a header row and rows. With a `name` it is written as an Excel table (filter buttons, style). */
export interface TableBlock {
  readonly kind: "table";
  /** Refers to the table from a chart; unique within the sheet. */
  readonly id: string;
  /** Excel table name (letters, digits, underscore; unique in the workbook), or "" for a plain formatted range. */
  readonly name: string;
  readonly columns: readonly OutputColumn[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Shown as the only row when `rows` is empty, so a table is never headless. */
  readonly emptyText: string;
  /** Print this table's header row at the top of every page. */
  readonly repeatHeader?: boolean;
  /** A grid of cells with no header row (the thank-you list of rooms). */
  readonly headerless?: boolean;
}

export interface BlankBlock {
  readonly kind: "blank";
}

export type Block = TextBlock | TableBlock | BlankBlock;

/** A native chart of one column of a table against another. */
export interface ChartRequest {
  readonly type: "bar" | "column" | "pie";
  readonly title: string;
  readonly table: string;
  readonly categoryColumn: number;
  readonly valueColumn: number;
  readonly numberFormat?: string;
}

/**
 * A sheet the add-in owns, described as plain data. Each workbook edge (ExcelJS, Office.js) writes it the same
 * way, top to bottom, and the sheet is rebuilt whole on each run.
 */
export interface OutputSheet {
  readonly name: string;
  /** Column widths in characters (a Chinese character counts two); text blocks span all of them. */
  readonly widths: readonly number[];
  readonly blocks: readonly Block[];
  /** Written below the blocks, outside the print area: notes for the team that must not be posted. */
  readonly internalBlocks?: readonly Block[];
  readonly landscape?: boolean;
  readonly charts?: readonly ChartRequest[];
  /** Rows to freeze at the top (the header of a single-table sheet). */
  readonly freezeRows?: number;
}

/** Names of every sheet the add-in writes, in both languages: never read as the user's arrears sheet. */
export const OUTPUT_SHEETS = {
  classification: localized("催缴分类", "Classification"),
  readReport: localized("读取报告", "Read report"),
  bulletin: localized("公告栏", "Bulletin"),
  dashboard: localized("催缴看板", "Dashboard"),
  settings: localized("催缴设置", "Settings"),
  templates: localized("通知模板", "Notice templates"),
  notices: localized("催缴通知", "Notices"),
  record: localized("催缴记录", "Collection record"),
} as const satisfies Record<string, Localized>;

export function isOutputSheetName(name: string): boolean {
  return Object.values(OUTPUT_SHEETS).some(
    (names: Localized) => names["zh-CN"] === name || names["en-US"] === name,
  );
}

/**
 * The sheets the add-in rebuilds whole from the others and never reads back (unlike 催缴设置, 通知模板 and
 * 催缴记录, which the team edits): an edge need not load their cells.
 */
export function isRebuiltOutputSheetName(name: string): boolean {
  const rebuilt = [
    OUTPUT_SHEETS.classification,
    OUTPUT_SHEETS.readReport,
    OUTPUT_SHEETS.bulletin,
    OUTPUT_SHEETS.dashboard,
    OUTPUT_SHEETS.notices,
  ];
  return rebuilt.some((names: Localized) => names["zh-CN"] === name || names["en-US"] === name);
}

/** Excel's number format for each column format, in the language of the sheet. */
export function numberFormat(format: ColumnFormat, lang: Lang): string | null {
  switch (format) {
    case "money":
      return "¥#,##0.00";
    case "months":
      return lang === "zh-CN" ? '0 "个月"' : '0 "mo"';
    case "integer":
      return "0";
    case "date":
      return "yyyy-mm-dd";
    case "percent":
      return "0.0%";
    default:
      return null;
  }
}

/** The usual shape: a title, a subtitle and one Excel table, with the header frozen. */
export function singleTableSheet(
  name: string,
  title: string,
  subtitle: string,
  table: Omit<TableBlock, "kind">,
  widths: readonly number[],
  landscape = false,
): OutputSheet {
  return {
    name,
    widths,
    landscape,
    freezeRows: 3,
    blocks: [
      { kind: "text", text: title, style: "title" },
      { kind: "text", text: subtitle, style: "note" },
      { kind: "table", ...table, repeatHeader: true },
    ],
  };
}

/** Where a chart goes, in 0-based cell coordinates: stacked to the right of the sheet's columns. */
export interface ChartAnchor {
  readonly fromColumn: number;
  readonly fromRow: number;
  readonly toColumn: number;
  readonly toRow: number;
}

export const CHART_WIDTH_COLUMNS = 8;
export const CHART_HEIGHT_ROWS = 16;

export function chartAnchors(sheet: OutputSheet): ChartAnchor[] {
  const left = sheet.widths.length + 1;
  return (sheet.charts ?? []).map((_, i) => ({
    fromColumn: left,
    fromRow: 2 + i * (CHART_HEIGHT_ROWS + 2),
    toColumn: left + CHART_WIDTH_COLUMNS,
    toRow: 2 + i * (CHART_HEIGHT_ROWS + 2) + CHART_HEIGHT_ROWS,
  }));
}
