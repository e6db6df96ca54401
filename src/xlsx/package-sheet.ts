import { CellValue, columnLetter, isCellError } from "../core/grid";
import { Block, OutputSheet, TableBlock, TextStyle, chartAnchors, numberFormat } from "../core/output";
import { linesOf } from "../core/sheet-layout";
import { Lang } from "../core/text";
import { Utf8Builder } from "../export/utf8";
import { CellStyleSpec, StyleBook } from "./package-styles";

/**
 * One of the add-in's sheets as SpreadsheetML, written directly: the same cells, styles, merges, tables and page
 * setup as the ExcelJS edge writes (src/xlsx/write.ts), without an object per cell.
 */

export interface TablePlacement {
  readonly headerRow: number;
  readonly firstRow: number;
  readonly lastRow: number;
}

/** An Excel table on the sheet, to be written as its own part. */
export interface TablePart {
  readonly name: string;
  readonly ref: string;
  readonly columns: readonly string[];
}

export interface WrittenSheet {
  /** The worksheet part, UTF-8. */
  readonly xml: Uint8Array;
  readonly tables: readonly TablePart[];
  readonly placements: ReadonlyMap<string, TablePlacement>;
  readonly printArea: string;
  readonly printTitles: string | null;
}

export const SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const TEXT_STYLES: Readonly<Record<TextStyle, CellStyleSpec>> = {
  title: { font: { bold: true, size: 16 }, horizontal: "center", vertical: "center", wrap: true },
  subtitle: { font: { bold: true, size: 12 }, horizontal: "center", vertical: "center", wrap: true },
  heading: {
    font: { bold: true, size: 12, color: "FF1F4E79" },
    horizontal: "left",
    vertical: "center",
    wrap: true,
  },
  body: { font: { size: 11 }, horizontal: "left", vertical: "center", wrap: true },
  note: { font: { size: 10, color: "FF595959" }, horizontal: "left", vertical: "center", wrap: true },
  total: { font: { bold: true, size: 11 }, horizontal: "right", vertical: "center", wrap: true },
};

const HEADER_STYLE: CellStyleSpec = {
  font: { bold: true },
  fill: "FFDDEBF7",
  border: true,
  horizontal: "center",
  vertical: "center",
  wrap: true,
};

// Control characters are what this escapes: XML 1.0 cannot hold them.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;

/**
 * Text as XML character data. Characters XML cannot hold (control characters) are written as Excel's _xHHHH_
 * escapes, and text that itself looks like one has its underscore escaped, so every string comes back as it was.
 */
