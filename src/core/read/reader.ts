import { ColumnMapping, FIELDS, FIELD_LABELS, Field, headerKey } from "./fields";
import { CellValue, SheetGrid, WorkbookGrid, columnLetter, isCellError } from "./grid";
import { CellProblem, Household, Layout, SkippedRow } from "./household";
import { placeInAddress } from "./address";
import {
  AMOUNT_FIELDS,
  HEADER_SEARCH_ROWS,
  TableHeader,
  findHeader,
  isBlank,
  keyColumn,
  nearestHeader,
  overridesFor,
} from "./header";
import { LayoutContext, MonthColumn } from "./layout";
import { detectLayout, layoutReader } from "./layouts";
import { RowContext, fieldText, readCommon } from "./row";
import { isOutputSheetName } from "../output";
import { Localized, localized, normalizeKey, tidy } from "../text";
import { IsoDate, cellText, formatMonth } from "./values";

export { HEADER_SEARCH_ROWS } from "./header";
export { householdKey } from "./row";
export type { MonthColumn } from "./layout";

export interface ReadOptions {
  /** The as-of date: months whose end is before it are due. */
  readonly asOf: IsoDate;
  /** Read this sheet only instead of every sheet that holds an arrears table. */
  readonly sheet?: string;
  /** Read these sheets only (the command line's repeated --sheet, the pane's choice). */
  readonly sheets?: readonly string[];
  /** Column overrides from the user: field → Excel column letter (e.g. { amount: "F" }); "" unmaps a field. */
  readonly columns?: Partial<Record<Field, string>>;
  /** Force a layout instead of detecting it. */
  readonly layout?: Layout;
  /** Months looked back for paying habits (default 12). */
  readonly historyMonths?: number;
}

export interface MappedColumn {
  readonly field: Field;
  readonly column: string;
  readonly header: string;
}

export interface SheetCandidate {
  readonly sheet: string;
  readonly headerRow: number | null;
  readonly score: number;
  readonly reason: Localized;
}

/** How one sheet was read. */
export interface SheetRead {
  readonly sheet: string;
  readonly layout: Layout;
  readonly headerRow: number;
  readonly columns: readonly MappedColumn[];
  readonly monthColumns: readonly MonthColumn[];
  readonly households: number;
  /** The first text above the header (the sheet's title), "" if none. */
  readonly title: string;
}

/** What was done with one sheet of the workbook: read, or left and why. */
export interface SheetNote {
  readonly sheet: string;
  readonly read: boolean;
  readonly headerRow: number | null;
  readonly note: Localized;
}

export interface ReadResult {
  /** The best-matching sheet read (the first of `sheets`' reasons to be read); its layout, header and columns. */
  readonly sheet: string;
  readonly layout: Layout;
  readonly headerRow: number;
  readonly columns: readonly MappedColumn[];
  readonly monthColumns: readonly MonthColumn[];
  /** Every sheet read, in workbook order. */
  readonly sheets: readonly SheetRead[];
  /** Every sheet of the workbook and what was done with it. */
  readonly sheetNotes: readonly SheetNote[];
  readonly households: readonly Household[];
  readonly skipped: readonly SkippedRow[];
  readonly problems: readonly CellProblem[];
  readonly warnings: readonly Localized[];
  /** How every sheet scored, so the user can see why one was picked. */
  readonly candidates: readonly SheetCandidate[];
  readonly asOf: IsoDate;
  /** The first text above the header of the best sheet, "" if none. */
  readonly title: string;
}

export type ReadOutcome =
  | { readonly ok: true; readonly result: ReadResult }
  | { readonly ok: false; readonly error: Localized; readonly candidates: readonly SheetCandidate[] };

interface SheetTable {
  readonly sheet: SheetGrid;
  readonly header: TableHeader;
  readonly score: number;
  readonly order: number;
}

interface TableReading {
  readonly read: SheetRead;
  readonly households: Household[];
  readonly skipped: SkippedRow[];
  readonly problems: CellProblem[];
  readonly warnings: Localized[];
}

/**
 * Reads the arrears tables of a workbook: every sheet that holds one (or the sheets named), each with its own
 * header and layout; households keep the sheet they came from.
 */
