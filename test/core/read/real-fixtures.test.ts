import * as fs from "fs";
import * as path from "path";
import { runOnWorkbookFile } from "../../../src/xlsx/run";

const DIR = path.join(__dirname, "..", "..", "fixtures", "real");

/** What each workbook in test/fixtures/real must give: the households read, those in arrears and what they owe. */
const EXPECTED: Record<string, { asOf: string; households: number; inArrears: number; owed: number }> = {
  "remi-delinquency-march.csv": { asOf: "2026-03-31", households: 7, inArrears: 7, owed: 20025 },
  "remi-delinquency-april.csv": { asOf: "2026-04-30", households: 7, inArrears: 5, owed: 21255 },
  "nicola-tenant-arrears-tracker.xlsx": { asOf: "2026-12-27", households: 12, inArrears: 1, owed: 100 },
};

/** The whole run on the file edge, as the command line and the browser page do it. */
async function run(file: string, asOf: string) {
  const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, file)));
  const outcome = await runOnWorkbookFile(bytes, file, { today: "2026-11-21", asOf });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.job;
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

  it("reads the arrears sheet of a six-sheet tracker and says why the other sheets were not read", async () => {
    const result = await run("nicola-tenant-arrears-tracker.xlsx", "2026-12-27");
    expect(result.read.sheets.map((s) => [s.sheet, s.layout, s.headerRow])).toEqual([
      ["Snapshot_Data", "household", 1],
    ]);
    expect(result.read.sheetNotes.map((n) => [n.sheet, n.read])).toEqual([
      ["Ops_Dashboard", false],
      ["Tenants", false],
      ["Ledger", false],
      ["Pivots", false],
      ["Snapshot_Data", true],
      ["History_Snapshot", false],
    ]);
    const owing = result.read.households.filter((h) => (h.amountOverdue ?? 0) > 0);
    expect(owing.map((h) => [h.building, h.room, h.owner, h.amountOverdue])).toEqual([
      ["Block B", "B11", "Tenant 11", 100],
    ]);
  });

  it("keeps unit 1A of three buildings apart, and reads the tenant status as a note", async () => {
    const result = await run("remi-delinquency-march.csv", "2026-03-31");
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
