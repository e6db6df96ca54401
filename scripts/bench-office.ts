/**
 * npx ts-node --transpile-only scripts/bench-office.ts [--sizes 1000,10000,100000] [--dir out/bench]
 *
 * The Office.js edge alone on the counting fake of Excel (test/support/excel-fake.ts), as `npm run bench`
 * measures it: the bench workbook's grid into the fake, `readGrid`, `runJob`, `writeOutputs`. Prints, for each
 * size, the syncs, the largest request and response, and every sync: the run (read / write), where in
 * src/office/ it was called from, its request and response bytes and the number of operations and loads in it.
 * The workbooks are the bench's cache (`npm run bench` makes them).
 */
import * as fs from "fs";
import * as path from "path";
import { runJob } from "../src/core/job";
import { jobOutputs } from "../src/core/workbook";
import { ExcelRun, OfficeWorkbook } from "../src/office/workbook";
import { PackageWorkbook } from "../src/xlsx/package-workbook";
import { fakeOfGrid } from "../test/support/excel-fake";

const OPTIONS = { today: "2026-11-24", asOf: "2026-11-20", roundDate: "2026-11-24" };

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface SyncRow {
  n: number;
  run: string;
  from: string;
  requestBytes: number;
  responseBytes: number;
  ops: number;
  loads: number;
}

/** The first caller in src/office/ (function and line) of the sync being made. */
function caller(): string {
  const frames = (new Error().stack ?? "").split("\n").slice(2);
  const ours = frames.filter((f) => /src[\\/]office[\\/]/.test(f) && !/scripts[\\/]/.test(f));
  const pick = (f: string) => {
    const m = /at (?:async )?(?:([\w.<>]+) \()?.*[\\/]([\w-]+\.ts):(\d+)/.exec(f);
    return m ? `${m[2]}:${m[3]}${m[1] ? ` ${m[1].replace(/^.*\./, "")}` : ""}` : f.trim();
  };
  return ours.slice(0, 2).map(pick).join(" < ") || "?";
}

async function measure(file: string): Promise<void> {
  const grid = await (
    await PackageWorkbook.open(new Uint8Array(fs.readFileSync(file)), path.basename(file))
  ).readGrid();
  const fake = fakeOfGrid(grid);
  const rows: SyncRow[] = [];
  let phase = "read";
  // Excel.run on the fake, with every context.sync() measured: the fake's own byte counts, before and after.
  const run: ExcelRun = (options, batch) =>
    fake.run(options, (context) => {
      const sync = context.sync.bind(context);
      const ctx = context as unknown as { queue: unknown[]; loads: unknown[] };
      (context as { sync: () => Promise<void> }).sync = async () => {
        const from = caller();
        const ops = ctx.queue.length;
        const loads = ctx.loads.length;
        const total = fake.totalRequestBytes;
        const response = fake.maxResponseBytes;
        fake.maxResponseBytes = 0;
        try {
          await sync();
        } finally {
          rows.push({
            n: fake.syncs,
            run: phase,
            from,
            requestBytes: fake.totalRequestBytes - total,
            responseBytes: fake.maxResponseBytes,
            ops,
            loads,
          });
          fake.maxResponseBytes = Math.max(response, fake.maxResponseBytes);
        }
      };
      return batch(context);
    });
  const office = new OfficeWorkbook({ run, supports: () => true });
  const started = performance.now();
  const read = await office.readGrid();
  const outcome = runJob(read, OPTIONS);
  if (!outcome.ok) throw new Error("the Office.js edge did not read the bench workbook");
  phase = "write";
  await office.writeOutputs(jobOutputs(outcome.result));
  const ms = performance.now() - started;
  const mb = (n: number) => (n / 1e6).toFixed(2);
  console.log(
    `${path.basename(file)}: ${fake.syncs} syncs (read ${rows.filter((r) => r.run === "read").length}, ` +
      `write ${rows.filter((r) => r.run === "write").length}), largest request ${mb(fake.maxRequestBytes)} MB, ` +
      `largest response ${mb(fake.maxResponseBytes)} MB, requests ${mb(fake.totalRequestBytes)} MB in all ` +
      `(${Math.round(ms)} ms with the core)`,
  );
  for (const r of rows)
    console.log(
      `  ${String(r.n).padStart(3)} ${r.run.padEnd(5)} req ${mb(r.requestBytes).padStart(6)} MB ` +
        `resp ${mb(r.responseBytes).padStart(6)} MB  ops ${String(r.ops).padStart(5)} loads ${String(r.loads).padStart(4)}  ${r.from}`,
    );
}

async function main(): Promise<void> {
  const dir = argument("dir") ?? path.join(__dirname, "..", "out", "bench");
  const sizes = (argument("sizes") ?? "1000,10000,100000").split(",").map(Number);
  for (const households of sizes) {
    const file = path.join(dir, `arrears-${households}.xlsx`);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: npm run bench makes it`);
    await measure(file);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
