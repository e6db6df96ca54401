import { Bulletin, buildBulletin, bulletinSheet } from "./boards/bulletin";
import { classifyAll } from "./classify/classify";
import { Verdict } from "./classify/kinds";
import { Dashboard, buildDashboard, dashboardSheet } from "./boards/dashboard";
import { Field } from "./read/fields";
import { WorkbookGrid } from "./read/grid";
import { Layout } from "./read/household";
import { OutputSheet } from "./output";
import { ReadResult, SheetCandidate, estateFromTitle, readArrears } from "./read/reader";
import { RunSummary, classificationSheet, readReportSheet, runSummary, summaryLines } from "./report";
import {
  MaskMode,
  Settings,
  classifySettingsOf,
  findSettingsSheet,
  readSettings,
  settingsSheet,
} from "./settings/settings";
import { Lang, Localized, formatYuan, speaker } from "./text";
import { IsoDate } from "./read/values";
import { Round, newRecordSheet, noticesSheet, planRound } from "./campaign/notices";
import { NoticeStage, STAGE_NAMES } from "./campaign/stages";
import { CampaignFacts, RecordReading, campaignFactsByHousehold, readRecord } from "./campaign/record";
import { ConfirmWhich, confirmRound } from "./campaign/confirm";
import { EmsList, EmsLogging, emsRecordRows } from "./campaign/ems";
import { STAGES } from "./campaign/stages";
import { TemplatesReading, findTemplatesSheet, readTemplates, templatesSheet } from "./campaign/templates";
import { DailyReport, buildDailyReport, dailyReportSheet } from "./boards/daily-report";
import { TeamTextsReading, findSheet, readTeamTexts, teamTextsSheet } from "./campaign/team-texts";
import { FAQ_SPEC, SCRIPT_SPEC } from "./campaign/scripts";
import { GreetingsReading, readGreetings, withGreetingRows } from "./campaign/greetings";

export interface JobOptions {
  /** Today's date: the posting date, the run date, and the as-of date when the settings leave it blank. */
  readonly today: IsoDate;
  /** Overrides the settings' as-of date. */
  readonly asOf?: IsoDate;
  /** Overrides the settings' language. */
  readonly lang?: Lang;
  readonly sheet?: string;
  /** Read only these sheets (the command line's repeated --sheet); default: every sheet with an arrears table. */
  readonly sheets?: readonly string[];
  readonly columns?: Partial<Record<Field, string>>;
  readonly layout?: Layout;
  /** The day this round's notices go out and are logged (default: today). */
  readonly roundDate?: IsoDate;
  /** Overrides the settings' privacy choice for the bulletin (the task pane's masking choice). */
  readonly maskMode?: MaskMode;
  /**
   * Confirms a prepared round (its date, or the latest still waiting) as sent: one 已发送 row per notice is added
   * to the record, and this run's round counts them.
   */
  readonly confirmSent?: ConfirmWhich;
  /** The filled EMS mailing list (邮件号 by 编号): each number logged as a record row 已发送 (ems.ts). */
  readonly ems?: EmsList;
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
  readonly record: RecordReading;
  /** What the record says of each household on the round's date (this run's confirmations and EMS rows included). */
  readonly facts: ReadonlyMap<string, CampaignFacts>;
  readonly templates: TemplatesReading;
  readonly round: Round;
  /** The round's day per collector, from the record (催缴日报). */
  readonly dailyReport: DailyReport;
  /** The team's phone scripts (催缴话术) and fee Q&A (收费答疑), as read. */
  readonly scripts: TeamTextsReading;
  readonly faq: TeamTextsReading;
  /** The New Year card and 温馨提醒 from 通知模板, as read. */
  readonly greetings: GreetingsReading;
  /** The record sheet written whole when the workbook has none yet; otherwise null (round.record is appended). */
  readonly newRecord: OutputSheet | null;
  /** The EMS numbers logged from the mailing list, when one was given. */
  readonly ems?: EmsLogging | null;
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
    sheets: options.sheets,
    columns: options.columns,
    layout: options.layout,
  });
  if (!outcome.ok)
    return { ok: false, error: outcome.error, candidates: outcome.candidates, settingsProblems };
  const read = outcome.result;
  // A blank estate name is taken from the sheet's title and written into the settings, where it can be corrected.
  const settings: Settings = {
    ...stored,
    estateName: stored.estateName || estateFromTitle(read.title),
    maskMode: options.maskMode ?? stored.maskMode,
  };
  const roundDate = options.roundDate ?? options.today;
  const record = readRecord(workbook, read.households);
  const confirmation = options.confirmSent
    ? confirmRound(record.entries, options.confirmSent, read.households, lang, options.today, record.lastRow)
    : null;
  const confirmed = confirmation ? [...record.entries, ...confirmation.entries] : record.entries;
  const ems = options.ems
    ? emsRecordRows(
        options.ems,
        confirmed,
        read.households,
        lang,
        roundDate,
        record.lastRow + (confirmation?.rows.length ?? 0),
      )
    : null;
  const entries = ems ? [...confirmed, ...ems.entries] : confirmed;
  const facts = campaignFactsByHousehold(entries, roundDate);
  const templates = readTemplates(findTemplatesSheet(workbook.sheets));
  const verdicts = classifyAll(read.households, asOf, classifySettingsOf(settings), facts);
  const bulletin = buildBulletin(verdicts, settings, asOf, options.today, facts);
  const dashboard = buildDashboard(verdicts, settings.estateName, asOf, options.today, facts);
  const planned = planRound({
    verdicts,
    facts,
    settings,
    templates: templates.templates,
    templateProblems: templates.problems,
    recordProblems: record.problems,
    recordSheet: record.sheet,
    recordLayout: record.layout,
    recordLastRow: record.lastRow,
    date: roundDate,
    asOf,
    lang,
    confirmations: [...(confirmation?.rows ?? []), ...(ems?.rows ?? [])],
  });
  // The EMS rows are logged with the confirmations, but counted on their own.
  const round = ems ? { ...planned, confirmed: confirmation?.rows.length ?? 0 } : planned;
  const dailyReport = buildDailyReport(entries, read.households, roundDate, asOf);
  const scripts = readTeamTexts(SCRIPT_SPEC, findSheet(workbook.sheets, SCRIPT_SPEC.sheetNames));
  const faq = readTeamTexts(FAQ_SPEC, findSheet(workbook.sheets, FAQ_SPEC.sheetNames));
  const greetings = readGreetings(findTemplatesSheet(workbook.sheets));
  const sheets = [
    classificationSheet(read, verdicts, lang),
    bulletinSheet(bulletin, lang),
    dashboardSheet(dashboard, lang),
    noticesSheet(round),
    withGreetingRows(templatesSheet(templates.templates, lang, templates.problems), greetings, lang),
    settingsSheet(settings, lang, problemsByKey),
    readReportSheet(read, lang),
    dailyReportSheet(dailyReport, lang),
    teamTextsSheet(SCRIPT_SPEC, scripts, lang),
    teamTextsSheet(FAQ_SPEC, faq, lang),
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
      record,
      facts,
      templates,
      round,
      dailyReport,
      scripts,
      faq,
      greetings,
      newRecord: round.record.exists ? null : newRecordSheet(round.record),
      ems,
      sheets,
      summary: runSummary(read, verdicts, lang),
    },
  };
}

