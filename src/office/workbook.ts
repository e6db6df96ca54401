import { CellValue, SheetGrid, WorkbookGrid, columnLetter } from "../core/read/grid";
import { RECORD_FIELDS, RecordAppend, recordPlacement } from "../core/campaign/record";
import { BORDER_COLOUR, Rect, SheetLayout, layoutSheet } from "../core/sheet-layout";
import { isRebuiltOutputSheetName, numberFormat } from "../core/output";
import { Lang } from "../core/text";
import { ArrearsWorkbook, JobOutputs, ProgressListener } from "../core/workbook";

/** Excel on the web refuses requests and responses over 5 MB: stay well under it. */
export const REQUEST_BUDGET_BYTES = 4_000_000;
/** Rows read in the first pass of each sheet, to measure how many bytes its rows take. */
const SAMPLE_ROWS = 100;

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeWorkbookOptions {
  /** Excel.run, or a fake of it in tests. */
  readonly run?: ExcelRun;
  /** Whether an Office requirement set is supported (Office.context.requirements.isSetSupported). */
  readonly supports?: (set: string, version: string) => boolean;
}

const ERROR_CODES = new Set([
  "#N/A",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#BUSY!",
  "#FIELD!",
  "#CONNECT!",
  "#BLOCKED!",
  "#UNKNOWN!",
]);

const utf8 = new TextEncoder();
function bytesOf(value: unknown): number {
  return utf8.encode(JSON.stringify(value)).length;
}

/**
 * The workbook interface on Office.js: the open workbook in Excel (desktop or the web, co-authored or not).
 * Reads and writes whole ranges in blocks under the 5 MB request limit, with a number of `context.sync()` calls
 * that grows only with the bytes moved, never with the operations; proxies never outlive their `Excel.run`.
 */
export class OfficeWorkbook implements ArrearsWorkbook {
  private readonly run: ExcelRun;
  private readonly supports: (set: string, version: string) => boolean;

  constructor(options: OfficeWorkbookOptions = {}) {
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.supports =
      options.supports ??
      ((set, version) => {
        try {
          return Office.context.requirements.isSetSupported(set, version);
        } catch {
          return false;
        }
      });
  }

