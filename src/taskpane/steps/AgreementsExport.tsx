import * as React from "react";
import { Button, Field, Input, Text } from "@fluentui/react-components";
import { roomList, roundAgreements } from "../../core/campaign/agreement";
import { DOCX_TYPE, baseName, download } from "../host";
import type { PaneState } from "../state";

const ZIP_TYPE = "application/zip";

/**
 * The round's instalment agreements (分期还款协议): one .docx for one household; a .zip of one .docx per household
 * for several, since each is signed by its owner and filed with that household's papers.
 */
export function AgreementsExport({ state }: { state: PaneState }) {
  const { t, outcome, host } = state;
  const [rooms, setRooms] = React.useState("");
  const [unknown, setUnknown] = React.useState<readonly string[]>([]);
  if (!outcome?.ok) return null;
  const job = outcome.result;
  const picked = roomList(rooms);
  const offered = job.round.notices.filter((n) => n.stage === "instalment").length;
  return (
    <>
      <Field label={t("agreementRooms")}>
        <Input value={rooms} onChange={(_, d) => setRooms(d.value)} />
      </Field>
      <Button
        disabled={state.busy || (offered === 0 && picked.length === 0)}
        onClick={() =>
          void state.task(t("writing"), async () => {
            const made = roundAgreements(job, picked);
            setUnknown(made.unknown);
            if (made.agreements.length === 0) return;
            // docx is loaded only when documents are exported: it stays out of the pane's first load.
            const docx = await import(/* webpackChunkName: "letters" */ "../../export/agreement-docx");
            const base = `${baseName(host.fileName)}-${job.round.date}`;
            if (made.agreements.length === 1) {
              const a = made.agreements[0];
              download(`${base}-${docx.agreementFileName(a)}`, await docx.agreementDocx(a), DOCX_TYPE);
            } else download(`${base}-agreements.zip`, await docx.agreementsZip(made.agreements), ZIP_TYPE);
          })
        }
      >
        {`${t("exportAgreements")} · ${offered + picked.length}`}
      </Button>
      {unknown.length > 0 && <Text>{t("agreementUnknown", { rooms: unknown.join(", ") })}</Text>}
    </>
  );
}