export function xmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)/g,
    (ch) => {
      switch (ch) {
        case "&":
          return "&amp;";
        case "<":
          return "&lt;";
        case ">":
          return "&gt;";
        case '"':
          return "&quot;";
        case "\r":
          return "&#13;";
        case "_":
          return "_x005F_";
        default:
          return `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
      }
    },
  );
}

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);

export function dateSerial(date: Date, date1904: boolean): number {
  return (date.getTime() - EPOCH_1900) / MS_PER_DAY - (date1904 ? 1462 : 0);
}

/** One cell as SpreadsheetML: text always as text (never a formula), dates as serial numbers of the workbook. */
export function cellXml(ref: string, value: CellValue, style: number, date1904: boolean): string {
  const s = style ? ` s="${style}"` : "";
  if (value === null || value === undefined) return `<c r="${ref}"${s}/>`;
  if (typeof value === "string") {
    const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
    return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
  }
  if (typeof value === "number")
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : `<c r="${ref}"${s}/>`;
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (value instanceof Date) return `<c r="${ref}"${s}><v>${dateSerial(value, date1904)}</v></c>`;
  if (isCellError(value)) return `<c r="${ref}"${s} t="e"><v>${xmlText(value.error)}</v></c>`;
  return `<c r="${ref}"${s}/>`;
}

/** Builds one sheet's rows, cell by cell, as text. */
class SheetBuilder {
  private readonly rows = new Utf8Builder();
  private readonly merges: string[] = [];
  private readonly columnLetters: string[] = [];

  constructor(
    private readonly styles: StyleBook,
    private readonly date1904: boolean,
  ) {}

  letter(column: number): string {
    return (this.columnLetters[column] ??= columnLetter(column));
  }

  cell(row: number, column: number, value: CellValue, style: number): string {
    return cellXml(`${this.letter(column)}${row}`, value, style, this.date1904);
  }

  row(row: number, cells: string, height?: number): void {
    const ht = height ? ` ht="${height}" customHeight="1"` : "";
    this.rows.push(`<row r="${row}"${ht}>${cells}</row>`);
  }

  merge(ref: string): void {
    this.merges.push(`<mergeCell ref="${ref}"/>`);
  }

  /** The whole part: what comes before the rows, the rows, what comes after. */
  part(before: string, after: string): Uint8Array {
    return this.rows.toBytes(`${before}<sheetData>`, `</sheetData>${after}`);
  }

  mergeCells(): string {
    return this.merges.length
      ? `<mergeCells count="${this.merges.length}">${this.merges.join("")}</mergeCells>`
      : "";
  }
}

export function writeSheetXml(
  spec: OutputSheet,
  lang: Lang,
  styles: StyleBook,
  date1904: boolean,
): WrittenSheet {
  const b = new SheetBuilder(styles, date1904);
  const width = Math.max(1, spec.widths.length);
  const totalWidth = spec.widths.reduce((x, y) => x + y, 0) || 10;
  const placements = new Map<string, TablePlacement>();
  const tables: TablePart[] = [];
  let row = 1;
  let printTitles: string | null = null;

  const writeText = (text: string, style: TextStyle) => {
    const lines = linesOf(text, totalWidth);
    const lineHeight = style === "title" ? 24 : style === "subtitle" || style === "heading" ? 18 : 15;
    const s = styles.style(TEXT_STYLES[style]);
    let cells = b.cell(row, 1, text, s);
    // The merged cells carry the style too, so borders and fills look whole in every viewer.
    for (let c = 2; c <= width; c++) cells += b.cell(row, c, null, s);
    b.row(row, cells, lines * lineHeight + 4);
    if (width > 1) b.merge(`A${row}:${b.letter(width)}${row}`);
  };

  const writeTable = (block: TableBlock): TablePlacement => {
    const rows: readonly (readonly CellValue[])[] =
      block.rows.length > 0 ? block.rows : [[block.emptyText, ...block.columns.slice(1).map(() => null)]];
    const headerRow = block.headerless ? row - 1 : row;
    const cellStyles = block.columns.map((column) =>
      styles.style({
        border: true,
        numberFormat: numberFormat(column.format, lang),
        vertical: column.wrap ? "top" : "center",
        wrap: column.wrap === true,
      }),
    );
    if (!block.headerless) {
      const header = styles.style(HEADER_STYLE);
      let cells = "";
      block.columns.forEach((column, i) => {
        cells += b.cell(headerRow, i + 1, column.header, header);
      });
      b.row(headerRow, cells);
    }
    const wrapped = block.columns.map((c, i) => (c.wrap ? i : -1)).filter((i) => i >= 0);
    const columns = block.columns.length;
    for (let r = 0; r < rows.length; r++) {
      const values = rows[r];
      const excelRow = headerRow + 1 + r;
      let cells = "";
      for (let c = 0; c < columns; c++) cells += b.cell(excelRow, c + 1, values[c] ?? null, cellStyles[c]);
      let height: number | undefined;
      if (wrapped.length > 0) {
        let lines = 1;
        for (const i of wrapped) {
          const v = values[i];
          if (typeof v === "string") lines = Math.max(lines, linesOf(v, spec.widths[i] ?? 10));
        }
        if (lines > 1) height = lines * 15 + 2;
      }
      b.row(excelRow, cells, height);
    }
    const placement = { headerRow, firstRow: headerRow + 1, lastRow: headerRow + rows.length };
    if (block.name && !block.headerless) {
      tables.push({
        name: block.name,
        ref: `A${headerRow}:${b.letter(Math.max(1, columns))}${placement.lastRow}`,
        columns: block.columns.map((c) => c.header),
      });
    }
    return placement;
  };

  const writeBlocks = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      if (block.kind === "blank") {
        row++;
        continue;
      }
      if (block.kind === "text") {
        writeText(block.text, block.style);
        row++;
        continue;
      }
      const placement = writeTable(block);
      placements.set(block.id, placement);
      if (block.repeatHeader && printTitles === null)
        printTitles = `$${placement.headerRow}:$${placement.headerRow}`;
      row = placement.lastRow + 1;
    }
  };

  writeBlocks(spec.blocks);
  const printedRows = Math.max(1, row - 1);
  if (spec.internalBlocks?.length) {
    row++;
    writeBlocks(spec.internalBlocks);
  }
  const lastRow = Math.max(1, row - 1);
  const anchors = chartAnchors(spec);
  const printColumns = Math.max(width, ...anchors.map((a) => a.toColumn));
  const printRows = Math.max(printedRows, ...anchors.map((a) => a.toRow));

  const pane = spec.freezeRows
    ? `<pane ySplit="${spec.freezeRows}" topLeftCell="A${spec.freezeRows + 1}" activePane="bottomLeft" state="frozen"/>` +
      `<selection pane="bottomLeft" activeCell="A${spec.freezeRows + 1}" sqref="A${spec.freezeRows + 1}"/>`
    : "";
  const cols = spec.widths.length
    ? `<cols>${spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  const tableParts = tables.length
    ? `<tableParts count="${tables.length}">${tables.map((_, i) => `<tablePart r:id="rIdT${i + 1}"/>`).join("")}</tableParts>`
    : "";
  const xml = b.part(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<worksheet xmlns="${SPREADSHEETML}" xmlns:r="${REL_NS}">` +
      `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
      `<dimension ref="A1:${b.letter(width)}${lastRow}"/>` +
      `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/>` +
      cols,
    b.mergeCells() +
      `<printOptions horizontalCentered="1"/>` +
      `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
      `<pageSetup paperSize="9" orientation="${spec.landscape ? "landscape" : "portrait"}" fitToWidth="1" fitToHeight="0"/>` +
      tableParts +
      `</worksheet>`,
  );
  return {
    xml,
    tables,
    placements,
    printArea: `$A$1:$${columnLetter(printColumns)}$${printRows}`,
    printTitles,
  };
}

/** An Excel table part. */
export function tableXml(table: TablePart, id: number): string {
  const name = xmlText(table.name);
  const columns = table.columns
    .map((header, i) => `<tableColumn id="${i + 1}" name="${tableColumnName(header)}"/>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="${SPREADSHEETML}" id="${id}" name="${name}" displayName="${name}" ref="${table.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${table.ref}"/><tableColumns count="${table.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}

/** Excel keeps line breaks in a table column's name as _x000a_. */
function tableColumnName(header: string): string {
  return xmlText(header.replace(/\r\n?/g, "\n")).replace(/\n/g, "_x000a_");
}
