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
import type { PaneState } from "../App";

/** Step 3: the bulletin's lists with the masking choice, the dashboard's totals, and writing the sheets. */
export function BoardsStep({ state }: { state: PaneState }) {
  const { t, lang, outcome, options } = state;
  const [written, setWritten] = React.useState<string[] | null>(null);
  if (!outcome?.ok) return <Text>{t("noHouseholds")}</Text>;
  const { bulletin, dashboard, settings } = outcome.result;
  const mode = options.maskMode ?? settings.maskMode;
  const zh = lang === "zh-CN";
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
              {bulletin.arrears.length} {t("households")}，{formatYuan(bulletin.arrearsTotal)}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell>{zh ? "欠费合计" : "Overdue in all"}</TableCell>
            <TableCell>
              {dashboard.total.inArrears} {t("households")}，{formatYuan(dashboard.total.amount)}
            </TableCell>
          </TableRow>
          {dashboard.aging.map((a, i) => (
            <TableRow key={i}>
              <TableCell>{a.label[lang]}</TableCell>
              <TableCell>
                {a.households} {t("households")}，{formatYuan(a.amount)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {bulletin.arrears.length > 0 && (
        <Text size={200}>
          {zh ? "公示示例：" : "As posted: "}
          {bulletin.arrears
            .slice(0, 3)
            .map((e) => [e.building, e.room, e.name].filter(Boolean).join(" "))
            .join("；")}
        </Text>
      )}
      {(bulletin.disputedLeftOff > 0 || bulletin.toCheck.length > 0) && (
        <MessageBar intent="info">
          <MessageBarBody>
            {zh
              ? `${bulletin.disputedLeftOff} 户纠纷户未公示；${bulletin.toCheck.length} 户数据待核对，未列入`
              : `${bulletin.disputedLeftOff} disputed households left off; ${bulletin.toCheck.length} to check first, left off`}
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

/** Which sheets a write put in the workbook. */
export function Written({ state, sheets }: { state: PaneState; sheets: readonly string[] }) {
  return (
    <MessageBar intent="success">
      <MessageBarBody>
        {state.t("written")}
        {sheets.join(state.lang === "zh-CN" ? "、" : ", ")}
      </MessageBarBody>
    </MessageBar>
  );
}
