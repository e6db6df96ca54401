import type ExcelJS from "exceljs";
import { CellValue, PlacedCell, SheetGrid, WorkbookGrid, trimmedRows } from "../core/read/grid";
import { CsvError, parseCsv, decodeText } from "./csv";
import { ZipDamage, ZipFormatError, checkEntries, duplicateNames } from "../ooxml/zip-check";
import { ZipPackage } from "../ooxml/zip-package";
import { xmlDamage, xmlPartText } from "./xml-check";

/**
 * ExcelJS, loaded when a .csv or the readers' comparison needs it: the .xlsx path never does, and loading it cost
 * a second and more of every run.
 */
function excelJs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("exceljs") as typeof ExcelJS;
}

/** A file that cannot be read, with one line a collection manager can act on. */
export class WorkbookOpenError extends Error {
  /** The message in Chinese (zh-CN); `message` is the English one. */
  readonly zh: string;

  constructor(message: string, zh: string = message) {
    super(message.replace(/\s*\n\s*/g, " "));
    this.name = "WorkbookOpenError";
    this.zh = zh.replace(/\s*\n\s*/g, " ");
  }

  /** The message in the user's language. */
  text(lang: "zh-CN" | "en-US"): string {
    return lang === "zh-CN" ? this.zh : this.message;
  }
}

export interface OpenedWorkbook {
  readonly workbook: ExcelJS.Workbook;
  readonly grid: WorkbookGrid;
  readonly warnings: string[];
}

/** Limits that keep a hostile file from exhausting memory: checked from the zip directory, before inflating. */
const MAX_PART_BYTES = 200 * 1024 * 1024;
const MAX_TOTAL_BYTES = 500 * 1024 * 1024;
/** A data validation or merge over more cells than this is narrowed: ExcelJS expands them cell by cell. */
const MAX_RANGE_CELLS = 200_000;

/** Opens .xlsx/.xlsm bytes, or .csv text, as a workbook and its grid. */
export async function openWorkbookFile(
  data: Uint8Array | ArrayBuffer,
  fileName: string,
): Promise<OpenedWorkbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (/\.csv$/i.test(fileName)) return openCsv(bytes, fileName);
  return openXlsx(bytes, fileName);
}

/** The grid of a .csv's bytes (one sheet named after the file); a CSV that cannot be read is refused with its line. */
export function openCsvGrid(bytes: Uint8Array, fileName: string): { grid: WorkbookGrid } {
  const name =
    fileName
      .replace(/^.*[\\/]/, "")
      .replace(/\.csv$/i, "")
      .replace(/[[\]:*?/\\]/g, "_")
      .slice(0, 31) || "CSV";
  try {
    return { grid: { sheets: [parseCsv(decodeText(bytes), name)], date1904: false } };
  } catch (error) {
    if (error instanceof CsvError)
      throw new WorkbookOpenError(
        `${fileName.replace(/^.*[\\/]/, "")}: ${error.message}`,
        `${fileName.replace(/^.*[\\/]/, "")}：${error.zh}`,
      );
    throw error;
  }
}

/** A .csv as an ExcelJS workbook and its grid (to compare the readers). */
function openCsv(bytes: Uint8Array, fileName: string): OpenedWorkbook {
  const { grid } = openCsvGrid(bytes, fileName);
  const sheet = grid.sheets[0];
  const workbook = new (excelJs().Workbook)();
  const ws = workbook.addWorksheet(sheet.name);
  for (const row of sheet.rows)
    ws.addRow(row.map((v) => (v instanceof Date || typeof v !== "object" ? v : null)));
  return { workbook, grid, warnings: [] };
}

/**
 * The package of .xlsx bytes, checked (a workbook, not encrypted, not a zip bomb) and repaired so that its parts
 * are where and as SpreadsheetML says (see repairPackage). `forObjectModel` also narrows whole-sheet ranges,
 * which only ExcelJS's object model needs. The package keeps the texts read until its `release`: the caller reads
 * the sheets next, and each is then inflated and decoded once.
 */
