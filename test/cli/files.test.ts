import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SAMPLE, cli, sha, tmpDir } from "../support/cli";
import { lockPath } from "../../src/cli/files";

/** A pid that no process has: beyond Linux's pid_max. */
const DEAD_PID = 4_194_304 + 17;

const RUN = ["--as-of", "2026-11-20", "--date", "2026-11-24"];

describe("the command line never loses a round", () => {
  it("1. never overwrites an earlier default output: each round takes the next free name", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "台账.xlsx");
    fs.copyFileSync(SAMPLE, input);
    expect((await cli("run", input, ...RUN)).code).toBe(0);
    const first = path.join(dir, "台账-催缴.xlsx");
    expect((await cli("run", first, ...RUN)).code).toBe(0);
    const second = path.join(dir, "台账-催缴-2.xlsx");
    const kept = sha(second);
    const third = await cli("run", first, ...RUN, "--json");
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout).output).toBe(path.join(dir, "台账-催缴-3.xlsx"));
    expect(sha(second)).toBe(kept);
    // And the first default output is not overwritten by a second run on the ledger either.
    const firstKept = sha(first);
    const again = await cli("run", input, ...RUN, "--json");
    expect(JSON.parse(again.stdout).output).toBe(path.join(dir, "台账-催缴-4.xlsx"));
    expect(sha(first)).toBe(firstKept);
  }, 60_000);

  it("2. four runs at once to one output: one writes, three are refused in words, no lock is left", async () => {
    const dir = tmpDir();
    const out = path.join(dir, "o.xlsx");
    const runs = await Promise.all([0, 1, 2, 3].map(() => cli("run", SAMPLE, ...RUN, "--out", out)));
    expect(runs.map((r) => r.code).sort()).toEqual([0, 1, 1, 1]);
    for (const r of runs.filter((x) => x.code === 1)) {
      expect(r.stderr).toContain("另一次运行正在写这个文件");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(fs.existsSync(lockPath(out))).toBe(false);
  }, 60_000);

  it("2. a lock left by a run that is gone is taken over; a live one names the lock file", async () => {
    const dir = tmpDir();
    const out = path.join(dir, "o.xlsx");
    const lock = lockPath(out);
    const info = (pid: number) =>
      JSON.stringify({ pid, host: os.hostname(), started: "2026-11-21T08:00:00.000Z" });
    fs.writeFileSync(lock, info(DEAD_PID));
    expect((await cli("run", SAMPLE, ...RUN, "--out", out)).code).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, host: os.hostname(), started: new Date().toISOString() }),
    );
    const held = await cli("run", SAMPLE, ...RUN, "--out", out, "--lang", "en-US");
    expect(held.code).toBe(1);
    expect(held.stderr).toContain("another run is writing this file");
    expect(held.stderr).toContain(lock);
  }, 60_000);

  it("3. a failure writing one export leaves the workbook unwritten and no temporaries", async () => {
    const dir = tmpDir();
    const out = path.join(dir, "o.xlsx");
    fs.writeFileSync(path.join(dir, "blocker"), "a file where a folder is expected");
    const sms = path.join(dir, "blocker", "sms.csv");
    const ran = await cli(
      "run",
      SAMPLE,
      ...RUN,
      "--out",
      out,
      "--letters",
      path.join(dir, "l.docx"),
      "--sms",
      sms,
    );
    expect(ran.code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(path.join(dir, "l.docx"))).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(["blocker"]);
    expect(ran.stderr).toContain(sms);
    expect(ran.stderr).not.toMatch(/\.tmp|ENOTDIR|Error:/);
    expect(ran.stderr.trim().split("\n")).toHaveLength(1);
  }, 60_000);

  it("4. an output through a symlinked folder that is the input's is refused; the input is unchanged", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "in.xlsx");
    fs.copyFileSync(SAMPLE, input);
    const link = path.join(os.tmpdir(), `arrears-link-${process.pid}-${Date.now()}`);
    fs.symlinkSync(dir, link);
    const before = sha(input);
    const ran = await cli("run", input, ...RUN, "--out", path.join(link, "in.xlsx"));
    expect(ran.code).toBe(2);
    expect(sha(input)).toBe(before);
    const sms = await cli("run", input, ...RUN, "--sms", path.join(link, "in.xlsx"));
    expect(sms.code).not.toBe(0);
    expect(sha(input)).toBe(before);
    fs.unlinkSync(link);
  }, 60_000);

  it("4. a symlink planted where the old temporary name was is never written through", async () => {
    const dir = tmpDir();
    const out = path.join(dir, "o.xlsx");
    const victim = path.join(dir, "victim.txt");
    fs.writeFileSync(victim, "precious");
    fs.symlinkSync(victim, path.join(dir, `.o.xlsx.${process.pid}.tmp`));
    expect((await cli("run", SAMPLE, ...RUN, "--out", out)).code).toBe(0);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious");
  }, 60_000);

  it("4. an output that is a symlink is replaced as a link; the file it pointed to stays", async () => {
    const dir = tmpDir();
    const other = path.join(dir, "other.xlsx");
    fs.copyFileSync(SAMPLE, other);
    const before = sha(other);
    fs.symlinkSync(other, path.join(dir, "o.xlsx"));
    expect((await cli("run", SAMPLE, ...RUN, "--out", path.join(dir, "o.xlsx"))).code).toBe(0);
    expect(sha(other)).toBe(before);
    expect(fs.lstatSync(path.join(dir, "o.xlsx")).isSymbolicLink()).toBe(false);
  }, 60_000);

  it("4. temporaries left by a killed run are removed by the next run", async () => {
    const dir = tmpDir();
    const left = path.join(dir, `.o.xlsx.arrears-${DEAD_PID}-0123456789ab.tmp`);
    fs.writeFileSync(left, "half a workbook");
    expect((await cli("run", SAMPLE, ...RUN, "--out", path.join(dir, "o.xlsx"))).code).toBe(0);
    expect(fs.existsSync(left)).toBe(false);
  }, 60_000);

  it("7. a --date before rounds already in the record is refused with the dates, unless forced", async () => {
    const dir = tmpDir();
    const first = path.join(dir, "r1.xlsx");
    expect((await cli("run", SAMPLE, ...RUN, "--out", first)).code).toBe(0);
    const second = path.join(dir, "r2.xlsx");
    const early = await cli("run", first, "--as-of", "2026-11-20", "--date", "2026-11-10", "--out", second);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("2026-11-24");
    expect(early.stderr).toContain("--force");
    expect(fs.existsSync(second)).toBe(false);
    const forced = await cli(
      "run",
      first,
      "--as-of",
      "2026-11-20",
      "--date",
      "2026-11-10",
      "--out",
      second,
      "--force",
    );
    expect(forced.code).toBe(0);
  }, 60_000);

  it("refuses two exports on one path and a workbook output that is not .xlsx", async () => {
    const dir = tmpDir();
    const same = path.join(dir, "x.csv");
    const both = await cli("run", SAMPLE, ...RUN, "--sms", same, "--mailing", same);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--sms");
    expect((await cli("run", SAMPLE, ...RUN, "--out", path.join(dir, "x.csv"))).code).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 60_000);

  it("refuses a column beyond Excel's last, a column beyond the sheet, and a forced layout that finds no household", async () => {
    const dir = tmpDir();
    const out = path.join(dir, "o.xlsx");
    expect((await cli("run", SAMPLE, ...RUN, "--out", out, "--column", "amount=XFE")).code).toBe(2);
    const beyond = await cli("run", SAMPLE, ...RUN, "--out", out, "--column", "amount=ZZ");
    expect(beyond.code).toBe(1);
    expect(beyond.stderr).toContain("amount=ZZ");
    expect(beyond.stderr.trim().split("\n")).toHaveLength(1);
    const bill = await cli("run", SAMPLE, ...RUN, "--out", out, "--layout", "bill");
    expect(bill.code).toBe(1);
    expect(bill.stderr).toContain("--layout bill");
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);

  it("13. a file refused is named in one line in the user's language", async () => {
    const dir = tmpDir();
    const file = path.join(dir, "old.xls");
    fs.writeFileSync(
      file,
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]),
    );
    const zh = await cli("run", file);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain("旧版 .xls");
    expect(zh.stderr.trim().split("\n")).toHaveLength(1);
    const en = await cli("run", file, "--lang", "en-US");
    expect(en.stderr).toContain("old .xls workbook");
    const missing = await cli("run", path.join(dir, "nope.xlsx"));
    expect(missing.stderr).toContain("文件不存在");
  });
});
