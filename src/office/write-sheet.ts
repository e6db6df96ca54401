import { columnLetter } from "../core/read/grid";
import { BORDER_COLOUR, SheetLayout } from "../core/sheet-layout";
import { ProgressListener } from "../core/workbook";
import { OP_BYTES, OfficeValue, REQUEST_BUDGET_BYTES, address, bytesOf, cellForOffice } from "./cells";

/** Queues operations and syncs when the queued bytes near the request budget; every request beats the run lock. */
export class BatchWriter {
  private bytes = 0;
  /** Sheets with operations in the request not yet sent: the ones a failed sync was writing. */
  readonly pending = new Set<string>();
  private done = 0;
  syncs = 0;

  constructor(
    readonly context: Excel.RequestContext,
    private readonly progress: ProgressListener | undefined,
    private readonly steps: number,
    private readonly beat: () => void,
  ) {}

  /** Accounts for operations of about this many bytes, syncing first when they would pass the budget. */
  async add(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > REQUEST_BUDGET_BYTES) await this.flush();
    this.bytes += bytes;
  }

  /** Bytes still free in the request being built. */
  room(): number {
    return REQUEST_BUDGET_BYTES - this.bytes;
  }

  async flush(force = false): Promise<void> {
    if (this.bytes === 0 && !force) return;
    this.beat();
    try {
      await this.context.sync();
    } finally {
      this.bytes = 0; // a failed request's operations are gone with it
    }
    this.syncs++;
    this.pending.clear();
  }

  /** A sheet is queued: report progress (the sync happens when the budget or the end asks for it). */
  step(): void {
    this.done++;
    this.progress?.(this.done, this.steps);
  }
}

/** What a written sheet still needs after its data: the parts Excel may refuse without harm to the data. */
export interface Optional {
  readonly sheet: string;
  readonly charts: () => void;
  readonly autofit: () => void;
  readonly print: () => void;
  /** Fit to one page wide: reported not to apply, or refused, on some hosts (office-js issue 1860). */
  readonly fit: () => void;
  /** Takes away the sheet's charts (before they are made again). */
  readonly removeCharts: () => Promise<void>;
}

/**
 * Writes a layout into an empty sheet: text columns formatted "@" before their values, the values in row blocks
 * under the budget, formats one operation per rectangle, merges, tables over the sheet's own ranges, frozen rows.
 * The first cell holds `firstCell` (the "incomplete" mark) until the run completes. Returns the optional parts.
 */