export function readArrears(workbook: WorkbookGrid, options: ReadOptions): ReadOutcome {
  const candidates: SheetCandidate[] = [];
  const notes = new Map<string, SheetNote>();
  const named = [...(options.sheets ?? []), ...(options.sheet !== undefined ? [options.sheet] : [])];
  const missing = named.filter((n) => !workbook.sheets.some((s) => s.name === n));
  if (missing.length > 0) {
    const names = workbook.sheets.map((s) => s.name).join(", ");
    return {
      ok: false,
      candidates,
      error: localized(
        `没有名为“${missing[0]}”的工作表（现有：${names}）`,
        `there is no sheet named "${missing[0]}" (sheets: ${names})`,
      ),
    };
  }
  const note = (sheet: string, read: boolean, headerRow: number | null, zh: string, en: string) =>
    notes.set(sheet, { sheet, read, headerRow, note: localized(zh, en) });
  const tables: SheetTable[] = [];
  const looked: SheetGrid[] = [];
  workbook.sheets.forEach((sheet, order) => {
    if (named.length > 0 && !named.includes(sheet.name)) {
      note(
        sheet.name,
        false,
        null,
        "未选择：只读取了指定的工作表",
        "not chosen: only the sheets named were read",
      );
      return;
    }
    // The add-in's own sheets are never taken for the user's arrears sheet unless named, nor listed: the report
    // is about the user's sheets, and a run on its own output reports the same.
    if (named.length === 0 && isOutputSheetName(sheet.name)) return;
    looked.push(sheet);
    const header = findHeader(sheet, workbook.date1904, options.asOf, overridesFor(sheet, options.columns));
    if (header === null) {
      const near = nearestHeader(sheet, overridesFor(sheet, options.columns));
      candidates.push({
        sheet: sheet.name,
        // The row most like a header, so that the pane can offer its columns to map.
        headerRow: near ? sheet.firstRow + near.rowIndex : null,
        score: 0,
        reason: near
          ? localized(
              `未找到含房号（或户号）和欠费信息的表头；第 ${sheet.firstRow + near.rowIndex} 行最接近`,
              "no header with a room (or account) column and arrears columns; row " +
                `${sheet.firstRow + near.rowIndex} comes nearest`,
            )
          : localized("未找到含房号和欠费信息的表头", "no header with a room column and arrears columns"),
      });
      note(
        sheet.name,
        false,
        null,
        "没有欠费表（未找到含房号或户号和欠费信息的表头）",
        "no arrears table (no header with a room or account and what is owed)",
      );
      return;
    }
    // Hidden sheets lose ties: people keep lookups and old copies there.
    const score = header.score - (sheet.hidden ? 0.5 : 0);
    const headerRow = sheet.firstRow + header.rowIndex;
    const keys = Object.keys(header.mapping).length;
    candidates.push({
      sheet: sheet.name,
      headerRow,
      score,
      reason: localized(
        `第 ${headerRow} 行为表头，识别出 ${keys} 列${header.months.length ? `和 ${header.months.length} 个月份列` : ""}`,
        `header at row ${headerRow}: ${keys} known columns${header.months.length ? ` and ${header.months.length} month columns` : ""}`,
      ),
    });
    tables.push({ sheet, header, score, order });
  });
  if (tables.length === 0) return { ok: false, candidates, error: nothingFound(looked, options) };

  // Hidden sheets are read only when named, or when nothing visible holds a table.
  const visible = tables.filter((t) => !t.sheet.hidden);
  const chosen = named.length > 0 || visible.length === 0 ? tables : visible;
  for (const t of tables) {
    if (!chosen.includes(t)) {
      note(
        t.sheet.name,
        false,
        t.sheet.firstRow + t.header.rowIndex,
        "隐藏的工作表，未读取（可用 --sheet 指定）",
        "hidden sheet, not read (name it with --sheet to read it)",
      );
    }
  }
  // The best table first, so that when two sheets are two views of the same households the better one is kept.
  const byScore = [...chosen].sort((a, b) => b.score - a.score || a.order - b.order);
  const readings: { table: SheetTable; reading: TableReading }[] = [];
  for (const table of byScore) {
    const reading = readTable(table.sheet, table.header, workbook.date1904, options);
    const headerRow = reading.read.headerRow;
    if (reading.households.length === 0) {
      note(
        table.sheet.name,
        false,
        headerRow,
        `第 ${headerRow} 行为表头，但下面没有住户`,
        `header at row ${headerRow} but no households below it`,
      );
      continue;
    }
    const same =
      named.length === 0
        ? readings.find((r) => sameHouseholds(r.reading.households, reading.households))
        : undefined;
    if (same) {
      note(
        table.sheet.name,
        false,
        headerRow,
        `与工作表“${same.table.sheet.name}”是同一批住户（房号与业主或金额相同），` +
          "未重复读取；可用 --sheet 指定",
        `the same households as sheet "${same.table.sheet.name}" (same rooms with ` +
          "the same owners or amounts), not read twice; name it with --sheet to read " +
          "it",
      );
      continue;
    }
    readings.push({ table, reading });
  }
  if (readings.length === 0) {
    const first = byScore[0];
    return {
      ok: false,
      candidates,
      error: localized(
        `工作表“${first.sheet.name}”第 ${first.sheet.firstRow + first.header.rowIndex} 行的表头下没有住户`,
        `no households below the header at row ${first.sheet.firstRow + first.header.rowIndex} ` +
          `of sheet "${first.sheet.name}"`,
      ),
    };
  }
  const best = readings[0].reading;
  readings.sort((a, b) => a.table.order - b.table.order);
  for (const { reading } of readings) {
    const r = reading.read;
    note(
      r.sheet,
      true,
      r.headerRow,
      `已读取：${layoutReader(r.layout).label["zh-CN"]}，表头第 ${r.headerRow} 行，${r.households} 户`,
      `read: ${layoutReader(r.layout).label["en-US"]}, header at row ${r.headerRow}, ` +
        `${r.households} households`,
    );
  }
  const households = keepSheetsApart(readings.map((r) => r.reading.households));
  return {
    ok: true,
    result: {
      sheet: best.read.sheet,
      layout: best.read.layout,
      headerRow: best.read.headerRow,
      columns: best.read.columns,
      monthColumns: best.read.monthColumns,
      sheets: readings.map((r) => r.reading.read),
      sheetNotes: workbook.sheets
        .map((s) => notes.get(s.name))
        .filter((n): n is SheetNote => n !== undefined),
      households,
      skipped: readings.flatMap((r) => r.reading.skipped),
      problems: readings.flatMap((r) => r.reading.problems),
      warnings: readings.flatMap((r) => r.reading.warnings),
      candidates,
      asOf: options.asOf,
      title: best.read.title,
    },
  };
}

