import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runOnWorkbookFile } from "../../src/xlsx/run";
import { WorkbookWriteError, mergedRanges, parseRange } from "../../src/xlsx/package-rows";

/** A household ledger (one owner in arrears, one paid up) and a record sheet the team made. */
async function ledger(record: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("台账").addRows([
    ["房号", "业主", "电话", "欠费月数", "欠费金额", "催缴员"],
    ["1-2-301", "张伟", "13800001111", 3, 900, "小王"],
    ["1-2-302", "李娜", "13900002222", 0, 0, "小王"],
  ]);
  record(wb.addWorksheet("催缴记录"));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function run(bytes: Uint8Array, roundDate: string) {
  const outcome = await runOnWorkbookFile(bytes, "ledger.xlsx", {
    today: roundDate,
    asOf: "2026-11-20",
    roundDate,
  });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome;
}

async function recordParts(bytes: Uint8Array): Promise<{ sheet: string; tables: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const wbXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const element = /<sheet\b[^>]*name="催缴记录"[^>]*>/.exec(wbXml)?.[0] ?? "";
  const id = /r:id="([^"]+)"/.exec(element)?.[1];
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? "";
  const part = `xl/${target.replace(/^\/?xl\//, "")}`;
  const sheet = (await zip.file(part)?.async("string")) ?? "";
  const tables: string[] = [];
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/tables\/.*\.xml$/.test(f)))
    tables.push((await zip.file(name)?.async("string")) ?? "");
  return { sheet, tables };
}

function rowText(sheet: string, row: number): string {
  return new RegExp(`<row [^>]*r="${row}"[^>]*>([\\s\\S]*?)</row>`).exec(sheet)?.[1] ?? "";
}

function overlaps(a: { r1: number; r2: number; c1: number; c2: number }, b: typeof a): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

describe("5. the record is appended where Excel keeps it whole", () => {
  it("into a table with a totals row: the rows go above the totals, which stays last; the filter follows", async () => {
    const bytes = await ledger((ws) => {
      ws.addTable({
        name: "Log",
        ref: "A1",
        headerRow: true,
        totalsRow: true,
        columns: [
          { name: "日期", totalsRowLabel: "合计" },
          { name: "房号" },
          { name: "阶段" },
          { name: "收款金额", totalsRowFunction: "sum" },
        ],
        rows: [[new Date("2026-11-01T00:00:00Z"), "1-2-301", "第1次提醒", 100]],
      });
    });
    const first = await run(bytes, "2026-11-24");
    expect(first.job.round.record.rows).toHaveLength(2);
    expect(first.job.round.notices.map((n) => n.stage)).toEqual([2, "thanks"]);
    const { sheet, tables } = await recordParts(first.output);
    const table = tables.find((t) => t.includes('name="Log"')) as string;
    expect(/<table\b[^>]*\sref="([^"]+)"/.exec(table)?.[1]).toBe("A1:D5");
    expect(/totalsRowCount="1"/.test(table)).toBe(true);
    expect(/<autoFilter\b[^>]*\sref="([^"]+)"/.exec(table)?.[1]).toBe("A1:D4");
    // The totals row moved to the table's last row, its formula with it; the new rows are data rows.
    expect(rowText(sheet, 5)).toContain("SUBTOTAL");
    expect(rowText(sheet, 3)).toContain("1-2-301");
    expect(rowText(sheet, 4)).toContain("1-2-302");
    // The next round reads those rows: the household moves on to the next step.
    const second = await run(first.output, "2026-11-27");
    expect(second.job.round.notices.map((n) => [n.verdict.household.label, n.stage])).toEqual([
      ["1-2-301", 3],
    ]);
  });

  it("below a merged range, never into it", async () => {
    const bytes = await ledger((ws) => {
      ws.addRows([
        ["日期", "房号", "阶段", "备注"],
        ["2026-11-01", "1-2-301", "第1次提醒", null],
      ]);
      ws.getCell("A4").value = "说明：本表由催缴员填写";
      ws.mergeCells("A4:D6");
    });
    const out = await run(bytes, "2026-11-24");
    const { sheet } = await recordParts(out.output);
    const merges = mergedRanges(sheet);
    expect(merges).toEqual([{ c1: 1, r1: 4, c2: 4, r2: 6 }]);
    expect(rowText(sheet, 7)).toContain("1-2-301");
    expect(rowText(sheet, 5)).not.toContain("<v>");
    expect(rowText(sheet, 5)).not.toContain("<is>");
  });

  it("in a table with a merged note right below: the note moves down, no merge ends up in the table", async () => {
    const bytes = await ledger((ws) => {
      ws.addTable({
        name: "Log",
        ref: "A1",
        headerRow: true,
        columns: [{ name: "日期" }, { name: "房号" }, { name: "阶段" }, { name: "备注" }],
        rows: [[new Date("2026-11-01T00:00:00Z"), "1-2-301", "第1次提醒", null]],
      });
      ws.getCell("A3").value = "说明：本表由催缴员填写";
      ws.mergeCells("A3:D3");
    });
    const out = await run(bytes, "2026-11-24");
    const { sheet, tables } = await recordParts(out.output);
    const table = tables.find((t) => t.includes('name="Log"')) as string;
    const ref = parseRange(/<table\b[^>]*\sref="([^"]+)"/.exec(table)?.[1] ?? "");
    expect(ref).toEqual({ c1: 1, r1: 1, c2: 4, r2: 4 });
    for (const merge of mergedRanges(sheet))
      expect(overlaps(merge, ref as NonNullable<typeof ref>)).toBe(false);
    expect(mergedRanges(sheet)).toEqual([{ c1: 1, r1: 5, c2: 4, r2: 5 }]);
    expect(rowText(sheet, 5)).toContain("A5");
  });
});

describe("6. nothing is written past Excel's last row", () => {
  it("refuses, in words, when a stray value sits in row 1,048,576 of the record", async () => {
    const bytes = await ledger((ws) => {
      ws.addRows([
        ["日期", "房号", "阶段"],
        ["2026-11-01", "1-2-301", "第1次提醒"],
      ]);
      ws.getCell("A1048576").value = "x";
    });
    const error = await run(bytes, "2026-11-24").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookWriteError);
    expect((error as WorkbookWriteError).text["zh-CN"]).toContain("1048576");
  }, 60_000);
});
