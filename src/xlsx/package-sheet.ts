import { CellValue, columnLetter, isCellError } from "../core/read/grid";
import { OutputSheet } from "../core/output";
import { Rect, RectFormat, SheetLayout, layoutSheet, linesOf } from "../core/sheet-layout";
import { Lang } from "../core/text";
import { ChartSpec } from "./chart";
import { dateSerial } from "./package-read";
import { CellStyleSpec, StyleBook } from "./package-styles";
import { DeflatedPart, DeflatedText } from "../ooxml/zip-package";

/**
 * One of the add-in's sheets as SpreadsheetML, written directly from the core's layout (the same rows, merges,
 * formats, tables and page setup the Office.js edge writes), without an object per cell.
 */

/** An Excel table on the sheet, to be written as its own part. */
export interface TablePart {
  readonly name: string;
  readonly ref: string;
  readonly columns: readonly string[];
}

export interface WrittenSheet {
  /** The worksheet part, UTF-8, deflated as it was written: the sheet's text is never held whole. */
  readonly xml: DeflatedPart;
  readonly tables: readonly TablePart[];
  readonly charts: readonly ChartSpec[];
  readonly printArea: string;
  readonly printTitles: string | null;
}

export const SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

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

/** One cell as SpreadsheetML: text always as text (never a formula), dates as serial numbers of the workbook. */
/**
 * One cell. `ref` null leaves out its reference: the cell is then the one after the previous cell of its row
 * (ECMA-376 §18.3.1.4; Excel, LibreOffice, WPS, SheetJS and openpyxl read it so). The writers leave it out only
 * where a cell follows the one before it, and keep it on a row's first cell, which ExcelJS needs: the references
 * were a third of the sheets' bytes and, each one different, broke deflate's matches — the output sheets deflate to
 * less than half without them.
 */
