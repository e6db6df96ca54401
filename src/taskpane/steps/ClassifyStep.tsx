import * as React from "react";
import {
  Badge,
  Field,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { FLAGS, FLAG_LABELS, KINDS, KIND_LABELS, Verdict } from "../../core/classify/kinds";
import { formatYuan } from "../../core/text";
import { useHouseholdAtSelection } from "../parts";
import type { PaneState } from "../state";

const SHOWN = 200;

const useStyles = makeStyles({
  filters: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: "4px 8px" },
  row: { cursor: "pointer" },
  detail: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px",
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

/** Step 2: the four kinds with counts and amounts, the list filtered, and one household's evidence. */
export function ClassifyStep({ state }: { state: PaneState }) {
  const { t, lang, outcome, selectedRow } = state;
  const styles = useStyles();
  const [kind, setKind] = React.useState("");
  const [flag, setFlag] = React.useState("");
  const [building, setBuilding] = React.useState("");
  const [collector, setCollector] = React.useState("");
  const [picked, setPicked] = React.useState<string | null>(null);
  const verdicts: readonly Verdict[] = outcome?.ok ? outcome.result.verdicts : [];

  useHouseholdAtSelection(verdicts, selectedRow, setPicked);

  if (!outcome?.ok) return <Text>{t("noHouseholds")}</Text>;
  const buildings = unique(verdicts.map((v) => v.household.building));
  const collectors = unique(verdicts.map((v) => v.household.collector));
  const shown = verdicts.filter(
    (v) =>
      (!kind || v.kind === kind) &&
      (!flag || v.flags.includes(flag as (typeof FLAGS)[number])) &&
      (!building || v.household.building === building) &&
      (!collector || v.household.collector === collector),
  );
  const current = verdicts.find((v) => v.household.key === picked) ?? null;

  return (
    <>
      <Table size="extra-small" aria-label={t("kind")}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("kind")}</TableHeaderCell>
            <TableHeaderCell>{t("householdCount")}</TableHeaderCell>
            <TableHeaderCell>{t("amount")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {KINDS.map((k) => {
            const of = verdicts.filter((v) => v.kind === k);
            return (
              <TableRow key={k}>
                <TableCell>{KIND_LABELS[k][lang]}</TableCell>
                <TableCell>{of.length}</TableCell>
                <TableCell>{formatYuan(sum(of))}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <div className={styles.filters}>
        <FilterSelect
          label={t("kind")}
          all={t("all")}
          value={kind}
          onChange={setKind}
          options={KINDS.map((k) => [k, KIND_LABELS[k][lang]])}
        />
        <FilterSelect
          label={t("flag")}
          all={t("all")}
          value={flag}
          onChange={setFlag}
          options={FLAGS.map((f) => [f, FLAG_LABELS[f][lang]])}
        />
        <FilterSelect
          label={t("building")}
          all={t("all")}
          value={building}
          onChange={setBuilding}
          options={buildings.map((b) => [b, b])}
        />
        <FilterSelect
          label={t("collector")}
          all={t("all")}
          value={collector}
          onChange={setCollector}
          options={collectors.map((c) => [c, c])}
        />
      </div>
      <Text size={200}>
        {t("showing")} {Math.min(SHOWN, shown.length)} {t("of")} {shown.length}
        {t("clauseSeparator")}
        {t("total")} {formatYuan(sum(shown))}
      </Text>
      {current && <Detail verdict={current} state={state} className={styles.detail} />}
      {!current && <Text size={200}>{t("pickHousehold")}</Text>}
      <Table size="extra-small" aria-label={t("stepClassify")}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("room")}</TableHeaderCell>
            <TableHeaderCell>{t("kind")}</TableHeaderCell>
            <TableHeaderCell>{t("amount")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.slice(0, SHOWN).map((v) => (
            <TableRow
              key={v.household.key}
              className={styles.row}
              tabIndex={0}
              aria-selected={v.household.key === picked}
              onClick={() => setPicked(v.household.key)}
              onKeyDown={(e) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  setPicked(v.household.key);
                }
              }}
            >
              <TableCell>{v.household.label}</TableCell>
              <TableCell>{KIND_LABELS[v.kind][lang]}</TableCell>
              <TableCell>
                {v.household.amountOverdue === null ? "?" : formatYuan(v.household.amountOverdue)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

function Detail(props: { verdict: Verdict; state: PaneState; className: string }) {
  const { verdict: v, state } = props;
  const { t, lang } = state;
  const h = v.household;
  return (
    <section className={props.className} aria-label={h.label}>
      <Text weight="semibold">
        {h.label} {h.owner}
      </Text>{" "}
      <Badge appearance="tint">{KIND_LABELS[v.kind][lang]}</Badge>{" "}
      {v.flags.map((f) => (
        <Badge key={f} appearance="outline" color="warning">
          {FLAG_LABELS[f][lang]}
        </Badge>
      ))}
      <div>
        {t("months")} {h.monthsOverdue ?? "?"}
        {t("commaSeparator")}
        {t("amount")} {h.amountOverdue === null ? "?" : formatYuan(h.amountOverdue)}
      </div>
      <Text weight="semibold">{t("reasons")}</Text>
      <ul>
        {v.reasons.map((r, i) => (
          <li key={i}>{r[lang]}</li>
        ))}
      </ul>
      <Text weight="semibold">{t("nextSteps")}</Text>
      <ol>
        {v.nextSteps.map((r, i) => (
          <li key={i}>{r[lang]}</li>
        ))}
      </ol>
    </section>
  );
}

function FilterSelect(props: {
  label: string;
  all: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <Field label={props.label} size="small">
      <Select size="small" value={props.value} onChange={(_, d) => props.onChange(d.value)}>
        <option value="">{props.all}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ""))].sort((a, b) =>
    a.localeCompare(b, "zh-CN", { numeric: true }),
  );
}

function sum(verdicts: readonly Verdict[]): number {
  return Math.round(verdicts.reduce((a, v) => a + (v.household.amountOverdue ?? 0), 0) * 100) / 100;
}