/** What the manager reads after a run: the summary, what needs checking, and where the results are. */
export function jobReport(job: JobResult, openingWarnings: readonly string[], output: string): string[] {
  const say = speaker(job.lang);
  const lines: string[] = [];
  for (const w of openingWarnings) lines.push(say("打开文件时：", "Opening the file: ") + w);
  for (const p of job.settingsProblems) lines.push(say("设置：", "Settings: ") + p[job.lang]);
  lines.push(...summaryLines(job.read, job.verdicts, job.lang));
  const b = job.bulletin;
  lines.push(
    say(
      `公告栏：感谢名单 ${b.thanks.length} 户，欠费公示 ${b.arrears.length} 户（${formatYuan(b.arrearsTotal)}）`,
      `Bulletin: ${b.thanks.length} thanked, ${b.arrears.length} on the arrears ` +
        `list (${formatYuan(b.arrearsTotal)})`,
    ) +
      (b.disputedLeftOff > 0
        ? say(`；${b.disputedLeftOff} 户纠纷户未公示`, `; ${b.disputedLeftOff} disputed households left off`)
        : "") +
      (b.hardshipLeftOff > 0
        ? say(
            `；${b.hardshipLeftOff} 户经济困难户未公示（改为协商分期）`,
            `; ${b.hardshipLeftOff} hardship households left off (offered instalments)`,
          )
        : "") +
      (b.paidSinceLeftOff > 0
        ? say(
            `；${b.paidSinceLeftOff} 户计至日后已缴清，未公示`,
            `; ${b.paidSinceLeftOff} paid in full since the as-of date, left off`,
          )
        : "") +
      (b.toCheck.length > 0
        ? say(
            `；${b.toCheck.length} 户数据待核对，未列入`,
            `; ${b.toCheck.length} households to check first, left off`,
          )
        : ""),
  );
  lines.push(...roundLines(job));
  for (const p of [...job.scripts.problems, ...job.faq.problems, ...job.greetings.problems])
    lines.push(`  ${p.message[job.lang]}`);
  lines.push(
    say(
      `结果已写入：${output}（工作表：${job.sheets.map((s) => `“${s.name}”`).join("、")}）`,
      `Written: ${output} (sheets: ${job.sheets.map((s) => `"${s.name}"`).join(", ")})`,
    ),
  );
  return lines;
}

