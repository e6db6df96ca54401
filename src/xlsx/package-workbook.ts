import { WorkbookGrid, columnLetter } from "../core/read/grid";
import { OutputSheet, numberFormat } from "../core/output";
import { RECORD_FIELDS, RecordAppend, recordPlacement } from "../core/campaign/record";
import { Lang } from "../core/text";
import { ArrearsWorkbook, JobOutputs, ProgressListener } from "../core/workbook";
import { ChartSpec, addChartsToZip } from "./chart";
import { WorkbookOpenError, loadPackage } from "./open";
import { DeflatedPart, ZipPackage } from "../ooxml/zip-package";
import {
  NS_REL,
  PackageDamage,
  PackageSheet,
  attribute,
  partText,
  readPackageGrid,
  workbookSheets,
  relationships,
  relsPathOf,
  resolvePart,
  withContentType,
  withRelationship,
} from "./package-read";
import { SPREADSHEETML, cellXml, tableXml, writeSheetXml, xmlText } from "./package-sheet";
import { StyleBook } from "./package-styles";
import {
  CellRange,
  EXCEL_MAX_ROWS,
  WorkbookWriteError,
  insertRows,
  lastRowOf,
  mergedRanges,
  parseRange,
} from "./package-rows";
import { localized } from "../core/text";

const TYPES = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
};
const RELS = {
  worksheet: `${NS_REL}/worksheet`,
  table: `${NS_REL}/table`,
  styles: `${NS_REL}/styles`,
  calcChain: `${NS_REL}/calcChain`,
};
const PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/**
 * The workbook interface on the .xlsx package itself, for the command line and the browser page: the grid is read
 * straight from the sheets' XML, and the add-in's sheets are written into the package as SpreadsheetML. Every
 * other part — the user's sheets, charts, pivot tables, macros, pictures — stays byte for byte as it was.
 */
export class PackageWorkbook implements ArrearsWorkbook {
  private grid: WorkbookGrid | null;

  private constructor(
    private readonly zip: ZipPackage,
    grid: WorkbookGrid,
    /** Repairs and notes from opening the file. */
    readonly warnings: readonly string[],
  ) {
    this.grid = grid;
  }

  /** Opens .xlsx bytes; throws WorkbookOpenError when they are not a workbook, PackageFormatError when its XML is not followed. */
  static async open(
    data: Uint8Array,
    fileName: string,
    /** Notes from an earlier step (the object-model reader's repairs). */
    notes: readonly string[] = [],
  ): Promise<PackageWorkbook> {
    const warnings: string[] = [...notes];
    const zip = await loadPackage(data, fileName, warnings, false);
    if (((await partText(zip, "[Content_Types].xml")) ?? "").includes(MACRO_WORKBOOK))
      warnings.push(
        "the workbook has macros: the output copy is an .xlsx without them (the input file keeps them)",
      );
    await restoreMissingSheets(zip, warnings);
    let grid: WorkbookGrid;
    try {
      grid = (await readPackageGrid(zip, warnings)).grid;
    } catch (error) {
      zip.release();
      if (!(error instanceof PackageDamage)) throw error;
      throw new WorkbookOpenError(
        `${fileName.replace(/^.*[\\/]/, "")}: ${error.message}; the file is damaged ` +
          "— open it in Excel or WPS and save it again as .xlsx",
        `${fileName.replace(/^.*[\\/]/, "")}：${error.message}；文件已损坏——请用 ` +
          "Excel 或 WPS 打开并重新另存为 .xlsx",
      );
    }
    zip.release();
    return new PackageWorkbook(zip, grid, warnings);
  }

  async readGrid(progress?: ProgressListener): Promise<WorkbookGrid> {
    if (this.grid === null) this.grid = (await readPackageGrid(this.zip, [])).grid;
    progress?.(1, 1);
    return this.grid;
  }

  async writeOutputs(outputs: JobOutputs, progress?: ProgressListener): Promise<void> {
    const before = this.zip.snapshot();
    try {
      await this.write(outputs);
    } catch (error) {
      // Nothing half-written stays: the package is as it was before this write.
      this.zip.restore(before);
      throw error;
    }
    this.grid = null;
    progress?.(1, 1);
  }

