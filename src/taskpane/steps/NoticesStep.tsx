import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
} from "@fluentui/react-components";
import { mailingCsv, smsCsv } from "../../core/campaign/lists";
import { CHANNEL_LABELS, STAGE_NAMES } from "../../core/campaign/stages";
import { formatYuan, localized } from "../../core/text";
import { runJob } from "../../core/job";
import { confirmationOutputs } from "../../core/workbook";
import { CSV_TYPE, DOCX_TYPE, baseName, download } from "../host";
import type { PaneState } from "../state";
import { Written } from "../parts";
import { CourtBundleExport } from "./CourtBundleExport";
import { AgreementsExport } from "./AgreementsExport";
import { EmsUpload } from "./EmsUpload";
import { FieldworkExport } from "./FieldworkExport";

const SHOWN = 200;

const useStyles = makeStyles({
  buttons: { display: "flex", flexWrap: "wrap", gap: "4px" },
});

/** Step 4: this round's notices, the held-back households, writing the round, and the exports. */
export function NoticesStep({ state }: { state: PaneState }) {
  const { t, lang, outcome, options, host } = state;
  const styles = useStyles();
  const [written, setWritten] = React.useState<string[] | null>(null);
  if (!outcome?.ok) return <Text>{t("noHouseholds")}</Text>;
  const job = outcome.result;
  const round = job.round;
  const byStage = new Map<string, number>();
  for (const n of round.notices) {
    const name = STAGE_NAMES[n.stage][lang];
    byStage.set(name, (byStage.get(name) ?? 0) + 1);
  }
  const letters = round.notices.flatMap((n) => (n.letter ? [n.letter] : []));
  const base = `${baseName(host.fileName)}-${round.date}`;

  return (
    <>
      <Field label={t("roundDate")}>
        <Input
          type="date"
          value={options.roundDate}
          onChange={(_, d) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(d.value)) state.setOptions({ roundDate: d.value });
          }}
        />
      </Field>
      <Text>
        {t("noticesSummary", {
          count: round.notices.length,
          stages:
            byStage.size > 0
              ? t("stagesInBrackets", {
                  list: [...byStage].map(([k, v]) => `${k} ${v}`).join(t("listSeparator")),
                })
              : "",
          held: round.held.length,
        })}
      </Text>
      {[
        ...round.warnings,
        ...round.templateProblems.map((p) => p.message),
        ...round.recordProblems.map((p) =>
          localized(
            `${p.sheet} ${p.column}${p.row}：${p.reason["zh-CN"]}`,
            `${p.sheet} ${p.column}${p.row}: ${p.reason["en-US"]}`,
          ),
        ),
      ]
        .slice(0, 10)
        .map((w, i) => (
          <MessageBar key={i} intent="warning">
            <MessageBarBody>{w[lang]}</MessageBarBody>
          </MessageBar>
        ))}
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={state.busy || round.notices.length === 0}
          onClick={async () => setWritten(await state.writeAll(true))}
        >
          {t("writeNotices")}
        </Button>
        <Button
          disabled={state.busy}
          onClick={() =>
            void state
              .task(t("writing"), async () => {
                // The latest prepared round went out: one 已发送 row per notice, as a collector would log it.
                const grid = await host.workbook.readGrid();
                const confirmed = runJob(grid, {
                  ...options,
                  today: state.today,
                  lang,
                  confirmSent: "latest",
                });
                if (!confirmed.ok) throw new Error(confirmed.error[lang]);
                const outputs = confirmationOutputs(confirmed.result);
                if (outputs.append.rows.length > 0) await state.write(outputs);
              })
              .then(() => state.reread())
          }
        >
          {t("confirmSent")}
        </Button>
        <Button
          disabled={state.busy || letters.length === 0}
          onClick={() =>
            void state.task(t("writing"), async () => {
              // docx is loaded only when letters are exported: it stays out of the pane's first load.
              const { lettersDocx } = await import(
                /* webpackChunkName: "letters" */ "../../export/letters-docx"
              );
              const title = t("lettersTitle", { date: round.date });
              download(`${base}-letters.docx`, await lettersDocx(letters, { title, lang }), DOCX_TYPE);
            })
          }
        >
          {letters.length > 0 ? `${t("exportLetters")} · ${letters.length}` : t("noLetters")}
        </Button>
        <Button
          disabled={state.busy || !round.notices.some((n) => n.sms !== null)}
          onClick={() => download(`${base}-sms.csv`, smsCsv(round), CSV_TYPE)}
        >
          {t("exportSms")}
        </Button>
        <Button
          disabled={state.busy || !round.notices.some((n) => n.channel === "ems")}
          onClick={() => download(`${base}-mailing.csv`, mailingCsv(round, job.settings), CSV_TYPE)}
        >
          {t("exportMailing")}
        </Button>
      </div>
      <AgreementsExport state={state} />
      <EmsUpload state={state} />
      <FieldworkExport state={state} job={job} base={base} />
      {written && <Written state={state} sheets={written} />}
      <CourtBundleExport state={state} />
      <Table size="extra-small" aria-label={t("noticesNow")}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("room")}</TableHeaderCell>
            <TableHeaderCell>{t("stage")}</TableHeaderCell>
            <TableHeaderCell>{t("channel")}</TableHeaderCell>
            <TableHeaderCell>{t("collector")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {round.notices.slice(0, SHOWN).map((n) => (
            <TableRow key={n.verdict.household.key} title={n.reason[lang]}>
              <TableCell>{n.verdict.household.label}</TableCell>
              <TableCell>
                {STAGE_NAMES[n.stage][lang]}
                {n.total !== null && n.lateFee !== null ? ` · ${formatYuan(n.total)}` : ""}
              </TableCell>
              <TableCell>{CHANNEL_LABELS[n.channel][lang]}</TableCell>
              <TableCell>{n.verdict.household.collector}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {round.held.length > 0 && (
        <>
          <Text weight="semibold">
            {t("heldBack")} ({round.held.length})
          </Text>
          <ul aria-label={t("heldBack")}>
            {round.held.slice(0, SHOWN).map((h) => (
              <li key={h.verdict.household.key}>
                <strong>{h.verdict.household.label}</strong> {h.reason[lang]}
                {h.nextDate ? t("nextOn", { date: h.nextDate }) : ""}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
