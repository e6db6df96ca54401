import * as React from "react";
import {
  Button,
  Field,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { FIELDS, FIELD_LABELS, Field as FieldName } from "../../core/read/fields";
import { CellValue, columnLetter } from "../../core/read/grid";
import { cellText } from "../../core/read/values";
import type { PaneState } from "../state";

/** Step 1: which sheet, which layout, which column is which field, and every row not read. */
export function ReadStep({ state }: { state: PaneState }) {
  const { t, lang, outcome, grid, options, host } = state;
  const read = outcome?.ok ? outcome.result.read : null;
  const candidates = outcome ? (outcome.ok ? outcome.result.read.candidates : outcome.candidates) : [];
  const best = candidates.length > 0 ? [...candidates].sort((a, b) => b.score - a.score)[0].sheet : undefined;
  // When nothing was read, the columns offered are those of the row that looked most like a header, so that a
  // mapping can rescue the table.
  const nearest = read
    ? { sheet: read.sheet, headerRow: read.headerRow }
    : (candidates
        .filter((c) => c.headerRow !== null && (options.sheet === undefined || c.sheet === options.sheet))
        .map((c) => ({ sheet: c.sheet, headerRow: c.headerRow as number }))[0] ?? null);
  const sheetGrid = grid?.sheets.find((s) => s.name === nearest?.sheet);
  const headerCells: CellValue[] =
    nearest && sheetGrid ? [...(sheetGrid.rows[nearest.headerRow - sheetGrid.firstRow] ?? [])] : [];
  const columnChoices = headerCells.map((v, i) => {
    const letter = columnLetter((sheetGrid?.firstColumn ?? 1) + i);
    const text = cellText(v);
    return { letter, label: text ? t("columnChoice", { letter, text: text.replace(/\s+/g, " ") }) : letter };
  });
  const mapped = new Map(read?.columns.map((c) => [c.field, c.column]) ?? []);
  const needed: FieldName[] = read ? [] : ["room", "account", "amount"];
  const shownFields = FIELDS.filter(
    (f) => mapped.has(f) || options.columns[f] !== undefined || needed.includes(f),
  );
  const otherFields = FIELDS.filter((f) => !shownFields.includes(f));
  const [extraField, setExtraField] = React.useState<FieldName | "">("");
  const layoutName = (layout: string) =>
    layout === "household"
      ? t("layoutHousehold")
      : layout === "monthly"
        ? t("layoutMonthly")
        : layout === "bill"
          ? t("layoutBill")
          : t("layoutStatusBill");
  const tables = candidates.filter((c) => c.score > 0);

  const go = (sheet: string, row: number, column: string | null) => {
    if (host.selectCell) void host.selectCell(sheet, row, column);
  };

  return (
    <>
      <Field label={t("sheet")}>
        <Select
          value={options.sheet ?? ""}
          onChange={(_, d) => state.setOptions({ sheet: d.value || undefined, columns: {} })}
          disabled={state.busy}
        >
          <option value="">{t("everySheet", { count: tables.length })}</option>
          {candidates.map((c) => (
            <option key={c.sheet} value={c.sheet}>
              {c.sheet}
              {c.sheet === best ? t("bestMatch") : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Button onClick={() => void state.reread()} disabled={state.busy}>
        {t("reread")}
      </Button>
      {read && (
        <ul aria-label={t("sheetsRead")}>
          {read.sheets.map((s) => (
            <li key={s.sheet}>
              {t("sheetRead", {
                sheet: s.sheet,
                layoutLabel: t("layout"),
                layout: layoutName(s.layout),
                headerRowLabel: t("headerRow"),
                row: s.headerRow,
                count: s.households,
              })}
            </li>
          ))}
          {read.sheetNotes
            .filter((n) => !n.read && n.headerRow !== null)
            .map((n) => (
              <li key={n.sheet}>{t("sheetNote", { sheet: n.sheet, note: n.note[lang] })}</li>
            ))}
        </ul>
      )}
      {read && read.sheets.length > 1 && (
        <Text>{t("householdsOnSheets", { count: read.households.length, sheets: read.sheets.length })}</Text>
      )}
      {read && read.sheets.length === 1 && (
        <Text>
          {read.households.length} {t("households")}
        </Text>
      )}
      {nearest && (
        <Table size="extra-small" aria-label={t("mapping")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("field")}</TableHeaderCell>
              <TableHeaderCell>{t("column")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {[...shownFields, ...(extraField ? [extraField] : [])].map((field) => (
              <TableRow key={field}>
                <TableCell>{FIELD_LABELS[field][lang]}</TableCell>
                <TableCell>
                  <Select
                    size="small"
                    aria-label={FIELD_LABELS[field][lang]}
                    value={options.columns[field] ?? mapped.get(field) ?? ""}
                    onChange={(_, d) =>
                      state.setOptions({ columns: { ...options.columns, [field]: d.value } })
                    }
                  >
                    <option value="">{t("notUsed")}</option>
                    {columnChoices.map((c) => (
                      <option key={c.letter} value={c.letter}>
                        {c.label}
                      </option>
                    ))}
                  </Select>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {nearest && (
        <Field label={`+ ${t("field")}`}>
          <Select
            size="small"
            value={extraField}
            onChange={(_, d) => setExtraField(d.value as FieldName | "")}
          >
            <option value="">—</option>
            {otherFields.map((f) => (
              <option key={f} value={f}>
                {FIELD_LABELS[f][lang]}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {read && read.monthColumns.length > 0 && (
        <Text size={200}>
          {t("monthColumns", {
            first: read.monthColumns[0].column,
            last: read.monthColumns[read.monthColumns.length - 1].column,
          })}
        </Text>
      )}
      {read && (
        <>
          <Text weight="semibold">
            {t("skipped")} ({read.skipped.length})
          </Text>
          {read.skipped.length === 0 && <Text size={200}>{t("nothingSkipped")}</Text>}
          <ul aria-label={t("skipped")}>
            {read.skipped.slice(0, 200).map((s) => (
              <li key={`${s.sheet}-${s.row}`}>
                <Where onGo={host.selectCell && (() => go(s.sheet, s.row, null))}>
                  {t("rowOf", { sheet: s.sheet, row: s.row })}
                </Where>
                {s.reason[lang]}
              </li>
            ))}
          </ul>
          <Text weight="semibold">
            {t("problems")} ({read.problems.length})
          </Text>
          <ul aria-label={t("problems")}>
            {read.problems.slice(0, 200).map((p) => (
              <li key={`${p.sheet}-${p.row}-${p.column}`}>
                <Where onGo={host.selectCell && (() => go(p.sheet, p.row, p.column))}>
                  {`${p.sheet} ${p.column}${p.row}`}
                </Where>
                {t("quotedValue", { value: p.value })}
                {p.reason[lang]}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** A place in the workbook: a button that selects it in Excel, plain text where there is no sheet to show. */
function Where(props: { onGo: (() => void) | undefined; children: React.ReactNode }) {
  if (!props.onGo) return <strong>{props.children} </strong>;
  return (
    <Button appearance="transparent" size="small" onClick={props.onGo}>
      {props.children}
    </Button>
  );
}
