import { CellValue, SheetGrid, WorkbookGrid } from "../core/read/grid";
import { OUTPUTS, OUTPUT_SHEETS, isRebuiltOutputSheetName, numberFormat } from "../core/output";
import { RECORD_FIELDS, RecordAppend, recordPlacement } from "../core/campaign/record";
import { SheetLayout, layoutSheet } from "../core/sheet-layout";
import { Lang, Localized, localized } from "../core/text";
import { ArrearsWorkbook, JobOutputs, OWNED_SHEET_MARKER, ProgressListener } from "../core/workbook";
import {
  OP_BYTES,
  OfficeValue,
  READ_CELLS,
  REQUEST_BUDGET_BYTES,
  bytesOf,
  cellForOffice,
  isPayloadLimit,
  readBack,
} from "./cells";
import { LockBusy, LockClock, RunLock } from "./run-lock";
import { BatchWriter, Optional, queueOptional, retryOptional, writeLayout } from "./write-sheet";

export { REQUEST_BUDGET_BYTES } from "./cells";

/** Rows read in the first pass of each sheet, to measure how many bytes its rows take. */
const SAMPLE_ROWS = 100;
/** The least a cell costs in a response: its value ("") and its number format ("General"), with separators. */
const MIN_CELL_BYTES = 16;
/**
 * The top left corner of a sheet, read with its used range: a sheet whose first pass lies inside it (a table from
 * near A1, up to 64 columns wide) needs no request of its own for it. Counted at MIN_CELL_BYTES a cell (what the
 * empty cells of a narrow sheet cost), corners are read for as many sheets as half the budget takes; corners of
 * far longer cells make that request fail, and it is made again without them.
 */
const CORNER_ROWS = SAMPLE_ROWS + 20;
const CORNER_COLUMNS = 64;
const CORNER_BYTES = CORNER_ROWS * CORNER_COLUMNS * MIN_CELL_BYTES;
/**
 * How much longer than the sample's rows further rows are allowed to be before a block's response passes the
 * budget (the budget's own margin is under 5 MB besides): a block whose rows are longer still is read again in
 * halves, one more sync.
 */
const ROW_GROWTH = 1.2;
/**
 * The same, for rows counted from a thousand or more of the sheet's rows already read rather than from the
 * sample: a block of them passes 5,000,000 bytes only if its rows are 22 % longer than all those before them.
 */
const ROW_GROWTH_SEEN = 1.1;

export type ExcelRun = <T>(
  options: Excel.RunOptions,
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

export interface OfficeWorkbookOptions {
  /** Excel.run, or a fake of it in tests. */
  readonly run?: ExcelRun;
  /** Whether an Office requirement set is supported (Office.context.requirements.isSetSupported). */
  readonly supports?: (set: string, version: string) => boolean;
  /** Time and waiting, only for telling a colleague's live run from an abandoned one (tests pass their own). */
  readonly clock?: LockClock;
  /** This pane's session: a run that finds its own session's lock left over takes it at once. */
  readonly session?: string;
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

type OutputId = keyof typeof OUTPUT_SHEETS;
/** Sheets the team edits: updated in place, cell by cell, never rebuilt. */
const TEAM_EDITED: ReadonlySet<OutputId> = new Set<OutputId>(
  (Object.keys(OUTPUTS) as OutputId[]).filter((id) => OUTPUTS[id].keeper === "team" && id !== "record"),
);

function outputIdOf(name: string): OutputId | null {
  for (const [id, names] of Object.entries(OUTPUT_SHEETS))
    if (names["zh-CN"] === name || names["en-US"] === name) return id as OutputId;
  return null;
}

function markerFormula(id: string): string {
  return `="${id}"`;
}

function markerId(formula: string): string | null {
  return /^="([^"]*)"$/.exec(formula.trim())?.[1] ?? null;
}

/** Hidden staging sheets an earlier version of the add-in left when a run was interrupted (they hold AD_tmp tables). */
const LEGACY_STAGING = /^~AD\d+(-\d+)?$/;

const INCOMPLETE: Localized = localized(
  "⚠ 未完成：催缴助手正在写入本表，或上次写入被中断。请重新运行，完成后此行恢复为标题。",
  "⚠ Incomplete: Arrears Desk is writing this sheet, or its last run was interrupted. " +
    "Run again; this row then shows the title.",
);

