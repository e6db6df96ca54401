import { WorkbookGrid } from "./read/grid";
import { JobOptions, JobOutcome, JobResult, runJob } from "./job";
import { OutputSheet } from "./output";
import { RecordAppend } from "./campaign/record";
import { Lang, Localized } from "./text";

/** What a run writes: the add-in's sheets, rebuilt whole, and this round's rows for the collection record. */
export interface JobOutputs {
  readonly sheets: readonly OutputSheet[];
  readonly lang: Lang;
  /** The record sheet to create when the workbook has none (null when it exists: then `append` is appended). */
  readonly newRecord: OutputSheet | null;
  readonly append: RecordAppend;
}

/**
 * How every edge knows the add-in's own sheets: a hidden defined name of this name scoped to the sheet (a
 * worksheet-level named item in Office.js, a `definedName` with `localSheetId` in the package), whose value is a
 * text formula holding the output's id (e.g. ="bulletin"). A sheet without it is the team's, whatever its name.
 */
export const OWNED_SHEET_MARKER = "ArrearsDesk_Owned";

/** Progress of a long read or write, for a progress bar: `done` of `total` steps. */
export type ProgressListener = (done: number, total: number) => void;

/**
 * The one small interface between the core and a workbook. Two implementations: Office.js (the open workbook in
 * Excel, src/office) and ExcelJS (a file's bytes, src/xlsx). The core never sees either library.
 */
export interface ArrearsWorkbook {
  /** Every sheet's cell values, read fresh: in a co-authored workbook another person may have changed them. */
  readGrid(progress?: ProgressListener): Promise<WorkbookGrid>;
  /**
   * Replaces the add-in's output sheets and appends to the record. Never touches any other sheet; when it fails
   * part-way, the earlier outputs are still there and whole.
   */
  writeOutputs(outputs: JobOutputs, progress?: ProgressListener): Promise<void>;
  /**
   * What the last writeOutputs has to tell the user besides the round: e.g. a sheet written beside a sheet of the
   * same name that is not the add-in's ("公告栏 (2)"). Optional: an edge with nothing to say leaves it out.
   */
  writeNotes?(): readonly Localized[];
}

export function jobOutputs(job: JobResult): JobOutputs {
  return { sheets: job.sheets, lang: job.lang, newRecord: job.newRecord, append: job.round.record };
}

/**
 * Only the record rows about notices already out — the confirmations of an earlier round as sent and the EMS
 * numbers read back (a run with `confirmSent` or `ems` puts them first in the round's append) — no sheets and no
 * new notices: what the pane's "confirm the round" and its EMS upload write.
 */
export function confirmationOutputs(job: JobResult): JobOutputs {
  const all = jobOutputs(job);
  return {
    ...all,
    sheets: [],
    newRecord: null,
    append: {
      ...all.append,
      rows: all.append.rows.slice(0, job.round.confirmed + (job.ems?.rows.length ?? 0)),
    },
  };
}

/** Read, run, and (when the run succeeds) write: the same path for the add-in, the browser page and the CLI. */
export async function runJobOnWorkbook(
  workbook: ArrearsWorkbook,
  options: JobOptions,
  progress?: ProgressListener,
): Promise<JobOutcome> {
  const grid = await workbook.readGrid(progress);
  const outcome = runJob(grid, options);
  if (outcome.ok) await workbook.writeOutputs(jobOutputs(outcome.result), progress);
  return outcome;
}
