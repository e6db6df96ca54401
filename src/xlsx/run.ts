import { JobOptions, JobResult } from "../core/job";
import { SheetCandidate } from "../core/read/reader";
import { Localized } from "../core/text";
import { runJobOnWorkbook } from "../core/workbook";
import { csvPackage } from "./csv-package";
import { openCsvGrid, openXlsx } from "./open";
import { PackageFormatError } from "./package-read";
import { PackageWorkbook } from "./package-workbook";

export type XlsxRunOutcome =
  | {
      readonly ok: true;
      readonly job: JobResult;
      /** Repairs and notes from opening the file. */
      readonly warnings: readonly string[];
      /** The workbook: the input's sheets and the add-in's sheets, with charts. */
      readonly output: Uint8Array;
      /** The last column (1-based) with anything in it on the sheet that was read. */
      readonly lastColumn: number;
    }
  | {
      readonly ok: false;
      readonly error: Localized;
      readonly candidates: readonly SheetCandidate[];
      readonly settingsProblems: readonly Localized[];
    };

/**
 * The whole job on the bytes of an .xlsx or .csv file, on the package edge: for the command line and for the
 * browser page (no Node APIs here). Throws WorkbookOpenError when the file cannot be read at all.
 */
export async function runOnWorkbookFile(
  data: Uint8Array,
  fileName: string,
  options: JobOptions,
): Promise<XlsxRunOutcome> {
  const workbook = await openFileWorkbook(data, fileName);
  const grid = await workbook.readGrid();
  const outcome = await runJobOnWorkbook(workbook, options);
  if (!outcome.ok) return outcome;
  const sheet = grid.sheets.find((s) => s.name === outcome.result.read.sheet);
  const width = sheet ? Math.max(0, ...sheet.rows.map((r) => r.length)) : 0;
  return {
    ok: true,
    job: outcome.result,
    warnings: workbook.warnings,
    output: await workbook.save(),
    lastColumn: sheet ? sheet.firstColumn + width - 1 : 0,
  };
}

/**
 * The workbook of a file's bytes, read and written as an .xlsx package (the user's parts untouched). A .csv becomes
 * a new package of one sheet; a package whose XML the direct reader does not follow is opened by ExcelJS and saved
 * again as a plain package first — one writer for every input.
 */
export async function openFileWorkbook(data: Uint8Array, fileName: string): Promise<PackageWorkbook> {
  // A workbook saved under a .csv name is read as the workbook it is.
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  const base = fileName.replace(/^.*[\\/]/, "");
  if (/\.csv$/i.test(fileName) && !isZip) {
    const opened = openCsvGrid(data, fileName);
    return PackageWorkbook.open(await csvPackage(opened.grid.sheets[0]), base.replace(/\.csv$/i, ".xlsx"));
  }
  try {
    return await PackageWorkbook.open(data, fileName);
  } catch (error) {
    if (!(error instanceof PackageFormatError)) throw error;
    const opened = await openXlsx(data, fileName);
    const saved = new Uint8Array(await opened.workbook.xlsx.writeBuffer());
    return PackageWorkbook.open(saved, fileName, opened.warnings);
  }
}
