import * as fs from "fs";
import * as path from "path";
import { FIELDS, Field } from "../core/read/fields";
import { columnLetter } from "../core/read/grid";
import { Layout } from "../core/read/household";
import { LAYOUTS } from "../core/read/layouts";

import { mailingCsv, smsCsv } from "../core/campaign/lists";
import { jobReport, roundSummary } from "../core/job";
import { lettersDocx } from "../export/letters-docx";
import { courtBundleFiles } from "./court-bundles";
import { agreementDocx, agreementFileName } from "../export/agreement-docx";
import { roundAgreements } from "../core/campaign/agreement";
import { INSTALMENT_RULES } from "../core/campaign/instalments";
import { EmsList, EmsLogging, readEmsList } from "../core/campaign/ems";
import { visitSheetsDocx } from "../export/visit-sheets";
import { scriptsDocx } from "../export/scripts-docx";
import { visitSheets } from "../core/campaign/visits";
import { scriptBook } from "../core/campaign/scripts";
import { GREETING_NAMES, GreetingKind, greetingSmsCsv, greetings } from "../core/campaign/greetings";
import { Lang, Localized, localized } from "../core/text";
import { isoDate } from "../core/read/values";
import { WorkbookOpenError, openCsvGrid } from "../xlsx/open";
import { Clock, systemClock } from "../core/clock";
import { OUTPUTS, OutputId } from "../core/output";
import { readFileBytes } from "./node-file";
import { NODE_ZIP } from "./native-zip";
import { useNativeZip } from "../ooxml/zip-package";
import {
  FileError,
  RoundFile,
  StageHook,
  lockOutput,
  realTarget,
  removeLeftovers,
  writeRound,
} from "./files";
import { runOnWorkbookFile } from "../xlsx/run";
import { WorkbookWriteError } from "../xlsx/package-rows";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Where "today" comes from, for a run with no --as-of or --date (tests pass a fixed one). */
  readonly clock: Clock;
  /** Progress of a long run (the command line: stderr); none when absent. */
  readonly progress?: (text: string) => void;
  /** Test hook: called when a file of the round has been written to its temporary, before any is renamed. */
  readonly afterStage?: StageHook;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  clock: systemClock,
  progress: (text) => process.stderr.write(`… ${text}\n`),
};

const OUTPUT_LIST = (Object.keys(OUTPUTS) as OutputId[])
  .filter((id) => id !== "record")
  // Chinese characters take two columns in a terminal.
  .map(
    (id) =>
      `  ${OUTPUTS[id].names["zh-CN"]}${" ".repeat(10 - 2 * OUTPUTS[id].names["zh-CN"].length)}${OUTPUTS[id].about}`,
  )
  .join("\n");

