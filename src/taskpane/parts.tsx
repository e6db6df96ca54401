import * as React from "react";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { Verdict } from "../core/classify/kinds";
import type { PaneState } from "./state";

/** Pieces more than one step shows: kept here so that no step imports another. */

/** Which sheets a write put in the workbook. */
export function Written({ state, sheets }: { state: PaneState; sheets: readonly string[] }) {
  return (
    <MessageBar intent="success">
      <MessageBarBody>
        {state.t("written")}
        {sheets.join(state.t("listSeparator"))}
      </MessageBarBody>
    </MessageBar>
  );
}

/** A row selected in the sheet picks the household read from it. */
export function useHouseholdAtSelection(
  verdicts: readonly Verdict[],
  selectedRow: { sheet: string; row: number } | null,
  pick: (key: string) => void,
): void {
  React.useEffect(() => {
    if (!selectedRow) return;
    const v = verdicts.find(
      (x) => x.household.sheet === selectedRow.sheet && x.household.rows.includes(selectedRow.row),
    );
    if (v) pick(v.household.key);
  }, [selectedRow, verdicts, pick]);
}
