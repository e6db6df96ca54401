import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { readEmsList } from "../../core/campaign/ems";
import { runJob } from "../../core/job";
import { confirmationOutputs } from "../../core/workbook";
import { CsvError, decodeText, parseCsv } from "../../xlsx/csv";
import type { PaneState } from "../state";

/**
 * The EMS mailing list given back with the numbers (邮件号) filled in: each number is logged in 催缴记录 as 已发送
 * with the number in 凭证, for the notice its 编号 names — only those rows are appended, as `--ems` does.
 */
export function EmsUpload({ state }: { state: PaneState }) {
  const { t, lang, options, host } = state;
  const input = React.useRef<HTMLInputElement>(null);
  const [said, setSaid] = React.useState<string | null>(null);
  const read = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await state
      .task(t("writing"), async () => {
        let list;
        try {
          list = readEmsList(parseCsv(decodeText(bytes), "EMS"));
        } catch (e) {
          if (e instanceof CsvError)
            throw new Error(lang === "zh-CN" ? `${file.name}：${e.zh}` : `${file.name}: ${e.message}`);
          throw e;
        }
        if (list === null) throw new Error(t("emsNoColumns"));
        const grid = await host.workbook.readGrid();
        const run = runJob(grid, { ...options, today: state.today, lang, ems: list });
        if (!run.ok) throw new Error(run.error[lang]);
        const logged = run.result.ems;
        if (!logged) return;
        const outputs = confirmationOutputs(run.result);
        if (outputs.append.rows.length > 0) await state.write(outputs);
        setSaid(
          t("emsLogged", {
            count: logged.rows.length,
            already: logged.alreadyLogged,
            unfilled: list.unfilled,
            problems: list.problems.length + logged.problems.length,
          }),
        );
      })
      .then(() => state.reread());
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        hidden
        aria-label={t("emsUpload")}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void read(file);
        }}
      />
      <Button disabled={state.busy} onClick={() => input.current?.click()}>
        {t("emsUpload")}
      </Button>
      {said && <Text>{said}</Text>}
    </>
  );
}