const USAGE = `Usage: arrears-desk run INPUT.xlsx [options]

Reads the arrears sheet (欠费台账) of INPUT, classifies every owner, and writes OUTPUT: the input's sheets
plus the add-in's own:
${OUTPUT_LIST}
The round's notices are added to ${OUTPUTS.record.names["zh-CN"]} (${OUTPUTS.record.about}): run the next round
on OUTPUT. INPUT is never changed. INPUT may be .xlsx, .xlsm or .csv.

Options:
  --sheet NAME          read this sheet; repeat for several (default: every sheet with an arrears table)
  --as-of YYYY-MM-DD    the date to count arrears to (default: the 催缴设置 sheet's, else today)
  --out OUTPUT.xlsx     where to write (default: beside INPUT, NAME-催缴.xlsx; for an INPUT already
                        named NAME-催缴.xlsx, the next round: NAME-催缴-2.xlsx, -3 …)
  --date YYYY-MM-DD     the day of this round: notices are dated and logged on it (default: today)
  --confirm-sent [YYYY-MM-DD]  the notices prepared on that day (default: the latest round still
                        waiting) went out: log each as 已发送 in 催缴记录, so the next step follows
  --letters FILE.docx   write the round's letters, one per A4 page, for printing
  --sms FILE.csv        write the round's SMS texts (UTF-8 with BOM) for a bulk-SMS platform
  --mailing FILE.csv    write the EMS mailing list of the formal demands and lawyer's letters
  --bundles DIR         write a court bundle (诉讼材料, a .zip of draft documents for the company's
                        lawyer) into DIR for each household whose lawyer's letter went unanswered
  --bundle-for ROOM     a court bundle for this household too (with --bundles); repeatable
  --ems FILE.csv        the mailing list given back with the EMS numbers (邮件号) filled in: each is logged in
                        催缴记录 as 已发送 with the number in 凭证, for the notice its 编号 names
  --agreements DIR      write an instalment agreement (分期还款协议, .docx) for each household offered
                        instalments this round, one file per household, into DIR
  --agreement-for ROOM  also one for this household (the manager's pick); repeatable; needs --agreements
  --instalments N       instalments in this run's agreements (${INSTALMENT_RULES.overrideMin}–${INSTALMENT_RULES.overrideMax}; default: 分期期数 in 催缴设置)
  --visits FILE.docx    write the round's visit sheets (上门催缴登记表), per collector and building
  --scripts FILE.docx   write the phone scripts (催缴话术) and the fee Q&A (收费答疑) for printing
  --greetings newYear|reminder  with --greeting-letters and/or --greeting-sms: the New Year card or the
                        温馨提醒 for every household (not logged in 催缴记录; the round is prepared as usual)
  --greeting-letters FILE.docx  write the greeting letters, one per A4 page
  --greeting-sms FILE.csv       write the greeting SMS texts (UTF-8 with BOM)
  --force               log a round dated before rounds already in the record (refused otherwise)
  --json                print one JSON object on stdout instead of the summary
  --lang zh-CN|en-US    language of the summary and sheets (default: the 催缴设置 sheet's, else zh-CN)
  --column FIELD=COL    take column COL (a letter) for FIELD, e.g. --column amount=F; repeatable;
                        FIELD=  (empty) ignores a column. Fields: ${FIELDS.join(", ")}
  --layout ${LAYOUTS.join("|")}   force the layout instead of detecting it
  -h, --help            this text
`;

class UsageError extends Error {}

/** The greetings by their command-line names. */
const GREETING_FLAGS: Readonly<Record<string, GreetingKind>> = {
  newYear: "newYear",
  reminder: "warmReminder",
};

interface RunArgs {
  input: string;
  sheets: string[];
  asOf?: string;
  date?: string;
  out?: string;
  letters?: string;
  sms?: string;
  mailing?: string;
  bundles?: string;
  bundleFor: string[];
  visits?: string;
  scripts?: string;
  greetings?: GreetingKind;
  greetingLetters?: string;
  greetingSms?: string;
  json: boolean;
  lang?: Lang;
  columns: Partial<Record<Field, string>>;
  layout?: Layout;
  force: boolean;
  confirmSent?: string;
  agreements?: string;
  agreementFor: string[];
  ems?: string;
  instalments?: number;
}

