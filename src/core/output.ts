import { CellValue } from "./read/grid";
import { Lang, Localized, localized, speaker } from "./text";

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

/**
 * Every sheet the add-in writes, in one table: its names in both languages (never read as the user's arrears
 * sheet), who keeps it, and what it holds (the command line's usage text lists them from here). Adding an output
 * sheet: a row here, its builder, and the builder's call in job.ts.
 */
export const OUTPUTS = {
  classification: {
    names: localized("催缴分类", "Classification"),
    keeper: "addIn",
    about: "one row per household: kind, months, amount, flags, reasons, next step",
  },
  bulletin: { names: localized("公告栏", "Bulletin"), keeper: "addIn", about: "the bulletin-board lists" },
  dashboard: { names: localized("催缴看板", "Dashboard"), keeper: "addIn", about: "the dashboard" },
  notices: {
    names: localized("催缴通知", "Notices"),
    keeper: "addIn",
    about: "this round's notices, by collector",
  },
  templates: {
    names: localized("通知模板", "Notice templates"),
    keeper: "team",
    about: "the wording of every notice, read back on the next run",
  },
  settings: {
    names: localized("催缴设置", "Settings"),
    keeper: "team",
    about: "the settings, read back on the next run",
  },
  dailyReport: {
    names: localized("催缴日报", "Daily report"),
    keeper: "addIn",
    about: "the round's day per collector: calls, visits, recovered, promises, rank",
  },
  scripts: {
    names: localized("催缴话术", "Phone scripts"),
    keeper: "team",
    about: "what collectors say on the phone and at the door, read back on the next run",
  },
  faq: {
    names: localized("收费答疑", "Fee Q&A"),
    keeper: "team",
    about: "answers to owners' questions about the fee, read back on the next run",
  },
  readReport: {
    names: localized("读取报告", "Read report"),
    keeper: "addIn",
    about: "which column was read as what; every row and cell not read, and why",
  },
  record: {
    names: localized("催缴记录", "Collection record"),
    keeper: "team",
    about: "the collection record, only ever appended to",
  },
} as const satisfies Record<string, OutputSheetKind>;

/**
 * Who keeps an output sheet: the add-in rebuilds its own whole from the others and never reads them back; the
 * team edits the others (the settings, the templates, the record), which the add-in reads and only updates.
 */
export interface OutputSheetKind {
  readonly names: Localized;
  readonly keeper: "addIn" | "team";
  /** For the command line's usage text. */
  readonly about: string;
}

export type OutputId = keyof typeof OUTPUTS;

/** The names of every output sheet, by id. */
export const OUTPUT_SHEETS = Object.fromEntries(
  Object.entries(OUTPUTS).map(([id, kind]) => [id, kind.names]),
) as { readonly [Id in OutputId]: Localized };

function outputIdOf(name: string): OutputId | undefined {
  return (Object.keys(OUTPUTS) as OutputId[]).find(
    (id) => OUTPUTS[id].names["zh-CN"] === name || OUTPUTS[id].names["en-US"] === name,
  );
}

export function isOutputSheetName(name: string): boolean {
  return outputIdOf(name) !== undefined;
}

/** A sheet the add-in rebuilds whole and never reads back: an edge need not load its cells. */
export function isRebuiltOutputSheetName(name: string): boolean {
  const id = outputIdOf(name);
  return id !== undefined && OUTPUTS[id].keeper === "addIn";
}

/** Excel's number format for each column format, in the language of the sheet. */
export function numberFormat(format: ColumnFormat, lang: Lang): string | null {
  switch (format) {
    case "money":
      return "¥#,##0.00";
    case "months":
      return speaker(lang)('0 "个月"', '0 "mo"');
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
