import { KIND_LABELS, Verdict } from "../classify/kinds";
import { legalMinAmountFor } from "../classify/classify";
import { CellValue } from "../read/grid";
import { Household } from "../read/household";
import { Letter, ReceiptSlip } from "./letter";
import { Block, OUTPUT_SHEETS, OutputSheet } from "../output";
import { compareRooms } from "../boards/bulletin";
import {
  CampaignFacts,
  RECORD_TABLE_NAME,
  RECORD_WIDTHS,
  RESULT_LABELS,
  RecordAppend,
  RecordLayout,
  RecordProblem,
  RecordRow,
  normalizeRoom,
  recordColumns,
} from "./record";
import { Settings } from "../settings/settings";
import { Deadline, workingDeadline } from "./calendar";
import { notePromise } from "./promise";
import { instalmentValues, planStep } from "./instalment-round";
import { proofOfDelivery } from "./delivery";
import {
  CHANNEL_LABELS,
  Channel,
  FORMAL_DEMAND,
  LAWYERS_LETTER,
  LadderStage,
  NoticeStage,
  Period,
  STAGES,
  StageGroup,
  STAGE_NAMES,
  bandColour,
  stageLabel,
} from "./stages";
import { PlaceholderValues, TemplateProblem, TemplateSet, fillTemplate } from "./templates";
import { Lang, Localized, chineseOrder, formatYuan, localized, roundCents, speaker } from "../text";
import { MonthDue, Owed, owed, withPayments } from "./amounts";
import {
  IsoDate,
  MonthIndex,
  dayNumber,
  daysBetween,
  formatMonth,
  formatMonthZh,
  monthEnd,
} from "../read/values";

/** A thank-you at most this often, so that owners who pay on time are thanked, not pestered. */
export const THANKS_EVERY_DAYS = 180;
/** An instalment offer that got no answer is made again after this many days. */
export const INSTALMENT_EVERY_DAYS = 30;

export interface LateFee {
  readonly amount: number;
  /** How it was computed, in words a manager (and an owner) can check. */
  readonly basis: Localized;
}

/**
 * The late fee (违约金/滞纳金) where the service contract has the clause: each unpaid month's own fee × the daily
 * rate × the days from the day after that month's end to the as-of date, capped at the amount overdue. Null when
 * no month has run late yet or the months are not known.
 */
export function lateFee(dues: readonly MonthDue[], asOf: IsoDate, ratePerDay: number): LateFee | null {
  const owedNow = roundCents(dues.reduce((sum, d) => sum + d.fee, 0));
  const parts = dues.map((d) => ({ ...d, days: Math.max(0, daysBetween(monthEnd(d.month), asOf)) }));
  const raw = parts.reduce((sum, d) => sum + d.fee * ratePerDay * d.days, 0);
  if (dues.length === 0 || raw <= 0 || ratePerDay <= 0) return null;
  const capped = raw > owedNow;
  const fee = roundCents(Math.min(raw, owedNow));
  const rate = `${Math.round(ratePerDay * 1_000_000) / 10_000}%`;
  const late = parts.filter((d) => d.days > 0);
  const days = late.reduce((sum, d) => sum + d.days, 0).toLocaleString("en-US");
  // Months with the same fee are summed: Σ fee × days × rate.
  const byFee = new Map<number, { months: number; days: number }>();
  for (const d of late) {
    const g = byFee.get(d.fee) ?? { months: 0, days: 0 };
    byFee.set(d.fee, { months: g.months + 1, days: g.days + d.days });
  }
  const terms = [...byFee].map(([f, g]) => ({ f: formatYuan(f), n: g.months, days: g.days }));
  const zhTerms = terms.map((t) => `${t.f} × ${t.days.toLocaleString("en-US")} 天`).join(" + ");
  const enTerms = terms.map((t) => `${t.f} × ${t.days.toLocaleString("en-US")} days`).join(" + ");
  const total = formatYuan(roundCents(raw));
  return {
    amount: fee,
    basis: localized(
      `${late.length} 个逾期月份各按当月物业费，自到期次日起计至 ${asOf}，合计 ${days} 天：` +
        `(${zhTerms}) × ${rate}/日 = ${total}` +
        (capped ? `，以欠费本金 ${formatYuan(owedNow)} 为限` : ""),
      `${late.length} late month${late.length === 1 ? "" : "s"}, each on its own fee from the day after it ` +
        `fell due to ${asOf}, ${days} days in all: (${enTerms}) × ${rate} a day = ${total}` +
        (capped ? `, capped at the amount overdue ${formatYuan(owedNow)}` : ""),
    ),
  };
}

/** One household to contact in this round. */
export interface Notice {
  readonly verdict: Verdict;
  readonly stage: NoticeStage;
  readonly channel: Channel;
  readonly date: IsoDate;
  readonly deadline: IsoDate | null;
  readonly lateFee: LateFee | null;
  /** What is owed now: the ledger less the payments the record logs since the as-of date. */
  readonly owed: Owed;
  /** Amount owed now plus the late fee. */
  readonly total: number | null;
  /** Why this notice, now. */
  readonly reason: Localized;
  /** The letter on paper (null for an SMS or a phone call alone). */
  readonly letter: Letter | null;
  /** The text to read out or post: the letter's body, or the SMS for an SMS-only notice. */
  readonly text: string;
  /** The SMS to send with it, when the household has a phone. */
  readonly sms: string | null;
  readonly smsLength: number;
  readonly smsTooLong: boolean;
  /** An earlier run today already logged this notice in the record. */
  readonly alreadyLogged: boolean;
  /** The deadline's year has no published holiday schedule in the table. */
  readonly deadlineWarning: Localized | null;
  /** For the person who prepares the round: a lawyer's letter with no firm named, a notice with no phone… */
  readonly warnings: readonly Localized[];
}

/** A household in arrears that gets no notice in this round, and why. */
export interface HeldBack {
  readonly verdict: Verdict;
  readonly reason: Localized;
  readonly nextDate: IsoDate | null;
  /** A lawyer's letter held for want of a law firm or of a delivered formal demand. */
  readonly lawyerHold?: LawyerHold;
  /** What the collector must do first (核实地址). */
  readonly task?: Localized;
}