function defaultSession(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * The workbook interface on Office.js: the open workbook in Excel (desktop or the web, co-authored or not).
 * Reads and writes whole ranges in blocks under the 5 MB request limit, with a number of `context.sync()` calls
 * that grows only with the bytes moved, never with the operations; proxies never outlive their `Excel.run`.
 *
 * It knows its own sheets by a hidden sheet-scoped name (OWNED_SHEET_MARKER), never by their names: a sheet
 * without it is the user's and is never cleared, deleted or written over. See README, "How the add-in talks to
 * Excel".
 */
export class OfficeWorkbook implements ArrearsWorkbook {
  private readonly run: ExcelRun;
  private readonly supports: (set: string, version: string) => boolean;
  private readonly clock: LockClock;
  private readonly session: string;
  /** The cells of the team-edited sheets as the last read found them: what a colleague's edit is told from. */
  private readonly read = new Map<string, { top: number; left: number; values: OfficeValue[][] }>();
  private notes: Localized[] = [];
  /**
   * The sheets the last read found (id and name): the write loads their markers, tables and charts in the same
   * request as it takes the lock — by id, so a sheet deleted since makes that request fail and the write start
   * over without them.
   */
  private seen: { id: string; name: string }[] = [];

  constructor(options: OfficeWorkbookOptions = {}) {
    this.run = options.run ?? ((runOptions, batch) => Excel.run(runOptions, batch));
    this.supports =
      options.supports ??
      ((set, version) => {
        try {
          return Office.context.requirements.isSetSupported(set, version);
        } catch {
          return false;
        }
      });
    this.clock = options.clock ?? {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
    this.session = options.session ?? defaultSession();
  }

  writeNotes(): readonly Localized[] {
    return this.notes;
  }

  readGrid(progress?: ProgressListener): Promise<WorkbookGrid> {
    // delayForCellEdit: while the user is typing in a cell, Excel waits for them instead of failing the run.
    return this.run({ delayForCellEdit: true }, async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/id,items/visibility");
      const has1904 = this.supports("ExcelApi", "1.16");
      // Workbook.use1904DateSystem (ExcelApi 1.16) is newer than the types this project builds with.
      const workbook = context.workbook as unknown as {
        load(props: string): void;
        readonly use1904DateSystem?: boolean;
      };
      if (has1904) workbook.load("use1904DateSystem");
      await context.sync();
      this.seen = worksheets.items.map((ws) => ({ id: ws.id, name: ws.name }));
      const date1904 = has1904 && workbook.use1904DateSystem === true;
      // The used ranges and the marker of every sheet, and with them the top left corner of each sheet the
      // core may read (values and number formats): for a sheet whose used range starts in it, that is the first
      // pass below, one request early. The add-in's rebuilt sheets (by marker, or by name for the core's sake)
      // are never read back: their cells are not loaded.
      const look = (corners: boolean) => {
        let cornerBytes = 0;
        return worksheets.items.map((ws) => {
          const used = ws.getUsedRangeOrNullObject(true);
          used.load("isNullObject,rowIndex,columnIndex,rowCount,columnCount");
          const marker = ws.names.getItemOrNullObject(OWNED_SHEET_MARKER);
          marker.load("isNullObject,formula");
          const hidden = ws.visibility !== "Visible";
          const skipped = isRebuiltOutputSheetName(ws.name) || (hidden && LEGACY_STAGING.test(ws.name));
          let corner: Excel.Range | null = null;
          if (corners && !skipped && cornerBytes + CORNER_BYTES <= REQUEST_BUDGET_BYTES / 2) {
            corner = ws.getRangeByIndexes(0, 0, CORNER_ROWS, CORNER_COLUMNS).load("values,numberFormat");
            cornerBytes += CORNER_BYTES;
          }
          return { name: ws.name, hidden, ws, used, marker, corner };
        });
      };
      let sheets = look(true);
      try {
        await context.sync();
      } catch (error) {
        // Corners of cells far longer than most: the used ranges and markers alone, the first pass as before.
        if (!isPayloadLimit(error)) throw error;
        sheets = look(false);
        await context.sync();
      }
      const areas = sheets
        .filter((s) => {
          if (s.used.isNullObject || isRebuiltOutputSheetName(s.name)) return false;
          if (s.hidden && LEGACY_STAGING.test(s.name)) return false;
          const id = s.marker.isNullObject ? null : markerId(s.marker.formula);
          return !(id && !TEAM_EDITED.has(id as OutputId) && id !== "record");
        })
        .map((s) => ({
          ...s,
          top: s.used.rowIndex,
          left: s.used.columnIndex,
          rows: s.used.rowCount,
          columns: s.used.columnCount,
          values: [] as OfficeValue[][],
          headerFormats: [] as string[][],
          perRow: 64,
        }));
      let done = 0;
      const total = areas.reduce((n, a) => n + a.rows, 0);
      // The first pass: the top of every sheet (values and number formats: month headers that are dates are
      // known by their format), as many sheets a request as the budget allows, counted by cells (a stray cell in
      // column XFD makes a row 16,384 cells wide) — the rows a header can be in, and a sample that measures
      // how many bytes a row takes.
      const heads = areas
        .map((a) => {
          const fit = Math.floor(Math.min(REQUEST_BUDGET_BYTES / MIN_CELL_BYTES, READ_CELLS) / a.columns);
          return { area: a, rows: Math.max(1, Math.min(a.rows, SAMPLE_ROWS, fit)) };
        })
        .filter(({ area: a, rows }) => {
          // The top is in the corner already read: taken from it.
          if (!a.corner || a.top + rows > CORNER_ROWS || a.left + a.columns > CORNER_COLUMNS) return true;
          const cut = (grid: unknown[][]) =>
            grid.slice(a.top, a.top + rows).map((row) => row.slice(a.left, a.left + a.columns));
          const values = cut(a.corner.values) as OfficeValue[][];
          for (const row of values) a.values.push(row);
          a.headerFormats = cut(a.corner.numberFormat) as string[][];
          a.perRow = Math.max(16, a.columns * 3, bytesOf(values) / Math.max(1, values.length));
          done += values.length;
          return false;
        });
      if (heads.length < areas.length) progress?.(done, total);
      let pending: { area: (typeof areas)[number]; range: Excel.Range }[] = [];
      let pendingBytes = 0;
      const readHeads = async () => {
        if (pending.length === 0) return;
        await context.sync();
        for (const { area, range } of pending) {
          const rows = range.values as OfficeValue[][];
          for (const row of rows) area.values.push(row);
          area.headerFormats = range.numberFormat as string[][];
          area.perRow = Math.max(16, area.columns * 3, bytesOf(rows) / Math.max(1, rows.length));
          done += rows.length;
        }
        progress?.(done, total);
        pending = [];
        pendingBytes = 0;
      };
      for (const head of heads) {
        const bytes = head.rows * head.area.columns * MIN_CELL_BYTES;
        if (pending.length > 0 && pendingBytes + bytes > REQUEST_BUDGET_BYTES) await readHeads();
        const range = head.area.ws.getRangeByIndexes(
          head.area.top,
          head.area.left,
          head.rows,
          head.area.columns,
        );
        range.load("values,numberFormat");
        pending.push({ area: head.area, range });
        pendingBytes += bytes;
      }
      await readHeads();
      // The rest in blocks, as many rows a request as the budget allows (the blocks of one sheet and the next
      // share a request), each sheet's rows counted at the bytes its first pass took — and once a thousand of its
      // rows are in, at the bytes they took, with a smaller allowance: rows further down may still be longer.
      type Block = { area: (typeof areas)[number]; start: number; rows: number };
      const seenRows = new Map<(typeof areas)[number], { rows: number; bytes: number }>();
      const rowBytes = (a: (typeof areas)[number]) => {
        const seen = seenRows.get(a);
        return seen && seen.rows >= 1000
          ? Math.max(16, seen.bytes / seen.rows) * ROW_GROWTH_SEEN
          : a.perRow * ROW_GROWTH;
      };
      // Reads blocks in one request; rows longer than the estimate make a response too large: then the same rows
      // are read again in halves.
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
          const rows = ranges[i].values as OfficeValue[][];
          for (const row of rows) block.area.values.push(row);
          const seen = seenRows.get(block.area) ?? { rows: 0, bytes: 0 };
          seenRows.set(block.area, { rows: seen.rows + rows.length, bytes: seen.bytes + bytesOf(rows) });
          done += block.rows;
        });
        progress?.(done, total);
      };
      for (;;) {
        const batch: Block[] = [];
        let room = REQUEST_BUDGET_BYTES;
        for (const a of areas) {
          const start = a.values.length;
          if (start >= a.rows) continue;
          const fit = Math.min(
            a.rows - start,
            Math.floor(room / rowBytes(a)),
            Math.floor(READ_CELLS / a.columns),
          );
          const rows = batch.length === 0 ? Math.max(1, fit) : fit;
          if (rows < 1) break;
          batch.push({ area: a, start, rows });
          room -= rows * rowBytes(a);
          if (rows < a.rows - start) break;
        }
        if (batch.length === 0) break;
        await readBatch(batch);
      }
      this.read.clear();
      for (const a of areas)
        if (TEAM_EDITED.has(outputIdOf(a.name) as OutputId))
          this.read.set(a.name, { top: a.top, left: a.left, values: a.values });
      const grids: SheetGrid[] = sheets.map((s) => {
        const area = areas.find((a) => a.ws === s.ws);
        if (!area) return { name: s.name, rows: [], firstRow: 1, firstColumn: 1, hidden: s.hidden };
        return {
          name: s.name,
          rows: area.values.map((row, r) =>
            row.map((v, c) => cellOf(v, area.headerFormats[r]?.[c], date1904)),
          ),
          firstRow: area.top + 1,
          firstColumn: area.left + 1,
          hidden: s.hidden,
        };
      });
      return { sheets: grids, date1904 };
    });
  }

  writeOutputs(outputs: JobOutputs, progress?: ProgressListener): Promise<void> {
    const lang = outputs.lang;
    type Planned = { layout: SheetLayout; id: OutputId };
    const planned: Planned[] = [];
    const newRecord = outputs.newRecord && outputs.append.rows.length > 0 ? outputs.newRecord : null;
    if (newRecord) planned.push({ layout: layoutSheet(newRecord, lang), id: "record" });
    for (const s of outputs.sheets) {
      const id = outputIdOf(s.name);
      if (id) planned.push({ layout: layoutSheet(s, lang), id });
    }
    let append = newRecord === null && outputs.append.rows.length > 0 ? outputs.append : null;
    this.notes = [];
    return this.run({ delayForCellEdit: true }, async (context) => {
      const worksheets = context.workbook.worksheets;
      const lock = new RunLock(context, this.session, this.clock);
      const recordName = append?.sheetName ?? newRecord?.name ?? null;
      // What the write needs to know of a sheet, as it is now: its marker, tables and charts; a team-edited
      // sheet's cells; the record's end.
      const loadSheet = (ws: Excel.Worksheet, name: string) => {
        const marker = ws.names.getItemOrNullObject(OWNED_SHEET_MARKER);
        marker.load("isNullObject,formula");
        const p = planned.find((x) => x.layout.name === name && TEAM_EDITED.has(x.id));
        const width = p ? p.layout.values.reduce((w, r) => Math.max(w, r.length), 1) : 0;
        const isRecord = recordName !== null && name.toLowerCase() === recordName.toLowerCase();
        return {
          marker,
          tables: ws.tables.load("items/name,items/id"),
          charts: ws.charts.load("items/name"),
          current: p ? ws.getRangeByIndexes(0, 0, p.layout.values.length, width).load("values") : null,
          end: isRecord ? ws.getUsedRangeOrNullObject(true).load("isNullObject,rowIndex,rowCount") : null,
        };
      };
      // Our lock, and in the same request the sheets as they are now (not as the read found them): the sheets
      // the read found are loaded by id with it; a sheet deleted since fails that request, and then the lock is
      // taken with the sheet list alone.
      const prefetched = new Map<string, ReturnType<typeof loadSheet>>();
      const seen = this.seen;
      try {
        await lock.acquire(() => {
          prefetched.clear();
          for (const s of seen) prefetched.set(s.id, loadSheet(worksheets.getItem(s.id), s.name));
          worksheets.load("items/name,items/id,items/visibility");
        }, lang);
      } catch (error) {
        if (seen.length === 0 || error instanceof LockBusy) throw error;
        prefetched.clear();
        await lock.acquire(() => worksheets.load("items/name,items/id,items/visibility"), lang);
      }
      const writer = new BatchWriter(context, progress, planned.length + 1, () => lock.beat());
      let touched = false;
      let writing = "";
      try {
        // Every sheet's marker, tables and charts; the team-edited sheets' cells now; the record's end now. A
        // sheet the read did not find (or under another name) is loaded now, in a request of its own.
        let unknown = false;
        const sheets = worksheets.items.map((ws) => {
          const known = seen.some((s) => s.id === ws.id && s.name === ws.name);
          const before = known ? prefetched.get(ws.id) : undefined;
          if (!before) unknown = true;
          return {
            ws,
            name: ws.name,
            id: ws.id,
            visibility: ws.visibility,
            ...(before ?? loadSheet(ws, ws.name)),
          };
        });
        if (unknown) await context.sync();
        const byName = (name: string) => sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
        const current = new Map<string, Excel.Range>();
        for (const s of sheets) if (s.current) current.set(s.name, s.current);
        const record = recordName ? byName(recordName) : undefined;
        if (append && !record)
          throw new Error(
            lang === "zh-CN"
              ? `工作表“${append.sheetName}”在运行期间被删除了`
              : `the sheet "${append.sheetName}" was deleted during the run`,
          );
        // The record's tables' ranges ride on the next request; read only after it.
        const recordTables = record
          ? record.tables.items.map((t) => ({ table: t, range: t.getRange().load("address") }))
          : [];
        const syncsBefore = writer.syncs;
        const tablesReady = () => recordTables.length === 0 || writer.syncs > syncsBefore;

        const ownedId = (s: (typeof sheets)[number]) =>
          s.marker.isNullObject ? null : markerId(s.marker.formula);
        // A record another session created since the read (both found none): this round goes below its rows.
        if (newRecord && record && record.name === newRecord.name && ownedId(record) === "record") {
          planned.splice(
            planned.findIndex((p) => p.id === "record"),
            1,
          );
          const columns = Object.fromEntries(RECORD_FIELDS.map((f, i) => [f, i + 1]));
          append = {
            ...outputs.append,
            exists: true,
            layout: { headerRow: 1, columns, lastRow: 1 },
            lastRow: 1,
          };
        }
        const takenNames = new Set(sheets.map((s) => s.name.toLowerCase()));
        const freeName = (name: string) => {
          for (let n = 2; ; n++) {
            const suffix = ` (${n})`;
            const candidate = `${name.slice(0, 31 - suffix.length)}${suffix}`;
            if (!takenNames.has(candidate.toLowerCase())) return candidate;
          }
        };
        // Earlier versions' leftovers of an interrupted run: hidden, named ~AD…, holding an AD_tmp… table.
        for (const s of sheets)
          if (
            s.visibility === "Hidden" &&
            LEGACY_STAGING.test(s.name) &&
            s.tables.items.some((t) => /^AD_tmp\d+_\d+$/.test(t.name))
          )
            s.ws.delete();

        type Target =
          | { kind: "new"; p: Planned; name: string }
          | { kind: "rebuild"; p: Planned; sheet: (typeof sheets)[number]; rename: string | null }
          | { kind: "merge"; p: Planned; sheet: (typeof sheets)[number] };
        const targets: Target[] = [];
        for (const p of planned) {
          const name = p.layout.name;
          const same = sheets.find((s) => s.name === name);
          if (TEAM_EDITED.has(p.id) && same) {
            targets.push({ kind: "merge", p, sheet: same });
            continue;
          }
          // A team-edited sheet is never rebuilt, not even one of ours under another name (the core did not
          // read it): without one of its name, a new one is made.
          const owned = TEAM_EDITED.has(p.id) ? [] : sheets.filter((s) => ownedId(s) === p.id);
          // A sheet an earlier version wrote carries no marker but holds the add-in's own table: adopted.
          const legacy =
            same &&
            !TEAM_EDITED.has(p.id) &&
            same.marker.isNullObject &&
            same.tables.items.some((t) =>
              p.layout.tables.some((x) => x.name.toLowerCase() === t.name.toLowerCase()),
            )
              ? same
              : undefined;
          const mine = owned.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? owned[0] ?? legacy;
          if (mine && p.id !== "record") {
            // Under the other language's name (the run's language changed): renamed, when the name is free.
            const rename =
              mine.name !== name && outputIdOf(mine.name) === p.id && !takenNames.has(name.toLowerCase())
                ? name
                : null;
            if (rename) {
              takenNames.delete(mine.name.toLowerCase());
              takenNames.add(name.toLowerCase());
            }
            targets.push({ kind: "rebuild", p, sheet: mine, rename });
            continue;
          }
          let target = name;
          if (takenNames.has(name.toLowerCase())) {
            target = freeName(name);
            this.notes.push(
              localized(
                `已有一个不是催缴助手创建的工作表“${byName(name)?.name ?? name}”，` +
                  `它保持不变；结果写在“${target}”`,
                `A sheet named "${byName(name)?.name ?? name}" that Arrears Desk did ` +
                  `not make is left as it is; the results are in "${target}"`,
              ),
            );
          }
          takenNames.add(target.toLowerCase());
          targets.push({ kind: "new", p, name: target });
        }
        // Table names are the workbook's: a name taken by a table on a sheet not rebuilt here gets a suffix.
        const rebuilt = new Set(
          targets.filter((t) => t.kind === "rebuild").map((t) => (t.kind === "rebuild" ? t.sheet.id : "")),
        );
        const tableNamesTaken = new Set(
          sheets
            .filter((s) => !rebuilt.has(s.id))
            .flatMap((s) => s.tables.items.map((t) => t.name.toLowerCase())),
        );
        const tableName = (name: string) => {
          let candidate = name;
          for (let n = 2; tableNamesTaken.has(candidate.toLowerCase()); n++) candidate = `${name}_${n}`;
          tableNamesTaken.add(candidate.toLowerCase());
          return candidate;
        };

        const optional: Optional[] = [];
        const completions: (() => void)[] = [];
        const banner = INCOMPLETE[lang];
        for (const t of targets) {
          writing = t.p.layout.name;
          writer.pending.add(writing);
          touched = true;
          if (t.kind === "merge") {
            await mergeInPlace(
              writer,
              t.sheet,
              t.p,
              this.read.get(t.p.layout.name),
              current.get(t.p.layout.name),
            );
            writer.step();
            continue;
          }
          let ws: Excel.Worksheet;
          // The record is the team's log, read by its header in A1: never marked, its rows are this round's.
          const first = cellForOffice(t.p.layout.values[0]?.[0] ?? null);
          const mark = t.p.id === "record" ? first : banner;
          if (t.kind === "new") {
            ws = worksheets.add(t.name);
            ws.getRangeByIndexes(0, 0, 1, 1).values = [[mark]];
            const marker = ws.names.add(OWNED_SHEET_MARKER, markerFormula(t.p.id), "Arrears Desk");
            marker.visible = false;
          } else {
            // Rebuilt in place: the same sheet (formulas that point at it keep pointing at it). Its first cell
            // says "incomplete" before anything else of it changes, and until the run completes.
            ws = t.sheet.ws;
            ws.getRangeByIndexes(0, 0, 1, 1).values = [[banner]];
            if (t.rename) ws.name = t.rename;
            if (t.sheet.marker.isNullObject) {
              const marker = ws.names.add(OWNED_SHEET_MARKER, markerFormula(t.p.id), "Arrears Desk");
              marker.visible = false;
            }
            for (const table of t.sheet.tables.items) table.delete();
            for (const chart of t.sheet.charts.items) chart.delete();
            ws.getRange().unmerge(); // a merged title would refuse a clear of part of it
            ws.getRange("B1:XFD1").clear();
            ws.getRange("A2:XFD1048576").clear();
            ws.freezePanes.unfreeze();
          }
          await writer.add(OP_BYTES * 8);
          const names = t.p.layout.tables.map((x) => tableName(x.name));
          optional.push(await writeLayout(writer, ws, t.p.layout, names, mark, this.supports));
          if (mark !== first)
            completions.push(() => {
              ws.getRangeByIndexes(0, 0, 1, 1).values = [[first]];
            });
          writer.step();
        }
        // The run's last request, with the last of the sheets' data: the titles back in A1, the round's rows for
        // the record (more requests when they pass the budget), the lock's release, and last, the charts, autofit
        // and print settings — the parts Excel may refuse without harm to the data. A refused part stops the
        // request there: the release is applied only when everything before it was. So after a failure, the
        // lock still ours says the data, the titles or the record failed (the run's error); the lock gone says
        // only the optional parts did: then the lock is taken again and each part is tried again alone (only what
        // was refused is missing, the run says which).
        writing = append?.sheetName ?? writing;
        for (const done of completions) done();
        if (append && record)
          await appendRecord(
            writer,
            record.ws,
            append,
            lang,
            recordTables,
            this.supports("ExcelApi", "1.13"),
            record.end,
            tablesReady,
          );
        lock.release();
        queueOptional(optional);
        try {
          await writer.flush(true);
        } catch (error) {
          if (optional.length === 0 || (await lock.stillHeld())) throw error;
          // A colleague's run that took the lock meanwhile rebuilds these sheets with their own parts.
          let refused: string[];
          try {
            await lock.acquire(() => undefined, lang);
            refused = await retryOptional(writer, optional);
          } catch (busy) {
            if (!(busy instanceof LockBusy)) throw busy;
            refused = optional.map((p) => p.sheet);
          }
          if (refused.length > 0)
            this.notes.push(
              localized(
                `Excel 未接受以下设置（数据已完整写入）：${refused.join("、")}`,
                `Excel refused these settings (the data are written in full): ${refused.join(", ")}`,
              ),
            );
          lock.release();
          await writer.flush(true);
        }
        progress?.(1, 1);
      } catch (error) {
        try {
          lock.unrelease();
          lock.release();
          await context.sync();
        } catch {
          // the run's own error says more; an abandoned lock is taken over by the next run
        }
        const reason = error instanceof Error ? error.message : String(error);
        if (writer.pending.size > 0) writing = [...writer.pending].join(lang === "zh-CN" ? "”、“" : '", "');
        throw new Error(
          lang === "zh-CN"
            ? touched
              ? `写入“${writing}”时出错：${reason}。您的工作表未改动；第一行标有“未完成”的结果工作表请重新运行补全（催缴记录中已登记的行不会重复）`
              : `写入“${writing}”前出错，您的工作表和之前的结果都未改动：${reason}`
            : touched
              ? `Writing "${writing}" failed: ${reason}. Your sheets are unchanged; run again to complete the result sheets marked "Incomplete" in their first row (rows already in the record are not added twice)`
              : `Writing "${writing}" failed before anything was changed; your sheets and the earlier results are as they were: ${reason}`,
        );
      }
    });
  }
}

