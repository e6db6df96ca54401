import { WorkbookGrid, columnLetter } from "../../src/core/read/grid";

/**
 * A small, honest fake of Excel's JavaScript object model, in memory, for the Office.js edge's tests — as strict
 * as Excel where Excel is strict (../shared/office-notes.md, "What Excel does that a lenient fake does not").
 *
 * Like Office: every property write and method call is queued and applied only at `context.sync()`; a loaded
 * property can be read only after the sync that loaded it (earlier reads throw PropertyNotLoaded); a request or
 * a response over 5 MB is refused (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded) and
 * nothing of it is applied; a request costs its values and also a fixed size per operation and per object it
 * names (so thousands of one-cell operations pass 5 MB where their values alone would not); operations apply in
 * order, and one that fails stops the batch, leaving the earlier ones applied. Sheet names are case-insensitive,
 * at most 31 characters, without : \ / ? * [ ] and not starting or ending with an apostrophe. Text written into
 * a General cell is converted as typing would convert it ("5-12" a date, "0101" the number 101, "=…" a formula);
 * in a "@" cell it stays text; a leading apostrophe is taken as the prefix that makes a cell text. Rows written
 * just below a table join it. A range read of more than 5 million cells gives null. A table added with a bare
 * address goes to the active sheet. Excel.run fails while the user is editing a cell, unless delayForCellEdit.
 * A second actor (`between`) can change the workbook between any two syncs, and a run can be abandoned at a
 * sync (`abandonAtSync`: the pane closed; nothing more of that run reaches the workbook). It counts syncs and
 * measures request and response bytes (JSON, UTF-8), and can be told to fail at a given sync or operation.
 */

type Value = string | number | boolean;
type Cell = { value: Value; text?: boolean; formula?: boolean };
type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

interface FormatOp {
  rect: Rect;
  path: string;
  value: unknown;
}

export interface FakeTable {
  id: string;
  name: string;
  rect: Rect;
  style: string;
}

export interface FakeName {
  name: string;
  formula: string;
  visible: boolean;
}

export interface FakeChart {
  id: string;
  name: string;
  type: string;
  title: string;
  seriesName: string;
  /** Chart sources follow their sheet (renamed or not), as in Excel. */
  values: { sheet: FakeSheet; rect: Rect };
  categories: { sheet: FakeSheet; rect: Rect } | null;
  position: [string, string] | null;
}

const SHEET_ROWS = 1_048_576;
const SHEET_COLUMNS = 16_384;
/** Excel refuses to read a range of more than this many cells (the values come back null). */
export const READ_CELL_LIMIT = 5_000_000;
/** What an operation and an object cost in a request besides their values (the JSON of an action / object path). */
export const OPERATION_BYTES = 150;
export const OBJECT_BYTES = 100;
/** The year Excel gives "5-12" typed in a General cell: fixed, the fake never reads the clock. */
const TYPING_YEAR = 2026;

let ids = 0;
const nextId = (kind: string) => `{${kind}-${++ids}}`;

export class FakeSheet {
  readonly id = nextId("sheet");
  visibility = "Visible";
  cells: (Cell | undefined)[][] = [];
  numberFormats: { rect: Rect; format: string }[] = [];
  formats: FormatOp[] = [];
  merges: Rect[] = [];
  charts: FakeChart[] = [];
  freezeRows = 0;
  page: Record<string, unknown> = {};
  printArea: string | null = null;
  printTitleRows: string | null = null;
  readonly tables: FakeTable[] = [];
  /** Worksheet-scoped defined names. */
  readonly names: FakeName[] = [];
  constructor(public name: string) {}

  /** The values as a dense grid from A1 to the last used cell ("" for blanks). */
  values(): Value[][] {
    const used = this.used();
    if (!used) return [];
    return Array.from({ length: used.row + used.rows }, (_, r) =>
      Array.from({ length: used.column + used.columns }, (_, c) => this.cells[r]?.[c]?.value ?? ""),
    );
  }

  cell(address: string): Cell | undefined {
    const rect = parseAddress(address);
    return this.cells[rect.row]?.[rect.column];
  }

  numberFormatAt(row: number, column: number): string {
    let format = "General";
    for (const f of this.numberFormats) if (inside(f.rect, row, column)) format = f.format;
    return format;
  }

  used(): Rect | null {
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    this.cells.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (!cell || cell.value === "") return;
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }),
    );
    return bottom < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /** Sets a cell as a user types it (for tests: the second actor). */
  type(address: string, value: Value | null): void {
    const rect = parseAddress(address);
    const cells = (this.cells[rect.row] ??= []);
    cells[rect.column] = value === null || value === "" ? undefined : { value };
  }

  clear(rect: Rect): void {
    for (let r = rect.row; r < Math.min(rect.row + rect.rows, this.cells.length); r++) {
      const row = this.cells[r];
      if (!row) continue;
      for (let c = rect.column; c < Math.min(rect.column + rect.columns, row.length); c++) row[c] = undefined;
    }
    const whole = (x: Rect) =>
      inside(rect, x.row, x.column) && inside(rect, x.row + x.rows - 1, x.column + x.columns - 1);
    this.numberFormats = this.numberFormats.filter((f) => !whole(f.rect));
    if (this.numberFormats.some((f) => overlaps(f.rect, rect)))
      this.numberFormats.push({ rect, format: "General" });
    this.formats = this.formats.filter((f) => !overlaps(f.rect, rect));
    this.merges = this.merges.filter((m) => !overlaps(m, rect));
  }
}

