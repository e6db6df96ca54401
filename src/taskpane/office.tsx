import * as React from "react";
import { createRoot } from "react-dom/client";
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { isDarkOfficeTheme, lacksExcelApi } from "../office/host-info";
import { onSelectRow, selectCell } from "../office/selection";
import { OfficeWorkbook } from "../office/workbook";
import { App } from "./App";
import { PaneHost } from "./host";
import { paneLanguage, translator } from "./strings";

/** The pane in Excel: the open workbook through Office.js (src/office); this file only mounts it. */
function excelHost(): PaneHost {
  return { kind: "excel", workbook: new OfficeWorkbook(), fileName: workbookName(), selectCell, onSelectRow };
}

function workbookName(): string {
  const url = Office.context.document?.url ?? "";
  return url.replace(/^.*[\\/]/, "") || "workbook.xlsx";
}

void Office.onReady(() => {
  const container = document.getElementById("root");
  if (!container) return;
  const lang = paneLanguage(Office.context.displayLanguage);
  const theme = isDarkOfficeTheme(Office.context.officeTheme) ? webDarkTheme : webLightTheme;
  const isSetSupported = (set: string, version: string) =>
    Office.context.requirements.isSetSupported(set, version);
  createRoot(container).render(
    lacksExcelApi(isSetSupported) ? (
      <FluentProvider theme={theme} lang={lang}>
        <MessageBar intent="error">
          <MessageBarBody>{translator(lang)("excelApiMissing")}</MessageBarBody>
        </MessageBar>
      </FluentProvider>
    ) : (
      <App host={excelHost()} lang={lang} theme={theme} />
    ),
  );
});