export async function loadPackage(
  data: Uint8Array,
  fileName: string,
  warnings: string[],
  forObjectModel: boolean,
): Promise<ZipPackage> {
  const base = fileName.replace(/^.*[\\/]/, "");
  refuseNonZip(data, base);
  let zip: ZipPackage;
  try {
    zip = ZipPackage.read(data);
  } catch (error) {
    if (!(error instanceof ZipFormatError)) throw error;
    throw new WorkbookOpenError(
      `${base}: not an Excel workbook (the file is damaged or is not .xlsx)`,
      `${base}：不是 Excel 工作簿（文件已损坏，或不是 .xlsx）`,
    );
  }
  checkSizes(zip, base);
  if (zip.has("xl/workbook.bin") || /\.xlsb$/i.test(base))
    throw new WorkbookOpenError(
      `${base}: this is an Excel binary workbook (.xlsb); open it in Excel or WPS ` +
        "and save it as .xlsx (Excel Workbook), then run again",
      `${base}：这是 Excel 二进制工作簿（.xlsb）；请用 Excel 或 WPS 打开，` +
        "另存为 .xlsx（Excel 工作簿）后再运行",
    );
  const twice = duplicateNames(data);
  if (twice.length > 0)
    throw new WorkbookOpenError(
      `${base}: the file holds two parts named ${twice[0]}, so it is not clear ` +
        "which one is the workbook's; it is damaged or was tampered with — open it " +
        "in Excel or WPS and save it again as .xlsx",
      `${base}：文件里有两个同名部件 ${twice[0]}，无法确定哪个才是工作簿的内容；` +
        "文件已损坏或被改动过——请用 Excel 或 WPS 打开并重新另存为 .xlsx",
    );
  zip.keep();
  let over: ReturnType<typeof checkEntries>;
  try {
    over = checkEntries(zip, { part: MAX_PART_BYTES, total: MAX_TOTAL_BYTES });
  } catch (error) {
    if (!(error instanceof ZipDamage)) throw error;
    throw new WorkbookOpenError(
      `${base}: the file is damaged (${error.message}); open it in Excel or WPS ` +
        "and save it again as .xlsx, or use an undamaged copy",
      `${base}：文件已损坏（${error.message}）；请用 Excel 或 WPS 打开并重新另存为 .xlsx，或换一份完好的副本`,
    );
  }
  if (over) throw tooBig(base, over.over === "part" ? MAX_PART_BYTES : MAX_TOTAL_BYTES);
  await repairPackage(zip, base, warnings, forObjectModel);
  await refuseDamagedParts(zip, base);
  return zip;
}

export async function openXlsx(data: Uint8Array | ArrayBuffer, fileName: string): Promise<OpenedWorkbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const base = fileName.replace(/^.*[\\/]/, "");
  const warnings: string[] = [];
  const zip = await loadPackage(bytes, fileName, warnings, true);
  zip.release();
  const repaired = zip.save(1);
  const workbook = new (excelJs().Workbook)();
  try {
    await workbook.xlsx.load(repaired as unknown as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new WorkbookOpenError(
      `${base}: this workbook could not be read (${reason}); open it in Excel or ` +
        "WPS and save it again as .xlsx",
      `${base}：无法读取这个工作簿（${reason}）；请用 Excel 或 WPS 打开并重新另存为 .xlsx`,
    );
  }
  const date1904 = usesDate1904(zip);
  return { workbook, grid: workbookToGrid(workbook, warnings, date1904), warnings };
}

function refuseNonZip(bytes: Uint8Array, base: string): void {
  if (bytes.length === 0) throw new WorkbookOpenError(`${base}: the file is empty`, `${base}：文件是空的`);
  const isCfb =
    bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (isCfb) {
    if (containsUtf16(bytes, "EncryptedPackage")) {
      throw new WorkbookOpenError(
        `${base}: the workbook is protected by a password; open it in Excel, remove ` +
          "the password (File → Info → Protect Workbook → Encrypt with Password, clear " +
          "it) and save, then run again",
        `${base}：工作簿设有打开密码；请在 Excel 中打开，删除密码（文件 → 信息 → ` +
          "保护工作簿 → 用密码进行加密，清空）并保存后再运行",
      );
    }
    throw new WorkbookOpenError(
      `${base}: this is an old .xls workbook; open it in Excel, WPS or LibreOffice ` +
        "and save it as .xlsx (Excel Workbook), then run again",
      `${base}：这是旧版 .xls 工作簿；请用 Excel、WPS 或 LibreOffice 打开，` +
        "另存为 .xlsx（Excel 工作簿）后再运行",
    );
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    throw new WorkbookOpenError(
      `${base}: not an Excel workbook (an .xlsx file is expected; save the sheet as .xlsx)`,
      `${base}：不是 Excel 工作簿（需要 .xlsx 文件；请把表格另存为 .xlsx）`,
    );
  }
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Every XML part well-formed, or the file refused naming the part (and its sheet): nothing damaged is read around or copied on. */
async function refuseDamagedParts(zip: ZipPackage, base: string): Promise<void> {
  for (const name of zip.names()) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    const damage = xmlDamage(xmlText(zip, name));
    if (damage === null) continue;
    const sheet = await sheetOfPart(zip, name);
    throw new WorkbookOpenError(
      `${base}: the part ${name}${sheet ? ` (sheet "${sheet}")` : ""} is damaged: ${damage}; open the file in Excel or WPS and save it again as .xlsx, or use an undamaged copy`,
      `${base}：部件 ${name}${sheet ? `（工作表“${sheet}”）` : ""}已损坏（${damage}）；请用 Excel 或 WPS 打开并重新另存为 .xlsx，或换一份完好的副本`,
    );
  }
}

