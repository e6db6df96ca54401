import { JobOptions, JobResult } from "../core/job";
import { SheetCandidate } from "../core/read/reader";
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
  const outcome = await runJobOnWorkbook(workbook, options);
  if (!outcome.ok) return outcome;
  return { ok: true, job: outcome.result, warnings: workbook.warnings, output: await workbook.save() };
}

/**
 * The workbook of a file's bytes: an .xlsx package read and written as SpreadsheetML (the user's parts untouched);
 * a .csv, or a package whose XML the direct reader does not follow, through ExcelJS's object model.
 */
export async function openFileWorkbook(
  data: Uint8Array,
  fileName: string,
): Promise<PackageWorkbook | ExcelJsWorkbook> {
  if (/\.csv$/i.test(fileName)) return ExcelJsWorkbook.open(data, fileName);
  try {
    return await PackageWorkbook.open(data, fileName);
  } catch (error) {
    if (error instanceof PackageFormatError) return ExcelJsWorkbook.open(data, fileName);
    throw error;
  }
}
