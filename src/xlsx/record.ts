import type ExcelJS from "exceljs";
import { numberFormat } from "../core/output";
import { RECORD_FIELDS, RecordAppend, recordPlacement } from "../core/campaign/record";
import { Lang } from "../core/text";

interface LoadedTableModel {
  tableRef?: string;
  ref?: string;
  autoFilterRef?: string;
}

/**
 * Adds this round's rows below the last row of an existing 催缴记录 sheet, in the columns its header names. Rows
 * already there are not touched, whatever they hold (a date typed as text stays as typed). When the rows sit in
 * an Excel table, the table is stretched over the new rows.
 */
export function appendRecordRows(workbook: ExcelJS.Workbook, append: RecordAppend, lang: Lang): void {
  const sheet = workbook.getWorksheet(append.sheetName);
  if (!sheet || append.rows.length === 0) return;
  const tables = sheet.getTables().map((t) => (t as unknown as { table: LoadedTableModel }).table);
  const { headerRow, columns, newHeaders, firstRow } = recordPlacement(append, tables.length === 0);
  for (const { column, header } of newHeaders) {
    const cell = sheet.getCell(headerRow, column);
    cell.value = header;
    cell.font = { bold: true };
  }
  append.rows.forEach((values, r) => {
    RECORD_FIELDS.forEach((field, i) => {
      const c = columns[field];
      if (c === undefined) return;
      const cell = sheet.getCell(firstRow + r, c);
      const value = values[i];
      cell.value = value === null || typeof value === "object" ? (value as Date | null) : value;
      const format = numberFormat(append.columns[i].format, lang);
      if (format) cell.numFmt = format;
      if (append.columns[i].wrap) cell.alignment = { wrapText: true, vertical: "top" };
    });
  });
  const end = firstRow + append.rows.length - 1;
  for (const table of tables) {
    const ref = table.tableRef ?? table.ref;
    const m = ref ? /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref) : null;
    if (!m || Number(m[2]) !== headerRow) continue;
    const extended = `${m[1]}${m[2]}:${m[3]}${Math.max(Number(m[4]), end)}`;
    if (table.tableRef !== undefined) table.tableRef = extended;
    else table.ref = extended;
    if (table.autoFilterRef !== undefined) table.autoFilterRef = extended;
  }
}
