import type ExcelJS from "exceljs";
import { OutputSheet, chartAnchors } from "../core/output";
import { RecordAppend } from "../core/campaign/record";
import { Lang } from "../core/text";
import { JobOutputs } from "../core/workbook";
import { appendRecordRows } from "./record";
import { ChartSpec, addCharts } from "./chart";
import { writeOutputSheet } from "./write";

/**
 * Writes the add-in's sheets into the workbook (replacing earlier ones of the same names, leaving every other
 * sheet alone) and appends the round to the record. Returns the native charts to add to the package on saving:
 * ExcelJS cannot write charts itself (see chart.ts).
 */
export function writeOutputsInto(workbook: ExcelJS.Workbook, outputs: JobOutputs): ChartSpec[] {
  const { sheets, lang, newRecord, append } = outputs;
  const charts: ChartSpec[] = [];
  // The record is the team's own log: created once, then only appended to, never rebuilt.
  if (newRecord && append.rows.length > 0) writeOutputSheet(workbook, newRecord, lang);
  else appendRecordRows(workbook, append, lang);
  for (const sheet of sheets) {
    const placement = writeOutputSheet(workbook, sheet, lang);
    const anchors = chartAnchors(sheet);
    (sheet.charts ?? []).forEach((chart, i) => {
      const table = placement.tables.get(chart.table);
      const block = sheet.blocks.find((b) => b.kind === "table" && b.id === chart.table);
      if (!table || !block || block.kind !== "table" || block.rows.length === 0) return;
      charts.push({
        sheetName: sheet.name,
        type: chart.type,
        title: chart.title,
        seriesName: block.columns[chart.valueColumn].header,
        categories: { firstRow: table.firstRow, lastRow: table.lastRow, column: chart.categoryColumn + 1 },
        values: { firstRow: table.firstRow, lastRow: table.lastRow, column: chart.valueColumn + 1 },
        categoryLabels: block.rows.map((r) => String(r[chart.categoryColumn] ?? "")),
        numbers: block.rows.map((r) => {
          const v = r[chart.valueColumn];
          return typeof v === "number" ? v : 0;
        }),
        numberFormat: chart.numberFormat,
        anchor: anchors[i],
      });
    });
  }
  return charts;
}

/** The workbook as .xlsx bytes, with the charts of its output sheets in the package. */
export async function saveWithCharts(
  workbook: ExcelJS.Workbook,
  charts: readonly ChartSpec[],
): Promise<Uint8Array> {
  const present = charts.filter((c) => workbook.getWorksheet(c.sheetName) !== undefined);
  const saved = new Uint8Array(await workbook.xlsx.writeBuffer());
  return present.length > 0 ? addCharts(saved, present) : saved;
}

/** Writes the outputs and returns the saved .xlsx with the sheets' native charts. */
export async function workbookWithOutputs(
  workbook: ExcelJS.Workbook,
  sheets: readonly OutputSheet[],
  lang: Lang,
  record: { readonly newSheet: OutputSheet | null; readonly append: RecordAppend },
): Promise<Uint8Array> {
  const charts = writeOutputsInto(workbook, {
    sheets,
    lang,
    newRecord: record.newSheet,
    append: record.append,
  });
  return saveWithCharts(workbook, charts);
}
