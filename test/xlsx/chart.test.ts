import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { ChartSpec, addCharts, rangeFormula } from "../../src/xlsx/chart";

const AGING = ["3个月以内", "3–6个月", "6–12个月", "12–24个月", "24个月以上"];
const AMOUNTS = [9196.25, 33505, 125260, 185852.5, 30845];

async function dashboardBook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("物业费台账").getCell("A1").value = "房号";
  const ws = wb.addWorksheet("催缴 看板's");
  ws.addTable({
    name: "DashAging",
    ref: "A3",
    headerRow: true,
    columns: [{ name: "账龄" }, { name: "户数" }, { name: "欠费金额" }],
    rows: AGING.map((a, i) => [a, i + 1, AMOUNTS[i]]),
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function spec(over: Partial<ChartSpec> = {}): ChartSpec {
  return {
    sheetName: "催缴 看板's",
    type: "column",
    title: "欠费金额（按账龄）<&>",
    seriesName: "欠费金额",
    categories: { firstRow: 4, lastRow: 8, column: 1 },
    values: { firstRow: 4, lastRow: 8, column: 3 },
    categoryLabels: AGING,
    numbers: AMOUNTS,
    numberFormat: "¥#,##0",
    anchor: { fromColumn: 5, fromRow: 2, toColumn: 13, toRow: 18 },
    ...over,
  };
}

function hasXmllint(): boolean {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("native charts added to an ExcelJS workbook", () => {
  it("quotes sheet names in formulas", () => {
    expect(rangeFormula("催缴 看板's", { firstRow: 4, lastRow: 8, column: 3 })).toBe(
      "'催缴 看板''s'!$C$4:$C$8",
    );
  });

  it("adds chart and drawing parts that every relationship and content type accounts for", async () => {
    const bytes = await addCharts(await dashboardBook(), [
      spec(),
      spec({ type: "bar", title: "按类别", anchor: { fromColumn: 5, fromRow: 20, toColumn: 13, toRow: 36 } }),
    ]);
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    expect(names).toEqual(
      expect.arrayContaining(["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/drawings/drawing1.xml"]),
    );
    const types = await zip.file("[Content_Types].xml")!.async("string");
    for (const part of ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/drawings/drawing1.xml"]) {
      expect(types).toContain(`PartName="/${part}"`);
    }
    const sheet = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    // <drawing> comes before <tableParts>, as the schema orders them
    expect(sheet.indexOf("<drawing ")).toBeGreaterThan(0);
    expect(sheet.indexOf("<drawing ")).toBeLessThan(sheet.indexOf("<tableParts"));
    const drawingId = /<drawing r:id="([^"]+)"/.exec(sheet)![1];
    const sheetRels = await zip.file("xl/worksheets/_rels/sheet2.xml.rels")!.async("string");
    expect(sheetRels).toMatch(new RegExp(`Id="${drawingId}"[^>]*Target="../drawings/drawing1.xml"`));
    const drawing = await zip.file("xl/drawings/drawing1.xml")!.async("string");
    const drawingRels = await zip.file("xl/drawings/_rels/drawing1.xml.rels")!.async("string");
    for (const id of [...drawing.matchAll(/r:id="([^"]+)"/g)].map((m) => m[1]))
      expect(drawingRels).toContain(`Id="${id}"`);
    expect((drawing.match(/<xdr:twoCellAnchor/g) ?? []).length).toBe(2);
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain(
      "<c:f>&apos;催缴 看板&apos;&apos;s&apos;!$C$4:$C$8</c:f>".replace(/&apos;/g, "'"),
    );
    expect(chart).toContain("欠费金额（按账龄）&lt;&amp;&gt;");
    expect(chart).toContain('<c:pt idx="3"><c:v>185852.5</c:v></c:pt>');
  });

  it("leaves a workbook that ExcelJS reads back with its values intact, and whose parts are well-formed XML", async () => {
    const bytes = await addCharts(await dashboardBook(), [spec(), spec({ type: "pie" })]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet("催缴 看板's")?.getCell("C7").value).toBe(185852.5);
    if (!hasXmllint()) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arrears-chart-"));
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
      const file = path.join(dir, name.replace(/[/[\]]/g, "_"));
      fs.writeFileSync(file, await zip.file(name)!.async("uint8array"));
      execFileSync("xmllint", ["--noout", file]);
    }
  });

  it("leaves out a chart whose sheet is not there, rather than failing the run with a raw error (13)", async () => {
    const bytes = await addCharts(await dashboardBook(), [spec({ sheetName: "没有" })]);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).filter((f) => f.startsWith("xl/charts/"))).toEqual([]);
  });
});
