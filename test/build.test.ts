import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import webpack from "webpack";
import { runOnWorkbookFile } from "../src/xlsx/run";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require("../webpack.config.js") as (
  env: Record<string, string>,
  argv: { mode: string },
) => webpack.Configuration[];

const SAMPLE = path.join(__dirname, "..", "assets", "sample-arrears.xlsx");

describe("the browser bundle (webpack)", () => {
  // A production webpack build can take minutes on a busy 2-core machine: the bench judges speed, not a timeout.
  it("builds, and runs the same job as the command line on the sample", async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "arrears-bundle-"));
    const stats = await new Promise<webpack.MultiStats>((resolve, reject) =>
      webpack(makeConfig({ only: "engine", out: outDir }, { mode: "production" }), (error, result) =>
        error || !result ? reject(error) : resolve(result),
      ),
    );
    expect(stats.hasErrors()).toBe(false);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require(path.join(outDir, "arrears-desk-engine.js")) as {
      runOnWorkbookFile: typeof runOnWorkbookFile;
    };
    const bytes = new Uint8Array(fs.readFileSync(SAMPLE));
    const options = { today: "2026-11-21", asOf: "2026-11-20" };
    const fromBundle = await bundle.runOnWorkbookFile(bytes, "sample-arrears.xlsx", options);
    const fromSource = await runOnWorkbookFile(bytes, "sample-arrears.xlsx", options);
    if (!fromBundle.ok || !fromSource.ok) throw new Error("the sample was not read");
    expect(fromBundle.job.summary).toEqual(fromSource.job.summary);
    expect(fromBundle.output.length).toBeGreaterThan(50_000);
  }, 600_000);
});
