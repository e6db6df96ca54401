import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { ContactLog, contactOutputs, contactProblems } from "../../core/contact";
import { runJob } from "../../core/job";
import { ContactResult, RESULT_LABELS } from "../../core/campaign/record";
import { CHANNEL_LABELS, Channel, LADDER, STAGE_NAMES } from "../../core/campaign/stages";
import { Localized, localized } from "../../core/text";
import type { PaneState } from "../state";
import { useHouseholdAtSelection } from "../parts";

const RESULTS: readonly ContactResult[] = [
  "promised",
  "paid",
  "partPaid",
  "refused",
  "unreachable",
  "dispute",
  "resolved",
  "delivered",
  "returned",
  "sent",
];
const CHANNELS: readonly Channel[] = ["phone", "visit", "sms", "letter", "ems"];

/** Step 5: log a call, visit or payment for one household in a few clicks. */
export function RecordStep({ state }: { state: PaneState }) {
  const { t, lang, outcome, selectedRow, options } = state;
  const verdicts = outcome?.ok ? outcome.result.verdicts : [];
  const [key, setKey] = React.useState("");
  const [channel, setChannel] = React.useState<Channel>("phone");
  const [result, setResult] = React.useState<ContactResult>("promised");
  const [stage, setStage] = React.useState("");
  const [date, setDate] = React.useState(state.today);
  const [promised, setPromised] = React.useState("");
  const [amount, setAmount] = React.useState("");
  const [proof, setProof] = React.useState("");
  const [note, setNote] = React.useState("");
  const [problems, setProblems] = React.useState<readonly Localized[]>([]);
  const [logged, setLogged] = React.useState<string | null>(null);

  useHouseholdAtSelection(verdicts, selectedRow, setKey);

  if (!outcome?.ok) return <Text>{t("noHouseholds")}</Text>;
  const inArrearsFirst = [...verdicts].sort((a, b) => Number(b.inArrears) - Number(a.inArrears));

  const submit = async () => {
    setLogged(null);
    const amountValue = amount.trim() === "" ? null : Number(amount.replace(/[,，¥￥元\s]/g, ""));
    const draft = (household: ContactLog["household"]): ContactLog => ({
      date,
      household,
      channel,
      result,
      stage: stage === "" ? null : (Number(stage) as ContactLog["stage"]),
      collector: household.collector,
      promisedDate: promised === "" ? null : promised,
      amount: amountValue !== null && Number.isNaN(amountValue) ? -1 : amountValue,
      proof,
      note,
    });
    const chosen = verdicts.find((v) => v.household.key === key);
    if (!chosen) {
      setProblems([localized("请先选择住户", "Choose a household first")]);
      return;
    }
    const found = contactProblems(draft(chosen.household));
    setProblems(found);
    if (found.length > 0) return;
    const done = await state.task(t("writing"), async (signal) => {
      // Read the record again just before appending: a co-author may have logged something since.
      const fresh = runJob(await state.host.workbook.readGrid(), {
        today: state.today,
        lang,
        sheet: options.sheet,
        columns: options.columns,
        roundDate: options.roundDate,
      });
      if (!fresh.ok) throw new Error(fresh.error[lang]);
      const again = fresh.result.verdicts.find((v) => v.household.key === key);
      if (!again) throw new Error(t("householdGone"));
      signal.check();
      const outputs = contactOutputs(fresh.result, draft(again.household));
      await state.write(outputs);
      return t("loggedIn", {
        sheet: outputs.append.sheetName,
        what: `${again.household.label} ${RESULT_LABELS[result][lang]}`,
      });
    });
    if (done) {
      setLogged(done);
      setNote("");
      setProof("");
      setAmount("");
      await state.reread();
    }
  };

  return (
    <>
      <Text weight="semibold">{t("logTitle")}</Text>
      <Field label={t("household")} hint={t("chooseHousehold")}>
        <Select value={key} onChange={(_, d) => setKey(d.value)}>
          <option value="">—</option>
          {inArrearsFirst.map((v) => (
            <option key={v.household.key} value={v.household.key}>
              {v.household.label} {v.household.owner}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("channel")}>
        <Select value={channel} onChange={(_, d) => setChannel(d.value as Channel)}>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c][lang]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("result")}>
        <Select value={result} onChange={(_, d) => setResult(d.value as ContactResult)}>
          {RESULTS.map((r) => (
            <option key={r} value={r}>
              {RESULT_LABELS[r][lang]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("stage")}>
        <Select value={stage} onChange={(_, d) => setStage(d.value)}>
          <option value="">—</option>
          {LADDER.map((s) => (
            <option key={s} value={String(s)}>
              {STAGE_NAMES[s][lang]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("date")}>
        <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
      </Field>
      {result === "promised" && (
        <Field label={t("promisedDate")} required>
          <Input type="date" value={promised} onChange={(_, d) => setPromised(d.value)} />
        </Field>
      )}
      {(result === "paid" || result === "partPaid") && (
        <Field label={t("paidAmount")} required>
          <Input inputMode="decimal" value={amount} onChange={(_, d) => setAmount(d.value)} />
        </Field>
      )}
      <Field label={t("proof")}>
        <Input value={proof} onChange={(_, d) => setProof(d.value)} />
      </Field>
      <Field label={t("note")}>
        <Textarea value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
      </Field>
      {problems.map((p, i) => (
        <MessageBar key={i} intent="error" role="alert">
          <MessageBarBody>{p[lang]}</MessageBarBody>
        </MessageBar>
      ))}
      <Button appearance="primary" disabled={state.busy} onClick={() => void submit()}>
        {t("save")}
      </Button>
      {logged && (
        <MessageBar intent="success">
          <MessageBarBody>{logged}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