function parseArgs(argv: readonly string[]): RunArgs | "help" {
  if (argv.length === 0 || argv.includes("-h") || argv.includes("--help")) return "help";
  const [command, ...rest] = argv;
  if (command !== "run") throw new UsageError(`unknown command "${command}" (the command is: run)`);
  const args: RunArgs = {
    input: "",
    sheets: [],
    json: false,
    columns: {},
    force: false,
    agreementFor: [],
    bundleFor: [],
  };
  const value = (i: number, flag: string) => {
    const v = rest[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    switch (a) {
      case "--sheet":
        args.sheets.push(value(i++, a));
        break;
      case "--as-of":
      case "--date": {
        const v = value(i++, a);
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
        if (!m || isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === null) {
          throw new UsageError(`${a} takes a date as YYYY-MM-DD, not "${v}"`);
        }
        if (a === "--as-of") args.asOf = v;
        else args.date = v;
        break;
      }
      case "--out":
        args.out = value(i++, a);
        if (!/\.xlsx$/i.test(args.out))
          throw new UsageError(`--out writes a workbook: give a name ending in .xlsx, not "${args.out}"`);
        break;
      case "--letters":
        args.letters = value(i++, a);
        if (!/\.docx$/i.test(args.letters)) throw new UsageError("--letters writes a .docx file");
        break;
      case "--visits":
      case "--scripts":
      case "--greeting-letters": {
        const v = value(i++, a);
        if (!/\.docx$/i.test(v)) throw new UsageError(`${a} writes a .docx file`);
        if (a === "--visits") args.visits = v;
        else if (a === "--scripts") args.scripts = v;
        else args.greetingLetters = v;
        break;
      }
      case "--greeting-sms": {
        const v = value(i++, a);
        if (!/\.csv$/i.test(v)) throw new UsageError(`${a} writes a .csv file`);
        args.greetingSms = v;
        break;
      }
      case "--greetings": {
        const v = value(i++, a);
        const kind = GREETING_FLAGS[v];
        if (kind === undefined)
          throw new UsageError(`--greetings is ${Object.keys(GREETING_FLAGS).join(" or ")}, not "${v}"`);
        args.greetings = kind;
        break;
      }
      case "--sms":
      case "--mailing": {
        const v = value(i++, a);
        if (!/\.csv$/i.test(v)) throw new UsageError(`${a} writes a .csv file`);
        if (a === "--sms") args.sms = v;
        else args.mailing = v;
        break;
      }
      case "--bundles":
        args.bundles = value(i++, a);
        break;
      case "--bundle-for":
        args.bundleFor.push(value(i++, a));
        break;
      case "--ems": {
        const v = value(i++, a);
        if (!/\.csv$/i.test(v)) throw new UsageError("--ems reads the filled mailing list, a .csv file");
        args.ems = v;
        break;
      }
      case "--agreements":
        args.agreements = value(i++, a);
        break;
      case "--agreement-for":
        args.agreementFor.push(value(i++, a));
        break;
      case "--instalments": {
        const v = value(i++, a);
        const n = Number(v);
        const { overrideMin: min, overrideMax: max } = INSTALMENT_RULES;
        if (!/^\d+$/.test(v) || n < min || n > max)
          throw new UsageError(`--instalments takes a whole number from ${min} to ${max}, not "${v}"`);
        args.instalments = n;
        break;
      }
      case "--json":
        args.json = true;
        break;
      case "--force":
        args.force = true;
        break;
      case "--confirm-sent": {
        const v = rest[i + 1];
        if (v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
          const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) as RegExpExecArray;
          if (isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === null)
            throw new UsageError(`--confirm-sent takes a date as YYYY-MM-DD, not "${v}"`);
          args.confirmSent = v;
          i++;
        } else args.confirmSent = "latest";
        break;
      }
      case "--lang": {
        const v = value(i++, a);
        if (v !== "zh-CN" && v !== "en-US") throw new UsageError(`--lang is zh-CN or en-US, not "${v}"`);
        args.lang = v;
        break;
      }
      case "--column": {
        const v = value(i++, a);
        const m = /^([A-Za-z]+)=([A-Za-z]{0,3})$/.exec(v);
        if (!m || !(FIELDS as readonly string[]).includes(m[1])) {
          throw new UsageError(`--column takes FIELD=COLUMN such as amount=F; fields: ${FIELDS.join(", ")}`);
        }
        if (columnNumber(m[2].toUpperCase()) > 16_384)
          throw new UsageError(`--column ${v}: a worksheet's last column is XFD`);
        args.columns[m[1] as Field] = m[2].toUpperCase();
        break;
      }
      case "--layout": {
        const v = value(i++, a);
        const layout = LAYOUTS.find((l) => l === v);
        if (layout === undefined) throw new UsageError(`--layout is ${LAYOUTS.join(", ")}, not "${v}"`);
        args.layout = layout;
        break;
      }
      default:
        if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
        if (args.input) throw new UsageError(`one input file at a time (got "${args.input}" and "${a}")`);
        args.input = a;
    }
  }
  if (!args.input) throw new UsageError("no input file given");
  if (args.bundleFor.length > 0 && args.bundles === undefined)
    throw new UsageError("--bundle-for needs --bundles DIR: the folder to write the court bundles to");
  if (args.agreementFor.length > 0 && args.agreements === undefined)
    throw new UsageError("--agreement-for needs --agreements DIR, the folder the agreements go to");
  if ((args.greetingLetters || args.greetingSms) && !args.greetings)
    throw new UsageError("--greeting-letters and --greeting-sms need --greetings newYear|reminder");
  if (args.greetings && !args.greetingLetters && !args.greetingSms)
    throw new UsageError("--greetings needs --greeting-letters FILE.docx and/or --greeting-sms FILE.csv");
  return args;
}

/** The name after a default output that is taken: NAME-催缴.xlsx → NAME-催缴-2.xlsx → -3 … */
export function nextOutputPath(output: string): string {
  const parsed = path.parse(output);
  const m = /^(.*?)(?:-(\d+))?$/.exec(parsed.name) as RegExpExecArray;
  return path.join(parsed.dir, `${m[1]}-${Number(m[2] ?? 1) + 1}${parsed.ext || ".xlsx"}`);
}