/** A part's text as its first bytes say (see xmlPartText); a UTF-8 part's through the package, which keeps it. */
function xmlText(zip: ZipPackage, name: string): string {
  const text = zip.text(name) ?? "";
  // UTF-16, with or without a byte-order mark: its first bytes decoded as UTF-8 are U+FFFD or NUL.
  if (text.charCodeAt(0) === 0xfffd || text.charCodeAt(0) === 0 || text.charCodeAt(1) === 0)
    return xmlPartText(zip.bytes(name) ?? new Uint8Array(0));
  return text;
}

async function sheetOfPart(zip: ZipPackage, part: string): Promise<string | null> {
  const workbook = zip.text("xl/workbook.xml") ?? "";
  const rels = zip.text("xl/_rels/workbook.xml.rels") ?? "";
  const target = part.replace(/^xl\//, "");
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const t = /Target="\/?(?:xl\/)?([^"]+)"/.exec(m[0])?.[1];
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    if (t !== target || !id) continue;
    for (const s of workbook.matchAll(/<sheet\b[^>]*>/g))
      if (s[0].includes(`"${id}"`)) return /name="([^"]*)"/.exec(s[0])?.[1] ?? null;
  }
  return null;
}

function notAWorkbook(base: string): WorkbookOpenError {
  return new WorkbookOpenError(
    `${base}: a zip file, but not an Excel workbook`,
    `${base}：是 zip 压缩文件，但不是 Excel 工作簿`,
  );
}

function tooBig(base: string, limit: number): WorkbookOpenError {
  return new WorkbookOpenError(
    `${base}: the file unpacks to more than ${Math.round(limit / 1024 / 1024)} ` +
      "MB, far beyond any arrears sheet; refused",
    `${base}：文件解压后超过 ${Math.round(limit / 1024 / 1024)} MB，远超任何欠费台账；已拒绝`,
  );
}

/** The sizes the central directory declares, checked before anything is inflated. */
function checkSizes(zip: ZipPackage, base: string): void {
  let total = 0;
  for (const name of zip.allNames()) {
    const size = zip.declaredSize(name);
    total += size;
    if (size > MAX_PART_BYTES || total > MAX_TOTAL_BYTES) {
      throw tooBig(base, size > MAX_PART_BYTES ? MAX_PART_BYTES : MAX_TOTAL_BYTES);
    }
  }
}

/**
 * Makes a package that Excel opens readable by ExcelJS, without changing its content:
 * - backslash paths in the zip (some Chinese HR and ERP exports) → forward slashes;
 * - a workbook kept outside xl/ (found through _rels/.rels) → moved to xl/;
 * - SpreadsheetML or document properties written with a namespace prefix (Tencent Docs: ns2:workbook; WPS: ap:Properties)
 *   → the same namespace as the default, since ExcelJS matches unprefixed names;
 * - data validations and merges over whole sheets, which ExcelJS expands cell by cell → narrowed to the used range.
 */
async function repairPackage(
  zip: ZipPackage,
  base: string,
  warnings: string[],
  forObjectModel: boolean,
): Promise<void> {
  for (const name of zip.allNames()) {
    if (!name.includes("\\")) continue;
    if (zip.isDir(name)) zip.remove(name);
    else zip.rename(name, name.replace(/\\/g, "/"));
  }
  moveWorkbookToXl(zip, base);
  for (const name of zip.names()) {
    if (!/(^docProps\/.*\.xml|^xl\/[^/]+\.xml|^xl\/worksheets\/[^/]+\.xml)$/.test(name)) continue;
    const xml = zip.text(name) ?? "";
    let fixed = name === "docProps/core.xml" ? prefixCoreProperties(xml) : unprefixRoot(xml);
    if (forObjectModel && name.startsWith("xl/worksheets/")) fixed = narrowHugeRanges(fixed, name, warnings);
    if (fixed !== xml) zip.put(name, fixed);
  }
}

