import * as React from "react";
import { Button, Field, Select, makeStyles } from "@fluentui/react-components";
import { courtChoices } from "../../core/campaign/court-due";
import { formatYuan } from "../../core/text";
import { download } from "../host";
import type { PaneState } from "../state";
import { useHouseholdAtSelection } from "../parts";

const ZIP_TYPE = "application/zip";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: "4px" },
});

/**
 * The court bundle (诉讼材料) of one household: those whose lawyer's letter went unanswered first, then every
 * household in arrears; the household at the selection in the sheet is picked. Downloaded as a .zip of drafts.
 */
export function CourtBundleExport({ state }: { state: PaneState }) {
  const { t, outcome, selectedRow } = state;
  const styles = useStyles();
  const [key, setKey] = React.useState("");
  const job = outcome?.ok ? outcome.result : null;
  const verdicts = React.useMemo(() => job?.verdicts ?? [], [job]);
  useHouseholdAtSelection(verdicts, selectedRow, setKey);
  const date = job?.round.date ?? state.today;
  const choices = React.useMemo(
    () => (job ? courtChoices(verdicts, job.facts, job.settings, date) : []),
    [job, verdicts, date],
  );
  if (!job) return null;
  const facts = job.facts;
  const chosen = (choices.find((c) => c.verdict.household.key === key) ?? choices[0])?.verdict;
  return (
    <div className={styles.row}>
      <Field label={t("courtBundle")} size="small">
        <Select
          size="small"
          aria-label={t("courtBundle")}
          value={chosen?.household.key ?? ""}
          onChange={(_, d) => setKey(d.value)}
        >
          {choices.map(({ verdict: v, due }) => (
            <option key={v.household.key} value={v.household.key}>
              {v.household.label} {v.household.owner}
              {v.household.amountOverdue !== null ? ` · ${formatYuan(v.household.amountOverdue)}` : ""}
              {due ? ` · ${t("courtBundleDue")}` : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Button
        size="small"
        disabled={state.busy || !chosen}
        onClick={() =>
          chosen &&
          void state.task(t("writing"), async () => {
            // The documents' text and the Word writer are loaded only when a bundle is downloaded: it stays out of the pane's first load.
            const [{ courtBundle }, { courtBundleZip }] = await Promise.all([
              import(/* webpackChunkName: "court-bundle" */ "../../core/campaign/court"),
              import(/* webpackChunkName: "court-bundle" */ "../../export/court-bundle"),
            ]);
            const bundle = courtBundle({
              verdict: chosen,
              facts: facts.get(chosen.household.key),
              settings: job.settings,
              asOf: job.asOf,
              date,
              lang: job.lang,
            });
            download(bundle.file, await courtBundleZip(bundle), ZIP_TYPE);
          })
        }
      >
        {t("courtBundleDownload")}
      </Button>
    </div>
  );
}