/** NAME.xlsx → NAME-催缴.xlsx; a later round, run on NAME-催缴.xlsx → NAME-催缴-2.xlsx, then -3 … */
export function defaultOutputPath(input: string): string {
  const parsed = path.parse(input);
  const round = /^(.*-催缴)(?:-(\d+))?$/.exec(parsed.name);
  if (round) return path.join(parsed.dir, `${round[1]}-${Number(round[2] ?? 1) + 1}.xlsx`);
  return path.join(parsed.dir, `${parsed.name}-催缴.xlsx`);
}

/** Runs the command line; returns the exit code (0 done, 1 the file or its content, 2 usage). */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  // The package layer deflates with Node's zlib here: twice as fast as JavaScript on the big parts.
  useNativeZip(NODE_ZIP);
  let args: RunArgs | "help";
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`arrears-desk: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (args === "help") {
    io.stdout(USAGE);
    return 0;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof FileError) {
      io.stderr(`arrears-desk: ${error.text[args.lang ?? "zh-CN"]}\n`);
      return 1;
    }
    if (error instanceof WorkbookWriteError) {
      io.stderr(`arrears-desk: ${args.input}: ${error.text[args.lang ?? "zh-CN"]}\n`);
      return 1;
    }
    if (error instanceof WorkbookOpenError) {
      io.stderr(`arrears-desk: ${error.text(args.lang ?? "zh-CN")}\n`);
      return 1;
    }
    // A fault of ours, not of the file: one line the user can act on; the detail only when asked for.
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    const text = localized(
      `${args.input}：处理时出错，未写入任何文件（之前的文件保持不变）；` +
        "请把文件另存为 .xlsx 后再试，仍不行请联系维护人员",
      `${args.input}: something went wrong while processing it; nothing was written ` +
        "(earlier files are as they were). Save the file again as .xlsx and retry; " +
        "if it still fails, contact support",
    )[args.lang ?? "zh-CN"];
    io.stderr(`arrears-desk: ${text}${process.env.ARREARS_DEBUG ? ` [${detail}]` : ""}\n`);
    return 1;
  }
}

async function run(args: RunArgs, io: CliIo): Promise<number> {
  const today = io.clock();
  const lang0: Lang = args.lang ?? "zh-CN";
  const refuse = (text: Localized, code: number) => {
    io.stderr(`arrears-desk: ${text[lang0]}\n`);
    return code;
  };
  const targets = [
    { flag: "--out", file: args.out },
    { flag: "--letters", file: args.letters },
    { flag: "--sms", file: args.sms },
    { flag: "--mailing", file: args.mailing },
    { flag: "--visits", file: args.visits },
    { flag: "--scripts", file: args.scripts },
    { flag: "--greeting-letters", file: args.greetingLetters },
    { flag: "--greeting-sms", file: args.greetingSms },
  ].filter((t): t is { flag: string; file: string } => t.file !== undefined);
  const inputReal = realTarget(args.input);
  const seen = new Map<string, string>();
  for (const { flag, file } of targets) {
    const real = realTarget(file);
    if (real === inputReal) {
      io.stderr(`arrears-desk: ${file}: the input is never written; choose another file\n`);
      return 2;
    }
    const other = seen.get(real);
    if (other !== undefined)
      return refuse(
        localized(
          `${file}：${other} 和 ${flag} 是同一个文件；每个输出用不同的文件名`,
          `${file}: ${other} and ${flag} name the same file; give each output its own file`,
        ),
        2,
      );
    seen.set(real, flag);
  }
  if (args.bundles !== undefined && realTarget(args.bundles) === inputReal)
    return refuse(
      localized(
        `${args.bundles}：这是输入文件，输入文件从不写入；--bundles 给一个文件夹`,
        `${args.bundles}: the input is never written; give --bundles a folder`,
      ),
      2,
    );
  const bytes = await readFileBytes(args.input);
  for (const { file } of targets) removeLeftovers(path.dirname(path.resolve(file)));
  if (args.bundles !== undefined) removeLeftovers(path.resolve(args.bundles));
  // The output: the one asked for, else the first free default name — taken under its lock, so that two runs at
  // once never pick the same one.
  let out: string;
  let release: () => void;
  if (args.out !== undefined) {
    out = args.out;
    removeLeftovers(path.dirname(path.resolve(out)));
    release = lockOutput(out);
  } else {
    let candidate = defaultOutputPath(args.input);
    removeLeftovers(path.dirname(path.resolve(candidate)));
    for (;;) {
      if (realTarget(candidate) === inputReal || fs.existsSync(candidate)) {
        candidate = nextOutputPath(candidate);
        continue;
      }
      const unlock = lockOutput(candidate);
      if (!fs.existsSync(candidate)) {
        release = unlock;
        break;
      }
      unlock();
    }
    out = candidate;
  }
  try {
    return await runLocked(args, io, today, bytes, out, args.out === undefined);
  } finally {
    release();
  }
}

async function runLocked(
  args: RunArgs,
  io: CliIo,
  today: string,
  bytes: Uint8Array,
  out: string,
  defaultOut: boolean,
): Promise<number> {
  const started = Date.now();
  // Progress goes to stderr, so --json output on stdout stays one object.
  const large = bytes.length > 2_000_000;
  const progress = (text: string) => {
    if (io.progress && (large || Date.now() - started > 2000)) io.progress(text);
  };
  progress(`${args.input} read; reading the arrears table and writing ${out}`);
  let ems: EmsList | undefined;
  if (args.ems !== undefined) {
    const lang = args.lang ?? "zh-CN";
    const list = readEmsList(openCsvGrid(await readFileBytes(args.ems), args.ems).grid.sheets[0]);
    if (list === null) {
      io.stderr(
        `arrears-desk: ${
          localized(
            `${args.ems}：找不到“编号”和“邮件号”两列；请用本工具导出的邮寄清单（--mailing）填写邮件号后再读入。未写入任何文件`,
            `${args.ems}: no "Reference" and "EMS number" columns; fill in the mailing list this tool wrote ` +
              "(--mailing) and give it back. Nothing was written",
          )[lang]
        }\n`,
      );
      return 1;
    }
    ems = list;
  }
  const outcome = await runOnWorkbookFile(bytes, path.basename(args.input), {
    today,
    asOf: args.asOf,
    lang: args.lang,
    sheets: args.sheets.length > 0 ? args.sheets : undefined,
    columns: args.columns,
    layout: args.layout,
    roundDate: args.date,
    confirmSent: args.confirmSent,
    ems,
  });
  if (!outcome.ok) {
    const lang = args.lang ?? "zh-CN";
    for (const p of outcome.settingsProblems) io.stderr(`arrears-desk: ${p[lang]}\n`);
    io.stderr(`arrears-desk: ${path.basename(args.input)}: ${outcome.error[lang]}\n`);
    return 1;
  }
  const job = outcome.job;
  const round = job.round;
  const sheetName = job.read.sheet;
  const file = path.basename(args.input);
  for (const [field, letter] of Object.entries(args.columns)) {
    if (!letter || columnNumber(letter) <= outcome.lastColumn) continue;
    io.stderr(
      `arrears-desk: ${
        localized(
          `${file}：--column ${field}=${letter}：工作表“${sheetName}”只用到第 ${columnLetter(outcome.lastColumn)} ` +
            `列，${letter} 列是空的；请检查列字母。未写入任何文件`,
          `${file}: --column ${field}=${letter}: sheet "${sheetName}" ends at column ` +
            `${columnLetter(outcome.lastColumn)}, so column ${letter} is empty; check ` +
            "the letter. Nothing was written",
        )[job.lang]
      }\n`,
    );
    return 1;
  }
  // A forced layout must read the sheet that looks most like an arrears table: other sheets read that way
  // instead would be figures from the wrong table.
  const bestSheet = [...job.read.candidates].sort((a, b) => b.score - a.score)[0]?.sheet ?? sheetName;
  const forcedMissed = !job.read.sheets.some((s) => s.sheet === bestSheet && s.households > 0);
  if (args.layout && (job.verdicts.length === 0 || forcedMissed)) {
    const sheetName = forcedMissed ? bestSheet : job.read.sheet;
    io.stderr(
      `arrears-desk: ${
        localized(
          `${file}：--layout ${args.layout}：按这种格式在工作表“${sheetName}”中找不到任何一户；` +
            "去掉 --layout 让它自动识别，或换一种格式。未写入任何文件",
          `${file}: --layout ${args.layout}: no household was found on sheet "${sheetName}" ` +
            "read that way; leave --layout out to detect the layout, or try another. " +
            "Nothing was written",
        )[job.lang]
      }\n`,
    );
    return 1;
  }
  const later = [
    ...new Set(job.record.entries.filter((e) => e.stage !== null && e.date > round.date).map((e) => e.date)),
  ].sort();
  if (later.length > 0 && !args.force) {
    const shown = later.length > 5 ? [...later.slice(0, 5), "…"] : later;
    io.stderr(
      `arrears-desk: ${
        localized(
          `${path.basename(args.input)}：催缴记录里已有 ${shown.join("、")} 的轮次，` +
            `晚于本轮日期 ${round.date}；按这个日期重来会让每户从第一步开始并永久加入记录。` +
            "请检查 --date；确需补记更早的一轮，加 --force",
          `${path.basename(args.input)}: the collection record already has rounds ` +
            `on ${shown.join(", ")}, later than this round's date ${round.date}; a ` +
            "round on that date would start everyone again at the first step and add " +
            "rows for good. Check --date; to log an earlier round on purpose, add " +
            "--force",
        )[job.lang]
      }\n`,
    );
    return 1;
  }
  const files: RoundFile[] = [];
  const exports: string[] = [];
  if (args.letters) {
    const letters = round.notices.flatMap((n) => (n.letter ? [n.letter] : []));
    const title = job.lang === "zh-CN" ? `催缴通知 ${round.date}` : `Notices ${round.date}`;
    files.push({ target: args.letters, bytes: await lettersDocx(letters, { title, lang: job.lang }) });
    exports.push(`${args.letters} (${letters.length})`);
  }
  if (args.sms) {
    files.push({ target: args.sms, bytes: utf8(smsCsv(round)) });
    exports.push(`${args.sms} (${round.notices.filter((n) => n.sms !== null).length})`);
  }
  if (args.mailing) {
    files.push({ target: args.mailing, bytes: utf8(mailingCsv(round, job.settings)) });
    exports.push(`${args.mailing} (${round.notices.filter((n) => n.channel === "ems").length})`);
  }
  if (args.bundles !== undefined) {
    const bundles = await courtBundleFiles(job, args.bundles, args.bundleFor);
    if ("error" in bundles) {
      io.stderr(`arrears-desk: ${bundles.error[job.lang]}\n`);
      return 1;
    }
    const outputs = new Set([
      realTarget(args.input),
      ...files.map((f) => realTarget(f.target)),
      realTarget(out),
    ]);
    const clash = bundles.files.find((f) => outputs.has(realTarget(f.target)));
    if (clash) {
      const text = localized(
        `${clash.target}：是输入文件或本次的另一个输出；--bundles 换一个文件夹`,
        `${clash.target}: the input or another output of the run; give --bundles another folder`,
      );
      io.stderr(`arrears-desk: ${text[job.lang]}\n`);
      return 2;
    }
    files.push(...bundles.files);
    exports.push(`${args.bundles} (${bundles.count})`);
  }
  const agreementLines: string[] = [];
  if (args.agreements !== undefined) {
    const made = roundAgreements(job, args.agreementFor, args.instalments);
    if (made.unknown.length > 0) {
      io.stderr(
        `arrears-desk: ${
          localized(
            `--agreement-for ${made.unknown.join("、")}：台账中找不到此房号（或多栋同号，请写全楼栋单元）。未写入任何文件`,
            `--agreement-for ${made.unknown.join(", ")}: no such unit in the arrears sheet (or several ` +
              "buildings share it: give the building and entrance). Nothing was written",
          )[job.lang]
        }\n`,
      );
      return 1;
    }
    for (const a of made.agreements)
      files.push({ target: path.join(args.agreements, agreementFileName(a)), bytes: await agreementDocx(a) });
    exports.push(`${args.agreements} (${made.agreements.length})`);
    const say = (zh: string, en: string) => (job.lang === "zh-CN" ? zh : en);
    if (made.agreements.length > 0)
      agreementLines.push(
        say(
          `分期还款协议 ${made.agreements.length} 份：双方签字盖章后，在催缴记录中记结果“同意分期”，备注写分期计划，如“${made.agreements[0].recordNote}”`,
          `${made.agreements.length} instalment agreements: once both sides have signed, log the result "agreed ` +
            `instalments" in the record with the plan in the note, e.g. "${made.agreements[0].recordNote}"`,
        ),
      );
    if (made.nothingOwed.length > 0)
      agreementLines.push(
        say(
          `  ${made.nothingOwed.join("、")}：没有欠费，不需要分期协议`,
          `  ${made.nothingOwed.join(", ")}: nothing owed, no agreement needed`,
        ),
      );
    for (const w of made.warnings) agreementLines.push(`  ${w[job.lang]}`);
  }
  if (args.visits) {
    const sheets = visitSheets(round, job.settings.estateName);
    files.push({ target: args.visits, bytes: await visitSheetsDocx(sheets) });
    exports.push(`${args.visits} (${sheets.groups.reduce((n, g) => n + g.rows.length, 0)})`);
  }
  if (args.scripts) {
    const book = scriptBook(job.scripts, job.faq, job.settings, job.lang);
    files.push({ target: args.scripts, bytes: await scriptsDocx(book) });
    exports.push(`${args.scripts} (${book.scripts.length})`);
  }
  if (args.greetings) {
    const list = greetings(
      args.greetings,
      job.read.households,
      job.greetings,
      job.settings,
      round.date,
      job.lang,
    );
    if (args.greetingLetters) {
      files.push({
        target: args.greetingLetters,
        bytes: await lettersDocx(
          list.map((g) => g.letter),
          { title: GREETING_NAMES[args.greetings][job.lang], lang: job.lang },
        ),
      });
      exports.push(`${args.greetingLetters} (${list.length})`);
    }
    if (args.greetingSms) {
      files.push({ target: args.greetingSms, bytes: utf8(greetingSmsCsv(list, job.lang)) });
      exports.push(`${args.greetingSms} (${list.filter((g) => g.sms !== null).length})`);
    }
  }
  // The workbook last: once it says the round went out, the round's files are beside it.
  files.push({ target: out, bytes: outcome.output, exclusive: defaultOut });
  try {
    writeRound(files, io.afterStage);
  } catch (error) {
    if (error instanceof FileError) {
      io.stderr(`arrears-desk: ${error.text[job.lang]}\n`);
      return 1;
    }
    throw error;
  }
  progress(`${job.verdicts.length} households written`);
  if (args.json) {
    io.stdout(`${JSON.stringify({ ...job.summary, round: roundSummary(job), output: out, exports })}\n`);
    return 0;
  }
  const lines = [...jobReport(job, outcome.warnings, out), ...agreementLines];
  if (ems && job.ems) lines.push(...emsLines(args.ems as string, ems, job.ems, job.lang));
  if (exports.length > 0)
    lines.push(
      (job.lang === "zh-CN" ? "导出：" : "Exported: ") + exports.join(job.lang === "zh-CN" ? "，" : ", "),
    );
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}

