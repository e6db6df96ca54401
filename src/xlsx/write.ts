import type ExcelJS from "exceljs";
import { CellValue, columnLetter, isCellError } from "../core/read/grid";
import { Block, OutputSheet, TableBlock, TextStyle, chartAnchors, numberFormat } from "../core/output";
import { Lang } from "../core/text";
import { linesOf } from "../core/sheet-layout";

/** Where a table landed on the sheet (1-based rows), so a chart can refer to its cells. */
export interface TablePlacement {
  readonly headerRow: number;
  readonly firstRow: number;
  readonly lastRow: number;
}

export interface SheetPlacement {
  readonly sheetName: string;
  readonly tables: ReadonlyMap<string, TablePlacement>;
  readonly lastRow: number;
  readonly lastColumn: number;
}

const TEXT_FONTS: Readonly<Record<TextStyle, Partial<ExcelJS.Font>>> = {
  title: { bold: true, size: 16 },
  subtitle: { bold: true, size: 12 },
  heading: { bold: true, size: 12, color: { argb: "FF1F4E79" } },
  body: { size: 11 },
  note: { size: 10, color: { argb: "FF595959" } },
  total: { bold: true, size: 11 },
};

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBFBFBF" } },
  left: { style: "thin", color: { argb: "FFBFBFBF" } },
  bottom: { style: "thin", color: { argb: "FFBFBFBF" } },
  right: { style: "thin", color: { argb: "FFBFBFBF" } },
};

/**
 * Writes one of the add-in's sheets into an ExcelJS workbook, replacing any sheet of that name: the sheet is
 * rebuilt whole, so running twice gives the same sheet. Text is always written as text (a name typed "=张三" never
 * becomes a formula), numbers as numbers with the column's format.
 */
export function writeOutputSheet(workbook: ExcelJS.Workbook, spec: OutputSheet, lang: Lang): SheetPlacement {
  const existing = workbook.getWorksheet(spec.name);
  if (existing) workbook.removeWorksheet(existing.id);
  const sheet = workbook.addWorksheet(spec.name, {
    views: spec.freezeRows ? [{ state: "frozen", ySplit: spec.freezeRows }] : [],
  });
  const width = Math.max(1, spec.widths.length);
  spec.widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  const tables = new Map<string, TablePlacement>();
  let row = 1;
  let printTitles: string | undefined;
  const writeBlocks = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      if (block.kind === "blank") {
        row++;
        continue;
      }
      if (block.kind === "text") {
        writeText(sheet, row, width, block.text, block.style, spec.widths);
        row++;
        continue;
      }
      const placement = writeTable(sheet, row, block, lang, spec.widths);
      tables.set(block.id, placement);
      if (block.repeatHeader && printTitles === undefined)
        printTitles = `${placement.headerRow}:${placement.headerRow}`;
      row = placement.lastRow + 1;
    }
  };
  writeBlocks(spec.blocks);
  const printedRows = Math.max(1, row - 1);
  if (spec.internalBlocks?.length) {
    row++; // a blank row between what is printed and what is not
    writeBlocks(spec.internalBlocks);
  }
  const lastRow = Math.max(1, row - 1);
  // Charts stand to the right of the blocks: the printed page takes them in.
  const anchors = chartAnchors(spec);
  const printColumns = Math.max(width, ...anchors.map((a) => a.toColumn));
  const printRows = Math.max(printedRows, ...anchors.map((a) => a.toRow));
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: spec.landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    // ExcelJS puts a $ before each corner; the row $ makes the reference absolute, which LibreOffice needs.
    printArea: `A$1:${columnLetter(printColumns)}$${printRows}`,
    ...(printTitles ? { printTitlesRow: printTitles } : {}),
  };
  return { sheetName: spec.name, tables, lastRow, lastColumn: width };
}

function writeText(
  sheet: ExcelJS.Worksheet,
  row: number,
  width: number,
  text: string,
  style: TextStyle,
  widths: readonly number[],
): void {
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = TEXT_FONTS[style];
  const centered = style === "title" || style === "subtitle";
  cell.alignment = {
    horizontal: centered ? "center" : style === "total" ? "right" : "left",
    vertical: "middle",
    wrapText: true,
  };
  if (width > 1) sheet.mergeCells(row, 1, row, width);
  // Excel does not grow merged rows to fit wrapped text: estimate the lines from the text's width.
  const lines = linesOf(text, widths.reduce((a, b) => a + b, 0) || 10);
  const lineHeight = style === "title" ? 24 : style === "subtitle" || style === "heading" ? 18 : 15;
  sheet.getRow(row).height = lines * lineHeight + 4;
}

function writeTable(
  sheet: ExcelJS.Worksheet,
  startRow: number,
  block: TableBlock,
  lang: Lang,
  widths: readonly number[],
): TablePlacement {
  const rows: CellValue[][] =
    block.rows.length > 0
      ? block.rows.map((r) => [...r])
      : [[block.emptyText, ...block.columns.slice(1).map(() => null)]];
  // A headerless grid starts its rows where the header would be.
  const headerRow = block.headerless ? startRow - 1 : startRow;
  if (block.name && !block.headerless) {
    sheet.addTable({
      name: block.name,
      ref: `A${headerRow}`,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: block.columns.map((c) => ({ name: c.header, filterButton: true })),
      rows: rows.map((r) => r.map(toExcelValue)),
    });
  } else {
    rows.forEach((r, ri) => {
      r.forEach((v, ci) => {
        sheet.getCell(headerRow + 1 + ri, ci + 1).value = toExcelValue(v);
      });
    });
  }
  // Explicit formatting as well as the table style: LibreOffice and WPS print table styles bare.
  if (!block.headerless) {
    block.columns.forEach((c, i) => {
      const cell = sheet.getCell(headerRow, i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
      cell.border = THIN;
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    });
  }
  block.columns.forEach((column, c) => {
    const format = numberFormat(column.format, lang);
    for (let r = 0; r < rows.length; r++) {
      const cell = sheet.getCell(headerRow + 1 + r, c + 1);
      if (format) cell.numFmt = format;
      cell.border = THIN;
      cell.alignment = { vertical: column.wrap ? "top" : "middle", wrapText: column.wrap === true };
    }
  });
  // Wrapped columns: set each row's height from its longest text, since not every viewer fits rows on open.
  const wrapped = block.columns.map((c, i) => (c.wrap ? i : -1)).filter((i) => i >= 0);
  if (wrapped.length > 0) {
    rows.forEach((r, ri) => {
      const lines = Math.max(
        1,
        ...wrapped.map((i) => linesOf(typeof r[i] === "string" ? (r[i] as string) : "", widths[i] ?? 10)),
      );
      if (lines > 1) sheet.getRow(headerRow + 1 + ri).height = lines * 15 + 2;
    });
  }
  return { headerRow, firstRow: headerRow + 1, lastRow: headerRow + rows.length };
}

function toExcelValue(value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (isCellError(value)) return value.error;
  return value;
}