export async function writeLayout(
  writer: BatchWriter,
  ws: Excel.Worksheet,
  layout: SheetLayout,
  tableNames: readonly string[],
  firstCell: OfficeValue,
  supports: (set: string, version: string) => boolean,
): Promise<Optional> {
  const width = layout.values.reduce((w, r) => Math.max(w, r.length), 1);
  layout.columnWidths.forEach((w, i) => {
    ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = Math.round(w * 5.6 + 5);
  });
  await writer.add(OP_BYTES * layout.columnWidths.length);
  // Text columns are text before their values arrive ("0301", "5-12" stay as typed); text Excel would still
  // take for a formula goes with the apostrophe prefix, which a "@" cell takes as well: no cell-by-cell formats.
  for (const rect of layout.textRects) ws.getRange(address(rect)).numberFormat = "@" as unknown as string[][];
  await writer.add(OP_BYTES * layout.textRects.length);
  let start = 0;
  while (start < layout.values.length) {
    // A block fills what is left of the request being built (the last sheet's formats, the next sheet's start):
    // every request but the last goes full.
    if (writer.room() < REQUEST_BUDGET_BYTES / 20) await writer.flush();
    const room = writer.room() - OP_BYTES;
    let bytes = 0;
    const rows: OfficeValue[][] = [];
    for (let r = start; r < layout.values.length; r++) {
      const row = Array.from({ length: width }, (_, c) =>
        r === 0 && c === 0 ? firstCell : cellForOffice(layout.values[r][c] ?? null),
      );
      const rowBytes = bytesOf(row) + 1;
      if (rows.length > 0 && bytes + rowBytes > room) break;
      rows.push(row);
      bytes += rowBytes;
    }
    await writer.add(bytes + OP_BYTES);
    ws.getRangeByIndexes(start, 0, rows.length, width).values = rows;
    start += rows.length;
  }
  for (const f of layout.formats) {
    const range = ws.getRange(address(f.rect));
    const format = range.format;
    let ops = 1;
    if (f.bold !== undefined) format.font.bold = f.bold;
    if (f.size !== undefined) format.font.size = f.size;
    if (f.color) format.font.color = `#${f.color}`;
    if (f.fill) format.fill.color = `#${f.fill}`;
    if (f.horizontal)
      format.horizontalAlignment =
        f.horizontal === "center" ? "Center" : f.horizontal === "right" ? "Right" : "Left";
    if (f.vertical) format.verticalAlignment = f.vertical === "top" ? "Top" : "Center";
    if (f.wrap !== undefined) format.wrapText = f.wrap;
    if (f.numberFormat) range.numberFormat = f.numberFormat as unknown as string[][];
    if (f.border)
      for (const edge of [
        "EdgeTop",
        "EdgeBottom",
        "EdgeLeft",
        "EdgeRight",
        "InsideVertical",
        "InsideHorizontal",
      ]) {
        const border = format.borders.getItem(edge as Excel.BorderIndex);
        border.style = "Continuous";
        border.color = `#${BORDER_COLOUR}`;
        ops += 2;
      }
    await writer.add(OP_BYTES * (ops + 8));
  }
  for (const m of layout.merges) ws.getRange(address(m)).merge(false);
  for (const h of layout.rowHeights) ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height;
  await writer.add(OP_BYTES * (layout.merges.length + layout.rowHeights.length));
  layout.tables.forEach((t, i) => {
    // The sheet's own range: a bare address would be taken on whichever sheet the user has active.
    const table = ws.tables.add(ws.getRange(address(t.rect)), true);
    table.name = tableNames[i];
    table.style = "TableStyleMedium2";
  });
  if (layout.freezeRows > 0) ws.freezePanes.freezeRows(layout.freezeRows);
  await writer.add(OP_BYTES * (layout.tables.length * 4 + 2));
  return {
    sheet: layout.name,
    // Excel sizes wrapped rows itself: one call per table body, not one per row.
    autofit: () => {
      for (const body of layout.wrappedBodies) ws.getRange(address(body)).format.autofitRows();
    },
    print: () => {
      if (!supports("ExcelApi", "1.9")) return;
      const page = ws.pageLayout;
      page.paperSize = "A4";
      page.orientation = layout.landscape ? "Landscape" : "Portrait";
      page.centerHorizontally = true;
      page.setPrintArea(address(layout.printArea));
      if (layout.printTitleRow !== null)
        page.setPrintTitleRows(`$${layout.printTitleRow + 1}:$${layout.printTitleRow + 1}`);
    },
    fit: () => {
      if (supports("ExcelApi", "1.9"))
        ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    },
    removeCharts: async () => {
      if (layout.charts.length === 0) return;
      const charts = ws.charts;
      charts.load("items/name");
      await writer.context.sync();
      for (const chart of charts.items) chart.delete();
    },
    charts: () => {
      for (const chart of layout.charts) {
        const type = chart.type === "pie" ? "Pie" : chart.type === "bar" ? "BarClustered" : "ColumnClustered";
        const made = ws.charts.add(type, ws.getRange(address(chart.values)), "Columns");
        made.title.text = chart.title;
        const series = made.series.getItemAt(0);
        series.name = chart.seriesName;
        series.setXAxisValues(ws.getRange(address(chart.categories)));
        const a = chart.anchor;
        made.setPosition(
          `${columnLetter(a.fromColumn + 1)}${a.fromRow + 1}`,
          `${columnLetter(a.toColumn)}${a.toRow}`,
        );
      }
    },
  };
}

/** Queues the optional parts of every sheet (they go with the run's last request). */
export function queueOptional(parts: readonly Optional[]): void {
  for (const p of parts) {
    p.autofit();
    p.print();
    p.fit();
  }
  for (const p of parts) p.charts();
}

/**
 * The optional parts again after Excel refused the request that carried them: each part of each sheet in a
 * request of its own (a sheet's charts after taking away any the first try made), so a refused print setting costs
 * that setting only and never the sheet. Returns the parts refused.
 */
export async function retryOptional(writer: BatchWriter, parts: readonly Optional[]): Promise<string[]> {
  const refused: string[] = [];
  for (const p of parts)
    for (const [what, run] of [
      ["autofit", p.autofit],
      ["print", p.print],
      ["fit to page", p.fit],
      ["charts", p.charts],
    ] as const) {
      try {
        if (what === "charts") await p.removeCharts();
        run();
        await writer.flush(true);
      } catch {
        refused.push(`${p.sheet} (${what})`);
      }
    }
  return refused;
}
