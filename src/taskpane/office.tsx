import * as React from "react";
import { createRoot } from "react-dom/client";
import { systemClock } from "../core/clock";
import { OfficeWorkbook } from "../office/workbook";
import { App } from "./App";
import { PaneHost } from "./host";
import { paneLanguage } from "./strings";

/** The pane in Excel: the open workbook through Office.js. */
function excelHost(): PaneHost {
  return {
    kind: "excel",
    workbook: new OfficeWorkbook(),
    fileName: workbookName(),
    clock: systemClock,
    async selectCell(sheet, row, column) {
      await Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(column ? `${column}${row}` : `${row}:${row}`).select();
        await context.sync();
      });
    },
    async onSelectRow(listener) {
      // Selection events fire for this user only; the handler reads the selection fresh each time.
      const handler = () =>
        void Excel.run(async (context) => {
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
    },
  };
}

function workbookName(): string {
  const url = Office.context.document?.url ?? "";
  return url.replace(/^.*[\\/]/, "") || "workbook.xlsx";
}

void Office.onReady(() => {
  const container = document.getElementById("root");
  if (!container) return;
  createRoot(container).render(
    <App host={excelHost()} lang={paneLanguage(Office.context.displayLanguage)} />,
  );
});