export interface Round {
  readonly date: IsoDate;
  readonly asOf: IsoDate;
  readonly lang: Lang;
  readonly notices: readonly Notice[];
  readonly held: readonly HeldBack[];
  readonly templateProblems: readonly TemplateProblem[];
  readonly recordProblems: readonly RecordProblem[];
  /** Settings the letters need and do not have, deadlines outside the holiday table… */
  readonly warnings: readonly Localized[];
  readonly record: RecordAppend;
  /** Notices of earlier rounds confirmed as sent in this run (rows added with 结果 已发送). */
  readonly confirmed: number;
}

export interface RoundInput {
  readonly verdicts: readonly Verdict[];
  readonly facts: ReadonlyMap<string, CampaignFacts>;
  readonly settings: Settings;
  readonly templates: TemplateSet;
  readonly templateProblems: readonly TemplateProblem[];
  readonly recordProblems: readonly RecordProblem[];
  /** The record sheet's name and layout when the workbook has one. */
  readonly recordSheet: string | null;
  readonly recordLayout: RecordLayout | null;
  /** Excel row of the record sheet's last row with anything in it (0 or absent when none). */
  readonly recordLastRow?: number;
  /** The day the notices go out and are logged. */
  readonly date: IsoDate;
  readonly asOf: IsoDate;
  readonly lang: Lang;
  /** Rows confirming an earlier round's notices as sent, logged before this round's own. */
  readonly confirmations?: readonly RecordRow[];
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** A date as a date cell: Excel shows it with the column's date format. */
export function dateCell(date: IsoDate | null): Date | null {
  return date === null ? null : new Date(dayNumber(date) * 86_400_000);
}

/** Days a period of the stage table stands for, from the settings. */
export function periodDays(period: Period, settings: Settings): number {
  if (period === "firstReminder") return settings.firstReminderDays;
  return period === "interval" ? settings.noticeIntervalDays : settings.demandDays;
}

/** Why a lawyer's letter is held back: the round's summary counts each. */
export type LawyerHold = "lawFirm" | "delivery";

type Decision =
  | { readonly kind: "notice"; readonly stage: NoticeStage; readonly reason: Localized }
  | {
      readonly kind: "held";
      readonly reason: Localized;
      readonly nextDate: IsoDate | null;
      readonly lawyerHold?: LawyerHold;
      /** A task for the collector, e.g. 核实地址. */
      readonly task?: Localized;
    }
  | { readonly kind: "none" };

/** The months and amount the open letter, the formal demand and the lawyer's letter need (Proportion). */
export function legalMinimum(h: Household, settings: Settings): { met: boolean; rule: Localized } {
  const months = h.monthsOverdue;
  const amount = h.amountOverdue;
  const floor = legalMinAmountFor(h, settings.legalMinAmount);
  const met = months !== null && months >= settings.legalMinMonths && amount !== null && amount >= floor;
  const quarter = settings.legalMinAmount === "quarter";
  return {
    met,
    rule: localized(
      `欠费 ≥ ${settings.legalMinMonths} 个月且 ≥ ${formatYuan(floor)}${quarter ? "（一个季度物业费）" : ""}`,
      `${settings.legalMinMonths}+ months and ${formatYuan(floor)}${quarter ? " (one quarter's fee)" : ""} ` +
        "overdue",
    ),
  };
}

function owedText(h: Household): Localized {
  const m = h.monthsOverdue === null ? "?" : String(h.monthsOverdue);
  const a = h.amountOverdue === null ? "?" : formatYuan(h.amountOverdue);
  return localized(`欠费 ${m} 个月 ${a}`, `${m} month${m === "1" ? "" : "s"} overdue, ${a}`);
}

/** Which notice, if any, a household gets in a round held on `date`: the rules of the campaign [C, D]. */
export function decide(
  verdict: Verdict,
  facts: CampaignFacts | undefined,
  settings: Settings,
  date: IsoDate,
  asOf: IsoDate,
): Decision {
  // An instalment plan (同意分期) holds the household from the ladder while it is kept (instalment-round.ts).
  const plan = verdict.inArrears ? planStep(facts) : ({ kind: "none" } as const);
  if (plan.kind === "notice" || plan.kind === "held")
    return facts?.pending ? pendingHold(facts.pending) : plan;
  if (plan.kind === "none") return decideOnLadder(verdict, facts, settings, date, asOf, false);
  const resumed = decideOnLadder(verdict, plan.facts, settings, date, asOf, true);
  if (resumed.kind === "none") return resumed;
  const reason = localized(
    plan.why["zh-CN"] + resumed.reason["zh-CN"],
    plan.why["en-US"] + resumed.reason["en-US"],
  );
  return { ...resumed, reason };
}

function decideOnLadder(
  verdict: Verdict,
  facts: CampaignFacts | undefined,
  settings: Settings,
  date: IsoDate,
  asOf: IsoDate,
  planBroken: boolean,
): Decision {
  const h = verdict.household;
  if (!verdict.inArrears) {
    if (verdict.kind !== "timely" || h.phone === "") return { kind: "none" };
    const last = facts?.lastThanks;
    if (last && daysBetween(last.date, date) < THANKS_EVERY_DAYS) return { kind: "none" };
    if (facts?.pending?.stage === "thanks") return pendingHold(facts.pending);
    return {
      kind: "notice",
      stage: "thanks",
      reason: localized("按时缴纳 → 短信致谢", "pays on time → a thank-you SMS"),
    };
  }
  if (facts?.lastPaid && facts.lastPaid.date > asOf) {
    return {
      kind: "held",
      nextDate: null,
      reason: localized(
        `催缴记录第 ${facts.lastPaid.row} 行：${facts.lastPaid.date} 已缴费，台账待更新`,
        `collection record row ${facts.lastPaid.row}: paid on ${facts.lastPaid.date}; ` +
          "the arrears sheet is not updated yet",
      ),
    };
  }
  if (verdict.flags.includes("dispute")) {
    const risk = verdict.flags.includes("limitationRisk");
    return {
      kind: "held",
      nextDate: null,
      reason: localized(
        "服务纠纷未解决：先处理问题，解决后在催缴记录中记“纠纷已解决”再催缴" +
          (risk ? "；有时效风险，解决后尽快发催告函" : ""),
        'service dispute open: solve it first, log "resolved" in the record, then collect' +
          (risk ? "; limitation at risk: send a formal demand soon after" : ""),
      ),
    };
  }
  if (facts?.pending) return pendingHold(facts.pending);
  if (facts?.returned) {
    const r = facts.returned;
    return {
      kind: "held",
      nextDate: null,
      task: localized("核实地址", "check the address"),
      reason: localized(
        `催缴记录第 ${r.row} 行：${r.date} 通知被退回（${r.note || "退回"}），不算送达：` +
          "先核实地址，在催缴记录中记“地址已核实”后继续",
        `collection record row ${r.row}: the notice came back on ${r.date}; it was not delivered: ` +
          'check the address, log "address checked", then go on',
      ),
    };
  }
  const recorded = facts?.promise;
  const promise =
    recorded && !recorded.kept
      ? {
          date: recorded.promisedDate,
          where: localized(`催缴记录第 ${recorded.entry.row} 行`, `record row ${recorded.entry.row}`),
          followedUp: recorded.followedUp,
        }
      : notePromiseOf(h, facts, asOf, date);
  if (promise) {
    if (promise.date >= date) {
      return {
        kind: "held",
        nextDate: addDays(promise.date, 1),
        reason: localized(
          `业主承诺 ${promise.date} 前缴费（${promise.where["zh-CN"]}），到期未缴当天跟进`,
          `the owner promised to pay by ${promise.date} (${promise.where["en-US"]}); ` +
            "follow up the day after if unpaid",
        ),
      };
    }
    if (!promise.followedUp) {
      return {
        kind: "notice",
        stage: "followUp",
        reason: localized(
          `承诺 ${promise.date} 前缴费未兑现（${promise.where["zh-CN"]}）→ 当天电话跟进`,
          `promised to pay by ${promise.date} and did not (${promise.where["en-US"]}) → follow up today`,
        ),
      };
    }
  }
  if (verdict.flags.includes("hardship") && !planBroken) {
    const last = facts?.lastInstalment;
    if (last && daysBetween(last.date, date) < INSTALMENT_EVERY_DAYS) {
      return {
        kind: "held",
        nextDate: addDays(last.date, INSTALMENT_EVERY_DAYS),
        reason: localized(
          `经济困难：${last.date} 已提出分期方案，等待业主答复`,
          `hardship: an instalment offer was made on ${last.date}; waiting for the owner`,
        ),
      };
    }
    return {
      kind: "notice",
      stage: "instalment",
      reason: localized(
        "经济困难 → 上门协商分期或缓交",
        "hardship → offer instalments or a deferral in person",
      ),
    };
  }
  const ladder = facts?.ladder ?? null;
  if (ladder && STAGES[ladder.stage].wait === null) {
    return {
      kind: "held",
      nextDate: null,
      reason: localized(
        `${STAGE_NAMES[ladder.stage]["zh-CN"]}已于 ${ladder.sent} 发出：` +
          "催缴阶梯已走完，下一步整理证据，依法起诉或申请仲裁",
        `the ${STAGE_NAMES[ladder.stage]["en-US"]} went out on ${ladder.sent}: the ladder is complete; ` +
          "next, gather the evidence and sue or apply for arbitration",
      ),
    };
  }
  let next = (ladder ? ladder.stage + 1 : 1) as LadderStage;
  let why = ladder
    ? localized(
        `${STAGE_NAMES[ladder.stage]["zh-CN"]}已于 ${ladder.sent} 发出 → ${STAGE_NAMES[next]["zh-CN"]}`,
        `${STAGE_NAMES[ladder.stage]["en-US"]} went out on ${ladder.sent} → ${STAGE_NAMES[next]["en-US"]}`,
      )
    : localized("欠费，尚无催缴记录 → 第1次提醒", "in arrears with nothing in the record → reminder 1");
  const minimum = legalMinimum(h, settings);
  const legalKind = verdict.kind === "longTerm" || verdict.kind === "malicious";
  const risk = verdict.flags.includes("limitationRisk");
  const verified = h.problems.length === 0;
  if ((legalKind || risk) && minimum.met && verified && next < FORMAL_DEMAND) {
    next = FORMAL_DEMAND;
    why = localized(
      `${KIND_LABELS[verdict.kind]["zh-CN"]}${risk ? "、有时效风险" : ""}，` +
        `${minimum.rule["zh-CN"]} → EMS 寄送书面催告函`,
      `${KIND_LABELS[verdict.kind]["en-US"]}${risk ? ", limitation at risk" : ""}, ` +
        `${minimum.rule["en-US"]} → a formal demand by EMS`,
    );
  }
  const rule = STAGES[next];
  if (rule.minimum === "legal" && !minimum.met) {
    return {
      kind: "held",
      nextDate: null,
      reason: localized(
        `${owedText(h)["zh-CN"]}，未达${STAGE_NAMES[next]["zh-CN"]}起点（${minimum.rule["zh-CN"]}）：` +
          "十次提醒已发完，继续电话、短信提醒，不发致业主书、催告函、律师函",
        `${owedText(h)["en-US"]}: below the minimum for the ${STAGE_NAMES[next]["en-US"]} ` +
          `(${minimum.rule["en-US"]}): the ten reminders are done; go on by phone and SMS, no legal letters`,
      ),
    };
  }
  if (rule.minimum === "legal" && !verified) {
    const p = h.problems[0];
    return {
      kind: "held",
      nextDate: null,
      reason: localized(
        `数据待核对（工作表“${p.sheet}”${p.column}${p.row}：“${p.value}”）：` +
          `核对后才发${STAGE_NAMES[next]["zh-CN"]}`,
        `data to check (sheet "${p.sheet}" ${p.column}${p.row}: "${p.value}"): ` +
          `no ${STAGE_NAMES[next]["en-US"]} until it is checked`,
      ),
    };
  }
  if (rule.needsDeliveredDemand) {
    const delivered = facts?.formalDemand?.delivered ?? null;
    if (settings.lawFirm === "" || delivered === null) {
      const noFirm = settings.lawFirm === "";
      return {
        kind: "held",
        nextDate: null,
        lawyerHold: noFirm ? "lawFirm" : "delivery",
        reason: noFirm
          ? localized(
              "律师函暂缓：律师事务所未设置（在“催缴设置”中填写出具律师函的律师事务所）",
              "lawyer's letter held: no law firm in the settings (name the firm that signs it)",
            )
          : localized(
              "律师函暂缓：催告函未确认送达（需催缴记录中催告函“已签收/妥投”及 EMS 单号，或留置送达）",
              "lawyer's letter held: the formal demand is not proven delivered " +
                "(the record needs it signed for / delivered with the EMS number, or a witnessed refusal)",
            ),
      };
    }
  }
  if (ladder) {
    const wait = STAGES[ladder.stage].wait;
    const due = addDays(ladder.sent, wait === null ? 0 : periodDays(wait, settings));
    if (due > date) {
      return {
        kind: "held",
        nextDate: due,
        reason: localized(
          `${STAGE_NAMES[ladder.stage]["zh-CN"]}已于 ${ladder.sent} 发出，` +
            `${STAGE_NAMES[next]["zh-CN"]}应于 ${due} 发出`,
          `${STAGE_NAMES[ladder.stage]["en-US"]} went out on ${ladder.sent}; ` +
            `${STAGE_NAMES[next]["en-US"]} is due on ${due}`,
        ),
      };
    }
  }
  if (h.amountOverdue === null && h.problems.length > 0) {
    // A notice with no amount ("合计—") is not sent: the bulletin holds the household back for checking, so does the round.
    return {
      kind: "held",
      nextDate: null,
      reason: localized(
        `欠费金额无法读取（待核）：先核对台账第 ${h.rows.join("、")} 行，再发${STAGE_NAMES[next]["zh-CN"]}`,
        `the amount owed cannot be read (to check): check row ${h.rows.join(", ")} ` +
          `of the arrears sheet, then send the ${STAGE_NAMES[next]["en-US"]}`,
      ),
    };
  }
  return { kind: "notice", stage: next, reason: why };
}

function pendingHold(pending: NonNullable<CampaignFacts["pending"]>): Decision {
  const name = STAGE_NAMES[pending.stage];
  return {
    kind: "held",
    nextDate: null,
    reason: localized(
      `${name["zh-CN"]}已于 ${pending.entry.date} 准备（催缴记录第 ${pending.entry.row} 行，待发送）：` +
        "发出后把结果改为“已发送”或填写发送日期（或用“确认本轮已发送”），下一步才会排上",
      `the ${name["en-US"]} prepared on ${pending.entry.date} (record row ${pending.entry.row}) is not ` +
        'confirmed as sent: change its result to "sent" or fill in the date sent (or confirm the round)',
    ),
  };
}

/** A promise written in the ledger's notes (承诺月底缴清) counts like one in the record. */
function notePromiseOf(
  h: Household,
  facts: CampaignFacts | undefined,
  asOf: IsoDate,
  date: IsoDate,
): { date: IsoDate; where: Localized; followedUp: boolean } | null {
  const promised = notePromise(h.notes, asOf);
  if (promised === null) return null;
  const paid = (facts?.entries ?? []).some(
    (e) => (e.result === "paid" || e.result === "partPaid") && e.date > asOf,
  );
  if (paid) return null;
  const followedUp = (facts?.entries ?? []).some(
    (e) => e.stage === "followUp" && e.date > promised && e.date < date,
  );
  return { date: promised, where: localized(`台账备注“${h.notes}”`, `ledger note "${h.notes}"`), followedUp };
}

function channelFor(stage: NoticeStage, verdict: Verdict): Channel {
  const h = verdict.household;
  const away = verdict.flags.includes("unreachable") || verdict.flags.includes("vacant");
  const channel = STAGES[stage].channel;
  if (channel === "phone") return h.phone ? "phone" : "visit";
  if (channel === "visit") return away ? "letter" : "visit";
  return channel;
}

function deadlineFor(stage: NoticeStage, date: IsoDate, settings: Settings): Deadline | null {
  const period = STAGES[stage].deadline;
  return period === null ? null : workingDeadline(date, periodDays(period, settings));
}

function runs(months: readonly MonthIndex[]): MonthIndex[][] {
  const out: MonthIndex[][] = [];
  for (const m of months) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === m - 1) last.push(m);
    else out.push([m]);
  }
  return out;
}