export function cellXml(ref: string | null, value: CellValue, style: number, date1904: boolean): string {
  const head = `<c${ref === null ? "" : ` r="${ref}"`}${style ? ` s="${style}"` : ""}`;
  if (value === null || value === undefined || value === "") return `${head}/>`;
  if (typeof value === "string") {
    const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
    return `${head} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
  }
  if (typeof value === "number") return Number.isFinite(value) ? `${head}><v>${value}</v></c>` : `${head}/>`;
  if (typeof value === "boolean") return `${head} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (value instanceof Date) return `${head}><v>${dateSerial(value, date1904)}</v></c>`;
  if (isCellError(value)) return `${head} t="e"><v>${xmlText(value.error)}</v></c>`;
  return `${head}/>`;
}

function styleSpec(format: RectFormat): CellStyleSpec {
  const font =
    format.bold || format.size || format.color
      ? {
          ...(format.bold ? { bold: true } : {}),
          ...(format.size ? { size: format.size } : {}),
          ...(format.color ? { color: `FF${format.color}` } : {}),
        }
      : undefined;
  return {
    ...(font ? { font } : {}),
    ...(format.fill ? { fill: `FF${format.fill}` } : {}),
    ...(format.border ? { border: true } : {}),
    ...(format.numberFormat ? { numberFormat: format.numberFormat } : {}),
    ...(format.horizontal ? { horizontal: format.horizontal } : {}),
    ...(format.vertical ? { vertical: format.vertical === "middle" ? "center" : "top" } : {}),
    ...(format.wrap ? { wrap: true } : {}),
  };
}

/** A1 reference of a 0-based rectangle. */
function rangeRef(rect: Rect): string {
  const top = `${columnLetter(rect.column + 1)}${rect.row + 1}`;
  const bottom = `${columnLetter(rect.column + rect.columns)}${rect.row + rect.rows}`;
  return top === bottom ? top : `${top}:${bottom}`;
}

/**
 * The format of every cell, as an index into `formats`: the layout gives a few rectangles a table, and a
 * rectangle laid over another adds its settings to what is there (as setting formats range by range in Excel does).
 */
function cellFormats(layout: SheetLayout, width: number): { formats: RectFormat[]; of: Int32Array } {
  const formats = [...layout.formats];
  const of = new Int32Array(layout.values.length * width).fill(-1);
  const combined = new Map<string, number>();
  layout.formats.forEach((format, f) => {
    const { row, column, rows, columns } = format.rect;
    for (let r = row; r < row + rows; r++) {
      for (let c = column; c < column + columns; c++) {
        const at = r * width + c;
        const before = of[at];
        if (before < 0) {
          of[at] = f;
          continue;
        }
        const key = `${before}+${f}`;
        let both = combined.get(key);
        if (both === undefined) {
          both = formats.push({ ...formats[before], ...format }) - 1;
          combined.set(key, both);
        }
        of[at] = both;
      }
    }
  });
  return { formats, of };
}

export function writeSheetXml(
  spec: OutputSheet,
  lang: Lang,
  styles: StyleBook,
  date1904: boolean,
): WrittenSheet {
  const layout = layoutSheet(spec, lang);
  const values = layout.values;
  const width = Math.max(1, values[0]?.length ?? 0);
  const letters = Array.from({ length: width }, (_, c) => columnLetter(c + 1));
  const { formats, of } = cellFormats(layout, width);
  const styleOf = formats.map((f) => styles.style(styleSpec(f)));
  const heights = new Map(layout.rowHeights.map((h) => [h.row, h.height]));
  // Rows of wrapped table text: sized from their longest text, since not every viewer fits rows on open.
  for (const body of layout.wrappedBodies) {
    for (let r = body.row; r < body.row + body.rows; r++) {
      let lines = 1;
      for (let c = body.column; c < body.column + body.columns; c++) {
        const v = values[r][c];
        const f = of[r * width + c];
        if (typeof v === "string" && f >= 0 && formats[f].wrap)
          lines = Math.max(lines, linesOf(v, layout.columnWidths[c] ?? 10));
      }
      if (lines > 1) heights.set(r, lines * 15 + 2);
    }
  }
  const freeze = layout.freezeRows;
  const pane = freeze
    ? `<pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/>` +
      `<selection pane="bottomLeft" activeCell="A${freeze + 1}" sqref="A${freeze + 1}"/>`
    : "";
  const cols = layout.columnWidths.length
    ? `<cols>${layout.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  // Level 6: the sheets are most of the output, and level 1 left it 3.3 × the input's size at 10,000 households.
  const rows = new DeflatedText(6);
  rows.push(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<worksheet xmlns="${SPREADSHEETML}" xmlns:r="${REL_NS}">` +
      `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
      `<dimension ref="A1:${letters[width - 1]}${Math.max(1, values.length)}"/>` +
      `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/>` +
      cols +
      `<sheetData>`,
  );
  for (let r = 0; r < values.length; r++) {
    let cells = "";
    let previous = -2;
    for (let c = 0; c < width; c++) {
      const f = of[r * width + c];
      const v = values[r][c];
      // Merged and formatted cells are written empty with their style, so borders and fills look whole.
      if (v !== null || f >= 0) {
        cells += cellXml(
          c === previous + 1 ? null : `${letters[c]}${r + 1}`,
          v,
          f >= 0 ? styleOf[f] : 0,
          date1904,
        );
        previous = c;
      }
    }
    const height = heights.get(r);
    if (cells === "" && height === undefined) continue;
    rows.push(`<row r="${r + 1}"${height ? ` ht="${height}" customHeight="1"` : ""}>${cells}</row>`);
  }
  const tables: TablePart[] = layout.tables.map((t) => ({
    name: t.name,
    ref: rangeRef(t.rect),
    columns: values[t.rect.row]
      .slice(t.rect.column, t.rect.column + t.rect.columns)
      .map((v) => String(v ?? "")),
  }));
  const charts: ChartSpec[] = layout.charts.map((chart) => {
    const cells = (rect: Rect) => values.slice(rect.row, rect.row + rect.rows).map((r) => r[rect.column]);
    const span = (rect: Rect) => ({
      firstRow: rect.row + 1,
      lastRow: rect.row + rect.rows,
      column: rect.column + 1,
    });
    return {
      sheetName: spec.name,
      type: chart.type,
      title: chart.title,
      seriesName: chart.seriesName,
      categories: span(chart.categories),
      values: span(chart.values),
      categoryLabels: cells(chart.categories).map((v) => String(v ?? "")),
      numbers: cells(chart.values).map((v) => (typeof v === "number" ? v : 0)),
      numberFormat: chart.numberFormat,
      anchor: chart.anchor,
    };
  });
  const merges = layout.merges.length
    ? `<mergeCells count="${layout.merges.length}">${layout.merges.map((m) => `<mergeCell ref="${rangeRef(m)}"/>`).join("")}</mergeCells>`
    : "";
  const tableParts = tables.length
    ? `<tableParts count="${tables.length}">${tables.map((_, i) => `<tablePart r:id="rIdT${i + 1}"/>`).join("")}</tableParts>`
    : "";
  rows.push(
    `</sheetData>` +
      merges +
      `<printOptions horizontalCentered="1"/>` +
      `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
      `<pageSetup paperSize="9" orientation="${layout.landscape ? "landscape" : "portrait"}" fitToWidth="1" fitToHeight="0"/>` +
      tableParts +
      `</worksheet>`,
  );
  const xml = rows.finish();
  const area = layout.printArea;
  return {
    xml,
    tables,
    charts,
    printArea: `$A$1:$${columnLetter(area.columns)}$${area.rows}`,
    printTitles:
      layout.printTitleRow === null ? null : `$${layout.printTitleRow + 1}:$${layout.printTitleRow + 1}`,
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
