/**
 * npm run bench [-- --json] [-- --sizes 1000,10000] [-- --runs 3]
 *
 * Seeded arrears workbooks of 1,000, 10,000 and 100,000 households (monthly layout, 24 months, notes, a
 * collection record), and for each size, the median over several runs of:
 * - the core alone: grid → households → verdicts → bulletin, dashboard, notices and every output sheet;
 * - the whole command-line run (open .xlsx, run, write .xlsx and the round's letters.docx), in a child process,
 *   against two peers on the same file: SheetJS only reading it (`readFile` + `sheet_to_json` of every sheet; a
 *   dev dependency of the bench, never of the product) and ExcelJS opening and saving it untouched (the floor);
 * - the time per household of the core and of the whole run, flagged when it rises more than 30 % from one size
 *   to the next (the cost should grow linearly);
 * - the output workbook's size against the input's;
 * - the round's letters.docx alone (once a size, in a child process): time, and the peak memory after it;
 * - the Office.js edge on the counting fake of Excel: syncs and the largest request;
 * - the peak memory (max RSS) of the command-line run.
 * Prints a table; with --json, one JSON object per size on stdout.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runJob } from "../src/core/job";
import { jobOutputs } from "../src/core/workbook";
import { OfficeWorkbook } from "../src/office/workbook";
import { PackageWorkbook } from "../src/xlsx/package-workbook";
import { fakeOfGrid } from "../test/support/excel-fake";
import { makeBenchWorkbook } from "./make-sample";

const ROOT = path.join(__dirname, "..");
const CACHE = path.join(ROOT, "out", "bench");
const OPTIONS = { today: "2026-11-24", asOf: "2026-11-20", roundDate: "2026-11-24" };

interface Result {
  households: number;
  coreMs: number;
  /** Core time per household, µs. */
  coreUs: number;
  cliMs: number;
  /** Whole-run time per household, µs. */
  cliUs: number;
  floorMs: number;
  ratio: number;
  sheetjsMs: number;
  sheetjsPeakRssMb: number;
  /** Whole run ÷ SheetJS reading the same file. */
  sheetjsRatio: number;
  inputBytes: number;
  outputBytes: number;
  letters: number;
  lettersMs: number;
  lettersPeakRssMb: number;
  /** RSS just before the letters were made. */
  lettersRssBeforeMb: number;
  syncs: number;
  maxRequestBytes: number;
  peakRssMb: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function workbookFile(households: number): Promise<string> {
  fs.mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `arrears-${households}.xlsx`);
  if (!fs.existsSync(file)) {
    const workbook = await makeBenchWorkbook(households);
    await workbook.xlsx.writeFile(file);
  }
  return file;
}

