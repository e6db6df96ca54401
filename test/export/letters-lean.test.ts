import JSZip from "jszip";
import { SheetGrid, WorkbookGrid } from "../../src/core/read/grid";
import { runJob } from "../../src/core/job";
import { lettersDocx } from "../../src/export/letters-docx";

const ledger: SheetGrid = {
  name: "台账",
  firstRow: 1,
  firstColumn: 1,
  rows: [
    ["锦绣花园 2026年物业费台账"],
    ["房号", "业主", "电话", "欠费月数", "欠费金额", "备注"],
    ["1-104", "赵敏", "13900000004", 7, 2100, null],
    ["1-105", "陈晨", "13900000005", 9, 2700, null],
  ],
};

describe("the letters document says each thing once", () => {
  it("gives a table's cell margins once and leaves the default size off the runs", async () => {
    const workbook: WorkbookGrid = { sheets: [ledger], date1904: false };
    const outcome = runJob(workbook, { today: "2026-11-21", roundDate: "2026-11-24" });
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    const letters = outcome.result.round.notices.flatMap((n) => (n.letter ? [n.letter] : []));
    expect(letters.length).toBe(2);
    const zip = await JSZip.loadAsync(await lettersDocx(letters, { title: "t", lang: "zh-CN" }));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).not.toContain("<w:tcMar>");
    expect(xml).toContain('<w:tblCellMar><w:top w:w="30" w:type="dxa"/>');
    // Body paragraphs in the document's language: no <w:sz w:val="22"/> (the default in styles.xml).
    expect(xml).not.toContain('<w:sz w:val="22"/>');
    const styles = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    expect(styles).toContain('<w:sz w:val="22"/>');
    // The text is all there.
    for (const letter of letters) for (const p of letter.paragraphs) expect(xml).toContain(p.slice(0, 20));
  });
});