/** Office gives a date header as a serial number with a date format: the core wants a date. */
function cellOf(value: unknown, format: string | undefined, date1904: boolean): CellValue {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string") return ERROR_CODES.has(value) ? { error: value } : value;
  if (typeof value === "number") {
    if (format && isDateFormat(format) && value > 0 && value < 2_958_466)
      return new Date(Math.round((value + (date1904 ? 1462 : 0) - 25569) * 86_400_000));
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

const same = (a: OfficeValue | undefined, b: OfficeValue | undefined) => String(a ?? "") === String(b ?? "");

/**
 * A team-edited sheet (催缴设置, 通知模板) updated in place: a cell is written only where the add-in's value
 * differs from what the read found and nobody has changed the cell since; notes beside the table, rows a
 * colleague typed and any edit made during the run stay. A cell the add-in leaves blank is cleared only inside
 * its table (a problem in the 检查 column that is gone). Marked as the add-in's if it was not.
 */
async function mergeInPlace(
  writer: BatchWriter,
  sheet: { ws: Excel.Worksheet; marker: Excel.NamedItem },
  p: { layout: SheetLayout; id: string },
  read: { top: number; left: number; values: OfficeValue[][] } | undefined,
  now: Excel.Range | undefined,
): Promise<void> {
  const { ws } = sheet;
  if (sheet.marker.isNullObject) {
    const marker = ws.names.add(OWNED_SHEET_MARKER, markerFormula(p.id), "Arrears Desk");
    marker.visible = false;
  }
  const currentValues = (now?.values ?? []) as OfficeValue[][];
  const baseAt = (r: number, c: number) =>
    read ? (read.values[r - read.top]?.[c - read.left] ?? "") : (currentValues[r]?.[c] ?? "");
  const inTable = (r: number, c: number) =>
    p.layout.tables.some(
      (t) =>
        r > t.rect.row &&
        r < t.rect.row + t.rect.rows &&
        c >= t.rect.column &&
        c < t.rect.column + t.rect.columns,
    );
  const inText = (r: number, c: number) =>
    p.layout.textRects.some(
      (t) => r >= t.row && r < t.row + t.rows && c >= t.column && c < t.column + t.columns,
    );
  let ops = 0;
  p.layout.values.forEach((row, r) => {
    let run: { start: number; values: OfficeValue[] } | null = null;
    const flushRun = () => {
      if (!run) return;
      const range = ws.getRangeByIndexes(r, run.start, 1, run.values.length);
      if (run.values.every((_, i) => inText(r, run!.start + i)))
        range.numberFormat = "@" as unknown as string[][];
      range.values = [run.values];
      ops += 2;
      run = null;
    };
    const width = Math.max(row.length, currentValues[r]?.length ?? 0);
    // A row whose first cell no longer says what the add-in put there (a row inserted by hand, a moved one) is
    // the team's: only its empty cells may be filled.
    const rowIsOurs = same(readBack(row[0] ?? null), baseAt(r, 0));
    for (let c = 0; c < width; c++) {
      const ours = row[c] ?? null;
      const base = baseAt(r, c);
      const theirs = currentValues[r]?.[c] ?? "";
      const wanted = ours === null ? (inTable(r, c) ? "" : null) : readBack(ours);
      const write =
        wanted !== null &&
        !same(wanted, base) &&
        same(theirs, base) &&
        !same(wanted, theirs) &&
        (rowIsOurs || same(base, ""));
      if (!write) {
        flushRun();
        continue;
      }
      const value = ours === null ? "" : cellForOffice(ours);
      if (run) (run as { values: OfficeValue[] }).values.push(value);
      else run = { start: c, values: [value] };
    }
    flushRun();
  });
  await writer.add(OP_BYTES * (ops + 2) + bytesOf(p.layout.values));
}

/**
 * Adds the round's rows below the last row of the record as it is now, in the columns its header names; rows
 * already there are never rewritten, and rows another run added since the read (a colleague's run of the same
 * round) are not added twice. Text columns are made text first ("5-12", "0101" stay as typed). An Excel table
 * over the record is stretched over the new rows (ExcelApi 1.13), not added to with rows.add, which co-authoring
 * turns into merge conflicts.
 */
async function appendRecord(
  writer: BatchWriter,
  ws: Excel.Worksheet,
  append: RecordAppend,
  lang: Lang,
  tables: readonly { table: Excel.Table; range: Excel.Range }[],
  canResize: boolean,
  loaded: Excel.Range | null,
  tablesReady: () => boolean,
): Promise<void> {
  // The record's end as it is now (loaded with the lock, or read now): no other run adds rows while this one
  // holds the lock; rows a colleague types below it meanwhile are moved down by the insert below.
  let end = loaded;
  if (!end) {
    end = ws.getUsedRangeOrNullObject(true).load("isNullObject,rowIndex,rowCount");
    await writer.flush(true);
  }
  // The record's tables' ranges ride on the first request after the lock's: a run small enough to have made
  // none yet makes it now.
  if (!tablesReady()) await writer.flush(true);
  const freshLast = end.isNullObject ? 0 : end.rowIndex + end.rowCount;
  const headerRow0 = append.layout?.headerRow ?? -1;
  const ti = tables.findIndex((t) => rowOf(t.range.address) === headerRow0);
  const table = ti >= 0 ? tables[ti] : null;
  const { headerRow, columns, newHeaders, firstRow: planned } = recordPlacement(append, table === null);
  for (const { column, header } of newHeaders) {
    const cell = ws.getCell(headerRow - 1, column - 1);
    cell.values = [[header]];
    cell.format.font.bold = true;
  }
  const used = Object.values(columns).filter((c): c is number => c !== undefined);
  const left = Math.min(...used);
  const right = Math.max(...used);
  let rows = append.rows.map((values) => {
    const row: (OfficeValue | null)[] = Array(right - left + 1).fill(null);
    RECORD_FIELDS.forEach((field, i) => {
      const c = columns[field];
      if (c !== undefined) row[c - left] = cellForOffice(values[i] ?? null);
    });
    return row;
  });
  // Rows added since the read (below what the read saw): another run's, or a colleague's.
  const seenLast = Math.max(append.lastRow, append.layout?.lastRow ?? 0, headerRow);
  if (freshLast > seenLast) {
    const added = ws
      .getRangeByIndexes(seenLast, left - 1, freshLast - seenLast, right - left + 1)
      .load("values");
    await writer.flush(true);
    const keyOf = (cells: readonly (OfficeValue | null)[]) =>
      (["date", "room", "stage"] as const)
        .map((f) => {
          const c = columns[f];
          const v = c === undefined ? "" : cells[c - left];
          return String(v ?? "").replace(/^'/, "");
        })
        .join("\u0001");
    const there = new Set((added.values as OfficeValue[][]).map(keyOf));
    rows = rows.filter((row) => !there.has(keyOf(row)));
  }
  const start = Math.max(planned, freshLast + 1);
  // Blank cells are made for the rows, in the record's columns, where they go: whatever a colleague typed there
  // since the end was read (between two requests) moves down below them instead of being written over.
  if (rows.length > 0) {
    await writer.add(OP_BYTES);
    ws.getRangeByIndexes(start - 1, left - 1, rows.length, right - left + 1).insert("Down");
  }
  // null leaves a cell as it is: columns between the record's own are not the record's to write.
  const fixed = OP_BYTES * (RECORD_FIELDS.length + 1);
  for (let from = 0; from < rows.length;) {
    if (writer.room() < REQUEST_BUDGET_BYTES / 20) await writer.flush();
    const room = writer.room() - fixed;
    let bytes = 0;
    let to = from;
    while (to < rows.length && (to === from || bytes + bytesOf(rows[to]) + 1 <= room))
      bytes += bytesOf(rows[to++]) + 1;
    await writer.add(bytes + fixed);
    const top = start - 1 + from;
    RECORD_FIELDS.forEach((field, i) => {
      const c = columns[field];
      const format = append.columns[i].format === "text" ? "@" : numberFormat(append.columns[i].format, lang);
      if (c === undefined || !format) return;
      ws.getRangeByIndexes(top, c - 1, to - from, 1).numberFormat = format as unknown as string[][];
    });
    ws.getRangeByIndexes(top, left - 1, to - from, right - left + 1).values = rows.slice(
      from,
      to,
    ) as OfficeValue[][];
    from = to;
  }
  if (table && canResize && rows.length > 0) {
    const m = /\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(table.range.address.replace(/^.*!/, ""));
    if (m && Number(m[2]) === headerRow)
      table.table.resize(`${m[1]}${m[2]}:${m[3]}${Math.max(Number(m[4]), start + rows.length - 1)}`);
  }
}
