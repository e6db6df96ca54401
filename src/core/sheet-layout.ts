import { CellValue } from "./read/grid";
import { Block, ChartAnchor, OutputSheet, TableBlock, TextStyle, chartAnchors, numberFormat } from "./output";
import { Lang } from "./text";

/** A block of cells, 0-based. */
export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** A format for a whole rectangle: the edges apply a few of these per table, never one per cell. */
export interface RectFormat {
  readonly rect: Rect;
  readonly bold?: boolean;
  readonly size?: number;
  /** Font colour, hex RRGGBB. */
  readonly color?: string;
  /** Fill colour, hex RRGGBB. */
  readonly fill?: string;
  readonly horizontal?: "left" | "center" | "right";
  readonly vertical?: "top" | "middle";
  readonly wrap?: boolean;
  /** Thin grey borders around and inside. */
  readonly border?: boolean;
  readonly numberFormat?: string;
}

export interface LayoutTable {
  /** Excel table name (unique in the workbook). */
  readonly name: string;
  /** Header row and body. */
  readonly rect: Rect;
}

export interface LayoutChart {
  readonly type: "bar" | "column" | "pie";
  readonly title: string;
  readonly seriesName: string;
  readonly categories: Rect;
  readonly values: Rect;
  readonly numberFormat?: string;
  readonly anchor: ChartAnchor;
}

/**
 * One of the add-in's sheets as cells to write: what an edge needs to write it in a few whole-range operations.
 * Rows and columns are 0-based; row 0 is Excel row 1.
 */
export interface SheetLayout {
  readonly name: string;
  /** In characters (a Chinese character counts two). */
  readonly columnWidths: readonly number[];
  /** Every row of the sheet, each as wide as the sheet. */
  readonly values: readonly (readonly CellValue[])[];
  /** Columns whose body cells are text: written as text so "0301" or "=x" stay as typed. */
  readonly textRects: readonly Rect[];
  readonly merges: readonly Rect[];
  readonly formats: readonly RectFormat[];
  /** Heights (points) of rows whose height cannot be left to the viewer: merged text rows. */
  readonly rowHeights: readonly { readonly row: number; readonly height: number }[];
  /** Table bodies with wrapped columns: rows sized to their text (by the edge, or by the estimate below). */
  readonly wrappedBodies: readonly Rect[];
  readonly tables: readonly LayoutTable[];
  readonly printArea: Rect;
  /** The row repeated at the top of each printed page, or null. */
  readonly printTitleRow: number | null;
  readonly freezeRows: number;
  readonly landscape: boolean;
  readonly charts: readonly LayoutChart[];
}

export const TEXT_STYLES: Readonly<Record<TextStyle, { bold?: boolean; size: number; color?: string }>> = {
  title: { bold: true, size: 16 },
  subtitle: { bold: true, size: 12 },
  heading: { bold: true, size: 12, color: "1F4E79" },
  body: { size: 11 },
  note: { size: 10, color: "595959" },
  total: { bold: true, size: 11 },
};

export const HEADER_FILL = "DDEBF7";
export const BORDER_COLOUR = "BFBFBF";