  readGrid(progress?: ProgressListener): Promise<WorkbookGrid> {
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/visibility");
      await context.sync();
      // The used ranges, and in the same request the top of every sheet (values and number formats: month
      // headers that are dates are known by their format) — the rows a header can be in, and a sample that
      // measures how many bytes a row takes.
      // The add-in's rebuilt sheets (催缴分类, 催缴通知 …) are never read by the core: their cells are not loaded.
      const sheets = worksheets.items
        .filter((ws) => !isRebuiltOutputSheetName(ws.name))
        .map((ws) => {
          const used = ws.getUsedRangeOrNullObject(true);
          used.load("isNullObject,rowIndex,columnIndex,rowCount,columnCount");
          const head = used.getIntersectionOrNullObject(`1:${SAMPLE_ROWS}`);
          head.load("isNullObject,rowCount,values,numberFormat");
          return { name: ws.name, hidden: ws.visibility !== "Visible", ws, used, head };
        });
      await context.sync();
      const areas = sheets
        .filter((s) => !s.used.isNullObject)
        .map((s) => ({
          ...s,
          top: s.used.rowIndex,
          left: s.used.columnIndex,
          rows: s.used.rowCount,
          columns: s.used.columnCount,
          values: [] as CellValue[][],
          headerFormats: [] as string[][],
        }));
      // A sheet whose table starts below the sampled rows has its top read on its own.
      const late = areas.map((a) => {
        if (!a.head.isNullObject) return null;
        const range = a.ws.getRangeByIndexes(a.top, a.left, Math.min(a.rows, SAMPLE_ROWS), a.columns);
        return range.load("rowCount,values,numberFormat");
      });
      if (late.some((r) => r !== null)) await context.sync();
      let done = 0;
      const total = areas.reduce((n, a) => n + a.rows, 0);
      const rowBytes = new Map<string, number>();
      const sampled = new Map<string, number>();
      areas.forEach((a, i) => {
        const range = late[i] ?? a.head;
        const rows = range.values as CellValue[][];
        for (const row of rows) a.values.push(row);
        a.headerFormats = range.numberFormat as string[][];
        rowBytes.set(a.name, Math.max(16, bytesOf(rows) / Math.max(1, rows.length)));
        sampled.set(a.name, rows.length);
        done += rows.length;
      });
      progress?.(done, total);
      // The rest in blocks sized from the first pass, as many blocks per sync as the budget allows.
      type Block = { area: (typeof areas)[number]; start: number; rows: number };
      const blocks: Block[] = [];
      for (const a of areas) {
        const perRow = (rowBytes.get(a.name) ?? 64) * 1.5; // rows further down may be longer
        const step = Math.max(1, Math.floor(REQUEST_BUDGET_BYTES / perRow));
        for (let start = sampled.get(a.name) ?? 0; start < a.rows; start += step)
          blocks.push({ area: a, start, rows: Math.min(step, a.rows - start) });
      }
      // Reads blocks in one request; rows longer than the sample said make a response too large: then the
      // same rows are read again in halves.
      const readBatch = async (batch: readonly Block[]): Promise<void> => {
        const ranges = batch.map((block) =>
          block.area.ws
            .getRangeByIndexes(block.area.top + block.start, block.area.left, block.rows, block.area.columns)
            .load("values"),
        );
        try {
          await context.sync();
        } catch (error) {
          if (!isPayloadLimit(error) || batch.every((b) => b.rows === 1)) throw error;
          for (const b of batch) {
            if (b.rows === 1) {
              await readBatch([b]);
              continue;
            }
            const half = Math.ceil(b.rows / 2);
            await readBatch([{ ...b, rows: half }]);
            await readBatch([{ ...b, start: b.start + half, rows: b.rows - half }]);
          }
          return;
        }
        batch.forEach((block, i) => {
          for (const row of ranges[i].values as CellValue[][]) block.area.values.push(row);
          done += block.rows;
        });
        progress?.(done, total);
      };
      let batch: Block[] = [];
      let batchBytes = 0;
      for (const block of blocks) {
        const bytes = block.rows * (rowBytes.get(block.area.name) ?? 64) * 1.5;
        if (batch.length > 0 && batchBytes + bytes > REQUEST_BUDGET_BYTES) {
          await readBatch(batch);
          batch = [];
          batchBytes = 0;
        }
        batch.push(block);
        batchBytes += bytes;
      }
      if (batch.length > 0) await readBatch(batch);
      const grids: SheetGrid[] = worksheets.items.map((ws) => {
        const s = sheets.find((x) => x.ws === ws) ?? { name: ws.name, hidden: ws.visibility !== "Visible" };
        const area = areas.find((a) => a.name === s.name);
        if (!area) return { name: s.name, rows: [], firstRow: 1, firstColumn: 1, hidden: s.hidden };
        return {
          name: s.name,
          rows: area.values.map((row, r) => row.map((v, c) => cellOf(v, area.headerFormats[r]?.[c]))),
          firstRow: area.top + 1,
          firstColumn: area.left + 1,
          hidden: s.hidden,
        };
      });
      return { sheets: grids, date1904: false };
    });
  }

  writeOutputs(outputs: JobOutputs, progress?: ProgressListener): Promise<void> {
    const lang = outputs.lang;
    const layouts: SheetLayout[] = outputs.sheets.map((s) => layoutSheet(s, lang));
    const newRecord = outputs.newRecord && outputs.append.rows.length > 0 ? outputs.newRecord : null;
    if (newRecord) layouts.unshift(layoutSheet(newRecord, lang));
    const append = newRecord === null && outputs.append.rows.length > 0 ? outputs.append : null;
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      const recordTables = append ? worksheets.getItem(append.sheetName).tables : null;
      recordTables?.load("items/name");
      await context.sync();
      const existing = new Set(worksheets.items.map((w) => w.name));
      const tableRanges = recordTables ? recordTables.items.map((t) => t.getRange().load("address")) : [];
      if (tableRanges.length > 0) await context.sync();

      const writer = new BatchWriter(context, progress, layouts.length + 1);
      const temps: { layout: SheetLayout; temp: string; tables: { temp: string; name: string }[] }[] = [];
      let writing = "";
      let switching = false;
      let switched = false;
      try {
        for (const [i, layout] of layouts.entries()) {
          writing = layout.name;
          const temp = uniqueName(`~AD${i + 1}`, existing);
          existing.add(temp);
          const tables = layout.tables.map((t, j) => ({ temp: `AD_tmp${i + 1}_${j + 1}`, name: t.name }));
          temps.push({ layout, temp, tables });
          writer.pending.add(layout.name);
          const ws = worksheets.add(temp);
          ws.visibility = "Hidden";
          await writeLayout(writer, ws, layout, tables, this.supports);
          writer.step();
        }
        await writer.flush();
        // The switch, in one small request: old outputs out, the new ones in under their names. Until here the
        // old outputs are untouched.
        switching = true;
        writing = append?.sheetName ?? writing;
        for (const t of temps) if (existing.has(t.layout.name)) worksheets.getItem(t.layout.name).delete();
        for (const t of temps) {
          const ws = worksheets.getItem(t.temp);
          ws.name = t.layout.name;
          ws.visibility = "Visible";
          for (const table of t.tables) ws.tables.getItem(table.temp).name = table.name;
        }
        // The record goes with the switch when it fits in the same request (the usual round); a large round is
        // appended after it, in requests under the budget. Should one of those fail, the rows already there are
        // this round's, and a rerun the same day adds only the missing ones.
        const appendRecordNow = async () => {
          if (!append) return;
          const i = tableRanges.findIndex((r) => rowOf(r.address) === (append.layout?.headerRow ?? -1));
          const table =
            recordTables && i >= 0 ? { table: recordTables.items[i], address: tableRanges[i].address } : null;
          await appendRecord(
            writer,
            worksheets.getItem(append.sheetName),
            append,
            lang,
            table,
            this.supports("ExcelApi", "1.13"),
          );
        };
        const small = append !== null && bytesOf(append.rows) < REQUEST_BUDGET_BYTES * 0.8;
        if (small) await appendRecordNow();
        await context.sync();
        writer.reset();
        switched = true;
        if (append && !small) {
          writing = append.sheetName;
          await appendRecordNow();
          await writer.flush();
        }
        progress?.(1, 1);
      } catch (error) {
        // Before the switch nothing of the old outputs has been touched: take the half-written copies away.
        if (!switching) {
          try {
            for (const t of temps) worksheets.getItem(t.temp).delete();
            await context.sync();
          } catch {
            // the original error says more
          }
        }
        const reason = error instanceof Error ? error.message : String(error);
        if (!switching && writer.pending.size > 0)
          writing = [...writer.pending].join(lang === "zh-CN" ? "”、“" : '", "');
        if (switched)
          throw new Error(
            lang === "zh-CN"
              ? `结果工作表已更新，但“${writing}”未能全部追加：${reason}。请当天重新运行，已登记的行不会重复`
              : `The result sheets are updated, but "${writing}" was not wholly appended: ${reason}. Run again today: rows already logged are not added twice`,
          );
        throw new Error(
          lang === "zh-CN"
            ? switching
              ? `替换结果工作表时出错（“${writing}”）：${reason}。新结果在以“~AD”开头的隐藏工作表中，请重新运行`
              : `写入“${writing}”时出错，之前的结果和您的工作表都未改动：${reason}`
            : switching
              ? `Replacing the result sheets failed ("${writing}"): ${reason}. The new results are in hidden sheets named "~AD…"; run again`
              : `Writing "${writing}" failed; the earlier results and your sheets are unchanged: ${reason}`,
        );
      }
    });
  }
}

