import { columnLetter } from "../../src/core/read/grid";

/**
 * A small, honest fake of Excel's JavaScript object model, in memory, for the Office.js edge's tests.
 *
 * Like Office: every property write and method call is queued and applied only at `context.sync()`; a loaded
 * property can be read only after the sync that loaded it (earlier reads throw PropertyNotLoaded); a request or
 * a response over 5 MB is refused (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded) and
 * nothing of it is applied; operations apply in order, and one that fails stops the batch, leaving the earlier
 * ones applied. It counts syncs and measures request and response bytes (JSON, UTF-8), and can be told to fail
 * at a given sync or operation, to test a failure in the middle of writing.
 */

type Value = string | number | boolean;
type Cell = { value: Value; text?: boolean; formula?: boolean };

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
  name: string;
  rect: Rect;
  style: string;
}

export interface FakeChart {
  type: string;
  title: string;
  seriesName: string;
  /** Chart sources follow their sheet (renamed or not), as in Excel. */
  values: { sheet: FakeSheet; rect: Rect };
  categories: { sheet: FakeSheet; rect: Rect } | null;
  position: [string, string] | null;
}

export class FakeSheet {
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
      columns: 16384,
    };
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(bare);
  if (!m) throw new Error(`InvalidArgument: bad address ${address}`);
  const r1 = Number(m[2]) - 1;
  const c1 = letterToIndex(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? letterToIndex(m[3]) : c1;
  return { row: r1, column: c1, rows: r2 - r1 + 1, columns: c2 - c1 + 1 };
}