function moveWorkbookToXl(zip: ZipPackage, base: string): void {
  const relsXml = zip.text("_rels/.rels");
  if (relsXml === null) {
    if (!zip.has("xl/workbook.xml")) throw notAWorkbook(base);
    return;
  }
  const target = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(relsXml)?.[0];
  const path = target ? /Target="\/?([^"]+)"/.exec(target)?.[1] : undefined;
  if (!path || path === "xl/workbook.xml") {
    if (!zip.has("xl/workbook.xml")) throw notAWorkbook(base);
    return;
  }
  if (!zip.has(path)) throw notAWorkbook(base);
  const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  for (const name of zip.names()) {
    if (
      !name.startsWith(folder) ||
      (folder === "" &&
        (name.startsWith("_rels/") || name.startsWith("docProps/") || name === "[Content_Types].xml"))
    )
      continue;
    const rest = name.slice(folder.length);
    const moved =
      rest === path.slice(folder.length)
        ? "xl/workbook.xml"
        : rest === `_rels/${path.slice(folder.length)}.rels`
          ? "xl/_rels/workbook.xml.rels"
          : `xl/${rest}`;
    zip.rename(name, moved);
  }
  zip.put(
    "_rels/.rels",
    relsXml
      .replace(`Target="${path}"`, 'Target="xl/workbook.xml"')
      .replace(`Target="/${path}"`, 'Target="/xl/workbook.xml"'),
  );
  const xml = zip.text("[Content_Types].xml");
  if (xml !== null) {
    zip.put(
      "[Content_Types].xml",
      xml.replace(/PartName="\/([^"]+)"/g, (m, part: string) => {
        if (!part.startsWith(folder)) return m;
        const rest = part.slice(folder.length);
        return `PartName="/${rest === path.slice(folder.length) ? "xl/workbook.xml" : `xl/${rest}`}"`;
      }),
    );
  }
}

/** Namespaces ExcelJS reads by unprefixed element names. Core properties (cp:, dc:) are read prefixed and stay. */
const DEFAULT_NAMESPACES = [
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
];

/** `<ns2:workbook xmlns:ns2="…main">…` → `<workbook xmlns="…main">…`, when the root has no default namespace. */
export function unprefixRoot(xml: string): string {
  // The root element is near the top: a 50 MB sheet need not be copied to find it.
  const root = /<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?\b([^>]*)>/.exec(
    xml.slice(0, 65_536).replace(/<\?[^>]*\?>|<!--[\s\S]*?-->/g, ""),
  );
  if (!root || root[2] === undefined) return xml;
  const [, prefix, , attributes] = root;
  const uri = new RegExp(`\\sxmlns:${prefix}="([^"]*)"`).exec(attributes)?.[1];
  if (!uri || !DEFAULT_NAMESPACES.includes(uri) || /\sxmlns="/.test(attributes)) return xml;
  return xml
    .replace(new RegExp(`<${prefix}:`, "g"), "<")
    .replace(new RegExp(`</${prefix}:`, "g"), "</")
    .replace(new RegExp(`xmlns:${prefix}="`), 'xmlns="');
}

const CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";

/** The reverse case: core properties in the default namespace (WPS: <coreProperties xmlns="…">), where ExcelJS reads cp:. */
export function prefixCoreProperties(xml: string): string {
  if (!xml.includes(`xmlns="${CORE_PROPERTIES}"`)) return xml;
  return xml
    .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s>/])/g, (m, slash: string, name: string) => `<${slash}cp:${name}`)
    .replace(
      new RegExp(`\\sxmlns="${CORE_PROPERTIES}"`),
      xml.includes(`xmlns:cp="${CORE_PROPERTIES}"`) ? "" : ` xmlns:cp="${CORE_PROPERTIES}"`,
    );
}

function decodeRange(ref: string): { c1: number; r1: number; c2: number; r2: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref);
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { c1: col(m[1]), r1: Number(m[2]), c2: col(m[3] ?? m[1]), r2: Number(m[4] ?? m[2]) };
}

