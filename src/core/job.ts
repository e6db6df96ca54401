import { Bulletin, buildBulletin, bulletinSheet } from "./bulletin";
import { Verdict, classifyAll } from "./classify";
import { Dashboard, buildDashboard, dashboardSheet } from "./dashboard";
import { Field } from "./fields";
import { WorkbookGrid } from "./grid";
import { Layout } from "./household";
import { OutputSheet } from "./output";
import { ReadResult, SheetCandidate, estateFromTitle, readArrears } from "./reader";
import { RunSummary, classificationSheet, readReportSheet, runSummary, summaryLines } from "./report";
import { Settings, classifySettingsOf, findSettingsSheet, readSettings, settingsSheet } from "./settings";
import { Lang, Localized, formatYuan } from "./text";
import { IsoDate } from "./values";

export interface JobOptions {
  /** Today's date: the posting date, the run date, and the as-of date when the settings leave it blank. */
  readonly today: IsoDate;
  /** Overrides the settings' as-of date. */
  readonly asOf?: IsoDate;
  /** Overrides the settings' language. */
  readonly lang?: Lang;
  readonly sheet?: string;
  readonly columns?: Partial<Record<Field, string>>;
  readonly layout?: Layout;
}

export interface JobResult {
  readonly read: ReadResult;
  readonly verdicts: readonly Verdict[];
  readonly settings: Settings;
  readonly settingsProblems: readonly Localized[];
  readonly asOf: IsoDate;
  readonly lang: Lang;
  readonly bulletin: Bulletin;
  readonly dashboard: Dashboard;
  /** Every sheet the add-in writes, in the order they should appear. */
  readonly sheets: readonly OutputSheet[];
  readonly summary: RunSummary;
}

export type JobOutcome =
  | { readonly ok: true; readonly result: JobResult }
  | {
      readonly ok: false;
      readonly error: Localized;
      readonly candidates: readonly SheetCandidate[];
      readonly settingsProblems: readonly Localized[];
    };

/** The whole job on a workbook's grid: settings → read → classify → bulletin, dashboard and the other sheets. */
export function runJob(workbook: WorkbookGrid, options: JobOptions): JobOutcome {
  const {
    settings: stored,
    problems: settingsProblems,
    problemsByKey,
  } = readSettings(findSettingsSheet(workbook.sheets));
  const asOf = options.asOf ?? stored.asOf ?? options.today;
  const lang = options.lang ?? stored.language;
  const outcome = readArrears(workbook, {
    asOf,
    sheet: options.sheet,
    columns: options.columns,
    layout: options.layout,
  });
  if (!outcome.ok)
    return { ok: false, error: outcome.error, candidates: outcome.candidates, settingsProblems };
  const read = outcome.result;
  // A blank estate name is taken from the sheet's title and written into the settings, where it can be corrected.
  const settings: Settings = stored.estateName
    ? stored
    : { ...stored, estateName: estateFromTitle(read.title) };
  const verdicts = classifyAll(read.households, asOf, classifySettingsOf(settings));
  const bulletin = buildBulletin(verdicts, settings, asOf, options.today);
  const dashboard = buildDashboard(verdicts, settings.estateName, asOf, options.today);
  const sheets = [
    classificationSheet(read, verdicts, lang),
    bulletinSheet(bulletin, lang),
    dashboardSheet(dashboard, lang),
    settingsSheet(settings, lang, problemsByKey),
    readReportSheet(read, lang),
  ];
  return {
    ok: true,
    result: {
      read,
      verdicts,
      settings,
      settingsProblems,
      asOf,
      lang,
      bulletin,
      dashboard,
      sheets,
      summary: runSummary(read, verdicts, lang),
    },
  };
}

/** What the manager reads after a run: the summary, what needs checking, and where the results are. */
export function jobReport(job: JobResult, openingWarnings: readonly string[], output: string): string[] {
  const zh = job.lang === "zh-CN";
  const t = (a: string, b: string) => (zh ? a : b);
  const lines: string[] = [];
  for (const w of openingWarnings) lines.push(t("打开文件时：", "Opening the file: ") + w);
  for (const p of job.settingsProblems) lines.push(t("设置：", "Settings: ") + p[job.lang]);
  lines.push(...summaryLines(job.read, job.verdicts, job.lang));
  const b = job.bulletin;
  lines.push(
    t(
      `公告栏：感谢名单 ${b.thanks.length} 户，欠费公示 ${b.arrears.length} 户（${formatYuan(b.arrearsTotal)}）`,
      `Bulletin: ${b.thanks.length} thanked, ${b.arrears.length} on the arrears list (${formatYuan(b.arrearsTotal)})`,
    ) +
      (b.disputedLeftOff > 0
        ? t(`；${b.disputedLeftOff} 户纠纷户未公示`, `; ${b.disputedLeftOff} disputed households left off`)
        : "") +
      (b.toCheck.length > 0
        ? t(
            `；${b.toCheck.length} 户数据待核对，未列入`,
            `; ${b.toCheck.length} households to check first, left off`,
          )
        : ""),
  );
  lines.push(
    t(
      `结果已写入：${output}（工作表：${job.sheets.map((s) => `“${s.name}”`).join("、")}）`,
      `Written: ${output} (sheets: ${job.sheets.map((s) => `"${s.name}"`).join(", ")})`,
    ),
  );
  return lines;
}
