import type ExcelJS from "exceljs";
import { OutputSheet, chartAnchors } from "../core/output";
import { RecordAppend } from "../core/record";
import { Lang } from "../core/text";
import { appendRecordRows } from "./record";
import { ChartSpec, addCharts } from "./chart";
import { writeOutputSheet } from "./write";

/**
 * Writes the add-in's sheets into the workbook (replacing earlier ones of the same names, leaving every other
 * sheet alone) and returns the saved .xlsx with the sheets' native charts added to the package.
 */
export async function workbookWithOutputs(
  workbook: ExcelJS.Workbook,
  sheets: readonly OutputSheet[],
  lang: Lang,
  record?: { readonly newSheet: OutputSheet | null; readonly append: RecordAppend },
): Promise<Uint8Array> {
  const charts: ChartSpec[] = [];
  // The record is the team's own log: created once, then only appended to, never rebuilt.
  if (record?.newSheet && record.append.rows.length > 0) writeOutputSheet(workbook, record.newSheet, lang);
  else if (record) appendRecordRows(workbook, record.append, lang);
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
  const saved = new Uint8Array(await workbook.xlsx.writeBuffer());
  return charts.length > 0 ? addCharts(saved, charts) : saved;
}
