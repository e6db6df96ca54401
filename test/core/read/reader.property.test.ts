import ExcelJS from "exceljs";
import fc from "fast-check";
import { CellValue, SheetGrid, WorkbookGrid } from "../../../src/core/read/grid";
import { runJob } from "../../../src/core/job";
import { readArrears } from "../../../src/core/read/reader";
import { PackageWorkbook } from "../../../src/xlsx/package-workbook";
import { jobOutputs } from "../../../src/core/workbook";

const AS_OF = "2026-11-20";

/** Any value a cell can hold, as the edges hand them to the core. */
const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.double({ noNaN: true, min: -1e9, max: 1e9 }),
  fc.integer({ min: -5, max: 50_000 }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "合计",
    "總計",
    "Total",
    "未缴",
    "欠",
    "—",
    "免",
    "#N/A",
    "¥1,234.50",
    "１２３",
    "=1+1",
    "补缴",
  ),
  fc.boolean(),
  fc.date({ min: new Date("1990-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }),
  fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }),
);

const HEADERS = {
  room: ["房号", "房號", "门牌号", "房屋编号", "Unit", "Room No."],
  owner: ["业主", "業主", "客户名称", "Owner", "Tenant"],
  phone: ["电话", "聯繫電話", "手机", "Phone"],
  amount: ["欠费金额", "欠費金額", "欠款", "Balance due", "欠费金额\n(元)"],
  months: ["欠费月数", "欠費月數", "Months in arrears", "欠费月数（月）"],
} as const;

function accountedRows(grid: WorkbookGrid): { expected: Set<number>; accounted: Set<number> } | null {
  const outcome = readArrears(grid, { asOf: AS_OF });
  if (!outcome.ok) return null;
  const read = outcome.result;
  const sheet = grid.sheets.find((s) => s.name === read.sheet) as SheetGrid;
  const expected = new Set<number>();
  sheet.rows.forEach((row, i) => {
    const excelRow = sheet.firstRow + i;
    if (excelRow > read.headerRow && row.some((c) => c !== null && c !== "")) expected.add(excelRow);
  });
  const accounted = new Set<number>([
    ...read.households.flatMap((h) => h.rows),
    ...read.skipped.map((s) => s.row),
  ]);
  return { expected, accounted };
}

describe("the reader, on random input (fast-check)", () => {
  it("never throws on a random grid, and accounts for every row below the header", () => {
    let tables = 0;
    let headed = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(cellValue, { maxLength: 9 }), { maxLength: 40 }),
        fc.boolean(),
        (rows, withHeader) => {
          if (withHeader) headed++;
          const body = withHeader ? [["房号", "业主", "欠费金额", "欠费月数"], ...rows] : rows;
          const grid: WorkbookGrid = {
            sheets: [{ name: "台账", rows: body, firstRow: 1, firstColumn: 1 }],
            date1904: false,
          };
          const result = accountedRows(grid); // must not throw
          if (result) tables++;
          if (result) for (const row of result.expected) expect(result.accounted.has(row)).toBe(true);
        },
      ),
      // Seeded, so the count below is the same on every run; fast-check still shrinks a failure to its smallest.
      { numRuns: 300, seed: 20261201 },
    );
    // The property is about tables found: a header over random rows is a table at least half the time (the rest
    // hold no household at all, and are refused in words).
    expect(tables).toBeGreaterThan(headed / 2);
  });

  it("finds the table whatever the spelling, title rows and position, and reads every amount", () => {
    fc.assert(
      fc.property(
        fc.record({
          titles: fc.integer({ min: 0, max: 5 }),
          left: fc.integer({ min: 0, max: 4 }),
          room: fc.constantFrom(...HEADERS.room),
          owner: fc.constantFrom(...HEADERS.owner),
          phone: fc.constantFrom(...HEADERS.phone),
          amount: fc.constantFrom(...HEADERS.amount),
          months: fc.constantFrom(...HEADERS.months),
          households: fc.array(
            fc.record({
              cents: fc.integer({ min: 0, max: 5_000_000 }),
              months: fc.integer({ min: 0, max: 60 }),
              style: fc.constantFrom("number", "text", "yuan", "grouped", "fullwidth"),
            }),
            { minLength: 1, maxLength: 30 },
          ),
        }),
        (t) => {
          const pad = Array<CellValue>(t.left).fill(null);
          const rows: CellValue[][] = [];
          for (let i = 0; i < t.titles; i++) rows.push([...pad, i === 0 ? "锦绣花园 物业费欠费台账" : null]);
          rows.push([...pad, t.room, t.owner, t.phone, t.amount, t.months]);
          t.households.forEach((h, i) => {
            const yuan = h.cents / 100;
            const fixed = yuan.toFixed(2);
            const amount: CellValue =
              h.style === "number"
                ? yuan
                : h.style === "text"
                  ? fixed
                  : h.style === "yuan"
                    ? `¥${fixed}`
                    : h.style === "grouped"
                      ? Number(fixed).toLocaleString("en-US", { minimumFractionDigits: 2 })
                      : fixed.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
            rows.push([...pad, `1-${i + 101}`, `业主${i}`, "13800000000", amount, h.months]);
          });
          const grid: WorkbookGrid = {
            sheets: [{ name: "Sheet1", rows, firstRow: 1, firstColumn: 1 }],
            date1904: false,
          };
          const outcome = readArrears(grid, { asOf: AS_OF });
          expect(outcome.ok).toBe(true);
          if (!outcome.ok) return;
          expect(outcome.result.households).toHaveLength(t.households.length);
          outcome.result.households.forEach((h, i) => {
            expect(h.amountOverdue).toBeCloseTo(t.households[i].cents / 100, 2);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("amounts survive the round trip through the written classification sheet, by either writer", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 9_999_999 }), { minLength: 1, maxLength: 25 }),
        async (cents) => {
          const rows: CellValue[][] = [
            ["房号", "业主", "欠费金额", "欠费月数"],
            ...cents.map((c, i) => [`2-${i + 1}01`, `业主${i}`, c / 100, 3] as CellValue[]),
          ];
          const outcome = runJob(
            { sheets: [{ name: "台账", rows, firstRow: 1, firstColumn: 1 }], date1904: false },
            { today: AS_OF, asOf: AS_OF },
          );
          if (!outcome.ok) throw new Error(outcome.error["en-US"]);
          // Written by the .xlsx writer (SpreadsheetML into the package, for .xlsx and .csv input alike).
          const user = new ExcelJS.Workbook();
          user.addWorksheet("台账").addRow(["房号"]);
          const pkg = await PackageWorkbook.open(new Uint8Array(await user.xlsx.writeBuffer()), "in.xlsx");
          await pkg.writeOutputs({ ...jobOutputs(outcome.result), sheets: [outcome.result.sheets[0]] });
          const reread = await (await PackageWorkbook.open(await pkg.save(), "out.xlsx")).readGrid();
          for (const sheet of [
            reread.sheets.find((x) => x.name === outcome.result.sheets[0].name) as SheetGrid,
          ]) {
            const header = sheet.rows.findIndex((r) => r.includes("欠费金额"));
            const amountColumn = sheet.rows[header].indexOf("欠费金额");
            const roomColumn = sheet.rows[header].indexOf("房号");
            const written = new Map(
              sheet.rows.slice(header + 1).map((r) => [r[roomColumn], r[amountColumn]]),
            );
            cents.forEach((c, i) => expect(written.get(`2-${i + 1}01`)).toBe(c / 100));
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});
