import * as fs from "fs";
import * as path from "path";
import { runJob } from "../../../src/core/job";
import { openWorkbookFile } from "../../../src/xlsx/open";

const DIR = path.join(__dirname, "..", "..", "fixtures", "real");

/** What each workbook in test/fixtures/real must give: the households read, those in arrears and what they owe. */
const EXPECTED: Record<string, { asOf: string; households: number; inArrears: number; owed: number }> = {
  "en01_remi_delinquency_march.csv": { asOf: "2026-03-31", households: 7, inArrears: 7, owed: 20025 },
  "en02_remi_delinquency_april.csv": { asOf: "2026-04-30", households: 7, inArrears: 5, owed: 21255 },
};

async function run(file: string, asOf: string) {
  const opened = await openWorkbookFile(new Uint8Array(fs.readFileSync(path.join(DIR, file))), file);
  const outcome = runJob(opened.grid, { today: "2026-11-21", asOf });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.result;
}

describe("real arrears lists in test/fixtures/real", () => {
  const files = fs.readdirSync(DIR).filter((f) => /\.(xlsx|csv)$/i.test(f));

  it("has a provenance line and an expectation for every file", () => {
    const provenance = fs.readFileSync(path.join(DIR, "PROVENANCE.tsv"), "utf8").split("\n").slice(1);
    const listed = provenance.filter(Boolean).map((line) => line.split("\t"));
    expect(listed.map((l) => l[0]).sort()).toEqual([...files].sort());
    for (const line of listed)
      expect([line[0], line.length, line[4]]).toEqual([
        line[0],
        6,
        expect.stringMatching(/MIT|Apache|BSD|CC0|CC-BY/),
      ]);
    expect(Object.keys(EXPECTED).sort()).toEqual([...files].sort());
  });

  it.each(Object.entries(EXPECTED))("%s: finds the households and what they owe", async (file, expected) => {
    const result = await run(file, expected.asOf);
    expect(result.read.households).toHaveLength(expected.households);
    expect(result.summary.arrears).toEqual({ households: expected.inArrears, total: expected.owed });
    expect(result.read.problems).toEqual([]);
  });

  it("keeps unit 1A of three buildings apart, and reads the tenant status as a note", async () => {
    const result = await run("en01_remi_delinquency_march.csv", "2026-03-31");
    const ones = result.read.households.filter((h) => h.room === "1A");
    expect(ones.map((h) => [h.building, h.amountOverdue])).toEqual([
      ["412 Maple Ave", 2340],
      ["2204 Penn Ave", 3510],
      ["714 Shady Ave", 4095],
    ]);
    expect(result.read.households.find((h) => h.owner === "Tenant B")?.notes).toBe("Evict");
    expect(result.read.households.find((h) => h.owner === "Tenant D")?.lastPayment).toBe("2025-11-30");
  });
});