function inside(rect: Rect, row: number, column: number): boolean {
  return (
    row >= rect.row &&
    row < rect.row + rect.rows &&
    column >= rect.column &&
    column < rect.column + rect.columns
  );
}

function letterToIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function parseAddress(address: string): Rect {
  const bare = address.replace(/^.*!/, "").replace(/\$/g, "");
  const rows = /^(\d+):(\d+)$/.exec(bare);
  if (rows)
    return {
      row: Number(rows[1]) - 1,
      column: 0,
      rows: Number(rows[2]) - Number(rows[1]) + 1,
      columns: SHEET_COLUMNS,
    };
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(bare);
  if (!m) throw new OfficeError("InvalidArgument", `bad address ${address}`);
  const r1 = Number(m[2]) - 1;
  const c1 = letterToIndex(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? letterToIndex(m[3]) : c1;
  return { row: r1, column: c1, rows: r2 - r1 + 1, columns: c2 - c1 + 1 };
}

function addressOf(sheet: string, rect: Rect): string {
  const a = `${columnLetter(rect.column + 1)}${rect.row + 1}`;
  const b = `${columnLetter(rect.column + rect.columns)}${rect.row + rect.rows}`;
  const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${a === b ? a : `${a}:${b}`}`;
}

/** Why Excel refuses a sheet name, or null. */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 31) return "a sheet name has 1 to 31 characters";
  if (/[:\\/?*[\]]/.test(name)) return "a sheet name cannot contain : \\ / ? * [ ]";
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name cannot start or end with '";
  if (name.toLowerCase() === "history") return "History is reserved";
  return null;
}

function serial(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const time = Date.UTC(year, month - 1, day);
  if (new Date(time).getUTCDate() !== day) return null;
  return time / 86_400_000 + 25569;
}

/** What Excel makes of text typed into a General cell. */
export function typedInGeneral(text: string): Cell {
  const t = text.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { value: Number(t) };
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return { value: Number(t.replace(/,/g, "")) };
  if (/^[+-]?\d+(\.\d+)?%$/.test(t)) return { value: Number(t.slice(0, -1)) / 100 };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  let date = m ? serial(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  m = /^(\d{1,2})[-/](\d{1,2})$/.exec(t);
  date ??= m ? serial(TYPING_YEAR, Number(m[1]), Number(m[2])) : null;
  m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{2}|\d{4})$/.exec(t);
  date ??= m ? serial(Number(m[3]) + (m[3].length === 2 ? 2000 : 0), Number(m[1]), Number(m[2])) : null;
  if (date !== null) return { value: date };
  if (/^[=+\-@]/.test(text)) return { value: text.startsWith("=") ? text : `=${text}`, formula: true };
  return { value: text };
}

const LIMIT = 5 * 1024 * 1024;
const utf8 = new TextEncoder();
const bytesOf = (v: unknown) => utf8.encode(JSON.stringify(v)).length;

class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

interface Op {
  readonly kind: string;
  readonly payload: unknown;
  apply(): void;
}

interface Load {
  readonly apply: () => unknown;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  /** Workbook-scoped defined names. */
  readonly names: FakeName[] = [];
  /** The sheet the user has open (a bare address in tables.add means this one); the first when null. */
  activeSheet: FakeSheet | null = null;
  use1904DateSystem = false;
  /** The user is typing in a cell: Excel.run fails unless it was asked to wait (delayForCellEdit). */
  cellEditing = false;
  syncs = 0;
  maxRequestBytes = 0;
  totalRequestBytes = 0;
  maxResponseBytes = 0;
  /** Make the sync with this number (1-based, counted over the fake's life) fail before applying anything. */
  failAtSync: number | null = null;
  /** The run that makes the sync with this number is abandoned there (the pane closed): nothing more of it arrives. */
  abandonAtSync: number | null = null;
  /** Another person (or the user), acting in the workbook just before the sync with this number is applied. */
  between: ((sync: number) => void) | null = null;
  /** Make the operation with this number (1-based, counted over the fake's life) fail when applied. */
  failAtOperation: number | null = null;
  /** Only operations whose kind matches count towards failAtOperation. */
  failOperationKind: RegExp | null = null;
  /** Every operation whose kind matches fails, every time (an API this host refuses). */
  refuseOperations: RegExp | null = null;
  operations = 0;
  private tableCounter = 0;
  private chartCounter = 0;

  addSheet(name: string, rows: readonly (readonly (Value | null)[])[]): FakeSheet {
    const problem = sheetNameProblem(name);
    if (problem) throw new OfficeError("InvalidArgument", problem);
    if (this.find(name)) throw new OfficeError("ItemAlreadyExists", `a worksheet named ${name} exists`);
    const sheet = new FakeSheet(name);
    rows.forEach((row, r) => {
      sheet.cells[r] = row.map((v) => (v === null || v === "" ? undefined : { value: v }));
    });
    this.sheets.push(sheet);
    return sheet;
  }

  /** The sheet of this name (case-insensitive, as in Excel) or id. */
  find(key: string): FakeSheet | undefined {
    const lower = key.toLowerCase();
    return this.sheets.find((x) => x.id === key || x.name.toLowerCase() === lower);
  }

  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  deleteSheet(name: string): void {
    this.sheets.splice(this.sheets.indexOf(this.sheet(name)), 1);
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /** Excel.run on this workbook: `run(batch)` or `run(options, batch)`. */
  readonly run = async <T>(a: Excel.RunOptions | Batch<T>, b?: Batch<T>): Promise<T> => {
    const options: Excel.RunOptions = typeof a === "function" ? {} : a;
    const batch = typeof a === "function" ? a : (b as Batch<T>);
    const context = new FakeContext(this, options.delayForCellEdit === true);
    return batch(context as unknown as Excel.RequestContext);
  };

  nextTableName(): string {
    let name: string;
    do name = `Table${++this.tableCounter}`;
    while (this.findTable(name));
    return name;
  }

  nextChartName(): string {
    return `Chart ${++this.chartCounter}`;
  }

  findTable(name: string): { sheet: FakeSheet; table: FakeTable } | null {
    for (const sheet of this.sheets) {
      const table = sheet.tables.find((t) => t.id === name || t.name.toLowerCase() === name.toLowerCase());
      if (table) return { sheet, table };
    }
    return null;
  }

  countOperation(kind: string): void {
    if (this.refuseOperations?.test(kind)) throw new OfficeError("InvalidArgument", `${kind} is refused`);
    if (this.failOperationKind && !this.failOperationKind.test(kind)) return;
    this.operations++;
    if (this.failAtOperation !== null && this.operations === this.failAtOperation)
      throw new OfficeError("GeneralException", `injected failure at operation ${this.operations} (${kind})`);
  }
}

class FakeContext {
  readonly queue: Op[] = [];
  readonly loads: Load[] = [];
  readonly workbook: WorkbookProxy;
  /** Objects named by the request being built. */
  objects = 0;
  private abandoned = false;
  constructor(
    readonly excel: FakeExcel,
    readonly delayForCellEdit: boolean,
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(kind: string, payload: unknown, apply: () => void): void {
    this.queue.push({ kind, payload, apply });
  }

  async sync(): Promise<void> {
    const excel = this.excel;
    if (this.abandoned) throw new OfficeError("RunAbandoned", "this run was abandoned");
    // Other sessions run between two syncs of this one.
    await new Promise((resolve) => setImmediate(resolve));
    excel.syncs++;
    const ops = this.queue.splice(0);
    const loads = this.loads.splice(0);
    const objects = this.objects;
    this.objects = 0;
    if (excel.abandonAtSync === excel.syncs) {
      this.abandoned = true;
      throw new OfficeError("RunAbandoned", `the run was abandoned at sync ${excel.syncs}`);
    }
    excel.between?.(excel.syncs);
    if (excel.cellEditing && !this.delayForCellEdit)
      throw new OfficeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode");
    const request =
      bytesOf(ops.map((o) => [o.kind, o.payload])) +
      OPERATION_BYTES * (ops.length + loads.length) +
      OBJECT_BYTES * objects;
    excel.maxRequestBytes = Math.max(excel.maxRequestBytes, request);
    excel.totalRequestBytes += request;
    if (excel.failAtSync === excel.syncs)
      throw new OfficeError("GeneralException", `injected failure at sync ${excel.syncs}`);
    if (request > LIMIT) throw new OfficeError("RequestPayloadSizeLimitExceeded", `${request} bytes`);
    for (const op of ops) {
      excel.countOperation(op.kind);
      op.apply();
    }
    const responses = loads.map((l) => l.apply());
    this.objects = 0; // the proxies of loaded items come with the response, not with the next request
    const response = bytesOf(responses);
    excel.maxResponseBytes = Math.max(excel.maxResponseBytes, response);
    if (response > LIMIT) throw new OfficeError("ResponsePayloadSizeLimitExceeded", `${response} bytes`);
  }
}

/** A proxy's loaded properties: read before the sync that loads them, they throw as Office does. */
class Loadable {
  protected loaded = new Map<string, unknown>();
  constructor(readonly ctx: FakeContext) {
    ctx.objects++;
  }
  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new OfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Load it and sync first.`,
      );
    return this.loaded.get(prop) as T;
  }
}

