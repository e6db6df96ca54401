import ExcelJS from "exceljs";
import JSZip from "jszip";
import { OutputSheet } from "../../src/core/output";
import { writeOutputSheet } from "../../src/xlsx/write";

const sheet: OutputSheet = {
  name: "公告栏",
  widths: [10, 12, 14],
  blocks: [
    { kind: "text", text: "锦绣花园物业费缴费公告", style: "title" },
    { kind: "blank" },
    {
      kind: "table",
      id: "list",
      name: "",
      repeatHeader: true,
      columns: [
        { header: "房号", format: "text" },
        { header: "欠费月数", format: "months" },
        { header: "欠费金额", format: "money" },
      ],
      rows: [
        ['=HYPERLINK("http://x")', 3, 1234.5],
        ["+1-101", 12, 0],
        ["@SUM(A1)", null, null],
      ],
      emptyText: "（无）",
    },
    { kind: "text", text: "合计：3 户", style: "total" },
  ],
  internalBlocks: [{ kind: "text", text: "内部备注", style: "note" }],
};

async function roundTrip(workbook: ExcelJS.Workbook): Promise<{ reloaded: ExcelJS.Workbook; zip: JSZip }> {
  const buffer = await workbook.xlsx.writeBuffer();
  const reloaded = new ExcelJS.Workbook();
  await reloaded.xlsx.load(buffer);
  return { reloaded, zip: await JSZip.loadAsync(buffer) };
}

describe("writing an output sheet with ExcelJS", () => {
  it("writes blocks top to bottom with formats, merges and print settings", async () => {
    const wb = new ExcelJS.Workbook();
    const placement = writeOutputSheet(wb, sheet, "zh-CN");
    expect(placement.tables.get("list")).toEqual({ headerRow: 3, firstRow: 4, lastRow: 6 });
    const ws = wb.getWorksheet("公告栏") as ExcelJS.Worksheet;
    expect(ws.getCell("A1").value).toBe("锦绣花园物业费缴费公告");
    expect(ws.getCell("A1").isMerged).toBe(true);
    expect(ws.getCell("B4").numFmt).toBe('0 "个月"');
    expect(ws.getCell("C4").numFmt).toBe("¥#,##0.00");
    expect(ws.getCell("A7").value).toBe("合计：3 户");
    expect(ws.getCell("A9").value).toBe("内部备注");
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: "A$1:C$7",
      printTitlesRow: "3:3",
    });
  });

  it("writes text that looks like a formula as text, never as a formula", async () => {
    const wb = new ExcelJS.Workbook();
    writeOutputSheet(wb, sheet, "zh-CN");
    const { reloaded, zip } = await roundTrip(wb);
    const ws = reloaded.getWorksheet("公告栏") as ExcelJS.Worksheet;
    expect(ws.getCell("A4").value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell("A5").value).toBe("+1-101");
    expect(ws.getCell("A6").value).toBe("@SUM(A1)");
    const xml = await zip.file("xl/worksheets/sheet1.xml")?.async("string");
    expect(xml).not.toMatch(/<f[ >]/);
  });

  it("replaces its own sheet on a second run and leaves other sheets alone", async () => {
    const wb = new ExcelJS.Workbook();
    const user = wb.addWorksheet("台账");
    user.getCell("A1").value = "房号";
    writeOutputSheet(wb, sheet, "zh-CN");
    writeOutputSheet(wb, { ...sheet, blocks: [{ kind: "text", text: "第二次", style: "title" }] }, "zh-CN");
    expect(wb.worksheets.map((w) => w.name)).toEqual(["台账", "公告栏"]);
    expect(wb.getWorksheet("公告栏")?.getCell("A1").value).toBe("第二次");
    expect(wb.getWorksheet("公告栏")?.getCell("A4").value).toBeNull();
    expect(user.getCell("A1").value).toBe("房号");
  });

  it("writes a named table as an Excel table, and an empty one with its empty text", async () => {
    const wb = new ExcelJS.Workbook();
    writeOutputSheet(
      wb,
      {
        name: "催缴分类",
        widths: [10, 10],
        freezeRows: 3,
        blocks: [
          { kind: "text", text: "t", style: "title" },
          { kind: "text", text: "s", style: "note" },
          {
            kind: "table",
            id: "c",
            name: "ArrearsClassification",
            columns: [
              { header: "房号", format: "text" },
              { header: "欠费金额", format: "money" },
            ],
            rows: [],
            emptyText: "（没有读到住户）",
          },
        ],
      },
      "zh-CN",
    );
    const { reloaded, zip } = await roundTrip(wb);
    const ws = reloaded.getWorksheet("催缴分类") as ExcelJS.Worksheet;
    expect(ws.getCell("A4").value).toBe("（没有读到住户）");
    const tables = Object.keys(zip.files).filter((f) => f.startsWith("xl/tables/") && f.endsWith(".xml"));
    expect(tables).toHaveLength(1);
    expect(await zip.file(tables[0])?.async("string")).toContain('displayName="ArrearsClassification"');
  });
});