  /** The workbook as .xlsx bytes: the copy is always an .xlsx, so an .xlsm's macros stay in the input only. */
  async save(): Promise<Uint8Array> {
    await dropMacros(this.zip);
    // The user's parts keep their compressed bytes. The add-in's sheets, most of the output, were deflated at
    // level 6 as they were written (see writeSheetXml): a fifth less room than at level 1 (at 100,000 households
    // the output is 1.9 × the input's size instead of 2.1 ×) for some two seconds more at that size.
    return this.zip.save(6);
  }

  private async write(outputs: JobOutputs): Promise<void> {
    const pkg = await PackageParts.load(this.zip);
    const { date1904 } = await workbookSheets(this.zip);
    const charts: ChartSpec[] = [];
    const { sheets, lang, newRecord, append } = outputs;
    if (newRecord && append.rows.length > 0) await pkg.putSheet(newRecord, lang, date1904);
    else if (append.rows.length > 0) await pkg.appendRecord(append, lang, date1904);
    for (const sheet of sheets) {
      charts.push(...(await pkg.putSheet(sheet, lang, date1904)));
    }
    pkg.commit();
    await addChartsToZip(this.zip, charts);
  }
}

/**
 * A sheet whose worksheet part is missing from the package (a damaged or hand-made zip): an empty worksheet is put in
 * its place, with a warning, so the rest of the workbook is read and written directly rather than through the
 * object model.
 */
async function restoreMissingSheets(zip: ZipPackage, warnings: string[]): Promise<void> {
  let sheets: PackageSheet[];
  try {
    sheets = (await workbookSheets(zip)).sheets;
  } catch {
    return;
  }
  for (const sheet of sheets) {
    if (zip.has(sheet.part)) continue;
    zip.put(
      sheet.part,
      `${XML_HEAD}<worksheet xmlns="${SPREADSHEETML}" xmlns:r="${NS_REL}"><sheetData/></worksheet>`,
    );
    const types = (await partText(zip, "[Content_Types].xml")) ?? "";
    if (types) zip.put("[Content_Types].xml", withContentType(types, `/${sheet.part}`, TYPES.worksheet));
    warnings.push(
      `sheet "${sheet.name}": its part ${sheet.part} is missing from the file, ` +
        "so it was read as an empty sheet (and is empty in the output)",
    );
  }
}

const MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
const PLAIN_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

/** Makes a macro-enabled package a plain .xlsx: the VBA project and its relationship go, the workbook's type changes. */
async function dropMacros(zip: ZipPackage): Promise<void> {
  const types = (await partText(zip, "[Content_Types].xml")) ?? "";
  if (!types.includes(MACRO_WORKBOOK)) return;
  const relsXml = (await partText(zip, "xl/_rels/workbook.xml.rels")) ?? "";
  let rels = relsXml;
  let kept = types.replace(MACRO_WORKBOOK, PLAIN_WORKBOOK);
  for (const rel of relationships(relsXml)) {
    if (!rel.type.endsWith("/vbaProject")) continue;
    const part = resolvePart("xl/workbook.xml", rel.target);
    for (const dependent of relationships((await partText(zip, relsPathOf(part))) ?? ""))
      if (!dependent.external) zip.remove(resolvePart(part, dependent.target));
    zip.remove(relsPathOf(part));
    zip.remove(part);
    kept = kept.replace(new RegExp(`<Override\\b[^>]*PartName="/${escapeRegExp(part)}"[^>]*/>`), "");
    rels = rels.replace(new RegExp(`<Relationship\\b[^>]*Id="${escapeRegExp(rel.id)}"[^>]*/>`), "");
  }
  zip.put("[Content_Types].xml", kept);
  zip.put("xl/_rels/workbook.xml.rels", rels);
}

