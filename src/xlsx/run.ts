import { JobOptions, JobResult } from "../core/job";
import { SheetCandidate } from "../core/reader";
import { Localized } from "../core/text";
import { runJobOnWorkbook } from "../core/workbook";
import { ExcelJsWorkbook } from "./exceljs-workbook";
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
 * The whole job on the bytes of an .xlsx or .csv file, on the ExcelJS edge: for the command line and for the
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
 * The workbook of a file's bytes: an .xlsx package read and written as SpreadsheetML (the user's parts untouched);
 * a .csv, or a package whose XML the direct reader does not follow, through ExcelJS's object model.
 */
export async function openFileWorkbook(
  data: Uint8Array,
  fileName: string,
): Promise<PackageWorkbook | ExcelJsWorkbook> {
  // A workbook saved under a .csv name is read as the workbook it is.
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  if (/\.csv$/i.test(fileName) && !isZip) return ExcelJsWorkbook.open(data, fileName);
  try {
    return await PackageWorkbook.open(data, fileName);
  } catch (error) {
    if (error instanceof PackageFormatError) return ExcelJsWorkbook.open(data, fileName);
    throw error;
  }
}