/** The round in numbers, for --json and the task pane. */
export function roundSummary(job: JobResult): {
  date: IsoDate;
  notices: number;
  byStage: Record<string, number>;
  byChannel: Record<string, number>;
  held: number;
  /** Lawyer's letters held: no law firm in the settings, or no proven delivery of the formal demand. */
  lawyerHeld: { lawFirm: number; delivery: number };
  /** Notices of an earlier round confirmed as sent in this run. */
  confirmed: number;
  recordRowsAdded: number;
  alreadyLogged: number;
  smsTooLong: number;
  templateProblems: number;
  recordProblems: number;
} {
  const round = job.round;
  const byStage: Record<string, number> = {};
  const byChannel: Record<string, number> = {};
  for (const n of round.notices) {
    byStage[String(n.stage)] = (byStage[String(n.stage)] ?? 0) + 1;
    byChannel[n.channel] = (byChannel[n.channel] ?? 0) + 1;
  }
  return {
    date: round.date,
    notices: round.notices.length,
    byStage,
    byChannel,
    held: round.held.length,
    lawyerHeld: {
      lawFirm: round.held.filter((x) => x.lawyerHold === "lawFirm").length,
      delivery: round.held.filter((x) => x.lawyerHold === "delivery").length,
    },
    confirmed: round.confirmed,
    recordRowsAdded: round.record.rows.length,
    alreadyLogged: round.record.alreadyLogged,
    smsTooLong: round.notices.filter((n) => n.smsTooLong).length,
    templateProblems: round.templateProblems.length,
    recordProblems: round.recordProblems.length,
  };
}

function roundLines(job: JobResult): string[] {
  const say = speaker(job.lang);
  const round = job.round;
  const s = roundSummary(job);
  const stages = Object.entries(s.byStage)
    .map(([stage, count]) => {
      const key = (/^\d+$/.test(stage) ? Number(stage) : stage) as NoticeStage;
      return `${STAGE_NAMES[key][job.lang]} ${count}`;
    })
    .join(say("、", ", "));
  const legal = round.notices.filter((n) => STAGES[n.stage].legal).length;
  const added = s.recordRowsAdded - s.confirmed;
  const lines = [
    say(
      `本轮催缴（${round.date}）：准备通知 ${s.notices} 户${stages ? `（${stages}）` : ""}，暂缓 ${s.held} 户；` +
        `催缴记录新增 ${added} 行（结果“待发送”：发出后把结果改为“已发送”，或运行 --confirm-sent）` +
        (s.alreadyLogged > 0 ? `，${s.alreadyLogged} 条今天已记录，未重复` : ""),
      `Round of ${round.date}: ${s.notices} notices prepared${stages ? ` (${stages})` : ""}, ${s.held} held back; ` +
        `${added} rows added to the collection record (result "to send": once sent, change it to "sent" ` +
        "or run --confirm-sent)" +
        (s.alreadyLogged > 0 ? `, ${s.alreadyLogged} already logged today and not repeated` : ""),
    ),
  ];
  if (s.confirmed > 0)
    lines.push(
      say(
        `  已确认发出：${s.confirmed} 份通知（催缴记录中记为“已发送”）`,
        `  confirmed as sent: ${s.confirmed} notices (logged "sent" in the record)`,
      ),
    );
  if (legal > 0)
    lines.push(
      say(
        `  ${legal} 份催告函或律师函：由物业服务企业盖章，EMS 寄出后在催缴记录中登记单号和签收`,
        `  ${legal} formal demands or lawyer's letters: sealed by the company; log the EMS number and the ` +
          "delivery in the record",
      ),
    );
  if (s.smsTooLong > 0)
    lines.push(
      say(
        `  ${s.smsTooLong} 条短信超过一条的长度，将分条发送`,
        `  ${s.smsTooLong} SMS texts are longer than one message`,
      ),
    );
  for (const w of round.warnings) lines.push(`  ${w[job.lang]}`);
  for (const p of round.templateProblems) lines.push(`  ${p.message[job.lang]}`);
  for (const p of round.recordProblems.slice(0, 10))
    lines.push(
      say(
        `  催缴记录 ${p.column}${p.row}（“${p.value}”）：${p.reason["zh-CN"]}`,
        `  collection record ${p.column}${p.row} ("${p.value}"): ${p.reason["en-US"]}`,
      ),
    );
  if (round.recordProblems.length > 10)
    lines.push(
      say(
        `  ……另有 ${round.recordProblems.length - 10} 个`,
        `  … and ${round.recordProblems.length - 10} more`,
      ),
    );
  return lines;
}