function escapeAttr(text: string): string {
  return xmlText(text).replace(/'/g, "&apos;");
}

/** 'Sheet name' for a formula, quotes doubled. */
function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * The workbook-level parts a write changes, held as text until `commit` puts them all in the package at once:
 * a failure while the sheets are being written leaves the package untouched.
 */
class PackageParts {
  /** New contents by part: text, UTF-8 bytes, or the add-in's sheets deflated as they were written. */
  private readonly puts = new Map<string, string | Uint8Array | DeflatedPart>();
  private readonly removals = new Set<string>();
  private readonly styles: StyleBook;
  private calcChainDropped = false;
  private nextTableId: number;
  private readonly tableNames = new Set<string>();

  private constructor(
    private readonly zip: ZipPackage,
    private workbook: string,
    private workbookRels: string,
    private types: string,
    private readonly stylesPart: string,
    stylesXml: string | null,
    tableIds: number,
  ) {
    this.styles = new StyleBook(stylesXml);
    this.nextTableId = tableIds + 1;
  }

  static async load(zip: ZipPackage): Promise<PackageParts> {
    const workbook = (await partText(zip, "xl/workbook.xml")) ?? "";
    const rels =
      (await partText(zip, "xl/_rels/workbook.xml.rels")) ??
      `${XML_HEAD}<Relationships xmlns="${PKG_RELS}"></Relationships>`;
    const types = (await partText(zip, "[Content_Types].xml")) ?? "";
    const stylesRel = relationships(rels).find((r) => r.type === RELS.styles);
    const stylesPart = stylesRel ? resolvePart("xl/workbook.xml", stylesRel.target) : "xl/styles.xml";
    const stylesXml = await partText(zip, stylesPart);
    let maxTableId = 0;
    for (const name of zip.names()) {
      if (!/^xl\/tables\/[^/]+\.xml$/.test(name)) continue;
      const head = ((await partText(zip, name)) ?? "").slice(0, 2000);
      const id = Number(/<(?:\w+:)?table\b[^>]*?\sid="(\d+)"/.exec(head)?.[1] ?? 0);
      maxTableId = Math.max(maxTableId, id);
    }
    const parts = new PackageParts(zip, workbook, rels, types, stylesPart, stylesXml, maxTableId);
    if (stylesXml === null) {
      parts.workbookRels = withRelationship(parts.workbookRels, RELS.styles, "styles.xml").xml;
      parts.addOverride("/xl/styles.xml", TYPES.styles);
    }
    return parts;
  }

  private readonly reserved = new Set<string>();

  private exists(path: string): boolean {
    return this.zip.has(path) || this.puts.has(path) || this.reserved.has(path);
  }

  private put(path: string, xml: string | Uint8Array | DeflatedPart): void {
    this.removals.delete(path);
    this.puts.set(path, xml);
  }

  private remove(path: string): void {
    this.puts.delete(path);
    this.removals.add(path);
    this.types = this.types.replace(
      new RegExp(`<Override\\b[^>]*PartName="/${escapeRegExp(path)}"[^>]*/>`),
      "",
    );
  }

  private addOverride(partName: string, type: string): void {
    this.types = withContentType(this.types, partName, type);
  }

  private freePart(pattern: (n: number) => string): string {
    let n = 1;
    while (this.exists(pattern(n))) n++;
    this.reserved.add(pattern(n));
    return pattern(n);
  }

  private sheetEntry(name: string): { index: number; relId: string } | null {
    let index = 0;
    for (const m of this.workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
      if (attribute(m[1], "name") === name) return { index, relId: attribute(m[1], "r:id") ?? "" };
      index++;
    }
    return null;
  }

  /** Removes a part's internal relationship targets (drawings, their charts, tables, printer settings), recursively. */
  private async dropDependents(part: string): Promise<void> {
    const relsPath = relsPathOf(part);
    const rels = this.removals.has(relsPath) ? null : await partText(this.zip, relsPath);
    if (rels === null) return;
    for (const rel of relationships(rels)) {
      if (rel.external) continue;
      const target = resolvePart(part, rel.target);
      if (this.removals.has(target) || !this.zip.has(target)) continue;
      await this.dropDependents(target);
      this.remove(target);
    }
    this.remove(relsPath);
  }

  /**
   * Writes one of the add-in's sheets: in place of the sheet of that name (same position), or as a new last sheet.
   * A replaced sheet's old tables, drawings and relationships go. Returns its charts, added once the package holds
   * the sheet.
   */
  async putSheet(spec: OutputSheet, lang: Lang, date1904: boolean): Promise<readonly ChartSpec[]> {
    const written = writeSheetXml(spec, lang, this.styles, date1904);
    const entry = this.sheetEntry(spec.name);
    let part: string;
    let index: number;
    if (entry) {
      const rel = relationships(this.workbookRels).find((r) => r.id === entry.relId);
      part = rel
        ? resolvePart("xl/workbook.xml", rel.target)
        : this.freePart((n) => `xl/worksheets/sheet${n}.xml`);
      index = entry.index;
      await this.dropDependents(part);
      this.removeSheetNames(index);
      this.dropCalcChain();
    } else {
      part = this.freePart((n) => `xl/worksheets/sheet${n}.xml`);
      index = [...this.workbook.matchAll(/<sheet\b/g)].length;
      const rel = withRelationship(this.workbookRels, RELS.worksheet, part.replace(/^xl\//, ""));
      this.workbookRels = rel.xml;
      const sheetIds = [...this.workbook.matchAll(/<sheet\b[^>]*?\ssheetId="(\d+)"/g)].map((m) =>
        Number(m[1]),
      );
      const sheetId = Math.max(0, ...sheetIds) + 1;
      const element = `<sheet name="${escapeAttr(spec.name)}" sheetId="${sheetId}" r:id="${rel.id}"/>`;
      this.workbook = /<sheets\s*\/>/.test(this.workbook)
        ? this.workbook.replace(/<sheets\s*\/>/, `<sheets>${element}</sheets>`)
        : this.workbook.replace("</sheets>", `${element}</sheets>`);
      if (!/<workbook\b[^>]*xmlns:r=/.test(this.workbook))
        this.workbook = this.workbook.replace(/<workbook\b/, `<workbook xmlns:r="${NS_REL}"`);
      this.addOverride(`/${part}`, TYPES.worksheet);
    }
    let sheetRels = `${XML_HEAD}<Relationships xmlns="${PKG_RELS}">`;
    written.tables.forEach((table, i) => {
      const name = this.uniqueTableName(table.name);
      const tablePart = this.freePart((n) => `xl/tables/table${n}.xml`);
      this.put(tablePart, tableXml({ ...table, name }, this.nextTableId++));
      this.addOverride(`/${tablePart}`, TYPES.table);
      sheetRels += `<Relationship Id="rIdT${i + 1}" Type="${RELS.table}" Target="../tables/${tablePart.slice("xl/tables/".length)}"/>`;
    });
    sheetRels += `</Relationships>`;
    this.put(part, written.xml);
    if (written.tables.length > 0) this.put(relsPathOf(part), sheetRels);
    const names = [
      `<definedName name="_xlnm.Print_Area" localSheetId="${index}">${escapeAttr(quotedSheet(spec.name))}!${written.printArea}</definedName>`,
    ];
    if (written.printTitles)
      names.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeAttr(quotedSheet(spec.name))}!${written.printTitles}</definedName>`,
      );
    this.addDefinedNames(names.join(""));
    return written.charts;
  }

  private uniqueTableName(name: string): string {
    let candidate = name;
    for (let n = 2; this.tableNames.has(candidate.toLowerCase()); n++) candidate = `${name}${n}`;
    this.tableNames.add(candidate.toLowerCase());
    return candidate;
  }

  private removeSheetNames(index: number): void {
    this.workbook = this.workbook.replace(
      /<definedName\b([^>]*)>[^<]*<\/definedName>/g,
      (m, attrs: string) =>
        attribute(attrs, "localSheetId") === String(index) &&
        /^_xlnm\.(Print_Area|Print_Titles|_FilterDatabase)$/.test(attribute(attrs, "name") ?? "")
          ? ""
          : m,
    );
  }

  private addDefinedNames(names: string): void {
    if (/<definedNames\s*\/>/.test(this.workbook)) {
      this.workbook = this.workbook.replace(/<definedNames\s*\/>/, `<definedNames>${names}</definedNames>`);
      return;
    }
    if (this.workbook.includes("</definedNames>")) {
      this.workbook = this.workbook.replace("</definedNames>", `${names}</definedNames>`);
      return;
    }
    const after = ["</externalReferences>", "</functionGroups>", "</sheets>"].find((tag) =>
      this.workbook.includes(tag),
    );
    if (after) this.workbook = this.workbook.replace(after, `${after}<definedNames>${names}</definedNames>`);
  }

  /** calcChain lists formula cells by sheet; Excel rebuilds it, and a stale one after a sheet is replaced is a repair. */
  private dropCalcChain(): void {
    if (this.calcChainDropped) return;
    this.calcChainDropped = true;
    const rel = relationships(this.workbookRels).find((r) => r.type === RELS.calcChain);
    if (!rel) return;
    this.remove(resolvePart("xl/workbook.xml", rel.target));
    this.workbookRels = this.workbookRels.replace(
      new RegExp(`<Relationship\\b[^>]*Id="${escapeRegExp(rel.id)}"[^>]*/>`),
      "",
    );
  }

  /**
   * Adds the round's rows to an existing record sheet. In an Excel table: right below its data rows, above its
   * totals row — what is below (the totals row, notes) moves down, as Excel's Insert Rows does — and the table and
   * its filter stretched over them. Without one: below the last row and below every merged range. Nothing is
   * written past Excel's last row.
   */
  async appendRecord(append: RecordAppend, lang: Lang, date1904: boolean): Promise<void> {
    const entry = this.sheetEntry(append.sheetName);
    const rel = entry ? relationships(this.workbookRels).find((r) => r.id === entry.relId) : undefined;
    if (!entry || !rel) return;
    const part = resolvePart("xl/workbook.xml", rel.target);
    let xml = (await partText(this.zip, part)) ?? "";
    const relsPath = relsPathOf(part);
    const sheetRels = relationships((await partText(this.zip, relsPath)) ?? "");
    const tableParts = sheetRels.filter((r) => r.type === RELS.table).map((r) => resolvePart(part, r.target));
    const placement = recordPlacement(append, tableParts.length === 0);
    const { headerRow, columns, newHeaders } = placement;
    const count = append.rows.length;
    const tables: { part: string; xml: string; ref: CellRange; totals: number }[] = [];
    for (const tablePart of tableParts) {
      const table = (await partText(this.zip, tablePart)) ?? "";
      const open = /<(?:\w+:)?table\b([^>]*)>/.exec(table);
      const ref = open ? parseRange(attribute(open[1], "ref") ?? "") : null;
      if (!open || !ref) continue;
      const totals = Number(attribute(open[1], "totalsRowCount") ?? 0) || 0;
      tables.push({ part: tablePart, xml: table, ref, totals });
    }
    const record = tables.find((t) => t.ref.r1 === headerRow);
    let start: number;
    let inserted = false;
    if (record) {
      // Rows typed right below a table belong to it (Excel stretches a table as one types under it), so the round
      // goes below them — unless a totals row or a merged range is in the way: then right after the data rows,
      // and whatever is below moves down.
      const dataEnd = record.ref.r2 - record.totals;
      start = Math.max(placement.firstRow, dataEnd + 1);
      const inTheWay = mergedRanges(xml).some(
        (m) => m.r2 > dataEnd && m.r1 < start + count && m.c1 <= record.ref.c2 && m.c2 >= record.ref.c1,
      );
      if (record.totals > 0 || inTheWay) {
        start = dataEnd + 1;
        const below = Math.max(lastRowOf(xml), append.lastRow);
        if (below >= start) {
          if (below + count > EXCEL_MAX_ROWS) throw tooManyRows(append.sheetName, count);
          xml = insertRows(xml, start, count);
          inserted = true;
        }
      }
    } else {
      start = placement.firstRow;
      for (const merge of mergedRanges(xml)) if (merge.r2 >= start) start = merge.r2 + 1;
    }
    const end = start + count - 1;
    if (end > EXCEL_MAX_ROWS) throw tooManyRows(append.sheetName, count);
    const added = new Map<number, AddedCell[]>();
    const cellsAt = (row: number) => {
      let list = added.get(row);
      if (!list) added.set(row, (list = []));
      return list;
    };
    const bold = this.styles.style({ font: { bold: true } });
    for (const { column, header } of newHeaders)
      cellsAt(headerRow).push({ column, xml: cellXml(null, header, bold, date1904) });
    const styleOf = RECORD_FIELDS.map((_, i) => {
      const format = numberFormat(append.columns[i].format, lang);
      return this.styles.style({
        numberFormat: format,
        ...(append.columns[i].wrap ? { wrap: true, vertical: "top" as const } : {}),
      });
    });
    // The record's fields in the order of their columns on the sheet (a team may have moved them).
    const placedFields = RECORD_FIELDS.flatMap((field, i) => {
      const column = columns[field];
      return column === undefined ? [] : [{ i, column }];
    }).sort((a, b) => a.column - b.column);
    append.rows.forEach((values, r) => {
      const cells = cellsAt(start + r);
      for (const { i, column } of placedFields)
        cells.push({ column, xml: cellXml(null, values[i] ?? null, styleOf[i], date1904) });
    });
    xml = mergeRows(xml, added);
    const last = Math.max(lastRowOf(xml), end);
    xml = xml.replace(/<dimension\b[^>]*\/>/, (m) => {
      const ref = /ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/.exec(m);
      if (!ref) return m;
      return `<dimension ref="${ref[1]}${ref[2]}:${ref[3] ?? ref[1]}${Math.max(Number(ref[4] ?? ref[2]), last)}"/>`;
    });
    this.put(part, new TextEncoder().encode(xml));
    for (const table of tables) {
      const { ref } = table;
      // The record's table grows by the new rows; a table below them moves down with its rows.
      const movesDown = record !== undefined && table !== record && ref.r1 >= start && inserted;
      if (table !== record && !movesDown) continue;
      const top = movesDown ? ref.r1 + count : ref.r1;
      const bottom = table === record && !inserted ? Math.max(ref.r2, end) : ref.r2 + count;
      const cols = (r1: number, r2: number) => `${columnLetter(ref.c1)}${r1}:${columnLetter(ref.c2)}${r2}`;
      let tableXmlText = table.xml.replace(
        /(<(?:\w+:)?table\b[^>]*?\sref=")[^"]+"/,
        (_m, head: string) => `${head}${cols(top, bottom)}"`,
      );
      tableXmlText = tableXmlText.replace(
        /(<(?:\w+:)?autoFilter\b[^>]*?\sref=")[^"]+"/,
        (_m, head: string) => `${head}${cols(top, bottom - table.totals)}"`,
      );
      this.put(table.part, tableXmlText);
    }
  }

  /** Puts every change into the package. Nothing here can fail half-way. */
  commit(): void {
    this.put("xl/workbook.xml", this.workbook);
    this.put("xl/_rels/workbook.xml.rels", this.workbookRels);
    if (this.styles.changed) this.put(this.stylesPart, this.styles.toXml());
    for (const path of this.removals) this.zip.remove(path);
    for (const [path, content] of this.puts) this.zip.put(path, content);
    this.zip.put("[Content_Types].xml", this.types);
  }
}

