import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { WorkbookGrid } from "../../src/core/read/grid";
import { WorkbookOpenError, loadPackage, openWorkbookFile } from "../../src/xlsx/open";
import { CellValue } from "../../src/core/read/grid";
import { readPackageGrid, serialToDate } from "../../src/xlsx/package-read";
import { describeWithShared, sharedPath } from "../support/shared";

/** The grid read straight from the package must be the grid ExcelJS's object model gives. */
async function bothGrids(bytes: Uint8Array, name: string): Promise<[WorkbookGrid, WorkbookGrid] | "refused"> {
  let viaExcelJs: WorkbookGrid;
  try {
    viaExcelJs = (await openWorkbookFile(bytes, name)).grid;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbookOpenError);
    await expect(
      loadPackage(bytes, name, [], false).then((zip) => readPackageGrid(zip, [])),
    ).rejects.toThrow();
    return "refused";
  }
  const zip = await loadPackage(bytes, name, [], false);
  return [(await readPackageGrid(zip, [])).grid, viaExcelJs];
}

function comparable(grid: WorkbookGrid) {
  return {
    date1904: grid.date1904,
    sheets: grid.sheets.map((s) => ({ ...s, hidden: s.hidden === true })),
  };
}

describe("reading the grid straight from the package", () => {
  it("gives ExcelJS's grid for every kind of cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["房号", "业主", "欠费", "日期", "已缴", "公式", "错误"]);
    ws.addRow([
      "1-101",
      { richText: [{ text: "张" }, { text: "三 & <co>", font: { bold: true } }] },
      1234.5,
      new Date(Date.UTC(2026, 10, 20)),
      true,
      { formula: "C2*2", result: 2469 },
      { error: "#N/A" },
    ]);
    ws.addRow(["1-102", "  李四\n第二行 ", "¥1,200.00", "2026-11-01", false, { formula: "C3*2" }, null]);
    ws.getCell("D3").numFmt = "yyyy-mm-dd";
    ws.getCell("C2").numFmt = "#,##0.00";
    ws.getCell("H5").value = { text: "link", hyperlink: "https://example.invalid" };
    ws.mergeCells("A7:C8");
    ws.getCell("A7").value = "合计";
    const hidden = wb.addWorksheet("隐藏", { state: "veryHidden" });
    hidden.getCell("C3").value = 5;
    wb.addWorksheet("空");
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const grids = await bothGrids(bytes, "kinds.xlsx");
    expect(grids).not.toBe("refused");
    const [direct, viaExcelJs] = grids as [WorkbookGrid, WorkbookGrid];
    expect(comparable(direct)).toEqual(comparable(viaExcelJs));
    expect(direct.sheets[0].rows[1][1]).toBe("张三 & <co>");
  });

  it("gives ExcelJS's grid for the sample", async () => {
    const bytes = new Uint8Array(
      fs.readFileSync(path.join(__dirname, "..", "..", "assets", "sample-arrears.xlsx")),
    );
    const [direct, viaExcelJs] = (await bothGrids(bytes, "sample-arrears.xlsx")) as [
      WorkbookGrid,
      WorkbookGrid,
    ];
    expect(comparable(direct)).toEqual(comparable(viaExcelJs));
  });
});

/**
 * Where ExcelJS is wrong, the direct reader gives what Excel shows: a date for Excel's built-in CJK and time
 * formats ExcelJS does not know (ids 47, 50–58), a formula's saved result of 0 (ExcelJS drops it), and nothing
 * for an empty cell that only carries a hyperlink (ExcelJS gives the link's target).
 */
function sameOrBetter(direct: CellValue, viaExcelJs: CellValue): boolean {
  if (JSON.stringify(direct) === JSON.stringify(viaExcelJs)) return true;
  if (direct instanceof Date && typeof viaExcelJs === "number")
    return direct.getTime() === serialToDate(viaExcelJs, false).getTime();
  if (direct === 0 && viaExcelJs === null) return true;
  return direct === null && typeof viaExcelJs === "string" && /^(mailto:|https?:)/.test(viaExcelJs);
}

function differences(direct: WorkbookGrid, viaExcelJs: WorkbookGrid): string[] {
  const out: string[] = [];
  viaExcelJs.sheets.forEach((sheet, i) => {
    const other = direct.sheets[i];
    if (other?.name !== sheet.name) {
      out.push(`sheet ${i}: ${other?.name} ≠ ${sheet.name}`);
      return;
    }
    const rows = Math.max(sheet.rows.length, other.rows.length);
    for (let r = 0; r < rows; r++) {
      const width = Math.max(sheet.rows[r]?.length ?? 0, other.rows[r]?.length ?? 0);
      for (let c = 0; c < width; c++) {
        const a =
          other.rows[r + sheet.firstRow - other.firstRow]?.[c + sheet.firstColumn - other.firstColumn] ??
          null;
        const b = sheet.rows[r]?.[c] ?? null;
        if (!sameOrBetter(a, b))
          out.push(
            `${sheet.name}!R${r + sheet.firstRow}C${c + sheet.firstColumn}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`,
          );
      }
    }
  });
  return out;
}

describeWithShared("reading real workbooks straight from the package", () => {
  const dir = sharedPath("real-xlsx");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.xlsx$/i.test(f)) : [];
  it.each(files)("%s: the same grid as ExcelJS", async (file) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
    const grids = await bothGrids(bytes, file);
    if (grids === "refused") return;
    expect(differences(grids[0], grids[1])).toEqual([]);
    expect(grids[0].sheets.map((s) => [s.name, s.hidden === true])).toEqual(
      grids[1].sheets.map((s) => [s.name, s.hidden === true]),
    );
  });
});