/** Every unpaid month, prior-year months (往年欠费) first: "往年欠费 14 个月（2023-10 至 2024-11）及 2024-12 至 2026-10". */
export function period(debt: Owed, lang: Lang): string {
  const say = speaker(lang);
  // Never the placeholder's own name in a letter: months the ledger does not list are said to be so.
  if (debt.dues.length === 0) return say("台账未列明的月份", "months the ledger does not list");
  const show = (m: MonthIndex) => say(formatMonthZh(m), formatMonth(m));
  const span = (run: MonthIndex[]) =>
    run.length === 1
      ? show(run[0])
      : say(
          `${show(run[0])}至${show(run[run.length - 1])}`,
          `${show(run[0])} to ${show(run[run.length - 1])}`,
        );
  const prior = debt.dues.filter((d) => d.prior).map((d) => d.month);
  const rest = runs(debt.dues.filter((d) => !d.prior).map((d) => d.month)).map(span);
  // A ledger that gives only a count of months: the latest months due, said to be reckoned so.
  const reckoned = debt.monthsKnown
    ? ""
    : say("（按台账欠费月数推算）", " (reckoned from the ledger's count of months)");
  const listed = rest.join(say("、", ", ")) + (prior.length === 0 ? reckoned : "");
  if (prior.length === 0) return listed;
  const n = prior.length;
  const head = say(
    `往年欠费 ${n} 个月（${span(prior)}）`,
    `${n} month${n === 1 ? "" : "s"} from earlier years (${span(prior)})`,
  );
  return (rest.length === 0 ? head : `${head}${say("及", " and ")}${listed}`) + reckoned;
}