const propsOf = (props: string) => props.split(",").map((p) => p.trim().replace(/^items\//, ""));

/** A proxy of one object whose properties are filled from the model when its load is synced. */
abstract class ObjectProxy extends Loadable {
  abstract fill(props: readonly string[]): void;

  snapshot(props: readonly string[]): unknown {
    return Object.fromEntries(props.map((p) => [p, this.loaded.get(p)]));
  }

  load(props: string): this {
    const wanted = propsOf(props);
    this.ctx.loads.push({
      apply: () => {
        this.fill(wanted);
        return this.snapshot(wanted);
      },
    });
    return this;
  }
}

class WorkbookProxy extends Loadable {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly tables: TableCollectionProxy;
  constructor(ctx: FakeContext) {
    super(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.names = new NamedItemCollectionProxy(ctx, () => ctx.excel.names);
    this.tables = new TableCollectionProxy(ctx, null);
  }

  get use1904DateSystem(): boolean {
    return this.get("use1904DateSystem");
  }

  load(props: string): this {
    const wanted = propsOf(props);
    this.ctx.loads.push({
      apply: () => {
        if (wanted.includes("use1904DateSystem"))
          this.loaded.set("use1904DateSystem", this.ctx.excel.use1904DateSystem);
        return wanted;
      },
    });
    return this;
  }
}

class NamedItemCollectionProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly scope: () => FakeName[],
  ) {
    super(ctx);
  }

  get items(): NamedItemProxy[] {
    return this.get("items");
  }

  load(props: string): this {
    const wanted = propsOf(props);
    this.ctx.loads.push({
      apply: () => {
        const items = this.scope().map((n) => {
          const proxy = new NamedItemProxy(this.ctx, this.scope, () => n);
          proxy.fill(wanted);
          return proxy;
        });
        this.loaded.set("items", items);
        return items.map((p) => p.snapshot(wanted));
      },
    });
    return this;
  }

  private lookup(name: string): FakeName | null {
    return this.scope().find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  add(name: string, reference: string, comment?: string): NamedItemProxy {
    let created: FakeName | null = null;
    this.ctx.enqueue("names.add", [name, reference, comment ?? ""], () => {
      if (this.lookup(name)) throw new OfficeError("ItemAlreadyExists", `a name ${name} exists`);
      created = { name, formula: reference.startsWith("=") ? reference : `=${reference}`, visible: true };
      this.scope().push(created);
    });
    return new NamedItemProxy(this.ctx, this.scope, () => created);
  }

  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, this.scope, () => {
      const n = this.lookup(name);
      if (!n) throw new OfficeError("ItemNotFound", `no name ${name}`);
      return n;
    });
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, this.scope, () => this.lookup(name));
  }
}