function isPayloadLimit(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? "";
  return /PayloadSizeLimitExceeded/.test(`${code} ${error instanceof Error ? error.message : ""}`);
}

/** Office gives a date header as a serial number with a date format: the core wants a date. */
function cellOf(value: unknown, format: string | undefined): CellValue {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string") return ERROR_CODES.has(value) ? { error: value } : value;
  if (typeof value === "number") {
    if (format && isDateFormat(format) && value > 0 && value < 2_958_466)
      return new Date(Math.round((value - 25569) * 86_400_000));
    return value;
  }
  if (typeof value === "boolean") return value;
  return String(value);
}

function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[ymd]/i.test(bare) && !/^(general|@)$/i.test(bare);
}

/** The first row of an address such as "催缴记录!A1:K40". */
function rowOf(address: string): number {
  const m = /!?\$?[A-Z]+\$?(\d+)(?::|$)/.exec(address.replace(/^.*!/, ""));
  return m ? Number(m[1]) : -1;
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  return name;
}

/** Queues operations and syncs when the queued bytes near the request budget. */
class BatchWriter {
  private bytes = 0;
  /** Sheets with operations in the request not yet sent: the ones a failed sync was writing. */
  readonly pending = new Set<string>();
  private done = 0;
  syncs = 0;

  constructor(
    readonly context: Excel.RequestContext,
    private readonly progress: ProgressListener | undefined,
    private readonly steps: number,
  ) {}

