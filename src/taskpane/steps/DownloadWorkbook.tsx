import * as React from "react";
import { Button } from "@fluentui/react-components";
import { XLSX_TYPE, baseName, download } from "../host";
import type { PaneState } from "../state";

/** The browser page's result: the opened workbook with the add-in's sheets, as a new file to save. */
export function DownloadWorkbook({ state }: { state: PaneState }) {
  const { host, t } = state;
  const save = host.saveWorkbook;
  if (!save) return null;
  return (
    <Button
      disabled={state.busy}
      onClick={() =>
        void state.task(t("writing"), async () => {
          download(`${baseName(host.fileName)}-催缴.xlsx`, await save(), XLSX_TYPE);
        })
      }
    >
      {t("downloadWorkbook")}
    </Button>
  );
}