function tooManyRows(sheet: string, count: number): WorkbookWriteError {
  return new WorkbookWriteError(
    localized(
      `工作表“${sheet}”已用到 Excel 的最后一行（第 ${EXCEL_MAX_ROWS} 行），` +
        `放不下本轮的 ${count} 行记录；请删除表格下方多余的内容（或把旧记录移到另一个表）后再运行`,
      `sheet "${sheet}" reaches Excel's last row (${EXCEL_MAX_ROWS}): the round's ` +
        `${count} record rows do not fit; remove what is below the record (or move ` +
        "old rows to another sheet), then run again",
    ),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function columnOfRef(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    n = n * 26 + code - 64;
  }
  return n;
}

/** A cell to put into a sheet: its column (1-based) and its XML without a reference (`<c s="3"><v>1</v></c>`). */
export interface AddedCell {
  readonly column: number;
  readonly xml: string;
}

function withRef(cell: AddedCell, row: number): string {
  return `<c r="${columnLetter(cell.column)}${row}"${cell.xml.slice(2)}`;
}

/** A new row's cells in column order, each with its reference only where it does not follow the one before. */
function newRowXml(row: number, cells: readonly AddedCell[]): string {
  const sorted = [...cells].sort((a, b) => a.column - b.column);
  let previous = -1;
  let xml = "";
  for (const cell of sorted) {
    xml += cell.column === previous + 1 ? cell.xml : withRef(cell, row);
    previous = cell.column;
  }
  return `<row r="${row}">${xml}</row>`;
}

/** The highest row number in sheetData's body (a row without its number is the one after the row before). */
function highestRow(body: string): number {
  let highest = 0;
  let implicit = 0;
  for (const m of body.matchAll(/<row\b([^>]*)>/g)) {
    implicit = Number(attribute(m[1], "r") ?? implicit + 1);
    if (implicit > highest) highest = implicit;
  }
  return highest;
}

/**
 * Puts cells into a worksheet's sheetData: into the rows that exist (in column order, replacing a cell of the same
 * column), and as new rows in row order. Rows the user has are otherwise kept as they are.
 */
export function mergeRows(xml: string, added: ReadonlyMap<number, readonly AddedCell[]>): string {
  if (added.size === 0) return xml;
  const open = /<sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) return xml;
  const bodyStart = open.index + open[0].length;
  const bodyEnd = open[1] === "/" ? bodyStart : xml.indexOf("</sheetData>", bodyStart);
  const body = xml.slice(bodyStart, bodyEnd);
  const rowsIn = [...added.keys()].sort((a, b) => a - b);
  const out: string[] = [];
  let cursor = 0;
  let next = 0;
  let implicit = 0;
  const newRow = (r: number) => newRowXml(r, added.get(r) ?? []);
  // A round appended below every row there is (the usual case) needs no pass over the rows' cells.
  const rows = rowsIn[0] > highestRow(body) ? [] : body.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g);
  for (const m of rows) {
    const r = Number(attribute(m[1], "r") ?? implicit + 1);
    implicit = r;
    while (next < rowsIn.length && rowsIn[next] < r) {
      out.push(body.slice(cursor, m.index), newRow(rowsIn[next]));
      cursor = m.index;
      next++;
    }
    if (next < rowsIn.length && rowsIn[next] === r) {
      const adding = added.get(r) ?? [];
      const taken = new Set(adding.map((c) => c.column));
      const kept = withRefs(
        [...(m[2] ?? "").matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)].map((c) => c[0]),
        r,
      ).filter((c) => !taken.has(c.column));
      const cells = [...kept, ...adding.map((c) => ({ column: c.column, xml: withRef(c, r) }))]
        .sort((a, b) => a.column - b.column)
        .map((c) => c.xml);
      const attrs = m[1].replace(/\s+spans="[^"]*"/, "");
      out.push(body.slice(cursor, m.index), `<row${attrs}>${cells.join("")}</row>`);
      cursor = (m.index ?? 0) + m[0].length;
      next++;
    }
  }
  out.push(body.slice(cursor));
  while (next < rowsIn.length) out.push(newRow(rowsIn[next++]));
  const sheetData = `<sheetData>${out.join("")}</sheetData>`;
  return (
    xml.slice(0, open.index) +
    sheetData +
    xml.slice(open[1] === "/" ? bodyStart : bodyEnd + "</sheetData>".length)
  );
}

/** A row's cells, each with its column and its reference: a cell written without one follows the one before. */
function withRefs(cells: readonly string[], row: number): AddedCell[] {
  let column = 0;
  return cells.map((c) => {
    const ref = /^<c\b[^>]*?\sr="([A-Z]+)/.exec(c);
    if (ref) {
      column = columnOfRef(ref[1]);
      return { column, xml: c };
    }
    column++;
    return { column, xml: `<c r="${columnLetter(column)}${row}"${c.slice(2)}` };
  });
}
