import { CellValue, SheetGrid, WorkbookGrid } from "../../../src/core/read/grid";
import { runJob } from "../../../src/core/job";
import { readRecord } from "../../../src/core/campaign/record";
import { VISIT_COLUMN_RULES, visitSheets } from "../../../src/core/campaign/visits";

const ledger: SheetGrid = {
  name: "台账",
  firstRow: 1,
  firstColumn: 1,
  rows: [
    ["锦绣花园 物业费台账"],
    ["楼栋", "房号", "业主", "电话", "欠费月数", "欠费金额", "催缴员"],
    [1, "1-101", "张伟", "13800000001", 4, 1200, "李娜"],
    [1, "1-102", "刘洋", "13800000002", 4, 1200, "李娜"],
    [2, "2-201", "陈静", "13800000003", 4, 1200, "李娜"],
    [3, "3-301", "王芳", "13800000004", 4, 1200, "王强"],
    [3, "3-302", "赵磊", "13800000005", 0, 0, "王强"],
  ],
};

const HEADER = [
  "日期",
  "楼栋",
  "房号",
  "业主",
  "阶段",
  "方式",
  "催缴员",
  "结果",
  "承诺日期",
  "收款金额",
  "凭证",
  "备注",
];

/** The record after the fifth reminder went out to the four households in arrears on 2026-11-10. */
function record(extra: CellValue[][] = []): SheetGrid {
  const rooms = [
    [1, "1-101", "张伟", "李娜"],
    [1, "1-102", "刘洋", "李娜"],
    [2, "2-201", "陈静", "李娜"],
    [3, "3-301", "王芳", "王强"],
  ];
  return {
    name: "催缴记录",
    firstRow: 1,
    firstColumn: 1,
    rows: [
      HEADER,
      ...rooms.map(([b, room, owner, who]) => [
        "2026-11-10",
        b,
        room,
        owner,
        "第5次提醒",
        "书面通知",
        who,
        "已发送",
        null,
        null,
        null,
        null,
      ]),
      ...extra,
    ],
  };
}

function run(sheets: SheetGrid[], date: string) {
  const workbook: WorkbookGrid = { sheets, date1904: false };
  const outcome = runJob(workbook, { today: date, roundDate: date, asOf: "2026-11-01" });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.result;
}

describe("the visit sheets (上门催缴登记表)", () => {
  it("list the round's home visits per collector and building, with what to bring and columns to fill in", () => {
    const job = run([ledger, record()], "2026-11-24");
    expect(job.round.notices.map((n) => [n.verdict.household.label, n.stage, n.channel])).toEqual(
      expect.arrayContaining([["1-101", 6, "visit"]]),
    );
    const sheets = visitSheets(job.round, job.settings.estateName);
    expect(sheets.title).toBe("锦绣花园上门催缴登记表");
    expect(sheets.groups.map((g) => [g.collector, g.building, g.rows.map((r) => r.cells.room)])).toEqual([
      ["李娜", "1", ["1-101", "1-102"]],
      ["李娜", "2", ["2-201"]],
      ["王强", "3", ["3-301"]],
    ]);
    const first = sheets.groups[0].rows[0].cells;
    expect(first).toMatchObject({
      number: "1",
      owner: "张伟",
      phone: "13800000001",
      amount: "¥1,200.00",
      months: "4",
      stage: "第6次提醒",
      time: "",
      met: "",
      result: "",
      promisedDate: "",
      signature: "",
    });
    expect(first.bring).toMatch(/^《.+》、回执$/);
    expect(sheets.groups[0].heading).toContain("催缴员：李娜");
    expect(sheets.signOff).toContain("催缴员签字");
    expect(sheets.footer).toContain("{page}");
    const en = visitSheets({ ...job.round, lang: "en-US" }, "Jinxiu Garden");
    expect(en.headers.met).toBe("Met whom");
    expect(en.groups[0].rows[0].cells.bring).toContain("receipt slip");
  });

  it("typed back into 催缴记录 with the 上门 channel, are read like any row and move the ladder", () => {
    const first = run([ledger, record()], "2026-11-24");
    // What the round logged (待发送), then what the collectors typed from their sheets, into the record's columns
    // the visit sheet names for each hand-filled column.
    const logged = first.round.record.rows.map((r) => [r[0], null, ...r.slice(1)]);
    const column = (c: keyof typeof VISIT_COLUMN_RULES) =>
      HEADER.indexOf(VISIT_COLUMN_RULES[c].record?.["zh-CN"] ?? "");
    for (const c of ["time", "met", "result", "promisedDate", "signature", "room", "owner", "stage"] as const)
      expect(column(c)).toBeGreaterThanOrEqual(0);
    const typed = (
      room: string,
      result: string,
      promised: string | null,
      amount: number | null,
    ): CellValue[] => {
      const row: CellValue[] = HEADER.map(() => null);
      row[column("time")] = "2026-11-25";
      row[column("room")] = room;
      row[column("stage")] = "第6次提醒";
      row[HEADER.indexOf("方式")] = "上门";
      row[column("result")] = result;
      row[column("promisedDate")] = promised;
      row[HEADER.indexOf("收款金额")] = amount;
      row[column("met")] = "10:30 见到业主本人";
      row[column("signature")] = "登记表已签名";
      return row;
    };
    const sheets = [
      ledger,
      record([
        ...logged,
        typed("1-101", "承诺缴费", "2026-12-05", null),
        typed("1-102", "已缴费", null, 1200),
        typed("2-201", "拒绝缴费", null, null),
        typed("3-301", "联系不上", null, null),
      ]),
    ];
    const reading = readRecord({ sheets, date1904: false }, first.read.households);
    expect(reading.problems).toEqual([]);
    const visits = reading.entries.filter((e) => e.date === "2026-11-25");
    expect(visits.map((e) => [e.room, e.channel, e.stage, e.result, e.promisedDate, e.amount])).toEqual([
      ["1-101", "visit", 6, "promised", "2026-12-05", null],
      ["1-102", "visit", 6, "paid", null, 1200],
      ["2-201", "visit", 6, "refused", null, null],
      ["3-301", "visit", 6, "unreachable", null, null],
    ]);
    const next = run(sheets, "2026-11-30");
    const stageOf = (room: string) =>
      next.round.notices.find((n) => n.verdict.household.label === room)?.stage;
    // Promised: held until the date; paid: nothing; refused: the ladder goes on from the visit to the seventh.
    expect(stageOf("1-101")).toBeUndefined();
    expect(stageOf("1-102")).toBeUndefined();
    expect(stageOf("2-201")).toBe(7);
    expect(next.round.held.map((h) => h.verdict.household.label)).toEqual(expect.arrayContaining(["1-101"]));
    // The daily report of the 25th counts the visits to their collectors.
    const day = run(sheets, "2026-11-25").dailyReport;
    expect(day.collectors.find((c) => c.collector === "李娜")).toMatchObject({
      visits: 3,
      recoveredToday: 1200,
    });
    expect(day.collectors.find((c) => c.collector === "王强")).toMatchObject({ visits: 1 });
  });
});
