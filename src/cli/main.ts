import * as fs from "fs";
import * as path from "path";
import { FIELDS, Field } from "../core/read/fields";
import { Layout } from "../core/read/household";

import { mailingCsv, smsCsv } from "../core/campaign/lists";
import { jobReport, roundSummary } from "../core/job";
import { lettersDocx } from "../export/letters-docx";
import { Lang } from "../core/text";
import { isoDate } from "../core/read/values";
import { WorkbookOpenError } from "../xlsx/open";
import { Clock, systemClock } from "../core/clock";
import { readFileBytes } from "../xlsx/node-file";
import { runOnWorkbookFile } from "../xlsx/run";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Where "today" comes from, for a run with no --as-of or --date (tests pass a fixed one). */
  readonly clock: Clock;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  clock: systemClock,
};

const USAGE = `Usage: arrears-desk run INPUT.xlsx [options]

Reads the arrears sheet (欠费台账) of INPUT, classifies every owner, and writes OUTPUT: the input's sheets
plus 催缴分类 (one row per household: kind, months, amount, flags, reasons, next step), 公告栏 (the
bulletin-board lists), 催缴看板 (the dashboard), 催缴通知 (this round's notices, by collector), 通知模板
(the wording of every notice, read back on the next run), 催缴设置 (the settings, read back too) and
读取报告 (which column was read as what; every row and cell not read, and why). The round's notices are
added to 催缴记录 (the collection record), which is only ever appended to: run the next round on OUTPUT.
INPUT is never changed. INPUT may be .xlsx, .xlsm or .csv.

Options:
  --sheet NAME          read this sheet (default: the best-matching sheet)
  --as-of YYYY-MM-DD    the date to count arrears to (default: the 催缴设置 sheet's, else today)
  --out OUTPUT.xlsx     where to write (default: beside INPUT, NAME-催缴.xlsx; for an INPUT already
                        named NAME-催缴.xlsx, the next round: NAME-催缴-2.xlsx, -3 …)
  --date YYYY-MM-DD     the day of this round: notices are dated and logged on it (default: today)
  --confirm-sent [YYYY-MM-DD]  the notices prepared on that day (default: the latest round still
                        waiting) went out: log each as 已发送 in 催缴记录, so the next step follows
  --letters FILE.docx   write the round's letters, one per A4 page, for printing
  --sms FILE.csv        write the round's SMS texts (UTF-8 with BOM) for a bulk-SMS platform
  --mailing FILE.csv    write the EMS mailing list of the formal demands and lawyer's letters
  --json                print one JSON object on stdout instead of the summary
  --lang zh-CN|en-US    language of the summary and sheets (default: the 催缴设置 sheet's, else zh-CN)
  --column FIELD=COL    take column COL (a letter) for FIELD, e.g. --column amount=F; repeatable;
                        FIELD=  (empty) ignores a column. Fields: ${FIELDS.join(", ")}
  --layout household|monthly|bill   force the layout instead of detecting it
  -h, --help            this text
`;

class UsageError extends Error {}

interface RunArgs {
  input: string;
  sheet?: string;
  asOf?: string;
  date?: string;
  out?: string;
  letters?: string;
  sms?: string;
  mailing?: string;
  json: boolean;
  lang?: Lang;
  columns: Partial<Record<Field, string>>;
  layout?: Layout;
  confirmSent?: string;
}

