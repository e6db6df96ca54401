import ExcelJS from "exceljs";
import { runOnWorkbookFile } from "../../src/xlsx/run";

// The shapes of two kinds of real exports, rebuilt in code with made-up tenants: a property manager's
// delinquency export (one row per tenant, the same unit number in several buildings, a tenant status), and a
// tenant-arrears tracker of six sheets of which one is the arrears list. The real files they were learnt from
// are not kept in the project (see README, "Real workbooks").

async function run(bytes: Uint8Array, file: string, asOf: string) {
  const outcome = await runOnWorkbookFile(bytes, file, { today: "2026-11-21", asOf });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.job;
}

const DELINQUENCY = [
  "Property,Unit,Tenant Name,Status,Current Balance,Balance 0-30,Balance 30+,Last Payment Date",
  "12 Elm St,1A,Tenant A,Current,1200.00,600.00,600.00,02/01/2026",
  "12 Elm St,2B,Tenant B,Evict,1800.00,600.00,1200.00,12/28/2025",
  "40 Oak Rd,1A,Tenant C,Current,950.50,950.50,0.00,02/15/2026",
  "40 Oak Rd,3C,Tenant D,Notice,0.00,0.00,0.00,03/02/2026",
  "7 Pine Ct,1A,Tenant E,Evict,2400.00,800.00,1600.00,11/30/2025",
  "",
].join("\r\n");

function sixSheetTracker(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const dashboard = wb.addWorksheet("Ops_Dashboard");
  dashboard.addRows([
    ["Ops Dashboard — Arrears Overview"],
    ["Refreshed from Snapshot_Data"],
    [null, null, null, null, null, null, null, "balance", 250],
    ["As-of date", null, null, "Total arrears", null, null, null, "Top tenants by arrears"],
  ]);
  const tenants = wb.addWorksheet("Tenants");
  tenants.addRow([
    "Lease_ID",
    "Tenant_Name",
    "Property_Name",
    "Unit",
    "Contact_Email",
    "phone",
    "Monthly_Rent",
  ]);
  for (let i = 1; i <= 6; i++)
    tenants.addRow([
      `L00${i}`,
      `Tenant ${i}`,
      i <= 3 ? "Block A" : "Block B",
      `${i <= 3 ? "A" : "B"}0${i}`,
      "",
      "",
      3000,
    ]);
  const ledger = wb.addWorksheet("Ledger");
  ledger.addRow(["Entry_ID", "Lease_ID", "Entry_Date", "Entry_Type", "Amount", "Reference"]);
  for (let i = 1; i <= 6; i++) {
    ledger.addRow([`E${i}`, `L00${i}`, new Date(Date.UTC(2026, 10, 1)), "CHARGE", 3000, "RENT 2026-11"]);
    ledger.addRow([
      `P${i}`,
      `L00${i}`,
      new Date(Date.UTC(2026, 10, 3)),
      "PAYMENT",
      i === 5 ? 2750 : 3000,
      "PAY",
    ]);
  }
  const pivots = wb.addWorksheet("Pivots");
  pivots.addRows([
    [null, null, null, "balance", 250],
    [],
    ["Row Labels", "Sum of balance", null, "Row Labels", "Count of tenant_name", "Sum of balance"],
    ["Current", 0, null, "Manager B", 1, 250],
  ]);
  const snapshot = wb.addWorksheet("Snapshot_Data");
  snapshot.addRow([
    "lease_id",
    "tenant_name",
    "property_name",
    "manager_name",
    "balance",
    "unit",
    "days_overdue",
  ]);
  for (let i = 1; i <= 6; i++)
    snapshot.addRow([
      `L00${i}`,
      `Tenant ${i}`,
      i <= 3 ? "Block A" : "Block B",
      i <= 3 ? "Manager A" : "Manager B",
      i === 5 ? 250 : 0,
      `${i <= 3 ? "A" : "B"}0${i}`,
      i === 5 ? 18 : null,
    ]);
  const history = wb.addWorksheet("History_Snapshot");
  history.addRow(["as_of_date", "total_arrears", "active_leases", "highest_bucket", "average_arrears"]);
  history.addRow([new Date(Date.UTC(2026, 9, 31)), 0, 6, "Current", 0]);
  return wb;
}

describe("the shapes of real exports, built in code", () => {
  it("a delinquency export: unit 1A of three buildings kept apart, the tenant status read as a note", async () => {
    const job = await run(new TextEncoder().encode(DELINQUENCY), "delinquency.csv", "2026-03-31");
    expect(job.read.households).toHaveLength(5);
    expect(job.summary.arrears).toEqual({ households: 4, total: 6350.5 });
    expect(job.read.problems).toEqual([]);
    const ones = job.read.households.filter((h) => h.room === "1A");
    expect(ones.map((h) => [h.building, h.amountOverdue])).toEqual([
      ["12 Elm St", 1200],
      ["40 Oak Rd", 950.5],
      ["7 Pine Ct", 2400],
    ]);
    expect(job.read.households.find((h) => h.owner === "Tenant B")?.notes).toBe("Evict");
    expect(job.read.households.find((h) => h.owner === "Tenant E")?.lastPayment).toBe("2025-11-30");
  });

  it("a six-sheet tracker: its one arrears sheet read, and why the five others were not", async () => {
    const bytes = new Uint8Array(await sixSheetTracker().xlsx.writeBuffer());
    const job = await run(bytes, "tracker.xlsx", "2026-11-30");
    expect(job.read.sheets.map((s) => [s.sheet, s.layout, s.headerRow])).toEqual([
      ["Snapshot_Data", "household", 1],
    ]);
    expect(job.read.sheetNotes.map((n) => [n.sheet, n.read])).toEqual([
      ["Ops_Dashboard", false],
      ["Tenants", false],
      ["Ledger", false],
      ["Pivots", false],
      ["Snapshot_Data", true],
      ["History_Snapshot", false],
    ]);
    const owing = job.read.households.filter((h) => (h.amountOverdue ?? 0) > 0);
    expect(owing.map((h) => [h.building, h.room, h.owner, h.amountOverdue])).toEqual([
      ["Block B", "B05", "Tenant 5", 250],
    ]);
  });
});
