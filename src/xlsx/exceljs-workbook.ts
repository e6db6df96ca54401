import type ExcelJS from "exceljs";
import { WorkbookGrid } from "../core/read/grid";
import { ArrearsWorkbook, JobOutputs, ProgressListener } from "../core/workbook";
import { ChartSpec } from "./chart";
import { OpenedWorkbook, openWorkbookFile, workbookToGrid } from "./open";
import { saveWithCharts, writeOutputsInto } from "./outputs";

/**
 * The workbook interface on ExcelJS, for the command line and the browser page: a file's bytes opened in memory,
 * written to, and saved as new bytes. The file itself is never written here.
 */
export class ExcelJsWorkbook implements ArrearsWorkbook {
  private grid: WorkbookGrid | null;
  private readonly date1904: boolean;
  /** Charts of the output sheets written so far, by sheet: added to the package on saving. */
  private readonly charts = new Map<string, ChartSpec[]>();

  private constructor(
    readonly workbook: ExcelJS.Workbook,
    opened: WorkbookGrid,
    /** Repairs and notes from opening the file. */
    readonly warnings: readonly string[],
  ) {
    this.grid = opened;
    this.date1904 = opened.date1904;
  }

  static fromOpened(opened: OpenedWorkbook): ExcelJsWorkbook {
    return new ExcelJsWorkbook(opened.workbook, opened.grid, opened.warnings);
  }

  /** Opens .xlsx or .csv bytes; throws WorkbookOpenError with a one-line reason when they cannot be read. */
  static async open(data: Uint8Array, fileName: string): Promise<ExcelJsWorkbook> {
    return ExcelJsWorkbook.fromOpened(await openWorkbookFile(data, fileName));
  }

  async readGrid(progress?: ProgressListener): Promise<WorkbookGrid> {
    // The grid read on opening holds the repairs' effects; after a write, read the sheets again.
    if (this.grid === null) this.grid = workbookToGrid(this.workbook, [], this.date1904);
    progress?.(1, 1);
    return this.grid;
  }

  async writeOutputs(outputs: JobOutputs, progress?: ProgressListener): Promise<void> {
    const charts = writeOutputsInto(this.workbook, outputs);
    for (const sheet of outputs.sheets) this.charts.delete(sheet.name);
    for (const chart of charts)
      this.charts.set(chart.sheetName, [...(this.charts.get(chart.sheetName) ?? []), chart]);
    this.grid = null;
    progress?.(1, 1);
  }

  /** The workbook as .xlsx bytes, with the native charts of the output sheets. */
  save(): Promise<Uint8Array> {
    return saveWithCharts(this.workbook, [...this.charts.values()].flat());
  }
}