class NamedItemProxy extends ObjectProxy {
  private resolved: FakeName | null | undefined;
  constructor(
    ctx: FakeContext,
    private readonly scope: () => FakeName[],
    private readonly resolver: () => FakeName | null,
  ) {
    super(ctx);
  }

  private item(): FakeName {
    if (this.resolved === undefined) this.resolved = this.resolver();
    if (!this.resolved || !this.scope().includes(this.resolved))
      throw new OfficeError("ItemNotFound", "the name does not exist");
    return this.resolved;
  }

  fill(props: readonly string[]): void {
    if (this.resolved === undefined) this.resolved = this.resolver();
    const n = this.resolved;
    if (props.includes("isNullObject")) this.loaded.set("isNullObject", n === null);
    if (!n) return;
    if (props.includes("name")) this.loaded.set("name", n.name);
    if (props.includes("formula")) this.loaded.set("formula", n.formula);
    if (props.includes("visible")) this.loaded.set("visible", n.visible);
  }

  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get name(): string {
    return this.get("name");
  }
  get formula(): string {
    return this.get("formula");
  }
  set formula(value: string) {
    this.ctx.enqueue("namedItem.formula", value, () => (this.item().formula = value));
  }
  set visible(value: boolean) {
    this.ctx.enqueue("namedItem.visible", value, () => (this.item().visible = value));
  }

  delete(): void {
    this.ctx.enqueue("namedItem.delete", null, () => {
      const item = this.item();
      const scope = this.scope();
      scope.splice(scope.indexOf(item), 1);
    });
  }
}

class WorksheetCollectionProxy extends Loadable {
  get items(): WorksheetProxy[] {
    return this.get("items");
  }

  load(props: string): this {
    const wanted = propsOf(props);
    this.ctx.loads.push({
      apply: () => {
        const items = this.ctx.excel.sheets.map((s) => {
          const proxy = new WorksheetProxy(this.ctx, () => s);
          proxy.fill(wanted);
          return proxy;
        });
        this.loaded.set("items", items);
        return items.map((p) => p.snapshot(wanted));
      },
    });
    return this;
  }

  /** By name (case-insensitive) or id, as in Excel. */
  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => {
      const s = this.ctx.excel.find(key);
      if (!s) throw new OfficeError("ItemNotFound", `no worksheet ${key}`);
      return s;
    });
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.excel.find(key) ?? null);
  }

  add(name: string): WorksheetProxy {
    let created: FakeSheet | null = null;
    this.ctx.enqueue("worksheets.add", name, () => {
      const problem = sheetNameProblem(name);
      if (problem) throw new OfficeError("InvalidArgument", problem);
      if (this.ctx.excel.find(name))
        throw new OfficeError("ItemAlreadyExists", `a worksheet named ${name} exists`);
      created = new FakeSheet(name);
      this.ctx.excel.sheets.push(created);
    });
    return new WorksheetProxy(this.ctx, () => {
      if (!created) throw new OfficeError("ItemNotFound", `worksheet ${name} was not created`);
      return created;
    });
  }
}

class WorksheetProxy extends ObjectProxy {
  private resolved: FakeSheet | null | undefined;
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly freezePanes: { freezeRows(n: number): void; unfreeze(): void };
  readonly pageLayout: Record<string, unknown>;

