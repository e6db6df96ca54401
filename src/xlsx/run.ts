import { JobOptions, JobResult, runJob } from "../core/job";
import { SheetCandidate } from "../core/reader";
import { Localized } from "../core/text";
import { openWorkbookFile } from "./open";
import { workbookWithOutputs } from "./outputs";

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
  const opened = await openWorkbookFile(data, fileName);
  const outcome = runJob(opened.grid, options);
  if (!outcome.ok) return outcome;
  const job = outcome.result;
  const output = await workbookWithOutputs(opened.workbook, job.sheets, job.lang, {
    newSheet: job.newRecord,
    append: job.round.record,
  });
  return { ok: true, job, warnings: opened.warnings, output };
}
