import * as React from "react";
import { Button, MessageBar, MessageBarBody, makeStyles } from "@fluentui/react-components";
import type { JobResult } from "../../core/job";
import { visitSheets } from "../../core/campaign/visits";
import { scriptBook } from "../../core/campaign/scripts";
import { GREETING_KINDS, GREETING_NAMES, greetingSmsCsv, greetings } from "../../core/campaign/greetings";
import { CSV_TYPE, DOCX_TYPE, download } from "../host";
import type { PaneState } from "../state";

const useStyles = makeStyles({
  buttons: { display: "flex", flexWrap: "wrap", gap: "4px" },
});

/**
 * The collectors' documents beside the round's notices: the visit sheets (上门催缴登记表), the phone scripts with
 * the fee Q&A, and the greetings (新年贺卡, 温馨提醒) for every household — downloads only: nothing is logged.
 */
export function FieldworkExport({ state, job, base }: { state: PaneState; job: JobResult; base: string }) {
  const { t, lang } = state;
  const styles = useStyles();
  const round = job.round;
  const visits = React.useMemo(() => visitSheets(round, job.settings.estateName), [round, job.settings]);
  const visitCount = visits.groups.reduce((n, g) => n + g.rows.length, 0);
  const households = job.read.households;
  // The team's wording that was not used (a cut-off threat, an unknown placeholder), as the templates' are shown.
  const problems = [...job.scripts.problems, ...job.faq.problems, ...job.greetings.problems].slice(0, 10);
  return (
    <>
      {problems.map((p, i) => (
        <MessageBar key={i} intent="warning">
          <MessageBarBody>{p.message[lang]}</MessageBarBody>
        </MessageBar>
      ))}
      <div className={styles.buttons} aria-label={t("fieldwork")}>
        <Button
          disabled={state.busy || visitCount === 0}
          onClick={() =>
            void state.task(t("writing"), async () => {
              // docx is loaded only when a document is exported: it stays out of the pane's first load.
              const { visitSheetsDocx } = await import(
                /* webpackChunkName: "fieldwork" */ "../../export/visit-sheets"
              );
              download(`${base}-visits.docx`, await visitSheetsDocx(visits), DOCX_TYPE);
            })
          }
        >
          {visitCount > 0 ? `${t("exportVisits")} · ${visitCount}` : t("noVisits")}
        </Button>
        <Button
          disabled={state.busy}
          onClick={() =>
            void state.task(t("writing"), async () => {
              const { scriptsDocx } = await import(
                /* webpackChunkName: "fieldwork" */ "../../export/scripts-docx"
              );
              const book = scriptBook(job.scripts, job.faq, job.settings, lang);
              download(`${base}-scripts.docx`, await scriptsDocx(book), DOCX_TYPE);
            })
          }
        >
          {t("exportScripts")}
        </Button>
        {GREETING_KINDS.map((kind) => (
          <React.Fragment key={kind}>
            <Button
              disabled={state.busy || households.length === 0}
              onClick={() =>
                void state.task(t("writing"), async () => {
                  const { lettersDocx } = await import(
                    /* webpackChunkName: "letters" */ "../../export/letters-docx"
                  );
                  const list = greetings(kind, households, job.greetings, job.settings, round.date, lang);
                  const title = GREETING_NAMES[kind][lang];
                  const bytes = await lettersDocx(
                    list.map((g) => g.letter),
                    { title, lang },
                  );
                  download(`${base}-${kind}.docx`, bytes, DOCX_TYPE);
                })
              }
            >
              {t("exportGreetingLetters", { name: GREETING_NAMES[kind][lang] })}
            </Button>
            <Button
              disabled={state.busy || households.length === 0}
              onClick={() => {
                const list = greetings(kind, households, job.greetings, job.settings, round.date, lang);
                download(`${base}-${kind}-sms.csv`, greetingSmsCsv(list, lang), CSV_TYPE);
              }}
            >
              {t("exportGreetingSms", { name: GREETING_NAMES[kind][lang] })}
            </Button>
          </React.Fragment>
        ))}
      </div>
    </>
  );
}
