import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runOnWorkbookFile } from "../../src/xlsx/run";

/** A small household-layout ledger: one owner in arrears, one paid up. */
async function ledger(extra?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRows([
    ["锦绣花园 物业费台账"],
    ["房号", "业主", "电话", "欠费月数", "欠费金额", "催缴员"],
    ["1-2-301", "张伟", "13800001111", 3, 900, "小王"],
    ["1-2-302", "李娜", "13900002222", 0, 0, "小王"],
  ]);
  extra?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function run(bytes: Uint8Array, roundDate: string, confirmSent?: "latest") {
  const outcome = await runOnWorkbookFile(bytes, "ledger.xlsx", {
    today: roundDate,
    asOf: "2026-11-20",
    roundDate,
    confirmSent,
  });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome;
}

async function recordRows(bytes: Uint8Array): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("催缴记录");
  if (!ws) return [];
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

async function tableRef(bytes: Uint8Array, name: string): Promise<string | null> {
  const zip = await JSZip.loadAsync(bytes);
  for (const file of Object.keys(zip.files).filter((f) => f.startsWith("xl/tables/"))) {
    const xml = await zip.file(file)?.async("string");
    if (xml?.includes(`name="${name}"`)) return /ref="([^"]+)"/.exec(xml)?.[1] ?? null;
  }
  return null;
}

describe("rounds on the ExcelJS edge: the collection record is appended to, never rewritten", () => {
  it("creates the record as an Excel table on the first round, one row per notice", async () => {
    const first = await run(await ledger(), "2026-11-24");
    const rows = await recordRows(first.output);
    expect(rows[0]).toEqual([
      "日期",
      "房号",
      "业主",
      "阶段",
      "渠道",
      "催缴员",
      "结果",
      "承诺日期",
      "收款金额",
      "凭证",
      "备注",
    ]);
    expect(rows.slice(1).map((r) => [r[1], r[3], r[6]])).toEqual([
      ["1-2-301", "第1次提醒", "待发送"],
      ["1-2-302", "缴费致谢", "待发送"],
    ]);
    expect(rows[1][0]).toEqual(new Date("2026-11-24T00:00:00Z"));
    expect(await tableRef(first.output, "CollectionRecord")).toBe("A1:K3");
  });

  it("adds nothing when the round is run again on the same day", async () => {
    const first = await run(await ledger(), "2026-11-24");
    const again = await run(first.output, "2026-11-24");
    expect(again.job.round.record.rows).toHaveLength(0);
    expect(again.job.round.record.alreadyLogged).toBe(2);
    expect(again.job.round.notices.map((n) => n.stage)).toEqual([1, "thanks"]);
    expect(await recordRows(again.output)).toEqual(await recordRows(first.output));
  });

  it("moves the household up the ladder round by round, keeping rows typed by hand as they were", async () => {
    let bytes = (await run(await ledger(), "2026-11-24")).output;
    // A collector logs a visit by hand, the date typed as text and the room with spaces.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("催缴记录") as ExcelJS.Worksheet;
    ws.getRow(4).values = [
      "2026.11.25",
      " 1 - 2 - 301 ",
      "张伟",
      null,
      "上门",
      "小王",
      "联系不上",
      null,
      null,
      null,
      "敲门无人",
    ];
    bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    // Prepared is not sent: until the team confirms the first round, the ladder waits.
    expect((await run(bytes, "2026-12-01")).job.round.notices).toEqual([]);
    const second = await run(bytes, "2026-12-01", "latest");
    expect(second.job.round.confirmed).toBe(2);
    expect(second.job.record.problems).toEqual([]);
    expect(second.job.round.notices.map((n) => [n.verdict.household.label, n.stage])).toEqual([
      ["1-2-301", 2],
    ]);
    const flags = second.job.verdicts.find((v) => v.household.label === "1-2-301")?.flags;
    expect(flags).toContain("unreachable");
    const rows = await recordRows(second.output);
    expect(rows[3][0]).toBe("2026.11.25");
    expect(rows[3][1]).toBe(" 1 - 2 - 301 ");
    expect(rows.slice(1).map((r) => [r[3] ?? null, r[6]])).toEqual([
      ["第1次提醒", "待发送"],
      ["缴费致谢", "待发送"],
      [null, "联系不上"],
      ["第1次提醒", "已发送"],
      ["缴费致谢", "已发送"],
      ["第2次提醒", "待发送"],
    ]);
    expect(await tableRef(second.output, "CollectionRecord")).toBe("A1:K7");

    const third = await run(second.output, "2026-12-04", "latest");
    expect(third.job.round.notices.map((n) => n.stage)).toEqual([3]);
    expect((await recordRows(third.output)).length).toBe(9);
  });

  it("appends into the columns of a record the team made by hand, in its own order", async () => {
    const bytes = await ledger((wb) => {
      const ws = wb.addWorksheet("催缴记录");
      ws.addRows([
        ["房号", "日期", "结果", "备注"],
        ["1-2-301", "2026-11-01", "承诺", "说下周交"],
      ]);
    });
    const out = await run(bytes, "2026-11-24");
    expect(out.job.record.problems.map((p) => `${p.column}${p.row}`)).toEqual(["C2"]);
    const rows = await recordRows(out.output);
    expect(rows[1]).toEqual(["1-2-301", "2026-11-01", "承诺", "说下周交"]);
    expect(rows[2].slice(0, 4)).toEqual([
      "1-2-301",
      new Date("2026-11-24T00:00:00Z"),
      "待发送",
      "截止 2026-12-01；欠费 ¥900.00",
    ]);
    // The fields the sheet had no column for were added at the right of its header.
    expect(rows[0].slice(4)).toEqual(["业主", "阶段", "渠道", "催缴员", "承诺日期", "收款金额", "凭证"]);
  });
});