function addressOf(sheet: string, rect: Rect): string {
  const a = `${columnLetter(rect.column + 1)}${rect.row + 1}`;
  const b = `${columnLetter(rect.column + rect.columns)}${rect.row + rect.rows}`;
  return `${sheet}!${a === b ? a : `${a}:${b}`}`;
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
  syncs = 0;
  maxRequestBytes = 0;
  totalRequestBytes = 0;
  maxResponseBytes = 0;
  /** Make the sync with this number (1-based, counted over the fake's life) fail before applying anything. */
  failAtSync: number | null = null;
  /** Make the operation with this number (1-based, counted over the fake's life) fail when applied. */
  failAtOperation: number | null = null;
  /** Only operations whose kind matches count towards failAtOperation. */
  failOperationKind: RegExp | null = null;
  operations = 0;
  private tableCounter = 0;

  addSheet(name: string, rows: readonly (readonly (Value | null)[])[]): FakeSheet {
    const sheet = new FakeSheet(name);
    rows.forEach((row, r) => {
      sheet.cells[r] = row.map((v) => (v === null || v === "" ? undefined : { value: v }));
    });
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  names(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /** Excel.run on this workbook. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this);
    return batch(context as unknown as Excel.RequestContext);
  };

  nextTableName(): string {
    let name: string;
    do name = `Table${++this.tableCounter}`;
    while (this.findTable(name));
    return name;
  }

  findTable(name: string): { sheet: FakeSheet; table: FakeTable } | null {
    for (const sheet of this.sheets) {
      const table = sheet.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (table) return { sheet, table };
    }
    return null;
  }

  countOperation(kind: string): void {
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
  constructor(readonly excel: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(kind: string, payload: unknown, apply: () => void): void {
    this.queue.push({ kind, payload, apply });
  }

  async sync(): Promise<void> {
    const excel = this.excel;
    excel.syncs++;
    const ops = this.queue.splice(0);
    const loads = this.loads.splice(0);
    const request = bytesOf(ops.map((o) => [o.kind, o.payload]));
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
    const response = bytesOf(responses);
    excel.maxResponseBytes = Math.max(excel.maxResponseBytes, response);
    if (response > LIMIT) throw new OfficeError("ResponsePayloadSizeLimitExceeded", `${response} bytes`);
  }
}

/** A proxy's loaded properties: read before the sync that loads them, they throw as Office does. */
class Loadable {
  protected loaded = new Map<string, unknown>();
  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new OfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Load it and sync first.`,
      );
    return this.loaded.get(prop) as T;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  constructor(readonly ctx: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx);
  }
}

class WorksheetCollectionProxy extends Loadable {
  constructor(readonly ctx: FakeContext) {
    super();
  }

  get items(): WorksheetProxy[] {
    return this.get("items");
  }

  load(props: string): this {
    const wanted = props.split(",").map((p) => p.trim().replace(/^items\//, ""));
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

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => {
      const s = this.ctx.excel.sheets.find((x) => x.name === name);
      if (!s) throw new OfficeError("ItemNotFound", `no worksheet ${name}`);
      return s;
    });
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.excel.sheets.find((x) => x.name === name) ?? null);
  }

  add(name: string): WorksheetProxy {
    let created: FakeSheet | null = null;
    this.ctx.enqueue("worksheets.add", name, () => {
      if (this.ctx.excel.sheets.some((s) => s.name === name))
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

class WorksheetProxy extends Loadable {
  private resolved: FakeSheet | null | undefined;
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;
  readonly freezePanes: { freezeRows(n: number): void };
  readonly pageLayout: Record<string, unknown>;

  constructor(
    readonly ctx: FakeContext,
    private readonly resolver: () => FakeSheet | null,
  ) {
    super();
    this.tables = new TableCollectionProxy(ctx, this);
    this.charts = new ChartCollectionProxy(ctx, this);
    this.freezePanes = {
      freezeRows: (n: number) => ctx.enqueue("freezeRows", n, () => (this.sheet().freezeRows = n)),
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
    if (!s) throw new OfficeError("ItemNotFound", "the worksheet does not exist");
    return s;
  }

  fill(props: readonly string[]): void {
    const s = this.sheet();
    if (props.includes("name")) this.loaded.set("name", s.name);
    if (props.includes("visibility")) this.loaded.set("visibility", s.visibility);
  }

  snapshot(props: readonly string[]): unknown {
    return Object.fromEntries(props.map((p) => [p, this.loaded.get(p)]));
  }

  load(props: string): this {
    const wanted = props.split(",").map((p) => p.trim());
    this.ctx.loads.push({
      apply: () => {
        this.fill(wanted);
        return this.snapshot(wanted);
      },
    });
    return this;
  }

  get name(): string {
    return this.get("name");
  }

  set name(value: string) {
    this.ctx.enqueue("worksheet.name", value, () => {
      const s = this.sheet();
      if (this.ctx.excel.sheets.some((x) => x !== s && x.name === value))
        throw new OfficeError("InvalidArgument", `a worksheet named ${value} exists`);
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
      if (sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0)
        throw new OfficeError("InvalidOperation", "cannot delete the last visible sheet");
      sheets.splice(sheets.indexOf(s), 1);
    });
  }

  activate(): void {
    this.ctx.enqueue("worksheet.activate", null, () => this.sheet());
  }

  getRange(address: string): RangeProxy {
    return new RangeProxy(this.ctx, this, () => parseAddress(address));
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
    readonly ctx: FakeContext,
    readonly worksheet: WorksheetProxy,
    private readonly rectOf: () => Rect | null,
  ) {
    super();
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
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === undefined) return; // null leaves a cell as it is
          const cells = (sheet.cells[rect.row + r] ??= []);
          if (typeof v === "string" && v.startsWith("'"))
            cells[rect.column + c] = { value: v.slice(1), text: true };
          else if (typeof v === "string" && v === "") cells[rect.column + c] = undefined;
          else if (typeof v === "string" && v.startsWith("="))
            cells[rect.column + c] = { value: v, formula: true };
          else cells[rect.column + c] = { value: v as Value };
        }),
      );
    });
  }

  set numberFormat(format: unknown) {
    this.ctx.enqueue("range.numberFormat", format, () => {
      const rect = this.mustRect();
      const sheet = this.worksheet.sheet();
      if (typeof format === "string") sheet.numberFormats.push({ rect, format });
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

  merge(across?: boolean): void {
    this.ctx.enqueue("range.merge", across ?? false, () =>
      this.worksheet.sheet().merges.push(this.mustRect()),
    );
  }

  select(): void {
    this.ctx.enqueue("range.select", null, () => this.mustRect());
  }

  load(props: string): this {
    const wanted = props.split(",").map((p) => p.trim());
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
          if (wanted.includes("rowIndex")) set("rowIndex", rect.row);
          if (wanted.includes("columnIndex")) set("columnIndex", rect.column);
          if (wanted.includes("rowCount")) set("rowCount", rect.rows);
          if (wanted.includes("columnCount")) set("columnCount", rect.columns);
          if (wanted.includes("address")) set("address", addressOf(sheet.name, rect));
          if (wanted.includes("values"))
            set(
              "values",
              Array.from({ length: rect.rows }, (_, r) =>
                Array.from(
                  { length: rect.columns },
                  (_, c) => sheet.cells[rect.row + r]?.[rect.column + c]?.value ?? "",
                ),
              ),
            );
          if (wanted.includes("numberFormat"))
            set(
              "numberFormat",
              Array.from({ length: rect.rows }, (_, r) =>
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
  constructor(
    readonly ctx: FakeContext,
    readonly worksheet: WorksheetProxy,
  ) {
    super();
  }

  get items(): TableProxy[] {
    return this.get("items");
  }

  load(props: string): this {
    void props;
    this.ctx.loads.push({
      apply: () => {
        const sheet = this.worksheet.sheet();
        const items = sheet.tables.map((t) => {
          const proxy = new TableProxy(this.ctx, this.worksheet, () => t);
          proxy.fillName(t.name);
          return proxy;
        });
        this.loaded.set("items", items);
        return sheet.tables.map((t) => t.name);
      },
    });
    return this;
  }

  add(address: string, hasHeaders: boolean): TableProxy {
    let created: FakeTable | null = null;
    this.ctx.enqueue("tables.add", [address, hasHeaders], () => {
      const sheet = this.worksheet.sheet();
      const rect = parseAddress(address);
      if (sheet.tables.some((t) => overlaps(t.rect, rect)))
        throw new OfficeError("InvalidOperation", "tables cannot overlap");
      created = { name: this.ctx.excel.nextTableName(), rect, style: "TableStyleMedium2" };
      sheet.tables.push(created);
    });
    return new TableProxy(this.ctx, this.worksheet, () => {
      if (!created) throw new OfficeError("ItemNotFound", "the table was not created");
      return created;
    });
  }

  getItem(name: string): TableProxy {
    return new TableProxy(this.ctx, this.worksheet, () => {
      const t = this.worksheet.sheet().tables.find((x) => x.name === name);
      if (!t) throw new OfficeError("ItemNotFound", `no table ${name}`);
      return t;
    });
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

class TableProxy extends Loadable {
  private resolved: FakeTable | undefined;
  constructor(
    readonly ctx: FakeContext,
    readonly worksheet: WorksheetProxy,
    private readonly resolver: () => FakeTable,
  ) {
    super();
  }

  private table(): FakeTable {
    return (this.resolved ??= this.resolver());
  }

  fillName(name: string): void {
    this.loaded.set("name", name);
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

  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, this.worksheet, () => this.table().rect);
  }
}

class ChartCollectionProxy {
  constructor(
    readonly ctx: FakeContext,
    readonly worksheet: WorksheetProxy,
  ) {}

  add(type: string, source: RangeProxy, seriesBy: string): Record<string, unknown> {
    let chart: FakeChart | null = null;
    const ctx = this.ctx;
    ctx.enqueue("charts.add", [type, seriesBy], () => {
      const rect = source.rect();
      if (!rect) throw new OfficeError("ItemNotFound", "no source range");
      chart = {
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
