import { CellValue } from "./grid";
import { Lang, Localized, localized } from "./text";

/** How a column's numbers and dates are shown. */
export type ColumnFormat = "text" | "money" | "months" | "integer" | "date" | "percent";

export interface OutputColumn {
  readonly header: string;
  /** Width in characters (a Chinese character counts two). */
  readonly width: number;
  readonly format: ColumnFormat;
  readonly wrap?: boolean;
}

/**
 * A sheet the add-in owns, described as plain data: a title, an optional subtitle, and one table. Each workbook
 * edge (ExcelJS, Office.js) writes it the same way: the sheet is rebuilt whole on each run.
 */
export interface OutputSheet {
  readonly name: string;
  readonly title: string;
  readonly subtitle: string;
  readonly tableName: string;
  readonly columns: readonly OutputColumn[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Shown as the only row when `rows` is empty, so the table is never headless. */
  readonly emptyText: string;
  readonly landscape?: boolean;
}

/** Names of every sheet the add-in writes, in both languages: never read as the user's arrears sheet. */
export const OUTPUT_SHEETS = {
  classification: localized("催缴分类", "Classification"),
  readReport: localized("读取报告", "Read report"),
} as const satisfies Record<string, Localized>;

export function isOutputSheetName(name: string): boolean {
  return Object.values(OUTPUT_SHEETS).some((names: Localized) => names["zh-CN"] === name || names["en-US"] === name);
}

export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

/** Excel's number formats for each column format, in the language of the sheet. */
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
