import { Clock } from "../core/clock";
import { ArrearsWorkbook } from "../core/workbook";

/** Where the pane runs: in Excel on the open workbook, or in a browser on a file's bytes. */
export interface PaneHost {
  readonly kind: "excel" | "browser";
  readonly workbook: ArrearsWorkbook;
  /** The workbook's file name (downloads are named after it). */
  readonly fileName: string;
  /** Where "today" comes from: the system clock in Excel and the browser page, a fixed day in tests. */
  readonly clock: Clock;
  /** Selects a cell in the sheet (Excel only). */
  selectCell?(sheet: string, row: number, column: string | null): Promise<void>;
  /** Calls back with the sheet and row the user selects in Excel; returns the unsubscribe. */
  onSelectRow?(listener: (sheet: string, row: number) => void): Promise<() => void>;
  /** The workbook with the results, as .xlsx bytes to download (browser only). */
  saveWorkbook?(): Promise<Uint8Array>;
}

/** Offers bytes as a download, from memory: nothing leaves the machine. */
export function download(fileName: string, bytes: Uint8Array | string, type: string): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function baseName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, "").replace(/\.(xlsx|xlsm|csv)$/i, "") || "workbook";
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const CSV_TYPE = "text/csv;charset=utf-8";
