import * as React from "react";
import { createRoot } from "react-dom/client";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Text,
  webLightTheme,
} from "@fluentui/react-components";
import { systemClock } from "../core/clock";
import { Lang } from "../core/text";
import { openFileWorkbook } from "../xlsx/run";
import { App } from "./App";
import { PaneHost } from "./host";
import { paneLanguage, translator } from "./strings";

/**
 * The pane as a plain web page, for teams on WPS or LibreOffice: the file is read in this browser (its
 * SpreadsheetML directly; a .csv through ExcelJS), the results are downloaded. Nothing is sent anywhere (the page's Content-Security-Policy allows no connection).
 */
function BrowserPage() {
  const [lang, setLang] = React.useState<Lang>(() =>
    paneLanguage(new URLSearchParams(location.search).get("lang") ?? navigator.language),
  );
  const [host, setHost] = React.useState<PaneHost | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const t = translator(lang);
  const toggle = () => setLang((l) => (l === "zh-CN" ? "en-US" : "zh-CN"));

  const open = async (file: File) => {
    setError(null);
    try {
      const workbook = await openFileWorkbook(new Uint8Array(await file.arrayBuffer()), file.name);
      setHost({
        kind: "browser",
        workbook,
        fileName: file.name,
        clock: systemClock,
        saveWorkbook: () => workbook.save(),
      });
    } catch (e) {
      setHost(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <FluentProvider theme={webLightTheme} lang={lang}>
        <div style={{ padding: "8px", display: "flex", flexDirection: "column", gap: "6px" }}>
          <Text size={200}>{t("browserIntro")}</Text>
          <label>
            <Text weight="semibold">{t("openFile")}</Text>{" "}
            <input
              type="file"
              accept=".xlsx,.xlsm,.csv"
              aria-label={t("openFile")}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) void open(file);
              }}
            />
          </label>
          {!host && (
            <Button size="small" appearance="subtle" onClick={toggle}>
              {t("language")}
            </Button>
          )}
          {error && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      </FluentProvider>
      {host && <App key={`${host.fileName}-${lang}`} host={host} lang={lang} onLanguage={toggle} />}
    </>
  );
}

const container = document.getElementById("root");
if (container) createRoot(container).render(<BrowserPage />);