  constructor(
    ctx: FakeContext,
    private readonly resolver: () => FakeSheet | null,
  ) {
    super(ctx);
    this.tables = new TableCollectionProxy(ctx, this);
    this.charts = new ChartCollectionProxy(ctx, this);
    this.names = new NamedItemCollectionProxy(ctx, () => this.sheet().names);
    this.freezePanes = {
      freezeRows: (n: number) => ctx.enqueue("freezeRows", n, () => (this.sheet().freezeRows = n)),
      unfreeze: () => ctx.enqueue("unfreeze", null, () => (this.sheet().freezeRows = 0)),
    };
    const page: Record<string, unknown> = {
      setPrintArea: (address: string) =>
        ctx.enqueue("setPrintArea", address, () => (this.sheet().printArea = address)),
      setPrintTitleRows: (address: string) =>
        ctx.enqueue("setPrintTitleRows", address, () => (this.sheet().printTitleRows = address)),
    };
    this.pageLayout = new Proxy(page, {
      set: (target, prop, value) => {
        ctx.enqueue(`pageLayout.${String(prop)}`, value, () => (this.sheet().page[String(prop)] = value));
        return true;
      },
    });
  }

  /** The sheet this proxy stands for, resolved once, when its first operation applies. */
  sheetOrNull(): FakeSheet | null {
    if (this.resolved === undefined) this.resolved = this.resolver();
    return this.resolved;
  }

  sheet(): FakeSheet {
    const s = this.sheetOrNull();
    if (!s || !this.ctx.excel.sheets.includes(s))
      throw new OfficeError("ItemNotFound", "the worksheet does not exist");
    return s;
  }

  fill(props: readonly string[]): void {
    const s = this.sheetOrNull();
    if (props.includes("isNullObject")) this.loaded.set("isNullObject", s === null);
    if (!s) return;
    if (props.includes("name")) this.loaded.set("name", s.name);
    if (props.includes("id")) this.loaded.set("id", s.id);
    if (props.includes("visibility")) this.loaded.set("visibility", s.visibility);
  }

  get isNullObject(): boolean {
    return this.get("isNullObject");
  }

  get id(): string {
    return this.get("id");
  }

  get name(): string {
    return this.get("name");
  }

  set name(value: string) {
    this.ctx.enqueue("worksheet.name", value, () => {
      const s = this.sheet();
      const problem = sheetNameProblem(value);
      if (problem) throw new OfficeError("InvalidArgument", problem);
      const other = this.ctx.excel.find(value);
      if (other && other !== s) throw new OfficeError("InvalidArgument", `a worksheet named ${value} exists`);
      s.name = value;
    });
  }

  get visibility(): string {
    return this.get("visibility");
  }

  set visibility(value: string) {
    this.ctx.enqueue("worksheet.visibility", value, () => (this.sheet().visibility = value));
  }

  delete(): void {
    this.ctx.enqueue("worksheet.delete", null, () => {
      const s = this.sheet();
      const sheets = this.ctx.excel.sheets;
      if (s.visibility === "VeryHidden")
        throw new OfficeError("InvalidOperation", "the sheet is very hidden");
      if (sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0)
        throw new OfficeError("InvalidOperation", "cannot delete the last visible sheet");
      sheets.splice(sheets.indexOf(s), 1);
    });
  }

  activate(): void {
    this.ctx.enqueue("worksheet.activate", null, () => (this.ctx.excel.activeSheet = this.sheet()));
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, this, () =>
      address === undefined
        ? { row: 0, column: 0, rows: SHEET_ROWS, columns: SHEET_COLUMNS }
        : parseAddress(address),
    );
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    return new RangeProxy(this.ctx, this, () => ({ row, column, rows, columns }));
  }

  getCell(row: number, column: number): RangeProxy {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return new RangeProxy(this.ctx, this, () => this.sheet().used());
  }
}

class RangeProxy extends Loadable {
  readonly format: Record<string, unknown>;
  private resolvedRect: Rect | null | undefined;

  constructor(
    ctx: FakeContext,
    readonly worksheet: WorksheetProxy,
    private readonly rectOf: () => Rect | null,
  ) {
    super(ctx);
    this.format = this.formatProxy("format");
  }

  rect(): Rect | null {
    if (this.resolvedRect === undefined) this.resolvedRect = this.rectOf();
    return this.resolvedRect;
  }

  private mustRect(): Rect {
    const r = this.rect();
    if (!r) throw new OfficeError("ItemNotFound", "the range is a null object");
    return r;
  }

  private formatProxy(path: string): Record<string, unknown> {
    const ctx = this.ctx;
    const methods: Record<string, unknown> = {
      autofitRows: () =>
        ctx.enqueue(`${path}.autofitRows`, null, () => this.recordFormat(`${path}.autofitRows`, true)),
      getItem: (edge: string) => this.formatProxy(`${path}.${edge}`),
    };
    return new Proxy(methods, {
      get: (target, prop: string) => {
        if (prop in target) return target[prop];
        if (prop === "font" || prop === "fill" || prop === "borders")
          return this.formatProxy(`${path}.${prop}`);
        throw new OfficeError("PropertyNotLoaded", `${path}.${prop} is write-only in this fake`);
      },
      set: (target, prop: string, value) => {
        ctx.enqueue(`${path}.${prop}`, value, () => this.recordFormat(`${path}.${prop}`, value));
        return true;
      },
    });
  }