/** Two sheets are two views of one list when most households of the smaller are in the larger, same owner or amount. */
function sameHouseholds(a: readonly Household[], b: readonly Household[]): boolean {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const byKey = new Map(large.map((h) => [h.key, h]));
  let same = 0;
  for (const h of small) {
    const other = byKey.get(h.key);
    if (!other) continue;
    const owner = h.owner !== "" && normalizeKey(h.owner) === normalizeKey(other.owner);
    const amount = h.amountOverdue !== null && h.amountOverdue === other.amountOverdue && h.amountOverdue > 0;
    if (owner || amount) same++;
  }
  return same > 0 && same >= small.length / 2;
}

/** A room met on two sheets (1栋 and 2栋 both with a 101) is two households: each keeps its sheet in key and label. */
function keepSheetsApart(perSheet: readonly Household[][]): Household[] {
  if (perSheet.length < 2) return perSheet[0] ?? [];
  const sheetsOf = new Map<string, Set<string>>();
  for (const list of perSheet)
    for (const h of list) {
      const seen = sheetsOf.get(h.key) ?? new Set<string>();
      seen.add(h.sheet);
      sheetsOf.set(h.key, seen);
    }
  return perSheet
    .flat()
    .map((h) =>
      (sheetsOf.get(h.key)?.size ?? 0) > 1
        ? { ...h, key: `${h.sheet}§${h.key}`, label: `${h.sheet} ${h.label}` }
        : h,
    );
}