/** What came of the filled mailing list: numbers logged, already there, not yet filled, and rows not used. */
function emsLines(file: string, list: EmsList, logged: EmsLogging, lang: Lang): string[] {
  const say = (zh: string, en: string) => (lang === "zh-CN" ? zh : en);
  const lines = [
    say(
      `EMS 邮件号（${file}）：登记 ${logged.rows.length} 个（催缴记录新增“已发送”行，凭证为邮件号）` +
        (logged.alreadyLogged > 0 ? `，${logged.alreadyLogged} 个已登记过，未重复` : "") +
        (list.unfilled > 0 ? `，${list.unfilled} 行尚未填写邮件号` : "") +
        "；妥投后在催缴记录中记“已签收/妥投”及同一邮件号，即为送达凭证",
      `EMS numbers (${file}): ${logged.rows.length} logged (rows "sent" with the number as proof)` +
        (logged.alreadyLogged > 0 ? `, ${logged.alreadyLogged} already logged, not repeated` : "") +
        (list.unfilled > 0 ? `, ${list.unfilled} rows with no number yet` : "") +
        '; once delivered, log "delivered" with the same number: that is the proof of delivery',
    ),
  ];
  for (const p of [...list.problems, ...logged.problems])
    lines.push(
      say(
        `  ${file} 第 ${p.row} 行${p.column ? ` ${p.column} 列` : ""}（“${p.value}”）：${p.reason["zh-CN"]}`,
        `  ${file} row ${p.row}${p.column ? ` column ${p.column}` : ""} ("${p.value}"): ${p.reason["en-US"]}`,
      ),
    );
  return lines;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