  private recordFormat(path: string, value: unknown): void {
    this.worksheet.sheet().formats.push({ rect: this.mustRect(), path, value });
  }

  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get values(): unknown[][] {
    return this.get("values");
  }
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }
  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }

  set values(rows: unknown[][]) {
    this.ctx.enqueue("range.values", rows, () => {
      const rect = this.mustRect();
      if (rows.length !== rect.rows || rows.some((r) => r.length !== rect.columns))
        throw new OfficeError("InvalidArgument", "the values do not match the range's size");
      const sheet = this.worksheet.sheet();
      const formats = sheet.numberFormats.filter((f) => overlaps(f.rect, rect));
      const isText = (row: number, column: number) => {
        let format = "General";
        for (const f of formats) if (inside(f.rect, row, column)) format = f.format;
        return format === "@";
      };
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === undefined) return; // null leaves a cell as it is
          const cells = (sheet.cells[rect.row + r] ??= []);
          const at = rect.column + c;
          if (typeof v !== "string") cells[at] = { value: v as Value };
          else if (v === "") cells[at] = undefined;
          else if (v.startsWith("'")) cells[at] = { value: v.slice(1), text: true };
          else if (v.startsWith("=")) cells[at] = { value: v, formula: true };
          else if (isText(rect.row + r, at)) cells[at] = { value: v, text: true };
          else cells[at] = typedInGeneral(v);
        }),
      );
      // A row written just below a table joins it, as when typed.
      for (const table of sheet.tables) {
        const below = table.rect.row + table.rect.rows;
        if (below < rect.row || below >= rect.row + rect.rows) continue;
        const from = Math.max(table.rect.column, rect.column);
        const to = Math.min(table.rect.column + table.rect.columns, rect.column + rect.columns);
        const row = rows[below - rect.row];
        if (
          from >= to ||
          !row.slice(from - rect.column, to - rect.column).some((v) => v !== null && v !== "")
        )
          continue;
        table.rect = { ...table.rect, rows: rect.row + rect.rows - table.rect.row };
      }
    });
  }

  set numberFormat(format: unknown) {
    this.ctx.enqueue("range.numberFormat", format, () => {
      const rect = this.mustRect();
      const sheet = this.worksheet.sheet();
      if (typeof format === "string") sheet.numberFormats.push({ rect, format });
      else if ((format as string[][]).length === 1 && (format as string[][])[0].length === 1)
        sheet.numberFormats.push({ rect, format: (format as string[][])[0][0] });
      else
        (format as string[][]).forEach((row, r) =>
          row.forEach((f, c) =>
            sheet.numberFormats.push({
              rect: { row: rect.row + r, column: rect.column + c, rows: 1, columns: 1 },
              format: f,
            }),
          ),
        );
    });
  }

  getIntersectionOrNullObject(address: string): RangeProxy {
    return new RangeProxy(this.ctx, this.worksheet, () => {
      const a = this.rect();
      if (!a) return null;
      const b = parseAddress(address);
      const row = Math.max(a.row, b.row);
      const column = Math.max(a.column, b.column);
      const rows = Math.min(a.row + a.rows, b.row + b.rows) - row;
      const columns = Math.min(a.column + a.columns, b.column + b.columns) - column;
      return rows > 0 && columns > 0 ? { row, column, rows, columns } : null;
    });
  }

  /**
   * Inserts blank cells where the range is, moving the cells below it (in its columns) down, as Excel does; like
   * Excel, refuses to move part of a table or of a merged area. Number formats and formats below move with
   * their cells.
   */
  insert(shift: string): RangeProxy {
    if (shift !== "Down") throw new OfficeError("InvalidArgument", "only Down is modelled");
    this.ctx.enqueue("range.insert", shift, () => {
      const rect = this.mustRect();
      const sheet = this.worksheet.sheet();
      const below = (x: Rect) => x.row + x.rows > rect.row && overlaps(x, { ...rect, rows: SHEET_ROWS });
      const inColumns = (x: Rect) =>
        x.column >= rect.column && x.column + x.columns <= rect.column + rect.columns;
      for (const x of [...sheet.tables.map((t) => t.rect), ...sheet.merges])
        if (below(x) && (!inColumns(x) || x.row < rect.row))
          throw new OfficeError("InvalidOperation", "the insert would move part of a table or a merged area");
      for (let r = sheet.cells.length - 1; r >= rect.row; r--) {
        const row = sheet.cells[r];
        if (!row) continue;
        const to = (sheet.cells[r + rect.rows] ??= []);
        for (let c = rect.column; c < rect.column + rect.columns; c++) {
          to[c] = row[c];
          row[c] = undefined;
        }
      }
      const move = (x: Rect): Rect => {
        if (!below(x)) return x;
        if (x.row >= rect.row && inColumns(x)) return { ...x, row: x.row + rect.rows };
        // Across the insert's top, or its columns: it grows over the new cells, as Excel fills them alike.
        return { ...x, rows: x.rows + rect.rows };
      };
      for (const t of sheet.tables) t.rect = move(t.rect);
      sheet.merges = sheet.merges.map(move);
      sheet.numberFormats = sheet.numberFormats.map((f) => ({ ...f, rect: move(f.rect) }));
      sheet.formats = sheet.formats.map((f) => ({ ...f, rect: move(f.rect) }));
    });
    return new RangeProxy(this.ctx, this.worksheet, () => this.rect());
  }

  merge(across?: boolean): void {
    this.ctx.enqueue("range.merge", across ?? false, () =>
      this.worksheet.sheet().merges.push(this.mustRect()),
    );
  }

  unmerge(): void {
    this.ctx.enqueue("range.unmerge", null, () => {
      const sheet = this.worksheet.sheet();
      const rect = this.mustRect();
      sheet.merges = sheet.merges.filter((m) => !overlaps(m, rect));
    });
  }

  clear(applyTo?: string): void {
    this.ctx.enqueue("range.clear", applyTo ?? "All", () => this.worksheet.sheet().clear(this.mustRect()));
  }

  select(): void {
    this.ctx.enqueue("range.select", null, () => this.mustRect());
  }

  load(props: string): this {
    const wanted = propsOf(props);
    this.ctx.loads.push({
      apply: () => {
        const rect = this.rect();
        const sheet = this.worksheet.sheet();
        const out: Record<string, unknown> = {};
        const set = (k: string, v: unknown) => {
          this.loaded.set(k, v);
          out[k] = v;
        };
        if (wanted.includes("isNullObject")) set("isNullObject", rect === null);
        if (rect) {
          const tooLarge = rect.rows * rect.columns > READ_CELL_LIMIT;
          if (wanted.includes("rowIndex")) set("rowIndex", rect.row);
          if (wanted.includes("columnIndex")) set("columnIndex", rect.column);
          if (wanted.includes("rowCount")) set("rowCount", rect.rows);
          if (wanted.includes("columnCount")) set("columnCount", rect.columns);
          if (wanted.includes("address")) set("address", addressOf(sheet.name, rect));
          if (wanted.includes("values"))
            set(
              "values",
              tooLarge
                ? null
                : Array.from({ length: rect.rows }, (_, r) =>
                    Array.from(
                      { length: rect.columns },
                      (_, c) => sheet.cells[rect.row + r]?.[rect.column + c]?.value ?? "",
                    ),
                  ),
            );
          if (wanted.includes("numberFormat"))
            set(
              "numberFormat",
              tooLarge
                ? null
                : Array.from({ length: rect.rows }, (_, r) =>
                    Array.from({ length: rect.columns }, (_, c) =>
                      sheet.numberFormatAt(rect.row + r, rect.column + c),
                    ),
                  ),
            );
        }
        return out;
      },
    });
    return this;
  }
}

