import { ExcelRun } from "./workbook";

const excelRun: ExcelRun = (options, batch) => Excel.run(options, batch);

/** Selects a cell (or, without a column, a whole row) of a sheet in Excel, bringing the sheet to the front. */
export async function selectCell(
  sheet: string,
  row: number,
  column: string | null,
  run: ExcelRun = excelRun,
): Promise<void> {
  await run({ delayForCellEdit: true }, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(column ? `${column}${row}` : `${row}:${row}`).select();
    await context.sync();
  });
}

/**
 * Calls back with the sheet and (1-based) row the user selects. Selection events fire for this user only; the
 * handler reads the selection fresh each time. Returns the unsubscribe.
 */
export async function onSelectRow(
  listener: (sheet: string, row: number) => void,
  run: ExcelRun = excelRun,
): Promise<() => void> {
  const handler = () =>
    void run({ delayForCellEdit: true }, async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("rowIndex");
      const ws = range.worksheet;
      ws.load("name");
      await context.sync();
      listener(ws.name, range.rowIndex + 1);
    }).catch(() => undefined);
  await new Promise<void>((resolve) =>
    Office.context.document.addHandlerAsync(Office.EventType.DocumentSelectionChanged, handler, () =>
      resolve(),
    ),
  );
  return () =>
    Office.context.document.removeHandlerAsync(Office.EventType.DocumentSelectionChanged, { handler });
}