const LEGAL_BASIS: Localized = localized(
  "法律依据：《中华人民共和国民法典》第九百四十四条　业主应当按照约定向物业服务人支付物业费。" +
    "物业服务人已经按照约定和有关规定提供服务的，业主不得以未接受或者无需接受相关物业服务为由拒绝支付物业费。" +
    "业主违反约定逾期不支付物业费的，物业服务人可以催告其在合理期限内支付；" +
    "合理期限届满仍不支付的，物业服务人可以提起诉讼或者申请仲裁。" +
    "物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费。",
  "Legal basis: Civil Code of the People's Republic of China, article 944. Owners " +
    "shall pay the property fee as agreed. Where the property service provider has " +
    "provided the services as agreed and as required, an owner may not refuse to " +
    "pay on the ground of not having received or not needing them. Where an owner " +
    "is late in paying in breach of the agreement, the provider may demand payment " +
    "within a reasonable period; if the fee is still unpaid when that period ends, " +
    "the provider may sue or apply for arbitration. The provider may not collect " +
    "the fee by cutting off electricity, water, heating or gas.",
);

function longDate(date: IsoDate, lang: Lang): string {
  if (lang !== "zh-CN") return date;
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** The service centre that sends the notices: the setting, else the estate's name + 物业服务中心. */
export function serviceCentreName(settings: Settings, lang: Lang): string {
  if (settings.serviceCentre) return settings.serviceCentre;
  const say = speaker(lang);
  return say(
    `${settings.estateName}物业服务中心`,
    `${settings.estateName ? `${settings.estateName} ` : ""}Property Service Centre`,
  );
}

/** Builds a round: the decision for each household, the letters and texts, and the rows to log. */
export function planRound(input: RoundInput): Round {
  const { settings, lang, date, asOf } = input;
  const say = speaker(lang);
  const notices: Notice[] = [];
  const held: HeldBack[] = [];
  for (const original of input.verdicts) {
    const facts = input.facts.get(original.household.key);
    const debt = owed(original.household, facts, asOf);
    const verdict: Verdict =
      debt.payments.length === 0
        ? original
        : { ...original, household: withPayments(original.household, debt) };
    if (original.inArrears && debt.amount === 0) {
      const last = debt.payments[debt.payments.length - 1];
      held.push({
        verdict,
        nextDate: null,
        reason: localized(
          `催缴记录第 ${last.row} 行：${last.date} 已缴清，台账待更新`,
          `collection record row ${last.row}: paid in full on ${last.date}; the ` +
            "arrears sheet is not updated yet",
        ),
      });
      continue;
    }
    const decision = decide(verdict, facts, settings, date, asOf);
    if (decision.kind === "none") continue;
    if (decision.kind === "held") {
      const { reason, nextDate, lawyerHold, task } = decision;
      held.push({
        verdict,
        reason,
        nextDate,
        ...(lawyerHold ? { lawyerHold } : {}),
        ...(task ? { task } : {}),
      });
      continue;
    }
    notices.push(buildNotice(verdict, facts, debt, decision.stage, decision.reason, input));
  }
  const byCollector = (a: { verdict: Verdict }, b: { verdict: Verdict }) =>
    chineseOrder(a.verdict.household.collector, b.verdict.household.collector) ||
    compareRooms(a.verdict.household, b.verdict.household);
  notices.sort(byCollector);
  held.sort(byCollector);

  const rows: RecordRow[] = notices
    .filter((n) => !n.alreadyLogged)
    .map((n) => {
      const h = n.verdict.household;
      const note = [
        n.deadline ? say(`截止 ${n.deadline}`, `deadline ${n.deadline}`) : "",
        h.amountOverdue !== null
          ? say(`欠费 ${formatYuan(h.amountOverdue)}`, `owed ${formatYuan(h.amountOverdue)}`)
          : "",
        n.lateFee
          ? say(`违约金 ${formatYuan(n.lateFee.amount)}`, `late fee ${formatYuan(n.lateFee.amount)}`)
          : "",
      ]
        .filter(Boolean)
        .join(say("；", "; "));
      return [
        dateCell(date),
        h.label,
        h.owner,
        STAGE_NAMES[n.stage][lang],
        CHANNEL_LABELS[n.channel][lang],
        h.collector,
        RESULT_LABELS.pending[lang],
        null,
        null,
        null,
        note,
      ];
    });
  const warnings: Localized[] = [];
  if (notices.some((n) => n.letter !== null || n.sms !== null)) {
    const missing = (
      [
        ["servicePhone", "客服电话", "service-centre phone"],
        ["serviceAddress", "服务中心地址", "service-centre address"],
        ["companyName", "物业服务企业", "property-service company"],
      ] as const
    ).filter(([key]) => settings[key] === "");
    if (missing.length > 0)
      warnings.push(
        localized(
          `“催缴设置”中未填${missing.map((m) => `“${m[1]}”`).join("、")}：通知上留空（________）待手写；` +
            "填写后重新生成更好",
          `The settings have no ${missing.map((m) => m[2]).join(" or ")}: the notices leave a blank ` +
            "(________) to fill in by hand; better, fill in the settings and run again",
        ),
      );
  }
  const lawFirm = held.filter((x) => x.lawyerHold === "lawFirm").length;
  const delivery = held.filter((x) => x.lawyerHold === "delivery").length;
  if (lawFirm > 0)
    warnings.push(
      localized(
        `律师函暂缓 ${lawFirm} 户：律师事务所未设置（在“催缴设置”中填写）`,
        `${lawFirm} lawyer's letter${lawFirm === 1 ? "" : "s"} held: no law firm in the settings`,
      ),
    );
  if (delivery > 0)
    warnings.push(
      localized(
        `律师函暂缓 ${delivery} 户：催告函未确认送达（催缴记录中需“已签收/妥投”及 EMS 单号）`,
        `${delivery} lawyer's letter${delivery === 1 ? "" : "s"} held: the formal demand is not proven ` +
          "delivered (the record needs it signed for, with the EMS number)",
      ),
    );
  const returned = held.filter((x) => x.task !== undefined).length;
  if (returned > 0)
    warnings.push(
      localized(
        `${returned} 户通知被退回，催缴暂停：先核实地址`,
        `${returned} household${returned === 1 ? "'s notice" : "s' notices"} came back: ` +
          "the ladder stops until the address is checked",
      ),
    );
  const seen = new Set<string>();
  for (const n of notices)
    for (const w of n.warnings)
      if (w === n.deadlineWarning && !seen.has(w["en-US"])) {
        seen.add(w["en-US"]);
        warnings.push(w);
      }
  const confirmations = input.confirmations ?? [];
  return {
    date,
    asOf,
    lang,
    notices,
    held,
    warnings,
    confirmed: confirmations.length,
    templateProblems: input.templateProblems,
    recordProblems: input.recordProblems,
    record: {
      sheetName: input.recordSheet ?? OUTPUT_SHEETS.record[lang],
      exists: input.recordSheet !== null,
      layout: input.recordLayout,
      lastRow: input.recordLastRow ?? 0,
      tableName: RECORD_TABLE_NAME,
      columns: recordColumns(lang),
      widths: RECORD_WIDTHS,
      rows: [...confirmations, ...rows],
      alreadyLogged: notices.length - rows.length,
    },
  };
}

const CJK = /[\u3400-\u9fff]/;

/** "催告函已于 2027年1月5日 发出，2027年1月8日 签收（EMS EA123456789CN）". */
function demandDelivery(facts: CampaignFacts | undefined, lang: Lang): string {
  const say = speaker(lang);
  const demand = facts?.formalDemand;
  if (!demand) return say("委托人已向您发出书面催告", "Our client has sent you a formal written demand");
  const d = demand.delivered;
  const sent = longDate(demand.sent, lang);
  if (!d) return say(`催告函已于 ${sent} 发出`, `The formal demand was sent on ${sent}`);
  const proof = d.proof
    ? say(`（EMS ${d.proof}）`, ` (EMS ${d.proof})`)
    : say("（留置送达）", " (left with a witness)");
  return say(
    `催告函已于 ${sent} 发出，${longDate(d.date, lang)} 签收${proof}`,
    `The formal demand was sent on ${sent} and signed for on ${d.date}${proof}`,
  );
}

function buildNotice(
  verdict: Verdict,
  facts: CampaignFacts | undefined,
  debt: Owed,
  stage: NoticeStage,
  reason: Localized,
  input: RoundInput,
): Notice {
  const { settings, lang, date, asOf } = input;
  const say = speaker(lang);
  const rule = STAGES[stage];
  const h = verdict.household;
  const channel = channelFor(stage, verdict);
  const deadline = deadlineFor(stage, date, settings);
  const fee =
    rule.lateFee && settings.lateFeeClause !== ""
      ? lateFee(debt.dues, asOf, settings.lateFeeRatePerDay)
      : null;
  const total = h.amountOverdue === null ? null : roundCents(h.amountOverdue + (fee?.amount ?? 0));
  const estate = settings.estateName || say("本小区", "the estate");
  const sender = serviceCentreName(settings, lang);
  const company =
    settings.companyName || say("________（物业服务企业）", "________ (property-service company)");
  const lawFirm = settings.lawFirm || say("________律师事务所", "________ (law firm)");
  const months = h.monthsOverdue;
  // The clause as typed is quoted in the facts table; an English sentence names it in English.
  const clauseEn = CJK.test(settings.lateFeeClause)
    ? "the late-fee clause of the service contract"
    : settings.lateFeeClause;
  const values: PlaceholderValues = {
    estate,
    owner: h.owner || say("业主", "Owner"),
    room: h.label,
    amount: h.amountOverdue === null ? "—" : formatYuan(h.amountOverdue),
    months:
      months === null
        ? say("若干", "several months")
        : say(String(months), `${months} month${months === 1 ? "" : "s"}`),
    period: period(debt, lang),
    asOf: longDate(asOf, lang),
    lateFee: fee ? formatYuan(fee.amount) : "—",
    total: total === null ? "—" : formatYuan(total),
    deadline: deadline ? longDate(deadline.date, lang) : "—",
    servicePhone: settings.servicePhone || "________",
    serviceAddress: settings.serviceAddress || "________",
    // An English letter does not quote Chinese settings mid-sentence: the facts table below carries them.
    payment:
      lang === "en-US" && CJK.test(settings.paymentInfo)
        ? "How to pay: see the table below"
        : // The templates end the sentence themselves: a trailing 。 typed in the setting would print twice.
          settings.paymentInfo.replace(/[。．.；;，,\s]+$/u, "") ||
          say("可到物业服务中心缴纳", "You can pay at the service centre"),
    date: longDate(date, lang),
    promisedDate: facts?.promise ? longDate(facts.promise.promisedDate, lang) : "—",
    lawFirm,
    company,
    demandDelivery: demandDelivery(facts, lang),
    lateFeeClause: fee ? say(`依据${settings.lateFeeClause}`, `under ${clauseEn}`) : "",
    lateFeeNote: fee
      ? say(
          `，依据${settings.lateFeeClause}计收违约金${formatYuan(fee.amount)}（计算见下表），` +
            `合计应缴${formatYuan(total ?? 0)}`,
          `; under ${clauseEn} a late fee of ${formatYuan(fee.amount)} applies (see the table), ` +
            `${formatYuan(total ?? 0)} in all`,
        )
      : "",
    lateFeeWarning: settings.lateFeeClause
      ? say(
          `依据${settings.lateFeeClause}，逾期仍未缴纳的，自下次通知起计收违约金。`,
          `Under ${clauseEn}, a late fee applies from the next notice. `,
        )
      : "",
    ...instalmentValues(facts?.instalments, lang),
  };
  const template = input.templates[stage][lang];
  // The letter is made when it is read (the letters document, the pane's preview), not for every notice of a
  // 100,000-household round in advance: most are never printed in the run that plans them.
  let filled: { title: string; paragraphs: string[] } | null = null;
  const page = () =>
    (filled ??= {
      title: fillTemplate(template.title, values),
      paragraphs: fillTemplate(template.body, values)
        .split("\n")
        .map((p) => p.trim())
        .filter(Boolean),
    });
  const smsBody = h.phone ? fillTemplate(template.sms, values) : null;
  const sms = smsBody === null ? null : `【${settings.estateName || say("物业", "Property")}】${smsBody}`;
  const smsLength = sms === null ? 0 : [...sms].length;
  const warnings: Localized[] = [];
  const deadlineWarning = deadline?.warning ?? null;
  if (deadlineWarning) warnings.push(deadlineWarning);
  if (channel === "sms" && sms === null)
    warnings.push(localized("无电话号码，无法发送短信", "no phone number: the SMS cannot be sent"));
  const paper = channel === "letter" || channel === "visit" || channel === "ems";
  const reference = `${date.replace(/-/g, "")}-${normalizeRoom(h.label) || "x"}-${stageLabel(stage).padStart(2, "0")}`;
  const seal = rule.sealed ? [say("（盖章）", "(company seal)")] : [];
  const makeLetter = (): Letter | null => {
    if (!paper) return null;
    const { title, paragraphs } = page();
    return {
      lang,
      room: h.label,
      owner: h.owner,
      band: {
        ...bandColour(stage),
        // The owner's copy carries no internal labels (stage numbers, channels): only what to do.
        label: rule.receipt ? say("请签收回执", "Please sign and return the slip") : "",
      },
      sender: stage === LAWYERS_LETTER ? lawFirm : sender,
      title,
      reference: say(`编号：${reference}`, `Ref. ${reference}`),
      salutation: salutation(stage, h, lang),
      paragraphs,
      facts: letterFacts(stage, values, fee, settings, lang),
      legalBasis: rule.legalBasis ? LEGAL_BASIS[lang] : null,
      signature:
        stage === LAWYERS_LETTER
          ? [lawFirm, say("律师：________", "Lawyer: ________"), ...seal, longDate(date, lang)]
          : [company, sender, ...seal, longDate(date, lang)],
      receipt: rule.receipt ? receiptSlip(stage, h, values, title, reference, fee, lang) : null,
    };
  };
  const alreadyLogged = (facts?.entries ?? []).some((e) => e.date === date && e.stage === stage);
  const notice = {
    verdict,
    stage,
    channel,
    date,
    deadline: deadline?.date ?? null,
    deadlineWarning,
    lateFee: fee,
    owed: debt,
    total,
    reason,
    sms,
    smsLength,
    smsTooLong: sms !== null && smsLength > smsSegmentLimit(sms),
    alreadyLogged,
    warnings,
  };
  return withLazy(notice, {
    letter: makeLetter,
    text: () => (paper || sms === null ? [page().title, ...page().paragraphs].join("\n") : sms),
  });
}

/**
 * The object with the given fields added as getters that make their value on first read and keep it: enumerable,
 * so a copy or a comparison sees them as plain fields.
 */
function withLazy<T extends object, L extends object>(
  object: T,
  makers: { readonly [K in keyof L]: () => L[K] },
): T & L {
  for (const key of Object.keys(makers) as (keyof L & string)[]) {
    let made = false;
    let value: L[typeof key];
    Object.defineProperty(object, key, {
      enumerable: true,
      configurable: false,
      get: () => {
        if (!made) {
          value = makers[key]();
          made = true;
        }
        return value;
      },
    });
  }
  return object as T & L;
}

/** One SMS segment: 70 characters of Chinese (UCS-2), 160 of plain GSM text. */
export function smsSegmentLimit(text: string): number {
  return /^[\x20-\x7e\n\r£¥èéùìòÇØøÅå]*$/.test(text) ? 160 : 70;
}

function salutation(stage: NoticeStage, h: Household, lang: Lang): string {
  const formal = STAGES[stage].legal;
  if (h.ownerIsCompany && h.owner) {
    // A company is addressed by its name, as the owner of the unit: no "Dear <room> owner <company>".
    const say = speaker(lang);
    if (formal) return say(`${h.owner}（${h.label} 房屋业主）：`, `To ${h.owner}, owner of unit ${h.label}:`);
    return say(
      `尊敬的 ${h.owner}（${h.label} 房屋业主）：`,
      `To the management of ${h.owner} (unit ${h.label}):`,
    );
  }
  if (lang === "zh-CN") {
    if (formal) return `${h.owner || "业主"}（${h.label} 房屋业主）：`;
    return `尊敬的 ${h.label} 业主${h.owner ? ` ${h.owner}` : ""}：`;
  }
  if (formal) return `To ${h.owner || "the owner"}, owner of unit ${h.label}:`;
  return `Dear ${h.owner || "Owner"} (unit ${h.label}),`;
}

function letterFacts(
  stage: NoticeStage,
  v: PlaceholderValues,
  fee: LateFee | null,
  settings: Settings,
  lang: Lang,
): [string, string][] {
  const say = speaker(lang);
  const rows: [string, string][] = [
    [say("房号", "Unit"), v.room],
    [say("业主", "Owner"), v.owner],
    [
      say("欠费期间", "Months overdue"),
      say(`${v.period}（共 ${v.months} 个月）`, `${v.period} (${v.months})`),
    ],
    [say(`欠费金额（计至 ${v.asOf}）`, `Amount overdue (to ${v.asOf})`), v.amount],
  ];
  if (fee) {
    rows.push([say("违约金（滞纳金）", "Late fee"), v.lateFee]);
    rows.push([say("违约金依据", "Contract clause"), settings.lateFeeClause]);
    rows.push([say("违约金计算", "How the late fee is computed"), fee.basis[lang]]);
    rows.push([say("合计应缴", "Total to pay"), v.total]);
  }
  if (STAGES[stage].needsDeliveredDemand) rows.push([say("催告送达", "Formal demand"), v.demandDelivery]);
  if (stage === "followUp") rows.push([say("承诺缴费日期", "Promised date"), v.promisedDate]);
  if (stage === "instalmentReminder") {
    rows.push([say("分期计划", "Instalment plan"), v.instalmentPlan]);
    rows.push([say("逾期一期", "Instalment missed"), `${v.instalmentDue}  ${v.instalmentAmount}`]);
  }
  rows.push([say("缴费截止日期", "Pay by"), v.deadline]);
  rows.push([say("缴费方式", "How to pay"), settings.paymentInfo || v.payment]);
  rows.push([say("客服电话", "Service centre"), v.servicePhone]);
  rows.push([say("服务中心地址", "Address"), v.serviceAddress]);
  return rows;
}

function receiptSlip(
  stage: NoticeStage,
  h: Household,
  v: PlaceholderValues,
  title: string,
  reference: string,
  fee: LateFee | null,
  lang: Lang,
): ReceiptSlip {
  if (lang === "zh-CN")
    return {
      cutLine: "✂ 请沿此线剪下，签字后交回物业服务中心",
      title: "回　执",
      lines: [
        `本人已收到${v.company}于${v.date}发出的《${title}》（编号 ${reference}），` +
          `知悉 ${h.label} 房屋截至${v.asOf}欠缴物业费${v.amount}` +
          (fee ? `、违约金${v.lateFee}，合计${v.total}` : "") +
          "。",
      ],
      blanks: ["业主签字", "联系电话", "签收日期"],
      ...proofOfDelivery(lang),
    };
  return {
    cutLine: "✂ Cut here, sign and return to the service centre",
    title: "Receipt",
    lines: [
      `I have received "${title}" (ref. ${reference}) from ${v.company}, dated ${v.date}, ` +
        `and note that unit ${h.label} owes ${v.amount} in property fees as of ${v.asOf}` +
        (fee ? `, late fee ${v.lateFee}, ${v.total} in all` : "") +
        ".",
    ],
    blanks: ["Owner's signature", "Phone", "Date"],
    ...proofOfDelivery(lang),
  };
}

/**
 * Sheet 催缴通知: this round's work list, by collector and building, with what each household gets and why. The
 * letters themselves are not copied into cells: they are in the letters document and the pane's preview.
 */
export function noticesSheet(round: Round): OutputSheet {
  const { lang } = round;
  const say = speaker(lang);
  const rows: CellValue[][] = round.notices.map((n) => {
    const h = n.verdict.household;
    return [
      h.collector,
      h.building,
      h.label,
      h.owner,
      h.phone,
      KIND_LABELS[n.verdict.kind][lang],
      STAGE_NAMES[n.stage][lang],
      CHANNEL_LABELS[n.channel][lang],
      dateCell(n.date),
      dateCell(n.deadline),
      h.amountOverdue,
      n.lateFee?.amount ?? null,
      n.total,
      [n.reason[lang], ...n.warnings.map((w) => w[lang])].join("\n"),
      n.sms,
      n.sms === null ? null : n.smsLength,
      n.smsTooLong
        ? say(
            `超过 ${smsSegmentLimit(n.sms ?? "")} 字，将分条发送`,
            `over ${smsSegmentLimit(n.sms ?? "")}: sent as several messages`,
          )
        : null,
    ];
  });
  const count = (group: StageGroup) => round.notices.filter((n) => STAGES[n.stage].group === group).length;
  const lawyerHeld = round.held.filter((x) => x.lawyerHold !== undefined).length;
  const summary =
    say(
      `本轮 ${round.date}（欠费计至 ${round.asOf}）：准备通知 ${round.notices.length} 户（待发送，发出后确认）——` +
        `提醒通知 ${count("reminder")}、致业主书 ${count("openLetter")}、催告函 ${count("demand")}、` +
        `律师函 ${count("lawyer")}、分期协商 ${count("instalment")}、承诺跟进 ${count("followUp")}、` +
        `致谢 ${count("thanks")}；暂缓 ${round.held.length} 户（见下方）`,
      `Round of ${round.date} (arrears to ${round.asOf}): ${round.notices.length} notices prepared ` +
        `(to send, then confirm) — reminders ${count("reminder")}, open letters ${count("openLetter")}, ` +
        `formal demands ${count("demand")}, lawyer's letters ${count("lawyer")}, ` +
        `instalment offers ${count("instalment")}, promise follow-ups ${count("followUp")}, ` +
        `thank-yous ${count("thanks")}; ${round.held.length} held back (below)`,
    ) +
    (lawyerHeld > 0
      ? say(`，其中律师函暂缓 ${lawyerHeld} 户`, `, ${lawyerHeld} of them lawyer's letters`)
      : "") +
    say("。", ".");
  const internal: Block[] = [
    { kind: "text", text: say("暂缓催缴的住户", "Households held back"), style: "heading" },
    {
      kind: "table",
      id: "held",
      name: "",
      columns: [
        { header: say("催缴员", "Collector"), format: "text" },
        { header: say("楼栋", "Building"), format: "text" },
        { header: say("房号", "Unit"), format: "text" },
        { header: say("业主", "Owner"), format: "text" },
        { header: say("类别", "Kind"), format: "text" },
        { header: say("原因", "Why"), format: "text", wrap: true },
        { header: say("下次日期", "Next date"), format: "date" },
      ],
      rows: round.held.map((x) => [
        x.verdict.household.collector,
        x.verdict.household.building,
        x.verdict.household.label,
        x.verdict.household.owner,
        KIND_LABELS[x.verdict.kind][lang],
        x.task ? `${x.task[lang]}${say("：", ": ")}${x.reason[lang]}` : x.reason[lang],
        dateCell(x.nextDate),
      ]),
      emptyText: say("（无）", "(none)"),
    },
  ];
  const problems = [
    ...round.warnings.map((w) => w[lang]),
    ...round.templateProblems.map((p) => p.message[lang]),
    ...round.recordProblems.map((p) =>
      say(
        `工作表“${p.sheet}”${p.column}${p.row}（“${p.value}”）：${p.reason["zh-CN"]}`,
        `sheet "${p.sheet}" ${p.column}${p.row} ("${p.value}"): ${p.reason["en-US"]}`,
      ),
    ),
  ];
  if (problems.length > 0) {
    internal.push({ kind: "blank" });
    internal.push({ kind: "text", text: say("需要核对", "To check"), style: "heading" });
    for (const p of problems) internal.push({ kind: "text", text: p, style: "note" });
  }
  return {
    name: OUTPUT_SHEETS.notices[lang],
    widths: [10, 8, 12, 10, 14, 12, 12, 12, 12, 12, 13, 11, 13, 36, 40, 8, 14],
    landscape: true,
    freezeRows: 3,
    blocks: [
      { kind: "text", text: say("本轮催缴通知", "This round's notices"), style: "title" },
      { kind: "text", text: summary, style: "note" },
      {
        kind: "table",
        id: "notices",
        name: "RoundNotices",
        repeatHeader: true,
        columns: [
          { header: say("催缴员", "Collector"), format: "text" },
          { header: say("楼栋", "Building"), format: "text" },
          { header: say("房号", "Unit"), format: "text" },
          { header: say("业主", "Owner"), format: "text" },
          { header: say("电话", "Phone"), format: "text" },
          { header: say("类别", "Kind"), format: "text" },
          { header: say("阶段", "Stage"), format: "text" },
          { header: say("渠道", "Channel"), format: "text" },
          { header: say("应发日期", "Date due"), format: "date" },
          { header: say("截止日期", "Pay by"), format: "date" },
          { header: say("欠费金额", "Amount overdue"), format: "money" },
          { header: say("滞纳金", "Late fee"), format: "money" },
          { header: say("合计", "Total"), format: "money" },
          { header: say("依据", "Why"), format: "text", wrap: true },
          { header: say("短信", "SMS"), format: "text", wrap: true },
          { header: say("短信字数", "SMS length"), format: "integer" },
          { header: say("短信检查", "SMS check"), format: "text" },
        ],
        rows,
        emptyText: say("（本轮没有需要发送的通知）", "(no notices due in this round)"),
      },
    ],
    internalBlocks: internal,
  };
}

/** The record sheet as created on the first round: the header and this round's rows, as an Excel table at A1. */
export function newRecordSheet(append: RecordAppend): OutputSheet {
  return {
    name: append.sheetName,
    widths: append.widths,
    landscape: true,
    freezeRows: 1,
    blocks: [
      {
        kind: "table",
        id: "record",
        name: append.tableName,
        columns: append.columns,
        rows: append.rows,
        emptyText: "",
        repeatHeader: true,
      },
    ],
  };
}
