import * as React from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { MaskMode } from "../../core/settings/settings";
import { formatYuan } from "../../core/text";
import { Written } from "../parts";
import type { PaneState } from "../state";

/** Step 3: the bulletin's lists with the masking choice, the dashboard's totals, and writing the sheets. */
export function BoardsStep({ state }: { state: PaneState }) {
  const { t, lang, outcome, options } = state;
  const [written, setWritten] = React.useState<string[] | null>(null);
  if (!outcome?.ok) return <Text>{t("noHouseholds")}</Text>;
  const { bulletin, dashboard, settings } = outcome.result;
  const mode = options.maskMode ?? settings.maskMode;
  return (
    <>
      <Field label={t("masking")}>
        <RadioGroup value={mode} onChange={(_, d) => state.setOptions({ maskMode: d.value as MaskMode })}>
          <Radio value="roomOnly" label={t("maskRoomOnly")} />
          <Radio value="masked" label={t("maskMasked")} />
          <Radio value="consented" label={t("maskConsented")} />
        </RadioGroup>
      </Field>
      <Table size="extra-small" aria-label={t("stepBoards")}>
        <TableBody>
          <TableRow>
            <TableCell>{t("thanksList")}</TableCell>
            <TableCell>
              {bulletin.thanks.length} {t("households")}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell>{t("arrearsList")}</TableCell>
            <TableCell>
              {bulletin.arrears.length} {t("households")}
              {t("commaSeparator")}
              {formatYuan(bulletin.arrearsTotal)}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell>{t("overdueInAll")}</TableCell>
            <TableCell>
              {dashboard.total.inArrears} {t("households")}
              {t("commaSeparator")}
              {formatYuan(dashboard.total.amount)}
            </TableCell>
          </TableRow>
          {dashboard.aging.map((a, i) => (
            <TableRow key={i}>
              <TableCell>{a.label[lang]}</TableCell>
              <TableCell>
                {a.households} {t("households")}
                {t("commaSeparator")}
                {formatYuan(a.amount)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {bulletin.arrears.length > 0 && (
        <Text size={200}>
          {t("asPosted")}
          {bulletin.arrears
            .slice(0, 3)
            .map((e) => [e.building, e.room, e.name].filter(Boolean).join(" "))
            .join(t("clauseSeparator"))}
        </Text>
      )}
      {(bulletin.disputedLeftOff > 0 || bulletin.toCheck.length > 0) && (
        <MessageBar intent="info">
          <MessageBarBody>
            {t("leftOffBulletin", {
              disputed: bulletin.disputedLeftOff,
              toCheck: bulletin.toCheck.length,
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      <Button
        appearance="primary"
        disabled={state.busy}
        onClick={async () => setWritten(await state.writeAll(false))}
      >
        {t("writeSheets")}
      </Button>
      {written && <Written state={state} sheets={written} />}
    </>
  );
}