/** Runs a node script in a child process; returns the wall time, the child's peak RSS (MB) and its output. */
function child(args: string[]): { ms: number; rssMb: number; stdout: string } {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${Date.now()}`);
  const start = performance.now();
  let stdout = "";
  try {
    // A heap large enough to measure the largest size, whatever its peak: the peak is reported, not capped.
    stdout = execFileSync(
      process.execPath,
      ["--max-old-space-size=12288", "--require", path.join(__dirname, "bench-rss.js"), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_RSS_FILE: rssFile },
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 1 << 26,
      },
    ).toString();
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`${args.slice(0, 3).join(" ")} failed:\n${stderr.slice(-2000)}`);
  }
  const ms = performance.now() - start;
  const rssKb = Number(fs.readFileSync(rssFile, "utf8"));
  fs.rmSync(rssFile, { force: true });
  return { ms, rssMb: rssKb / 1024, stdout };
}

async function measure(households: number, runs: number, log: (line: string) => void): Promise<Result> {
  const file = await workbookFile(households);
  const grid = await (
    await PackageWorkbook.open(new Uint8Array(fs.readFileSync(file)), path.basename(file))
  ).readGrid();

  const core: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const outcome = runJob(grid, OPTIONS);
    core.push(performance.now() - start);
    if (!outcome.ok || outcome.result.read.households.length !== households)
      throw new Error(`the bench workbook of ${households} was not read whole`);
  }

  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const cli: number[] = [];
  const floor: number[] = [];
  const sheetjs: number[] = [];
  let sheetjsPeak = 0;
  let outputBytes = 0;
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    for (const f of fs.readdirSync(out)) fs.rmSync(path.join(out, f));
    const run = child([
      "bin/arrears-desk.js",
      "run",
      file,
      "--as-of",
      OPTIONS.asOf,
      "--date",
      OPTIONS.roundDate,
      "--out",
      path.join(out, "out.xlsx"),
      "--letters",
      path.join(out, "letters.docx"),
      "--json",
    ]);
    cli.push(run.ms);
    peak = Math.max(peak, run.rssMb);
    outputBytes = fs.statSync(path.join(out, "out.xlsx")).size;
    const peer = child([path.join(__dirname, "bench-sheetjs.js"), file]);
    sheetjs.push(peer.ms);
    sheetjsPeak = Math.max(sheetjsPeak, peer.rssMb);
    floor.push(child([path.join(__dirname, "bench-floor.js"), file, path.join(out, "floor.xlsx")]).ms);
    log(
      `  ${households}: run ${i + 1}/${runs}: cli ${Math.round(run.ms)} ms, SheetJS read ${Math.round(peer.ms)} ms, ` +
        `floor ${Math.round(floor[i])} ms`,
    );
  }
  const letters = JSON.parse(
    child([
      path.join(__dirname, "bench-letters.js"),
      file,
      path.join(out, "letters-alone.docx"),
      OPTIONS.asOf,
      OPTIONS.roundDate,
    ]).stdout,
  ) as { ms: number; letters: number; rssBeforeMb: number; peakRssMb: number };
  log(`  ${households}: letters.docx alone: ${letters.letters} letters in ${Math.round(letters.ms)} ms`);
  fs.rmSync(out, { recursive: true, force: true });

  const fake = fakeOfGrid(grid);
  const office = new OfficeWorkbook({ run: fake.run, supports: () => true });
  const outcome = runJob(await office.readGrid(), OPTIONS);
  if (!outcome.ok) throw new Error("the Office.js edge did not read the bench workbook");
  await office.writeOutputs(jobOutputs(outcome.result));

  const cliMs = median(cli);
  const floorMs = median(floor);
  const coreMs = median(core);
  const sheetjsMs = median(sheetjs);
  return {
    households,
    coreMs: round(coreMs),
    coreUs: round((coreMs * 1000) / households),
    cliMs: round(cliMs),
    cliUs: round((cliMs * 1000) / households),
    floorMs: round(floorMs),
    ratio: Math.round((cliMs / floorMs) * 100) / 100,
    sheetjsMs: round(sheetjsMs),
    sheetjsPeakRssMb: Math.round(sheetjsPeak),
    sheetjsRatio: Math.round((cliMs / sheetjsMs) * 100) / 100,
    inputBytes: fs.statSync(file).size,
    outputBytes,
    letters: letters.letters,
    lettersMs: round(letters.ms),
    lettersPeakRssMb: Math.round(letters.peakRssMb),
    lettersRssBeforeMb: Math.round(letters.rssBeforeMb),
    syncs: fake.syncs,
    maxRequestBytes: fake.maxRequestBytes,
    peakRssMb: Math.round(peak),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const sizes = (argument("sizes") ?? "1000,10000,100000").split(",").map(Number);
  const runs = Number(argument("runs") ?? 3);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(
    `Arrears Desk benchmark: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; median of ${runs}`,
  );
  const results: Result[] = [];
  for (const n of sizes) {
    const r = await measure(n, runs, log);
    results.push(r);
    if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
  }
  if (json) return;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  // Time per household should stay flat: a rise of more than 30 % from the previous size is flagged.
  const rise = (values: number[], i: number) =>
    i > 0 && values[i] > values[i - 1] * 1.3 ? ` ↑${Math.round((values[i] / values[i - 1] - 1) * 100)}%` : "";
  const coreUs = results.map((r) => r.coreUs);
  const cliUs = results.map((r) => r.cliUs);
  const rows = [
    [
      "households",
      "core ms",
      "households/s",
      "core µs/hh",
      "cli ms",
      "cli µs/hh",
      "SheetJS read ms",
      "cli÷SheetJS",
      "floor ms",
      "cli÷floor",
      "out÷in",
      "letters.docx",
      "syncs",
      "max request",
      "peak RSS",
      "SheetJS RSS",
    ],
    ...results.map((r, i) => [
      r.households.toLocaleString("en-US"),
      String(r.coreMs),
      Math.round(r.households / (r.coreMs / 1000)).toLocaleString("en-US"),
      `${r.coreUs}${rise(coreUs, i)}`,
      String(r.cliMs),
      `${r.cliUs}${rise(cliUs, i)}`,
      String(r.sheetjsMs),
      r.sheetjsRatio.toFixed(2),
      String(r.floorMs),
      r.ratio.toFixed(2),
      `${(r.outputBytes / r.inputBytes).toFixed(2)} (${mb(r.outputBytes)})`,
      `${r.letters} in ${(r.lettersMs / 1000).toFixed(1)} s, ${r.lettersPeakRssMb} MB (${r.lettersRssBeforeMb} before)`,
      String(r.syncs),
      `${(r.maxRequestBytes / 1e6).toFixed(2)} MB`,
      `${r.peakRssMb} MB`,
      `${r.sheetjsPeakRssMb} MB`,
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) process.stdout.write(`${r.map((cell, c) => cell.padStart(widths[c])).join("  ")}\n`);
  const flagged = results.some((_, i) => rise(coreUs, i) || rise(cliUs, i));
  process.stdout.write(
    "targets: ≥ 200,000 households/s; cli ≤ 1.00 × SheetJS read and peak RSS ≤ 600 MB at 100,000; out ≤ 2 × in; " +
      "letters.docx ≤ 10 s and ≤ 500 MB at 100,000; syncs ≤ 6 at 10,000 and ≤ 12 at 100,000; no request over 5 MB; " +
      "time per household flat (↑ = more than 30 % above the previous size)\n",
  );
  if (flagged) process.stdout.write("time per household rose more than 30 % between sizes (↑ above)\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