class TableCollectionProxy extends Loadable {
  /** worksheet null: the workbook's tables. */
  constructor(
    ctx: FakeContext,
    readonly worksheet: WorksheetProxy | null,
  ) {
    super(ctx);
  }

  get items(): TableProxy[] {
    return this.get("items");
  }

  private all(): { sheet: FakeSheet; table: FakeTable }[] {
    const sheets = this.worksheet ? [this.worksheet.sheet()] : this.ctx.excel.sheets;
    return sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
  }

  private proxyFor(sheet: FakeSheet, resolve: () => FakeTable | null): TableProxy {
    const ws = this.worksheet ?? new WorksheetProxy(this.ctx, () => sheet);
    return new TableProxy(this.ctx, ws, resolve);
  }

  load(props: string): this {
    const wanted = propsOf(props);
    this.ctx.loads.push({
      apply: () => {
        const items = this.all().map(({ sheet, table }) => {
          const proxy = this.proxyFor(sheet, () => table);
          proxy.fill(wanted);
          return proxy;
        });
        this.loaded.set("items", items);
        return items.map((p) => p.snapshot(wanted));
      },
    });
    return this;
  }

  add(source: string | RangeProxy, hasHeaders: boolean): TableProxy {
    let created: FakeTable | null = null;
    let sheetOf: FakeSheet | null = null;
    const payload = typeof source === "string" ? source : "(range)";
    this.ctx.enqueue("tables.add", [payload, hasHeaders], () => {
      let sheet: FakeSheet;
      let rect: Rect;
      if (typeof source !== "string") {
        sheet = source.worksheet.sheet();
        const r = source.rect();
        if (!r) throw new OfficeError("ItemNotFound", "the range is a null object");
        rect = r;
      } else {
        // A bare address is on the active sheet, whichever sheet's collection was asked.
        const named = /^(.*)!/.exec(source)?.[1]?.replace(/^'|'$/g, "");
        const found = named
          ? this.ctx.excel.find(named)
          : (this.ctx.excel.activeSheet ?? this.ctx.excel.sheets[0]);
        if (!found) throw new OfficeError("ItemNotFound", `no sheet for ${source}`);
        sheet = found;
        rect = parseAddress(source);
      }
      if (this.ctx.excel.sheets.some((s) => s === sheet && s.tables.some((t) => overlaps(t.rect, rect))))
        throw new OfficeError("InvalidOperation", "tables cannot overlap");
      created = {
        id: nextId("table"),
        name: this.ctx.excel.nextTableName(),
        rect,
        style: "TableStyleMedium2",
      };
      sheet.tables.push(created);
      sheetOf = sheet;
    });
    const ws = this.worksheet ?? new WorksheetProxy(this.ctx, () => sheetOf ?? null);
    return new TableProxy(this.ctx, ws, () => created);
  }

  getItem(key: string): TableProxy {
    const found = () =>
      this.all().find(({ table }) => table.id === key || table.name.toLowerCase() === key.toLowerCase());
    return new TableProxy(
      this.ctx,
      this.worksheet ?? new WorksheetProxy(this.ctx, () => found()?.sheet ?? null),
      () => {
        const t = found();
        if (!t) throw new OfficeError("ItemNotFound", `no table ${key}`);
        return t.table;
      },
    );
  }

