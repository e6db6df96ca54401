import ExcelJS from "exceljs";
import { ContactLog, contactOutputs, contactProblems } from "../../src/core/contact";
import { runJob } from "../../src/core/job";
import { PackageWorkbook } from "../../src/xlsx/package-workbook";

async function ledgerWorkbook(): Promise<PackageWorkbook> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("台账").addRows([
    ["房号", "业主", "电话", "欠费月数", "欠费金额", "催缴员"],
    ["1-2-301", "张伟", "13800001111", 3, 900, "小王"],
    ["1-2-302", "李娜", "13900002222", 0, 0, "小王"],
  ]);
  return PackageWorkbook.open(new Uint8Array(await wb.xlsx.writeBuffer()), "ledger.xlsx");
}

/** The record sheet of the workbook as saved, read back by ExcelJS. */
async function recordSheet(workbook: PackageWorkbook): Promise<ExcelJS.Worksheet | undefined> {
  const saved = new ExcelJS.Workbook();
  await saved.xlsx.load((await workbook.save()) as unknown as ArrayBuffer);
  return saved.getWorksheet("催缴记录");
}

async function job(workbook: PackageWorkbook, date: string) {
  const outcome = runJob(await workbook.readGrid(), { today: date, asOf: "2026-11-20", roundDate: date });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.result;
}

function promise(household: ContactLog["household"], date: string, promisedDate: string | null): ContactLog {
  return {
    date,
    household,
    channel: "phone",
    result: "promised",
    stage: null,
    collector: "小王",
    promisedDate,
    amount: null,
    proof: "通话录音 20261124-01",
    note: "答应月底前缴清",
  };
}

describe("logging a call from the pane: one record row, and the next round follows it", () => {
  it("writes the row in the record and holds the household until the promised date", async () => {
    const workbook = await ledgerWorkbook();
    const first = await job(workbook, "2026-11-24");
    const zhang = first.verdicts.find((v) => v.household.owner === "张伟");
    if (!zhang) throw new Error("no 张伟");
    const log = promise(zhang.household, "2026-11-24", "2026-11-30");
    expect(contactProblems(log)).toEqual([]);
    await workbook.writeOutputs(contactOutputs(first, log));

    const ws = await recordSheet(workbook);
    expect(ws?.rowCount).toBe(2);
    expect((ws?.getRow(2).values as unknown[]).slice(1)).toEqual(
      [
        new Date("2026-11-24T00:00:00Z"),
        "1-2-301",
        "张伟",
        null,
        "电话",
        "小王",
        "承诺缴费",
        new Date("2026-11-30T00:00:00Z"),
        null,
        "通话录音 20261124-01",
        "答应月底前缴清",
      ].map((v) => (v === null ? undefined : v)),
    );

    // The next read sees the promise: held until the promised date, followed up the day after.
    const later = await job(workbook, "2026-11-26");
    const held = later.round.held.find((h) => h.verdict.household.owner === "张伟");
    expect(held?.nextDate).toBe("2026-12-01");
    expect(later.record.entries.filter((e) => e.householdKey === zhang.household.key)).toHaveLength(1);
    const after = await job(workbook, "2026-12-01");
    expect(after.round.notices.find((n) => n.verdict.household.owner === "张伟")?.stage).toBe("followUp");
  });

  it("appends a second log below the first and rewrites nothing", async () => {
    const workbook = await ledgerWorkbook();
    const first = await job(workbook, "2026-11-24");
    const zhang = first.verdicts[0].household;
    await workbook.writeOutputs(contactOutputs(first, promise(zhang, "2026-11-24", "2026-11-30")));
    const second = await job(workbook, "2026-12-02");
    await workbook.writeOutputs(
      contactOutputs(second, {
        ...promise(zhang, "2026-12-02", null),
        result: "paid",
        amount: 900,
        proof: "收据 0012",
        note: "",
      }),
    );
    const ws = await recordSheet(workbook);
    expect(ws?.rowCount).toBe(3);
    expect(ws?.getCell("G2").value).toBe("承诺缴费");
    expect(ws?.getCell("G3").value).toBe("已缴费");
    expect(ws?.getCell("I3").value).toBe(900);
  });

  it("says what is missing before anything is written", () => {
    const h = { owner: "张伟" } as ContactLog["household"];
    const log = promise(h, "2026-11-24", null);
    expect(contactProblems(log).map((p) => p["zh-CN"])).toEqual(["承诺缴费需填写承诺日期"]);
    expect(contactProblems({ ...log, result: "paid", promisedDate: null }).map((p) => p["en-US"])).toEqual([
      "A payment needs the amount",
    ]);
    expect(contactProblems({ ...log, promisedDate: "2026-11-01" }).map((p) => p["en-US"])).toEqual([
      "The promised date is before the date of the contact",
    ]);
  });
});
