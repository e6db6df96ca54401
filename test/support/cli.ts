import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { fixedClock } from "../../src/core/clock";

/** The bundled sample workbook. */
export const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-arrears.xlsx");

/** What a run of the command line gave: its exit code and what it printed. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in this process on a fixed day (2026-11-21), collecting what it prints. */
export async function cli(...argv: string[]): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    clock: fixedClock("2026-11-21"),
  });
  return { code, stdout, stderr };
}

export function tmpDir(prefix = "arrears-cli-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function sha(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}