/** The one-line refusal: the best candidate header row, what was found there and what is lacking, how to map it. */
function nothingFound(sheets: readonly SheetGrid[], options: ReadOptions): Localized {
  const where = sheets.length === 1 ? `“${sheets[0]?.name ?? ""}”` : `${sheets.length} 个工作表`;
  const whereEn =
    sheets.length === 1 ? `sheet "${sheets[0]?.name ?? ""}"` : `any of the ${sheets.length} sheets`;
  let nearest: { sheet: SheetGrid; rowIndex: number; mapping: ColumnMapping; fields: Field[] } | null = null;
  for (const sheet of sheets) {
    const found = nearestHeader(sheet, overridesFor(sheet, options.columns));
    if (found && (nearest === null || Object.keys(found.mapping).length > nearest.fields.length)) {
      nearest = { sheet, ...found, fields: FIELDS.filter((f) => found.mapping[f] !== undefined) };
    }
  }
  const base = localized(
    `在${where}的前 ${HEADER_SEARCH_ROWS} 行中没有找到欠费表：需要“房号”或“户号”列，` +
      "以及“欠费金额”“欠费月数”、每月一列的月份列或“应收/实收”列之一",
    `no arrears table found in the first ${HEADER_SEARCH_ROWS} rows of ${whereEn}: ` +
      "it needs a room/unit or account column and an amount, months-overdue, per-month " +
      "or billed/paid column",
  );
  if (nearest === null) {
    return localized(
      `${base["zh-CN"]}；可用 --column room=A 等指定各列（任务窗格：各字段的列下拉框）`,
      `${base["en-US"]}; say which column is which with --column room=A etc. (task ` +
        "pane: the column dropdowns)",
    );
  }
  const row = nearest.sheet.firstRow + nearest.rowIndex;
  const fields = nearest.fields;
  const lacking: Field[] = [];
  if (!fields.some((f) => f === "room" || f === "account")) lacking.push("room");
  if (!fields.some((f) => AMOUNT_FIELDS.includes(f))) lacking.push("amount");
  const headerCells = nearest.sheet.rows[nearest.rowIndex] ?? [];
  const mapped = new Set(Object.values(nearest.mapping));
  const freeColumn = headerCells.findIndex((c, i) => !isBlank(c) && !mapped.has(i));
  const example = columnLetter(nearest.sheet.firstColumn + Math.max(0, freeColumn));
  const zhFound = fields.map((f) => FIELD_LABELS[f]["zh-CN"]).join("、") || "无";
  const enFound = fields.map((f) => FIELD_LABELS[f]["en-US"]).join(", ") || "none";
  return localized(
    `${base["zh-CN"]}。最接近的表头：“${nearest.sheet.name}”第 ${row} 行，` +
      `识别出 ${zhFound}，缺少 ${lacking.map((f) => FIELD_LABELS[f]["zh-CN"]).join("、")}；` +
      `可用 --column ${lacking[0]}=${example} 指定（任务窗格：各字段的列下拉框）`,
    `${base["en-US"]}. Nearest header: sheet "${nearest.sheet.name}" row ${row}, ` +
      `found ${enFound}, lacking ${lacking.map((f) => FIELD_LABELS[f]["en-US"]).join(", ")}; ` +
      `say which column with --column ${lacking[0]}=${example} (task pane: the column ` +
      "dropdowns)",
  );
}

const TOTAL_WORDS = /^(合计|总计|小计|共计|总合计|累计合计|本页合计|total|totals|grandtotal|subtotal|sum)/;
/** A cheap test before normalising: the first characters of every totals word, in any script or width. */
const MAYBE_TOTAL = /[合總总小共累本計计ｔＴｓＳtTsS]/;

