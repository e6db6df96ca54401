import ExcelJS from "exceljs";
import * as fs from "fs";
import { CellValue, WorkbookGrid } from "../../src/core/read/grid";
import { runJob } from "../../src/core/job";
import { jobOutputs } from "../../src/core/workbook";
import { PackageWorkbook } from "../../src/xlsx/package-workbook";
import { canPrint, pdfOf, pdfText, sheetsAsCsv } from "../support/pdf";

// Under CI, .ci/run installs libreoffice-calc and poppler-utils; a missing soffice there fails rather than skips.
const run = canPrint || process.env.CI === "true" ? it : it.skip;
if (!canPrint)
  console.log("libreoffice.test: soffice/pdftotext not installed here; the LibreOffice checks are skipped");

function ledger(): WorkbookGrid {
  const rows: CellValue[][] = [
    ["锦绣花园 2026年物业费欠费台账"],
    ["楼栋", "房号", "业主", "欠费月数", "欠费金额", "备注", "催缴员"],
  ];
  const owners = ["张伟", "欧阳娜娜", "芳", "Alice Chen", "=SUM(A1)", "司马相如"];
  for (let i = 0; i < 60; i++) {
    const months = [0, 0, 2, 4, 8, 14, 30][i % 7];
    const notes = i % 9 === 0 ? "拒缴" : i % 11 === 0 ? "楼上漏水未修" : i % 13 === 0 ? "失业" : "";
    rows.push([
      `${1 + (i % 4)}栋`,
      `${1 + (i % 4)}-${101 + i}`,
      owners[i % owners.length],
      months,
      months * 260.5,
      notes,
      i % 2 ? "李娜" : "王强",
    ]);
  }
  return { sheets: [{ name: "欠费台账", rows, firstRow: 1, firstColumn: 1 }], date1904: false };
}

/** The outputs as the .xlsx writer puts them into a package (the CLI and the browser page, for .xlsx and .csv input). */
const WRITERS = {
  package: async (outputs: ReturnType<typeof jobOutputs>) => {
    const user = new ExcelJS.Workbook();
    user.addWorksheet("欠费台账").addRow(["房号"]);
    const workbook = await PackageWorkbook.open(new Uint8Array(await user.xlsx.writeBuffer()), "in.xlsx");
    await workbook.writeOutputs(outputs);
    return workbook.save();
  },
};

describe("the output workbook in LibreOffice", () => {
  run.each(Object.keys(WRITERS) as (keyof typeof WRITERS)[])(
    "written by the %s writer, converts to PDF without error, with the bulletin and the dashboard in it",
    async (writer) => {
      const outcome = runJob(ledger(), { today: "2026-11-21", asOf: "2026-11-20" });
      if (!outcome.ok) throw new Error(outcome.error["en-US"]);
      const bytes = await WRITERS[writer](jobOutputs(outcome.result));
      const pdf = pdfOf(new Uint8Array(bytes), "out", "xlsx");
      expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
      const text = pdfText(pdf);
      expect(text).toContain("锦绣花园物业费缴费公告");
      expect(text).toContain("缴费感谢名单");
      expect(text).toContain("锦绣花园物业费催缴看板");
      expect(text).toContain("业主分类与下一步");
      // the internal notes are outside the bulletin's print area
      expect(text).not.toContain("内部备注");
      // a name typed like a formula stays text
      expect(text).toContain("=SUM(A1)");
    },
    180_000,
  );
});

describe("the output workbook's cells in LibreOffice", () => {
  run(
    "every value is in its column, though most cells are written without their reference",
    async () => {
      const outcome = runJob(ledger(), { today: "2026-11-21", asOf: "2026-11-20" });
      if (!outcome.ok) throw new Error(outcome.error["en-US"]);
      const bytes = await WRITERS.package(jobOutputs(outcome.result));
      const csv = sheetsAsCsv(new Uint8Array(bytes), "out");
      const ours = (await (await PackageWorkbook.open(new Uint8Array(bytes), "out.xlsx")).readGrid()).sheets;
      for (const name of ["催缴分类", "催缴通知"]) {
        const sheet = ours.find((s) => s.name === name);
        const lines = (csv.get(name) ?? "").split("\n");
        expect(lines.length).toBeGreaterThan(20);
        // Each household's room is in the column our reader has it in, on the same row.
        let checked = 0;
        sheet?.rows.forEach((row, r) => {
          row.forEach((value, c) => {
            if (typeof value !== "string" || !/^\d-\d{3}$/.test(value)) return;
            const fields = lines[sheet.firstRow - 1 + r].split(",");
            expect([name, r, c, fields[sheet.firstColumn - 1 + c]]).toEqual([name, r, c, value]);
            checked++;
          });
        });
        expect(checked).toBeGreaterThan(20);
      }
    },
    180_000,
  );
});