  /** Accounts for an operation of about this many bytes, syncing first when it would pass the budget. */
  async add(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > REQUEST_BUDGET_BYTES) await this.flush();
    this.bytes += bytes;
  }

  /** The queued operations went with a sync made elsewhere. */
  reset(): void {
    this.bytes = 0;
    this.pending.clear();
  }

  async flush(): Promise<void> {
    if (this.bytes === 0) return;
    await this.context.sync();
    this.syncs++;
    this.bytes = 0;
    this.pending.clear();
  }

  /** A sheet is queued: report progress (the sync happens when the budget or the end asks for it). */
  step(): void {
    this.done++;
    this.progress?.(this.done, this.steps);
  }
}

const OP_BYTES = 200;
const FORMULA_LIKE = /^[=+\-@]/;

function address(rect: Rect): string {
  const from = `${columnLetter(rect.column + 1)}${rect.row + 1}`;
  const to = `${columnLetter(rect.column + rect.columns)}${rect.row + rect.rows}`;
  return from === to ? from : `${from}:${to}`;
}

function cellForOffice(value: CellValue, asText: boolean): string | number | boolean {
  if (value === null) return "";
  if (value instanceof Date) return value.getTime() / 86_400_000 + 25569;
  if (typeof value === "object") return `'${value.error}`;
  // Text is never a formula: a leading apostrophe keeps "=1+1" or "-张三" as typed.
  if (typeof value === "string" && !asText && FORMULA_LIKE.test(value)) return `'${value}`;
  return value;
}

async function writeLayout(
  writer: BatchWriter,
  ws: Excel.Worksheet,
  layout: SheetLayout,
  tables: readonly { temp: string; name: string }[],
  supports: (set: string, version: string) => boolean,
): Promise<void> {
  const width = layout.values.reduce((w, r) => Math.max(w, r.length), 1);
  layout.columnWidths.forEach((w, i) => {
    ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = Math.round(w * 5.6 + 5);
  });
  await writer.add(OP_BYTES * layout.columnWidths.length);
  // Text columns are formatted as text before their values arrive.
  // Excel reads a value that starts with = + - as a formula whatever the cell's format; a leading apostrophe
  // (in a General cell) keeps it text. Such cells in text columns go back to General, one by one: they are rare.
  const textCells = new Set<string>();
  let formulaLike = 0;
  for (const rect of layout.textRects) {
    ws.getRange(address(rect)).numberFormat = "@" as unknown as string[][];
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      const value = layout.values[r]?.[rect.column];
      if (typeof value === "string" && FORMULA_LIKE.test(value)) {
        ws.getRangeByIndexes(r, rect.column, 1, 1).numberFormat = "General" as unknown as string[][];
        formulaLike++;
      } else textCells.add(`${r},${rect.column}`);
    }
  }
  await writer.add(OP_BYTES * (layout.textRects.length + formulaLike));
  // Values in row blocks under the budget.
  let start = 0;
  while (start < layout.values.length) {
    let bytes = 0;
    const rows: (string | number | boolean)[][] = [];
    for (let r = start; r < layout.values.length; r++) {
      const row = Array.from({ length: width }, (_, c) =>
        cellForOffice(layout.values[r][c] ?? null, textCells.has(`${r},${c}`)),
      );
      const rowBytes = bytesOf(row) + 1;
      if (rows.length > 0 && bytes + rowBytes > REQUEST_BUDGET_BYTES * 0.9) break;
      rows.push(row);
      bytes += rowBytes;
    }
    await writer.add(bytes);
    ws.getRangeByIndexes(start, 0, rows.length, width).values = rows;
    start += rows.length;
  }
  for (const f of layout.formats) {
    const range = ws.getRange(address(f.rect));
    const format = range.format;
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
      }
    await writer.add(OP_BYTES * 3);
  }
  for (const m of layout.merges) ws.getRange(address(m)).merge(false);
  for (const h of layout.rowHeights) ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height;
  // Excel sizes wrapped rows itself: one call per table body, not one per row.
  for (const body of layout.wrappedBodies) ws.getRange(address(body)).format.autofitRows();
  await writer.add(
    OP_BYTES * (layout.merges.length + layout.rowHeights.length + layout.wrappedBodies.length),
  );
  layout.tables.forEach((t, i) => {
    const table = ws.tables.add(address(t.rect), true);
    table.name = tables[i].temp;
    table.style = "TableStyleMedium2";
  });
  if (layout.freezeRows > 0) ws.freezePanes.freezeRows(layout.freezeRows);
  if (supports("ExcelApi", "1.9")) {
    const page = ws.pageLayout;
    page.paperSize = "A4";
    page.orientation = layout.landscape ? "Landscape" : "Portrait";
    page.centerHorizontally = true;
    page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    page.setPrintArea(address(layout.printArea));
    if (layout.printTitleRow !== null)
      page.setPrintTitleRows(`$${layout.printTitleRow + 1}:$${layout.printTitleRow + 1}`);
  }
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
  await writer.add(OP_BYTES * (layout.tables.length * 3 + layout.charts.length * 6 + 8));
}