function readTable(
  sheet: SheetGrid,
  header: TableHeader,
  date1904: boolean,
  options: ReadOptions,
): TableReading {
  const warnings: Localized[] = [];
  const reader = options.layout ? layoutReader(options.layout) : detectLayout(sheet, header, date1904);
  const layout = reader.name as Layout;
  const headerRow = sheet.firstRow + header.rowIndex;
  const letter = (index: number) => columnLetter(sheet.firstColumn + index);
  const headerCells = sheet.rows[header.rowIndex] ?? [];
  const mapping = header.mapping;
  const columns: MappedColumn[] = FIELDS.filter((f) => mapping[f] !== undefined).map((field) => ({
    field,
    column: letter(mapping[field] as number),
    header: tidy(cellText(headerCells[mapping[field] as number] ?? null)),
  }));
  const monthColumns: MonthColumn[] =
    layout === "monthly"
      ? header.months.map((m) => ({
          column: letter(m.index),
          month: m.month,
          header: tidy(cellText(headerCells[m.index] ?? null)) || formatMonth(m.month),
        }))
      : [];
  if (layout === "monthly" && monthColumns.length === 0) {
    warnings.push(
      localized("按月布局但未找到月份列", "monthly layout forced but no month columns were found"),
    );
  }
  const rowCtx: RowContext = { sheet, date1904, problems: [] };
  const ctx: LayoutContext = {
    ...rowCtx,
    problems: rowCtx.problems,
    header,
    monthColumns,
    asOf: options.asOf,
    historyMonths: options.historyMonths ?? 12,
    warnings,
  };
  const skipped: SkippedRow[] = [];
  const tableColumns = new Set<number>([...Object.values(mapping), ...header.months.map((m) => m.index)]);
  const tableColumnList = [...tableColumns];
  const firstTableColumn = Math.min(...tableColumns);
  // A totals word sits in the first columns of the table, or to the left of it.
  const totalsColumns = [...tableColumnList]
    .sort((a, b) => a - b)
    .slice(0, 6)
    .concat(Array.from({ length: Math.max(0, firstTableColumn) }, (_, i) => i));
  const keyIndex = keyColumn(mapping) as number;
  const byAccount = mapping.room === undefined;
  const keyField: Field = byAccount ? "account" : "room";
  const placeColumns = [mapping.room, mapping.building, mapping.unit, mapping.account, mapping.address];
  const dataColumns = tableColumnList.filter((c) => !placeColumns.includes(c));
  const keyHeader = headerKey(headerCells[keyIndex] ?? null);
  const builder = reader.start(ctx);
  let carriedBuilding = "";
  let carriedUnit = "";
  for (let r = header.rowIndex + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const excelRow = sheet.firstRow + r;
    const skip = (zh: string, en: string) =>
      skipped.push({ sheet: sheet.name, row: excelRow, reason: localized(zh, en) });
    if (row.every((c) => isBlank(c))) continue;
    const inTable = tableColumnList.some((c) => !isBlank(row[c] ?? null));
    if (!inTable) {
      skip(
        "表格各列均为空，内容在表格之外（说明或备注？）",
        "nothing in the table's columns; text beside the table (a note?)",
      );
      continue;
    }
    const totals = totalsColumns.some((c) => {
      const cell = row[c] ?? null;
      // Most cells are numbers or plain text: normalise only what might be a totals word.
      return typeof cell === "string" && MAYBE_TOTAL.test(cell) && TOTAL_WORDS.test(normalizeKey(cell));
    });
    if (totals) {
      skip("合计行，不是住户", "a totals row, not a household");
      continue;
    }
    const keyCell: CellValue = row[keyIndex] ?? null;
    if (keyHeader && headerKey(keyCell) === keyHeader) {
      skip("重复的表头行", "a repeated header row");
      continue;
    }
    const building = fieldText(row, mapping.building);
    const unit = fieldText(row, mapping.unit);
    // Merged or "filled down" building and unit cells leave the cells below them empty.
    if (building) carriedBuilding = building;
    if (unit) carriedUnit = unit;
    const key = tidy(cellText(keyCell));
    if (isCellError(keyCell) || key === "") {
      const column = letter(keyIndex);
      skip(
        byAccount ? `户号为空（${column} 列），无法识别住户` : `房号为空（${column} 列），无法识别住户`,
        byAccount
          ? `no account number in column ${column}, so no household`
          : `no room number in column ${column}, so no household`,
      );
      continue;
    }
    if (dataColumns.length > 0 && dataColumns.every((c) => isBlank(row[c] ?? null))) {
      skip(
        `只有${FIELD_LABELS[keyField]["zh-CN"]}一列有内容（分组标题或空行？）`,
        byAccount
          ? "only the account column is filled (a section label?)"
          : "only the room column is filled (a section label?)",
      );
      continue;
    }
    const address = fieldText(row, mapping.address);
    const place = byAccount ? placeInAddress(address) : { building: "", unit: "", room: "" };
    const reading = readCommon(
      row,
      excelRow,
      mapping,
      ctx,
      {
        building: building || carriedBuilding || place.building,
        unit: unit || carriedUnit || place.unit,
        room: byAccount ? place.room : key,
        account: byAccount ? key : fieldText(row, mapping.account),
        address,
      },
      !reader.statusIsBillState,
    );
    const refused = builder.addRow(row, { ...reading, keyedByAccount: byAccount });
    if (refused) skip(refused["zh-CN"], refused["en-US"]);
  }
  const households = builder.finish();
  return {
    read: {
      sheet: sheet.name,
      layout,
      headerRow,
      columns,
      monthColumns,
      households: households.length,
      title: titleAbove(sheet, header.rowIndex),
    },
    households,
    skipped,
    problems: ctx.problems,
    warnings,
  };
}

function titleAbove(sheet: SheetGrid, rowIndex: number): string {
  for (let r = 0; r < rowIndex; r++) {
    for (const cell of sheet.rows[r] ?? []) {
      if (typeof cell === "string" && cell.trim() !== "") return tidy(cell);
    }
  }
  return "";
}

/** The estate's name from a title such as "锦绣花园 2025年物业费缴费台账" or "锦绣花园二期欠费汇总表"; "" if unclear. */
export function estateFromTitle(title: string): string {
  const m = /^(.+?)(?:\s|\d{4}|物业|欠费|缴费|收费|台账|管理费|[（(]|$)/.exec(title.normalize("NFKC"));
  const name = m ? m[1].trim() : "";
  // Only a Chinese name: an English title's first word ("Delinquency Report") is rarely the estate.
  return name.length >= 2 && name.length <= 20 && !/[:：]/.test(name) && /\p{Script=Han}/u.test(name)
    ? name
    : "";
}