/** Lays an output sheet out top to bottom: the same rows and columns every edge writes. */
export function layoutSheet(sheet: OutputSheet, lang: Lang): SheetLayout {
  const tableWidth = Math.max(
    0,
    ...[...sheet.blocks, ...(sheet.internalBlocks ?? [])].map((b) =>
      b.kind === "table" ? b.columns.length : 0,
    ),
  );
  const width = Math.max(1, sheet.widths.length, tableWidth);
  const totalWidth = sheet.widths.reduce((a, b) => a + b, 0) || 10;
  const values: CellValue[][] = [];
  const merges: Rect[] = [];
  const formats: RectFormat[] = [];
  const textRects: Rect[] = [];
  const rowHeights: { row: number; height: number }[] = [];
  const wrappedBodies: Rect[] = [];
  const tables: LayoutTable[] = [];
  const placed = new Map<string, { block: TableBlock; firstRow: number; rows: number }>();
  let printTitleRow: number | null = null;
  const blankRow = () => Array<CellValue>(width).fill(null);

  const writeBlocks = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      if (block.kind === "blank") {
        values.push(blankRow());
        continue;
      }
      if (block.kind === "text") {
        const row = values.length;
        const cells = blankRow();
        cells[0] = block.text;
        values.push(cells);
        if (width > 1) merges.push({ row, column: 0, rows: 1, columns: width });
        const centered = block.style === "title" || block.style === "subtitle";
        formats.push({
          rect: { row, column: 0, rows: 1, columns: width },
          ...TEXT_STYLES[block.style],
          horizontal: centered ? "center" : block.style === "total" ? "right" : "left",
          vertical: "middle",
          wrap: true,
        });
        const lineHeight =
          block.style === "title" ? 24 : block.style === "subtitle" || block.style === "heading" ? 18 : 15;
        rowHeights.push({ row, height: linesOf(block.text, totalWidth) * lineHeight + 4 });
        continue;
      }
      const body: CellValue[][] =
        block.rows.length > 0
          ? block.rows.map((r) => [...r])
          : [[block.emptyText, ...block.columns.slice(1).map(() => null)]];
      // A headerless grid starts its rows where the header would be.
      if (!block.headerless) {
        const headerRow = values.length;
        const cells = blankRow();
        block.columns.forEach((c, i) => (cells[i] = c.header));
        values.push(cells);
        formats.push({
          rect: { row: headerRow, column: 0, rows: 1, columns: block.columns.length },
          bold: true,
          fill: HEADER_FILL,
          border: true,
          horizontal: "center",
          vertical: "middle",
          wrap: true,
        });
        if (block.repeatHeader && printTitleRow === null) printTitleRow = headerRow;
        if (block.name)
          tables.push({
            name: block.name,
            rect: { row: headerRow, column: 0, rows: body.length + 1, columns: block.columns.length },
          });
      }
      const firstRow = values.length;
      for (const r of body) {
        const cells = blankRow();
        r.forEach((v, i) => (cells[i] = v));
        values.push(cells);
      }
      placed.set(block.id, { block, firstRow, rows: body.length });
      block.columns.forEach((column, c) => {
        const rect = { row: firstRow, column: c, rows: body.length, columns: 1 };
        const format = numberFormat(column.format, lang);
        if (column.format === "text") textRects.push(rect);
        formats.push({
          rect,
          border: true,
          vertical: column.wrap ? "top" : "middle",
          wrap: column.wrap === true,
          ...(format ? { numberFormat: format } : {}),
        });
      });
      if (block.columns.some((c) => c.wrap))
        wrappedBodies.push({ row: firstRow, column: 0, rows: body.length, columns: block.columns.length });
    }
  };

  writeBlocks(sheet.blocks);
  const printedRows = Math.max(1, values.length);
  if (sheet.internalBlocks?.length) {
    values.push(blankRow()); // a blank row between what is printed and what is not
    writeBlocks(sheet.internalBlocks);
  }
  const anchors = chartAnchors(sheet);
  const charts: LayoutChart[] = [];
  (sheet.charts ?? []).forEach((chart, i) => {
    const table = placed.get(chart.table);
    if (!table || table.block.rows.length === 0) return;
    charts.push({
      type: chart.type,
      title: chart.title,
      seriesName: table.block.columns[chart.valueColumn].header,
      categories: { row: table.firstRow, column: chart.categoryColumn, rows: table.rows, columns: 1 },
      values: { row: table.firstRow, column: chart.valueColumn, rows: table.rows, columns: 1 },
      numberFormat: chart.numberFormat,
      anchor: anchors[i],
    });
  });
  // Charts stand to the right of the blocks: the printed page takes them in (anchors are 0-based, end exclusive).
  const printColumns = Math.max(width, ...anchors.map((a) => a.toColumn));
  const printRows = Math.max(printedRows, ...anchors.map((a) => a.toRow));
  return {
    name: sheet.name,
    columnWidths: sheet.widths,
    values,
    textRects,
    merges,
    formats,
    rowHeights,
    wrappedBodies,
    tables,
    printArea: { row: 0, column: 0, rows: printRows, columns: printColumns },
    printTitleRow,
    freezeRows: sheet.freezeRows ?? 0,
    landscape: sheet.landscape === true,
    charts,
  };
}

/** How many lines text takes in a column this many characters wide. */
export function linesOf(text: string, width: number): number {
  return text
    .split("\n")
    .reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, width - 1))), 0);
}

/** Width of text in Excel character units: CJK and full-width characters count two. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text)
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return n;
}