function encodeRange(c1: number, r1: number, c2: number, r2: number): string {
  const letters = (n: number) => {
    let s = "";
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    return s;
  };
  return `${letters(c1)}${r1}:${letters(c2)}${r2}`;
}

function narrowHugeRanges(xml: string, part: string, warnings: string[]): string {
  let lastRow = 1;
  let lastCol = 1;
  for (const m of xml.matchAll(/<c\b[^>]*\br="([A-Z]{1,3})(\d+)"/g)) {
    const r = decodeRange(`${m[1]}${m[2]}`);
    if (r) {
      lastRow = Math.max(lastRow, r.r1);
      lastCol = Math.max(lastCol, r.c1);
    }
  }
  let narrowed = 0;
  const narrowList = (list: string) =>
    list
      .split(/\s+/)
      .map((ref) => {
        const r = decodeRange(ref);
        if (!r || (r.c2 - r.c1 + 1) * (r.r2 - r.r1 + 1) <= MAX_RANGE_CELLS) return ref;
        narrowed++;
        return encodeRange(
          r.c1,
          r.r1,
          Math.max(r.c1, Math.min(r.c2, lastCol)),
          Math.max(r.r1, Math.min(r.r2, lastRow)),
        );
      })
      .join(" ");
  let out = xml.replace(
    /(<dataValidation\b[^>]*\bsqref=")([^"]*)"/g,
    (_m, head: string, list: string) => `${head}${narrowList(list)}"`,
  );
  // A merge that large is never meant: drop it rather than narrow it onto real cells.
  out = out.replace(/<mergeCell\b[^>]*\bref="([^"]*)"\s*\/>/g, (m, ref: string) => {
    const r = decodeRange(ref);
    if (!r || (r.c2 - r.c1 + 1) * (r.r2 - r.r1 + 1) <= MAX_RANGE_CELLS) return m;
    narrowed++;
    return "";
  });
  if (narrowed > 0) {
    warnings.push(
      `${part.replace(/^xl\/worksheets\//, "")}: ${narrowed} data validation or ` +
        "merge range(s) covering whole columns were narrowed to the cells in use " +
        `(${encodeRange(1, 1, lastCol, lastRow)}) in the output copy`,
    );
  }
  return out;
}

function usesDate1904(zip: ZipPackage): boolean {
  const xml = zip.text("xl/workbook.xml") ?? "";
  return /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(xml);
}

/** The grid of every worksheet: only the cells that hold values, trimmed to their extent. */
export function workbookToGrid(
  workbook: ExcelJS.Workbook,
  warnings: string[] = [],
  date1904 = false,
): WorkbookGrid {
  const sheets: SheetGrid[] = [];
  for (const ws of workbook.worksheets) {
    const cells: PlacedCell[] = [];
    let noCache = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.isMerged && cell.master !== cell) return;
        const v = shift1904(cellValue(cell.value), date1904);
        if (v === undefined) {
          noCache++;
          return;
        }
        if (v !== null) cells.push({ r, c, v });
      });
    });
    if (noCache > 0)
      warnings.push(
        `sheet "${ws.name}": ${noCache} formula cell(s) have no saved result and were read as empty`,
      );
    const { rows, firstRow, firstColumn } = trimmedRows(cells);
    sheets.push({
      name: ws.name,
      rows,
      firstRow,
      firstColumn,
      hidden: ws.state !== "visible" && ws.state !== undefined,
    });
  }
  return { sheets, date1904 };
}

/** ExcelJS converts date cells with the 1900 system whatever the workbook says; a 1904 workbook's are 1462 days later. */
const DAYS_1900_TO_1904 = 1462;

function shift1904(value: CellValue | undefined, date1904: boolean): CellValue | undefined {
  if (!date1904 || !(value instanceof Date)) return value;
  return new Date(value.getTime() + DAYS_1900_TO_1904 * 86_400_000);
}

/** One ExcelJS value as a grid value; undefined for a formula with no saved result. */
function cellValue(value: ExcelJS.CellValue): CellValue | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("error" in value) return { error: String(value.error) };
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined) return undefined;
      return cellValue(result as ExcelJS.CellValue) ?? null;
    }
    if ("hyperlink" in value) {
      const text = (value as { text?: unknown }).text;
      if (typeof text === "string") return text;
      if (text && typeof text === "object" && "richText" in text) {
        return (text as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
      }
      return String((value as { hyperlink: string }).hyperlink);
    }
  }
  return String(value);
}
