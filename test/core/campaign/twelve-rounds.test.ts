import * as fs from "fs";
import { Verdict } from "../../../src/core/classify/kinds";
import { JobOptions, JobResult, jobReport, runJob } from "../../../src/core/job";
import { isWorkingDay } from "../../../src/core/campaign/calendar";
import { legalMinimum } from "../../../src/core/campaign/notices";
import { campaignFactsByHousehold, readRecord } from "../../../src/core/campaign/record";
import { STAGES, NoticeStage } from "../../../src/core/campaign/stages";
import { CellValue, SheetGrid, WorkbookGrid } from "../../../src/core/read/grid";
import { daysBetween } from "../../../src/core/read/values";
import { roundCents } from "../../../src/core/text";
import { openWorkbookFile } from "../../../src/xlsx/open";

/**
 * Twelve rounds of the campaign on the bundled sample, as a collection team would run them: a round is prepared
 * (待发送), sent and confirmed; between rounds collectors log what happened — a promise, refusals, a dispute and
 * its resolution, a partial and a full payment, a demand delivered and one returned. Every round, every notice is
 * checked against the rules; the households given a story are followed round by round.
 */
const ROUNDS = [
  "2026-11-24",
  "2026-12-01",
  "2026-12-08",
  "2026-12-15",
  "2026-12-22",
  "2026-12-29",
  "2027-01-05",
  "2027-01-12",
  "2027-01-19",
  "2027-01-26",
  "2027-02-02",
  "2027-02-15",
] as const;

const RECORD = "催缴记录";
const SETTINGS = "催缴设置";

let sheets: SheetGrid[] = [];
let date1904 = false;

function grid(): WorkbookGrid {
  return { sheets, date1904 };
}

function run(date: string, extra: Partial<JobOptions> = {}): JobResult {
  const outcome = runJob(grid(), { today: date, roundDate: date, ...extra });
  if (!outcome.ok) throw new Error(outcome.error["en-US"]);
  return outcome.result;
}

function replaceSheet(sheet: SheetGrid) {
  sheets = [...sheets.filter((s) => s.name !== sheet.name), sheet];
}