  getItemOrNullObject(key: string): TableProxy {
    const found = () =>
      this.all().find(({ table }) => table.id === key || table.name.toLowerCase() === key.toLowerCase());
    return new TableProxy(
      this.ctx,
      this.worksheet ?? new WorksheetProxy(this.ctx, () => found()?.sheet ?? null),
      () => found()?.table ?? null,
    );
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}

class TableProxy extends ObjectProxy {
  private resolved: FakeTable | null | undefined;
  constructor(
    ctx: FakeContext,
    readonly worksheet: WorksheetProxy,
    private readonly resolver: () => FakeTable | null,
  ) {
    super(ctx);
  }

  private table(): FakeTable {
    if (this.resolved === undefined) this.resolved = this.resolver();
    if (!this.resolved || !this.ctx.excel.sheets.some((s) => s.tables.includes(this.resolved as FakeTable)))
      throw new OfficeError("ItemNotFound", "the table does not exist");
    return this.resolved;
  }

  fill(props: readonly string[]): void {
    if (this.resolved === undefined) this.resolved = this.resolver();
    const t = this.resolved;
    if (props.includes("isNullObject")) this.loaded.set("isNullObject", t === null);
    if (!t) return;
    if (props.includes("name")) this.loaded.set("name", t.name);
    if (props.includes("id")) this.loaded.set("id", t.id);
  }

  get isNullObject(): boolean {
    return this.get("isNullObject");
  }

  get id(): string {
    return this.get("id");
  }

  get name(): string {
    return this.get("name");
  }

  set name(value: string) {
    this.ctx.enqueue("table.name", value, () => {
      const table = this.table();
      const other = this.ctx.excel.findTable(value);
      if (other && other.table !== table)
        throw new OfficeError("InvalidArgument", `a table named ${value} exists`);
      table.name = value;
    });
  }

  set style(value: string) {
    this.ctx.enqueue("table.style", value, () => (this.table().style = value));
  }

  resize(address: string): void {
    this.ctx.enqueue("table.resize", address, () => (this.table().rect = parseAddress(address)));
  }

  delete(): void {
    this.ctx.enqueue("table.delete", null, () => {
      const table = this.table();
      for (const s of this.ctx.excel.sheets) {
        const i = s.tables.indexOf(table);
        if (i >= 0) s.tables.splice(i, 1);
      }
    });
  }

  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, this.worksheet, () => this.table().rect);
  }
}

class ChartProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly worksheet: WorksheetProxy,
    private readonly chart: FakeChart,
  ) {
    super(ctx);
    this.loaded.set("name", chart.name);
    this.loaded.set("id", chart.id);
  }
  get name(): string {
    return this.get("name");
  }
  delete(): void {
    this.ctx.enqueue("chart.delete", null, () => {
      const charts = this.worksheet.sheet().charts;
      const i = charts.indexOf(this.chart);
      if (i < 0) throw new OfficeError("ItemNotFound", "the chart does not exist");
      charts.splice(i, 1);
    });
  }
}

class ChartCollectionProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly worksheet: WorksheetProxy,
  ) {
    super(ctx);
  }

  get items(): ChartProxy[] {
    return this.get("items");
  }

  load(props: string): this {
    void props;
    this.ctx.loads.push({
      apply: () => {
        const charts = this.worksheet.sheet().charts;
        this.loaded.set(
          "items",
          charts.map((c) => new ChartProxy(this.ctx, this.worksheet, c)),
        );
        return charts.map((c) => c.name);
      },
    });
    return this;
  }

  add(type: string, source: RangeProxy, seriesBy: string): Record<string, unknown> {
    let chart: FakeChart | null = null;
    const ctx = this.ctx;
    ctx.objects++;
    ctx.enqueue("charts.add", [type, seriesBy], () => {
      const rect = source.rect();
      if (!rect) throw new OfficeError("ItemNotFound", "no source range");
      chart = {
        id: nextId("chart"),
        name: ctx.excel.nextChartName(),
        type,
        title: "",
        seriesName: "",
        values: { sheet: this.worksheet.sheet(), rect },
        categories: null,
        position: null,
      };
      this.worksheet.sheet().charts.push(chart);
    });
    const the = () => {
      if (!chart) throw new OfficeError("ItemNotFound", "the chart was not created");
      return chart;
    };
    const series = {
      set name(value: string) {
        ctx.enqueue("series.name", value, () => (the().seriesName = value));
      },
      setXAxisValues: (range: RangeProxy) =>
        ctx.enqueue("series.setXAxisValues", null, () => {
          const rect = range.rect();
          if (rect) the().categories = { sheet: range.worksheet.sheet(), rect };
        }),
    };
    return {
      title: {
        set text(value: string) {
          ctx.enqueue("chart.title", value, () => (the().title = value));
        },
      },
      series: { getItemAt: () => series },
      setPosition: (from: string, to: string) =>
        ctx.enqueue("chart.setPosition", [from, to], () => (the().position = [from, to])),
    };
  }
}

/** A fake holding a workbook's grid as Excel holds it: dates as serial numbers, errors as their text. */
export function fakeOfGrid(grid: WorkbookGrid): FakeExcel {
  const fake = new FakeExcel();
  for (const sheet of grid.sheets)
    fake.addSheet(
      sheet.name,
      sheet.rows.map((row) =>
        row.map((v) =>
          v instanceof Date ? v.getTime() / 86_400_000 + 25569 : typeof v === "object" && v ? v.error : v,
        ),
      ),
    );
  return fake;
}