function parseArgs(argv: readonly string[]): RunArgs | "help" {
  if (argv.length === 0 || argv.includes("-h") || argv.includes("--help")) return "help";
  const [command, ...rest] = argv;
  if (command !== "run") throw new UsageError(`unknown command "${command}" (the command is: run)`);
  const args: RunArgs = { input: "", json: false, columns: {} };
  const value = (i: number, flag: string) => {
    const v = rest[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    switch (a) {
      case "--sheet":
        args.sheet = value(i++, a);
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
        break;
      case "--letters":
        args.letters = value(i++, a);
        if (!/\.docx$/i.test(args.letters)) throw new UsageError("--letters writes a .docx file");
        break;
      case "--sms":
      case "--mailing": {
        const v = value(i++, a);
        if (!/\.csv$/i.test(v)) throw new UsageError(`${a} writes a .csv file`);
        if (a === "--sms") args.sms = v;
        else args.mailing = v;
        break;
      }
      case "--json":
        args.json = true;
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
        args.columns[m[1] as Field] = m[2].toUpperCase();
        break;
      }
      case "--layout": {
        const v = value(i++, a);
        if (v !== "household" && v !== "monthly" && v !== "bill") {
          throw new UsageError(`--layout is household, monthly or bill, not "${v}"`);
        }
        args.layout = v;
        break;
      }
      default:
        if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
        if (args.input) throw new UsageError(`one input file at a time (got "${args.input}" and "${a}")`);
        args.input = a;
    }
  }
  if (!args.input) throw new UsageError("no input file given");
  return args;
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
    if (error instanceof WorkbookOpenError) {
      io.stderr(`arrears-desk: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    io.stderr(`arrears-desk: ${args.input}: ${message}\n`);
    return 1;
  }
}

async function run(args: RunArgs, io: CliIo): Promise<number> {
  const today = io.clock();
  const out = args.out ?? defaultOutputPath(args.input);
  for (const target of [out, args.letters, args.sms, args.mailing]) {
    if (target !== undefined && path.resolve(target) === path.resolve(args.input)) {
      io.stderr(`arrears-desk: ${target}: the input is never written; choose another file\n`);
      return 2;
    }
  }
  const started = Date.now();
  // Progress goes to stderr, so --json output on stdout stays one object.
  let large = false;
  const progress = (text: string) => {
    if (large || Date.now() - started > 2000) io.stderr(`… ${text}\n`);
  };
  const bytes = await readFileBytes(args.input);
  large = bytes.length > 2_000_000;
  progress(`${args.input} read; reading the arrears table and writing ${out}`);
  const outcome = await runOnWorkbookFile(bytes, path.basename(args.input), {
    today,
    asOf: args.asOf,
    lang: args.lang,
    sheet: args.sheet,
    columns: args.columns,
    layout: args.layout,
    roundDate: args.date,
    confirmSent: args.confirmSent,
  });
  if (!outcome.ok) {
    const lang = args.lang ?? "zh-CN";
    for (const p of outcome.settingsProblems) io.stderr(`arrears-desk: ${p[lang]}\n`);
    io.stderr(`arrears-desk: ${path.basename(args.input)}: ${outcome.error[lang]}\n`);
    return 1;
  }
  const job = outcome.job;
  await writeAtomically(out, outcome.output);
  progress(`${job.verdicts.length} households written`);
  const exports: string[] = [];
  const round = job.round;
  if (args.letters) {
    const letters = round.notices.flatMap((n) => (n.letter ? [n.letter] : []));
    const title = job.lang === "zh-CN" ? `催缴通知 ${round.date}` : `Notices ${round.date}`;
    await writeAtomically(args.letters, await lettersDocx(letters, { title, lang: job.lang }));
    exports.push(`${args.letters} (${letters.length})`);
  }
  if (args.sms) {
    await writeAtomically(args.sms, utf8(smsCsv(round)));
    exports.push(`${args.sms} (${round.notices.filter((n) => n.sms !== null).length})`);
  }
  if (args.mailing) {
    await writeAtomically(args.mailing, utf8(mailingCsv(round, job.settings)));
    exports.push(`${args.mailing} (${round.notices.filter((n) => n.channel === "ems").length})`);
  }
  if (args.json) {
    io.stdout(`${JSON.stringify({ ...job.summary, round: roundSummary(job), output: out, exports })}\n`);
    return 0;
  }
  const lines = jobReport(job, outcome.warnings, out);
  if (exports.length > 0)
    lines.push(
      (job.lang === "zh-CN" ? "导出：" : "Exported: ") + exports.join(job.lang === "zh-CN" ? "，" : ", "),
    );
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Writes through a temporary file and renames it, so a failed run leaves the previous output intact. */
async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}