/** What every edge does with a round: the record sheet made on the first round, rows appended after. */
function logRound(job: JobResult) {
  const rec = sheets.find((s) => s.name === RECORD);
  const header = job.round.record.columns.map((c) => c.header);
  const rows = job.round.record.rows.map((r) => [...r]);
  replaceSheet({
    name: RECORD,
    firstRow: 1,
    firstColumn: 1,
    rows: rec ? [...rec.rows, ...rows] : [header, ...rows],
  });
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A row a collector types: 日期, 房号, 业主, 阶段, 渠道, 催缴员, 结果, 承诺日期, 收款金额, 凭证, 备注. */
function collectorRow(
  date: string,
  room: string,
  stage: string,
  result: string,
  more: { promised?: string; amount?: number; proof?: string; note?: string } = {},
) {
  const rec = sheets.find((s) => s.name === RECORD) as SheetGrid;
  const row: CellValue[] = [
    day(date),
    room,
    null,
    stage,
    null,
    "小王",
    result,
    more.promised ? day(more.promised) : null,
    more.amount ?? null,
    more.proof ?? null,
    more.note ?? null,
  ];
  replaceSheet({ ...rec, rows: [...rec.rows, row] });
}

/** A collector changes 结果 from 待发送 to 已发送 in place, row by row, except for the rooms given. */
function confirmInPlace(except: readonly string[]) {
  const rec = sheets.find((s) => s.name === RECORD) as SheetGrid;
  replaceSheet({
    ...rec,
    rows: rec.rows.map((r, i) =>
      i > 0 && r[6] === "待发送" && !except.includes(String(r[1]))
        ? [...r.slice(0, 6), "已发送", ...r.slice(7)]
        : r,
    ),
  });
}

function setSetting(label: string, value: CellValue) {
  const s = sheets.find((x) => x.name === SETTINGS) as SheetGrid;
  replaceSheet({ ...s, rows: [...s.rows.filter((r) => r[0] !== label), [label, value]] });
}

function notice(job: JobResult, room: string) {
  return job.round.notices.find((n) => n.verdict.household.label === room);
}
function held(job: JobResult, room: string) {
  return job.round.held.find((x) => x.verdict.household.label === room);
}
function stageOf(job: JobResult, room: string): NoticeStage | "held" | "none" {
  const n = notice(job, room);
  if (n) return n.stage;
  return held(job, room) ? "held" : "none";
}

/** The rules every notice of every round must keep. */
function checkEveryNotice(job: JobResult, date: string) {
  const facts = campaignFactsByHousehold(readRecord(grid(), job.read.households).entries, date);
  for (const n of job.round.notices) {
    const h = n.verdict.household;
    const rule = STAGES[n.stage];
    const where = `${date} ${h.label} stage ${n.stage}`;
    if (rule.minimum === "legal") expect([where, legalMinimum(h, job.settings).met]).toEqual([where, true]);
    if (rule.legal) expect([where, h.problems.length]).toEqual([where, 0]);
    if (rule.needsDeliveredDemand) {
      expect(job.settings.lawFirm).not.toBe("");
      expect([where, facts.get(h.key)?.formalDemand?.delivered?.proof]).toEqual([where, expect.any(String)]);
    }
    if (n.deadline) expect([where, n.deadline, isWorkingDay(n.deadline)]).toEqual([where, n.deadline, true]);
    if (n.stage === 1 && n.deadline) {
      const days = daysBetween(date, n.deadline);
      expect([where, days >= 7 && days <= 14]).toEqual([where, true]);
    }
    // Late fee off: the sample's contract clause is not in the settings.
    expect([where, n.lateFee]).toEqual([where, null]);
    expect([where, n.total]).toEqual([where, h.amountOverdue]);
    // True amounts: the ledger less the payments the record logs since the as-of date.
    expect([where, n.owed.amount]).toEqual([where, h.amountOverdue]);
    expect([where, n.verdict.flags.includes("dispute")]).toEqual([where, false]);
    if (n.sms) expect(n.sms.startsWith("【锦绣花园】")).toBe(true);
    if (n.letter) {
      expect(n.letter.band.label).not.toMatch(/第\s*\d+\s*次|提醒 ·|上门送达|EMS/);
      if (h.amountOverdue !== null)
        expect(n.letter.facts.map((f) => f[1])).toContain(
          `¥${h.amountOverdue.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`,
        );
      if (rule.sealed) expect(n.letter.signature).toContain("（盖章）");
    }
    // Kinds need a pattern: one late month after a clean history is not 经常拖欠.
    if (n.verdict.kind === "frequent") {
      const months = h.monthsOverdue ?? 0;
      const late = h.history?.lateOrMissed ?? 0;
      expect([where, months >= 2 || late >= 3 || h.monthsOverdue === null]).toEqual([where, true]);
    }
  }
}

function pick(verdicts: readonly Verdict[], test: (v: Verdict) => boolean, taken: Set<string>): string {
  const v = verdicts.find((x) => !taken.has(x.household.label) && test(x));
  if (!v) throw new Error("no household fits");
  taken.add(v.household.label);
  return v.household.label;
}

describe("twelve rounds on the sample, with the record kept between them", () => {
  it("keeps every household's stage, amount and letter to the rules", async () => {
    const opened = await openWorkbookFile(
      new Uint8Array(fs.readFileSync("assets/sample-arrears.xlsx")),
      "sample-arrears.xlsx",
    );
    sheets = [...opened.grid.sheets];
    date1904 = opened.grid.date1904;

    const first = run(ROUNDS[0]);
    const v = first.verdicts;
    const taken = new Set<string>();
    const plain = (x: Verdict) =>
      x.flags.length === 0 &&
      x.household.notes === "" &&
      x.household.problems.length === 0 &&
      x.household.phone !== "";
    const monthly = (x: Verdict) => x.household.sheet === "物业费台账" && x.household.monthlyFee !== null;
    const ONE_MONTH = pick(
      v,
      (x) => x.household.monthsOverdue === 1 && x.flags.includes("newlyOverdue") && x.household.notes === "",
      taken,
    );
    const DELIVERED = pick(v, (x) => plain(x) && monthly(x) && x.kind === "longTerm", taken);
    const UNDELIVERED = pick(v, (x) => plain(x) && monthly(x) && x.kind === "longTerm", taken);
    const RETURNED = pick(v, (x) => plain(x) && monthly(x) && x.kind === "longTerm", taken);
    const PARTIAL = pick(
      v,
      (x) => plain(x) && monthly(x) && x.kind === "longTerm" && (x.household.monthsOverdue ?? 0) >= 10,
      taken,
    );
    const PROMISE = pick(
      v,
      (x) => plain(x) && x.kind === "frequent" && (x.household.monthsOverdue ?? 0) >= 3,
      taken,
    );
    const REFUSER = pick(
      v,
      (x) => plain(x) && monthly(x) && x.kind === "frequent" && (x.household.monthsOverdue ?? 0) >= 3,
      taken,
    );
    const DISPUTE = pick(v, (x) => plain(x) && x.kind === "frequent", taken);
    const PAID = pick(
      v,
      (x) => plain(x) && x.kind === "frequent" && (x.household.monthsOverdue ?? 0) >= 3,
      taken,
    );
    const NOTE_PROMISE = pick(v, (x) => x.household.notes === "承诺月底缴清" && x.inArrears, taken);
    const UNVERIFIED = v.find((x) => x.household.problems.length > 0)?.household.label as string;
    const UNCONFIRMED = pick(v, (x) => plain(x) && x.kind === "frequent", taken);

    const history = new Map<string, (NoticeStage | "held" | "none")[]>();
    const follow = [
      ONE_MONTH,
      DELIVERED,
      UNDELIVERED,
      RETURNED,
      PARTIAL,
      PROMISE,
      REFUSER,
      DISPUTE,
      PAID,
      NOTE_PROMISE,
      UNVERIFIED,
      UNCONFIRMED,
    ];
    const partialFee =
      (first.verdicts.find((x) => x.household.label === PARTIAL)?.household.monthlyFee ?? 0) * 2;

    for (let k = 0; k < ROUNDS.length; k++) {
      const date = ROUNDS[k];
      // Between rounds: what the collectors log.
      if (k === 1) {
        collectorRow("2026-11-27", DELIVERED, "催告函", "妥投", { proof: "EA123456789CN" });
        collectorRow("2026-11-28", RETURNED, "催告函", "退回", { note: "查无此人" });
        collectorRow("2026-11-26", PARTIAL, "", "部分缴费", { amount: partialFee });
        collectorRow("2026-11-28", PAID, "", "已缴费");
        collectorRow("2026-11-30", DISPUTE, "", "服务纠纷", { note: "楼上漏水未修" });
        collectorRow("2026-11-30", REFUSER, "", "拒缴");
      }
      if (k === 2) collectorRow("2026-12-02", PROMISE, "", "承诺缴费", { promised: "2026-12-10" });
      if (k === 3) collectorRow("2026-12-09", REFUSER, "", "拒交");
      if (k === 4) {
        collectorRow("2026-12-18", DISPUTE, "", "纠纷已解决");
        setSetting("律师事务所", "浙江示例律师事务所");
      }
      if (k === 5) collectorRow("2026-12-28", RETURNED, "", "地址已核实", { note: "业主提供新地址" });

      const job = run(date, k === 1 ? { confirmSent: "latest" } : {});
      checkEveryNotice(job, date);
      for (const room of follow) history.set(room, [...(history.get(room) ?? []), stageOf(job, room)]);

      // Round-specific expectations.
      if (k === 0) {
        expect(notice(job, ONE_MONTH)).toMatchObject({ stage: 1 });
        expect(notice(job, ONE_MONTH)?.verdict.kind).toBe("timely");
        expect(notice(job, DELIVERED)?.stage).toBe(12);
        expect(held(job, NOTE_PROMISE)?.reason["zh-CN"]).toContain("台账备注“承诺月底缴清”");
        expect(held(job, NOTE_PROMISE)?.nextDate).toBe("2026-12-01");
        expect(job.round.record.rows.every((r) => r[6] === "待发送")).toBe(true);
        // Hardship and disputed households stay off the public arrears list; hardship is offered instalments.
        const hardship = job.verdicts.filter((x) => x.flags.includes("hardship") && x.inArrears);
        expect(hardship.length).toBeGreaterThan(0);
        for (const x of hardship) {
          expect(job.bulletin.arrears.some((e) => e.room === x.household.label)).toBe(false);
          expect(notice(job, x.household.label)?.stage).toBe("instalment");
        }
      }
      if (k === 1) {
        // A notice nobody confirmed holds its household; confirming the latest round releases it.
        expect(job.round.confirmed).toBe(1);
        expect(notice(job, UNCONFIRMED)?.stage).toBe(2);
        expect(held(job, RETURNED)?.task?.["zh-CN"]).toBe("核实地址");
        expect(held(job, PAID)?.reason["zh-CN"]).toContain("已缴清");
        expect(job.bulletin.arrears.some((e) => e.room === PAID)).toBe(false);
        expect(held(job, DISPUTE)).toBeDefined();
        expect(notice(job, NOTE_PROMISE)?.stage).toBe("followUp");
        const part = notice(job, PARTIAL) ?? held(job, PARTIAL);
        const before = first.verdicts.find((x) => x.household.label === PARTIAL)?.household;
        expect(part?.verdict.household.amountOverdue).toBe(
          roundCents((before?.amountOverdue ?? 0) - partialFee),
        );
        expect(part?.verdict.household.monthsOverdue).toBe((before?.monthsOverdue ?? 0) - 2);
        // One refusal on the record is not malice.
        expect(job.verdicts.find((x) => x.household.label === REFUSER)?.kind).toBe("frequent");
      }
      if (k === 2) {
        expect(held(job, PROMISE)?.nextDate).toBe("2026-12-11");
      }
      if (k === 3) {
        expect(notice(job, PROMISE)?.stage).toBe("followUp");
        // Two refusals above the legal minimum: 恶意拖欠, straight to the formal demand.
        expect(job.verdicts.find((x) => x.household.label === REFUSER)?.kind).toBe("malicious");
        expect(notice(job, REFUSER)?.stage).toBe(12);
        // The lawyer's letter is due, but no law firm is named: held, and the round says so.
        expect(held(job, DELIVERED)?.lawyerHold).toBe("lawFirm");
        expect(jobReport(job, [], "out.xlsx").join("\n")).toContain("律师事务所未设置");
      }
      if (k === 4) {
        const lawyer = notice(job, DELIVERED);
        expect(lawyer?.stage).toBe(13);
        expect(lawyer?.letter?.facts.map((f) => f[1])).toContain(
          "催告函已于 2026年11月24日 发出，2026年11月27日 签收（EMS EA123456789CN）",
        );
        expect(held(job, UNDELIVERED)?.lawyerHold).toBe("delivery");
        expect(job.round.warnings.map((w) => w["zh-CN"]).join()).toContain("催告函未确认送达");
        expect(notice(job, DISPUTE)).toBeDefined();
      }
      if (k === 5) expect(notice(job, RETURNED)?.stage).toBe(12);

      logRound(job);
      // The team sends the round and confirms it: in place on the first round (except one household), then for
      // the whole round at once, as the pane's button and --confirm-sent do.
      if (k === 0) confirmInPlace([UNCONFIRMED]);
      else {
        const confirm = run(date, { confirmSent: date });
        expect(confirm.round.confirmed).toBe(job.round.notices.filter((n) => !n.alreadyLogged).length);
        expect(confirm.round.record.rows).toHaveLength(confirm.round.confirmed);
        logRound(confirm);
      }
    }

    if (process.env.SHOW_ROUNDS) console.log(JSON.stringify([...history]));
    const stages = (room: string) => history.get(room) ?? [];
    // The one-month debtor is never sent the open letter, a demand or a lawyer's letter.
    expect(stages(ONE_MONTH).filter((s) => typeof s === "number" && s > 10)).toEqual([]);
    expect(stages(ONE_MONTH).slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(stages(DELIVERED)).toEqual([
      12,
      "held",
      "held",
      "held",
      13,
      "held",
      "held",
      "held",
      "held",
      "held",
      "held",
      "held",
    ]);
    expect(
      stages(PAID)
        .slice(1)
        .every((s) => s === "held"),
    ).toBe(true);
    // The unverified household (#N/A) never gets a legal stage.
    expect(stages(UNVERIFIED).filter((s) => typeof s === "number" && STAGES[s].legal)).toEqual([]);
  });
});
