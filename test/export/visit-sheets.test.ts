import JSZip from "jszip";
import { SheetGrid, WorkbookGrid } from "../../src/core/read/grid";
import { runJob } from "../../src/core/job";
import { visitSheets } from "../../src/core/campaign/visits";
import { visitSheetsDocx } from "../../src/export/visit-sheets";
import { itPrints, pdfOf, pdfPages, pdfText } from "../support/pdf";

/** Three collectors, four buildings; 李娜 has 30 households in building 1: her group runs over three pages. */
function ledger(): SheetGrid {
  const rows: (string | number)[][] = [
    ["锦绣花园 物业费台账"],
    ["楼栋", "房号", "业主", "电话", "欠费月数", "欠费金额", "催缴员"],
  ];
  for (let i = 1; i <= 30; i++)
    rows.push([1, `1-${100 + i}`, `业主${i}`, `138000000${String(i).padStart(2, "0")}`, 4, 1200, "李娜"]);
  rows.push([2, "2-201", "陈静", "13800001001", 5, 1500, "李娜"]);
  rows.push([3, "3-301", "王芳", "13800001002", 4, 1200, "王强"]);
  rows.push([4, "4-401", "赵磊", "13800001003", 4, 1200, "赵敏"]);
  return { name: "台账", firstRow: 1, firstColumn: 1, rows };
}

function record(grid: SheetGrid): SheetGrid {
  const rows = grid.rows
    .slice(2)
    .map((r) => ["2026-11-10", r[0], r[1], r[2], "第5次提醒", "书面通知", r[6], "已发送"]);
  return {
    name: "催缴记录",
    firstRow: 1,
    firstColumn: 1,
    rows: [["日期", "楼栋", "房号", "业主", "阶段", "方式", "催缴员", "结果"], ...rows],
  };
}

async function sheets(lang: "zh-CN" | "en-US" = "zh-CN") {
  const grid = ledger();
  const workbook: WorkbookGrid = { sheets: [grid, record(grid)], date1904: false };
  const outcome = runJob(workbook, { today: "2026-11-24", asOf: "2026-11-01", lang });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return visitSheets(outcome.result.round, outcome.result.settings.estateName);
}

async function documentXml(bytes: Uint8Array, part = "word/document.xml"): Promise<string> {
  return (await (await JSZip.loadAsync(bytes)).file(part)?.async("string")) ?? "";
}

describe("visits.docx", () => {
  it("is A4 landscape, a table per collector and building with its two header rows repeated, page numbers below", async () => {
    const v = await sheets();
    expect(v.groups.map((g) => `${g.collector}/${g.building}`)).toEqual([
      "李娜/1",
      "李娜/2",
      "王强/3",
      "赵敏/4",
    ]);
    const bytes = await visitSheetsDocx(v);
    const xml = await documentXml(bytes);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml.match(/<w:tbl>/g)).toHaveLength(4);
    // Two header rows per table: the group's title row and the column headers.
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(8);
    expect(xml.match(/<w:br w:type="page"\/>/g)).toHaveLength(3);
    for (const h of [
      "到访时间",
      "见到何人",
      "结果",
      "承诺日期",
      "签名",
      "携带",
      "催缴员：李娜",
      "楼栋：1",
      "催缴员签字",
    ])
      expect(xml).toContain(h);
    expect(xml).toContain("回执");
    expect(await documentXml(bytes, "word/footer1.xml")).toContain("PAGE");
  });

  it("says so when the round has no home visits", async () => {
    const v = await sheets();
    const xml = await documentXml(await visitSheetsDocx({ ...v, groups: [] }));
    expect(xml).toContain("本轮没有上门催缴");
  });

  itPrints(
    "prints: one collector per page group, the long group over three pages with its header again",
    async () => {
      const v = await sheets();
      const pdf = pdfOf(await visitSheetsDocx(v), "visits");
      // 李娜/1 (30 rows, 12 a page) takes three pages; each other group one.
      expect(pdfPages(pdf)).toBe(6);
      const text = pdfText(pdf);
      const pages = text.split("\f");
      expect(pages[0]).toContain("催缴员：李娜");
      expect(pages[1]).toContain("催缴员：李娜");
      expect(pages[2]).toContain("到访时间");
      expect(pages[3]).toContain("楼栋：2");
      expect(pages[5]).toContain("赵敏");
      expect(pages[5]).toMatch(/第\s*6\s*页，共\s*6\s*页/);
      const en = pdfOf(await visitSheetsDocx(await sheets("en-US")), "visits-en");
      // English titles wrap to more lines: the long group may take a page more.
      expect(pdfPages(en)).toBeGreaterThanOrEqual(6);
      expect(pdfText(en)).toContain("Signature");
      expect(pdfText(en)).toContain("13800001003");
    },
  );
});