/**
 * Adds the round's rows below the last row of the record, in the columns its header names; rows already there are
 * never rewritten. An Excel table over the record is stretched over the new rows (ExcelApi 1.13), not added to
 * with rows.add, which co-authoring turns into merge conflicts.
 */
async function appendRecord(
  writer: BatchWriter,
  ws: Excel.Worksheet,
  append: RecordAppend,
  lang: Lang,
  table: { table: Excel.Table; address: string } | null,
  canResize: boolean,
): Promise<void> {
  const { headerRow, columns, newHeaders, firstRow: start } = recordPlacement(append, table === null);
  for (const { column, header } of newHeaders) {
    const cell = ws.getCell(headerRow - 1, column - 1);
    cell.values = [[header]];
    cell.format.font.bold = true;
  }
  const used = Object.values(columns).filter((c): c is number => c !== undefined);
  const left = Math.min(...used);
  const right = Math.max(...used);
  const rows = append.rows.map((values) => {
    const row: (string | number | boolean | null)[] = Array(right - left + 1).fill(null);
    RECORD_FIELDS.forEach((field, i) => {
      const c = columns[field];
      if (c !== undefined) row[c - left] = cellForOffice(values[i] ?? null, false);
    });
    return row;
  });
  // null leaves a cell as it is: columns between the record's own are not the record's to write.
  for (let from = 0; from < rows.length;) {
    let bytes = 0;
    let to = from;
    while (to < rows.length && (to === from || bytes + bytesOf(rows[to]) < REQUEST_BUDGET_BYTES * 0.9))
      bytes += bytesOf(rows[to++]);
    await writer.add(bytes + OP_BYTES * RECORD_FIELDS.length);
    const top = start - 1 + from;
    ws.getRangeByIndexes(top, left - 1, to - from, right - left + 1).values = rows.slice(from, to) as (
      string | number | boolean
    )[][];
    RECORD_FIELDS.forEach((field, i) => {
      const c = columns[field];
      const format = numberFormat(append.columns[i].format, lang);
      if (c === undefined || !format) return;
      ws.getRangeByIndexes(top, c - 1, to - from, 1).numberFormat = format as unknown as string[][];
    });
    from = to;
  }
  if (table && canResize) {
    const m = /\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(table.address.replace(/^.*!/, ""));
    if (m && Number(m[2]) === headerRow)
      table.table.resize(`${m[1]}${m[2]}:${m[3]}${Math.max(Number(m[4]), start + rows.length - 1)}`);
  }
}
