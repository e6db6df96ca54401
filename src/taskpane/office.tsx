import * as React from "react";
import { createRoot } from "react-dom/client";
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { systemClock } from "../core/clock";
import { isDarkOfficeTheme, lacksExcelApi } from "../office/host-info";
import { onSelectRow, selectCell } from "../office/selection";
import { OfficeWorkbook } from "../office/workbook";
import { App } from "./App";
import { PaneHost } from "./host";
import { paneLanguage, translator } from "./strings";

/** The pane in Excel: the open workbook through Office.js (src/office); this file only mounts it. */
function excelHost(): PaneHost {
  const workbook = new OfficeWorkbook({ session: paneSession() });
  return { kind: "excel", workbook, fileName: workbookName(), clock: systemClock, selectCell, onSelectRow };
}

/**
 * This pane's session, kept across reloads of the pane in this window (two windows on one workbook are two
 * sessions): a run lock left by this pane's interrupted run is then taken over at once, not after a minute.
 */
function paneSession(): string | undefined {
  try {
    const key = "arrears-desk-session";
    const kept = window.sessionStorage.getItem(key);
    if (kept) return kept;
    const made = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    window.sessionStorage.setItem(key, made);
    return made;
  } catch {
    return undefined;
  }
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
