import { MAX_MONTHS_OVERDUE } from "../money";
import { KIND_LABELS, Verdict } from "../classify/kinds";
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
import {
  CHANNEL_LABELS,
  Channel,
  FORMAL_DEMAND,
  LAWYERS_LETTER,
  LadderStage,
  NoticeStage,
  OPEN_LETTER,
  STAGE_NAMES,
  bandColour,
  carriesLateFee,
  carriesLegalBasis,
  carriesReceipt,
  isLadder,
  stageLabel,
} from "./stages";
import { PlaceholderValues, TemplateProblem, TemplateSet, fillTemplate } from "./templates";
import { Lang, Localized, chineseOrder, formatYuan, localized, roundCents } from "../text";
import {
  IsoDate,
  MonthIndex,
  dayNumber,
  daysBetween,
  formatMonth,
  formatMonthZh,
  monthEnd,
  monthOfDate,
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
 * The late fee (滞纳金) on the amount overdue: each unpaid month's share × the daily rate × the days from the day
 * after that month's end to the as-of date, capped at the amount overdue. Null when the sheet says nothing of
 * which months are unpaid, so the days cannot be counted.
 */
export function lateFee(household: Household, asOf: IsoDate, ratePerDay: number): LateFee | null {
  const amount = household.amountOverdue;
  if (amount === null || amount <= 0) return null;
  let months: MonthIndex[] = [...household.unpaidMonths];
  if (
    months.length === 0 &&
    household.monthsOverdue !== null &&
    household.monthsOverdue > 0 &&
    household.monthsOverdue <= MAX_MONTHS_OVERDUE
  ) {
    // Only the count is known: take the latest months already due before the as-of date.
    const asOfMonth = monthOfDate(asOf);
    const lastDue = monthEnd(asOfMonth) <= asOf ? asOfMonth : asOfMonth - 1;
    months = Array.from({ length: household.monthsOverdue }, (_, i) => lastDue - i).reverse();
  }
  const days = months.map((m) => Math.max(0, daysBetween(monthEnd(m), asOf)));
  const totalDays = days.reduce((a, b) => a + b, 0);
  if (months.length === 0 || totalDays === 0) return null;
  const share = amount / months.length;
  const raw = share * ratePerDay * totalDays;
  const capped = raw > amount;
  const fee = roundCents(Math.min(raw, amount));
  const rate = `${Math.round(ratePerDay * 1_000_000) / 10_000}%`;
  const grouped = totalDays.toLocaleString("en-US");
  return {
    amount: fee,
    basis: localized(
      `${months.length} 个月 × ${formatYuan(share)}/月，各月自到期次日起计至 ${asOf}，逾期天数合计 ${grouped} 天；${formatYuan(share)} × ${grouped} 天 × ${rate}/日 = ${formatYuan(roundCents(raw))}${capped ? `，以欠费本金 ${formatYuan(amount)} 为限` : ""}`,
      `${months.length} months × ${formatYuan(share)}, each from the day after it fell due to ${asOf}: ${grouped} days in all; ${formatYuan(share)} × ${grouped} days × ${rate} a day = ${formatYuan(roundCents(raw))}${capped ? `, capped at the amount overdue ${formatYuan(amount)}` : ""}`,
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
  /** Amount overdue plus the late fee. */
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
  /** For the person who prepares the round: a lawyer's letter with no firm named, a notice with no phone… */
  readonly warnings: readonly Localized[];
}

/** A household in arrears that gets no notice in this round, and why. */
export interface HeldBack {
  readonly verdict: Verdict;
  readonly reason: Localized;
  readonly nextDate: IsoDate | null;
}

export interface Round {
  readonly date: IsoDate;
  readonly asOf: IsoDate;
  readonly lang: Lang;
  readonly notices: readonly Notice[];
  readonly held: readonly HeldBack[];
  readonly templateProblems: readonly TemplateProblem[];
  readonly recordProblems: readonly RecordProblem[];
  /** Settings the letters need and do not have: they print a blank to fill in by hand. */
  readonly warnings: readonly Localized[];
  readonly record: RecordAppend;
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
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** A date as a date cell: Excel shows it with the column's date format. */
export function dateCell(date: IsoDate | null): Date | null {
  return date === null ? null : new Date(dayNumber(date) * 86_400_000);
}

/** Days to wait after a stage before the next one. */
function waitAfter(stage: LadderStage, settings: Settings): number {
  return stage < OPEN_LETTER ? settings.noticeIntervalDays : settings.demandDays;
}

type Decision =
  | { readonly kind: "notice"; readonly stage: NoticeStage; readonly reason: Localized }
  | { readonly kind: "held"; readonly reason: Localized; readonly nextDate: IsoDate | null }
  | { readonly kind: "none" };

/** Which notice, if any, a household gets in a round held on `date`: the rules of the campaign [C, D]. */
export function decide(
  verdict: Verdict,
  facts: CampaignFacts | undefined,
  settings: Settings,
  date: IsoDate,
  asOf: IsoDate,
): Decision {
  const h = verdict.household;
  if (!verdict.inArrears) {
    if (verdict.kind !== "timely" || h.phone === "") return { kind: "none" };
    const last = facts?.lastThanks;
    if (last && daysBetween(last.date, date) < THANKS_EVERY_DAYS) return { kind: "none" };
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
        `collection record row ${facts.lastPaid.row}: paid on ${facts.lastPaid.date}; the arrears sheet is not updated yet`,
      ),
    };
  }
  if (verdict.flags.includes("dispute")) {
    const risk = verdict.flags.includes("limitationRisk");
    return {
      kind: "held",
      nextDate: null,
      reason: localized(
        `服务纠纷未解决：先处理问题，解决后在催缴记录中记“纠纷已解决”再催缴${risk ? "；有时效风险，解决后尽快发催告函" : ""}`,
        `service dispute open: solve it first, log "resolved" in the record, then collect${risk ? "; limitation at risk: send a formal demand soon after" : ""}`,
      ),
    };
  }
  const promise = facts?.promise;
  if (promise && !promise.kept) {
    if (promise.promisedDate >= date) {
      return {
        kind: "held",
        nextDate: addDays(promise.promisedDate, 1),
        reason: localized(
          `业主承诺 ${promise.promisedDate} 前缴费（催缴记录第 ${promise.entry.row} 行），到期未缴当天跟进`,
          `the owner promised to pay by ${promise.promisedDate} (record row ${promise.entry.row}); follow up the day after if unpaid`,
        ),
      };
    }
    if (!promise.followedUp) {
      return {
        kind: "notice",
        stage: "followUp",
        reason: localized(
          `承诺 ${promise.promisedDate} 前缴费未兑现（催缴记录第 ${promise.entry.row} 行）→ 当天电话跟进`,
          `promised to pay by ${promise.promisedDate} and did not (record row ${promise.entry.row}) → follow up today`,
        ),
      };
    }
  }
  if (verdict.flags.includes("hardship")) {
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
  if (ladder && ladder.stage === LAWYERS_LETTER) {
    return {
      kind: "held",
      nextDate: null,
      reason: localized(
        `律师函已于 ${ladder.entry.date} 发出：催缴阶梯已走完，下一步整理证据，依法起诉或申请仲裁`,
        `the lawyer's letter went out on ${ladder.entry.date}: the ladder is complete; next, gather the evidence and sue or apply for arbitration`,
      ),
    };
  }
  let next = (ladder ? ladder.stage + 1 : 1) as LadderStage;
  let why = ladder
    ? localized(
        `${STAGE_NAMES[ladder.stage]["zh-CN"]}已于 ${ladder.entry.date} 发出 → ${STAGE_NAMES[next]["zh-CN"]}`,
        `${STAGE_NAMES[ladder.stage]["en-US"]} went out on ${ladder.entry.date} → ${STAGE_NAMES[next]["en-US"]}`,
      )
    : localized("欠费，尚无催缴记录 → 第1次提醒", "in arrears with nothing in the record → reminder 1");
  const legal = verdict.kind === "longTerm" || verdict.kind === "malicious";
  const risk = verdict.flags.includes("limitationRisk");
  if ((legal || risk) && next < FORMAL_DEMAND) {
    next = FORMAL_DEMAND;
    why = localized(
      `${KIND_LABELS[verdict.kind]["zh-CN"]}${risk ? "、有时效风险" : ""} → EMS 寄送书面催告函`,
      `${KIND_LABELS[verdict.kind]["en-US"]}${risk ? ", limitation at risk" : ""} → a formal demand by EMS`,
    );
  }
  if (ladder) {
    const due = addDays(ladder.entry.date, waitAfter(ladder.stage, settings));
    if (due > date) {
      return {
        kind: "held",
        nextDate: due,
        reason: localized(
          `${STAGE_NAMES[ladder.stage]["zh-CN"]}已于 ${ladder.entry.date} 发出，${STAGE_NAMES[next]["zh-CN"]}应于 ${due} 发出`,
          `${STAGE_NAMES[ladder.stage]["en-US"]} went out on ${ladder.entry.date}; ${STAGE_NAMES[next]["en-US"]} is due on ${due}`,
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
        `the amount owed cannot be read (to check): check row ${h.rows.join(", ")} of the arrears sheet, then send the ${STAGE_NAMES[next]["en-US"]}`,
      ),
    };
  }
  return { kind: "notice", stage: next, reason: why };
}

function channelFor(stage: NoticeStage, verdict: Verdict): Channel {
  const h = verdict.household;
  const away = verdict.flags.includes("unreachable") || verdict.flags.includes("vacant");
  if (stage === "thanks") return "sms";
  if (stage === "followUp") return h.phone ? "phone" : "visit";
  if (stage === "instalment") return away ? "letter" : "visit";
  if (stage === FORMAL_DEMAND || stage === LAWYERS_LETTER) return "ems";
  if (stage >= 6 && stage <= 10) return away ? "letter" : "visit";
  return "letter";
}

function deadlineFor(stage: NoticeStage, date: IsoDate, settings: Settings): IsoDate | null {
  if (stage === "thanks") return null;
  if (stage === "instalment" || (isLadder(stage) && stage >= OPEN_LETTER))
    return addDays(date, settings.demandDays);
  return addDays(date, settings.noticeIntervalDays);
}

function period(h: Household, lang: Lang): string {
  const months = h.unpaidMonths;
  if (months.length === 0) return lang === "zh-CN" ? "欠费期间" : "the months overdue";
  const first = months[0];
  const last = months[months.length - 1];
  const show = (m: MonthIndex) => (lang === "zh-CN" ? formatMonthZh(m) : formatMonth(m));
  if (first === last) return show(first);
  return lang === "zh-CN" ? `${show(first)}至${show(last)}` : `${show(first)} to ${show(last)}`;
}

const LEGAL_BASIS: Localized = localized(
  "法律依据：《中华人民共和国民法典》第九百四十四条　业主应当按照约定向物业服务人支付物业费。物业服务人已经按照约定和有关规定提供服务的，业主不得以未接受或者无需接受相关物业服务为由拒绝支付物业费。业主违反约定逾期不支付物业费的，物业服务人可以催告其在合理期限内支付；合理期限届满仍不支付的，物业服务人可以提起诉讼或者申请仲裁。物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费。",
  "Legal basis: Civil Code of the People's Republic of China, article 944. Owners shall pay the property fee as agreed. Where the property service provider has provided the services as agreed and as required, an owner may not refuse to pay on the ground of not having received or not needing them. Where an owner is late in paying in breach of the agreement, the provider may demand payment within a reasonable period; if the fee is still unpaid when that period ends, the provider may sue or apply for arbitration. The provider may not collect the fee by cutting off electricity, water, heating or gas.",
);

function longDate(date: IsoDate, lang: Lang): string {
  if (lang !== "zh-CN") return date;
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** Builds a round: the decision for each household, the letters and texts, and the rows to log. */
export function planRound(input: RoundInput): Round {
  const { settings, lang, date, asOf } = input;
  const zh = lang === "zh-CN";
  const notices: Notice[] = [];
  const held: HeldBack[] = [];
  for (const verdict of input.verdicts) {
    const facts = input.facts.get(verdict.household.key);
    const decision = decide(verdict, facts, settings, date, asOf);
    if (decision.kind === "none") continue;
    if (decision.kind === "held") {
      held.push({ verdict, reason: decision.reason, nextDate: decision.nextDate });
      continue;
    }
    notices.push(buildNotice(verdict, facts, decision.stage, decision.reason, input));
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
        n.deadline ? (zh ? `截止 ${n.deadline}` : `deadline ${n.deadline}`) : "",
        h.amountOverdue !== null
          ? zh
            ? `欠费 ${formatYuan(h.amountOverdue)}`
            : `owed ${formatYuan(h.amountOverdue)}`
          : "",
        n.lateFee
          ? zh
            ? `滞纳金 ${formatYuan(n.lateFee.amount)}`
            : `late fee ${formatYuan(n.lateFee.amount)}`
          : "",
      ]
        .filter(Boolean)
        .join(zh ? "；" : "; ");
      return [
        dateCell(date),
        h.label,
        h.owner,
        STAGE_NAMES[n.stage][lang],
        CHANNEL_LABELS[n.channel][lang],
        h.collector,
        RESULT_LABELS.sent[lang],
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
      ] as const
    ).filter(([key]) => settings[key] === "");
    if (missing.length > 0)
      warnings.push(
        localized(
          `“催缴设置”中未填${missing.map((m) => `“${m[1]}”`).join("、")}：通知上留空（________）待手写；填写后重新生成更好`,
          `The settings have no ${missing.map((m) => m[2]).join(" or ")}: the notices leave a blank (________) to fill in by hand; better, fill in the settings and run again`,
        ),
      );
  }
  return {
    date,
    asOf,
    lang,
    notices,
    held,
    warnings,
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
      rows,
      alreadyLogged: notices.length - rows.length,
    },
  };
}

function buildNotice(
  verdict: Verdict,
  facts: CampaignFacts | undefined,
  stage: NoticeStage,
  reason: Localized,
  input: RoundInput,
): Notice {
  const { settings, lang, date, asOf } = input;
  const zh = lang === "zh-CN";
  const h = verdict.household;
  const channel = channelFor(stage, verdict);
  const deadline = deadlineFor(stage, date, settings);
  const fee = carriesLateFee(stage) ? lateFee(h, asOf, settings.lateFeeRatePerDay) : null;
  const total = h.amountOverdue === null ? null : roundCents(h.amountOverdue + (fee?.amount ?? 0));
  const estate = settings.estateName || (zh ? "本小区" : "the estate");
  const sender = zh
    ? `${settings.estateName}物业服务中心`
    : `${settings.estateName || "Property"} Service Centre`.trim();
  const lawFirm = settings.lawFirm || (zh ? "________律师事务所" : "________ (law firm)");
  const values: PlaceholderValues = {
    estate,
    owner: h.owner || (zh ? "业主" : "Owner"),
    room: h.label,
    amount: h.amountOverdue === null ? "—" : formatYuan(h.amountOverdue),
    months: h.monthsOverdue === null ? (zh ? "若干" : "several") : String(h.monthsOverdue),
    period: period(h, lang),
    asOf: longDate(asOf, lang),
    lateFee: fee ? formatYuan(fee.amount) : "—",
    total: total === null ? "—" : formatYuan(total),
    deadline: deadline ? longDate(deadline, lang) : "—",
    servicePhone: settings.servicePhone || "________",
    serviceAddress: settings.serviceAddress || "________",
    payment: settings.paymentInfo || (zh ? "请到物业服务中心缴纳" : "Please pay at the service centre"),
    date: longDate(date, lang),
    promisedDate: facts?.promise ? longDate(facts.promise.promisedDate, lang) : "—",
    lawFirm,
  };
  const template = input.templates[stage][lang];
  const title = fillTemplate(template.title, values);
  const paragraphs = fillTemplate(template.body, values)
    .split("\n")
    .map((p) => p.trim())
    .filter(Boolean);
  const sms = h.phone ? fillTemplate(template.sms, values) : null;
  const smsLength = sms === null ? 0 : [...sms].length;
  const warnings: Localized[] = [];
  if (stage === LAWYERS_LETTER && !settings.lawFirm)
    warnings.push(
      localized(
        "律师函须由律师事务所出具：请在“催缴设置”中填写律师事务所，并由律师审核签署",
        "A lawyer's letter must come from a law firm: name it in the settings and have a lawyer sign it",
      ),
    );
  if (channel === "sms" && sms === null)
    warnings.push(localized("无电话号码，无法发送短信", "no phone number: the SMS cannot be sent"));
  const paper = channel === "letter" || channel === "visit" || channel === "ems";
  const reference = `${date.replace(/-/g, "")}-${normalizeRoom(h.label) || "x"}-${stageLabel(stage).padStart(2, "0")}`;
  const letter: Letter | null = paper
    ? {
        lang,
        room: h.label,
        owner: h.owner,
        band: {
          ...bandColour(stage),
          label:
            `${STAGE_NAMES[stage][lang]} · ${CHANNEL_LABELS[channel][lang]}` +
            (carriesReceipt(stage) ? (zh ? " · 请签收回执" : " · please sign the slip") : ""),
        },
        sender: stage === LAWYERS_LETTER ? lawFirm : sender,
        title,
        reference: zh ? `编号：${reference}` : `Ref. ${reference}`,
        salutation: salutation(stage, h, lang),
        paragraphs,
        facts: letterFacts(h, stage, values, fee, lang),
        legalBasis: carriesLegalBasis(stage) ? LEGAL_BASIS[lang] : null,
        signature:
          stage === LAWYERS_LETTER
            ? [lawFirm, zh ? "律师：________" : "Lawyer: ________", longDate(date, lang)]
            : [sender, longDate(date, lang)],
        receipt: carriesReceipt(stage) ? receiptSlip(stage, h, values, title, reference, fee, lang) : null,
      }
    : null;
  const alreadyLogged = (facts?.entries ?? []).some((e) => e.date === date && e.stage === stage);
  return {
    verdict,
    stage,
    channel,
    date,
    deadline,
    lateFee: fee,
    total,
    reason,
    letter,
    text: letter ? [title, ...paragraphs].join("\n") : (sms ?? [title, ...paragraphs].join("\n")),
    sms,
    smsLength,
    smsTooLong: sms !== null && smsLength > smsSegmentLimit(sms),
    alreadyLogged,
    warnings,
  };
}

/** One SMS segment: 70 characters of Chinese (UCS-2), 160 of plain GSM text. */
export function smsSegmentLimit(text: string): number {
  return /^[\x20-\x7e\n\r£¥èéùìòÇØøÅå]*$/.test(text) ? 160 : 70;
}

function salutation(stage: NoticeStage, h: Household, lang: Lang): string {
  const formal = stage === FORMAL_DEMAND || stage === LAWYERS_LETTER;
  if (lang === "zh-CN") {
    if (formal) return `${h.owner || "业主"}（${h.label} 房屋业主）：`;
    return `尊敬的 ${h.label} 业主${h.owner ? ` ${h.owner}` : ""}：`;
  }
  if (formal) return `To ${h.owner || "the owner"}, owner of unit ${h.label}:`;
  return `Dear ${h.owner || "Owner"} (unit ${h.label}),`;
}

function letterFacts(
  h: Household,
  stage: NoticeStage,
  v: PlaceholderValues,
  fee: LateFee | null,
  lang: Lang,
): [string, string][] {
  const zh = lang === "zh-CN";
  const rows: [string, string][] = [
    [zh ? "房号" : "Unit", v.room],
    [zh ? "业主" : "Owner", v.owner],
    [
      zh ? "欠费期间" : "Months overdue",
      zh ? `${v.period}（${v.months} 个月）` : `${v.period} (${v.months} months)`,
    ],
    [zh ? `欠费金额（计至 ${v.asOf}）` : `Amount overdue (to ${v.asOf})`, v.amount],
  ];
  if (fee) {
    rows.push([zh ? "滞纳金" : "Late fee", v.lateFee]);
    rows.push([zh ? "滞纳金计算" : "How the late fee is computed", fee.basis[lang]]);
    rows.push([zh ? "合计应缴" : "Total to pay", v.total]);
  }
  if (stage === "followUp") rows.push([zh ? "承诺缴费日期" : "Promised date", v.promisedDate]);
  rows.push([zh ? "缴费截止日期" : "Pay by", v.deadline]);
  rows.push([zh ? "缴费方式" : "How to pay", v.payment]);
  rows.push([zh ? "客服电话" : "Service centre", v.servicePhone]);
  rows.push([zh ? "服务中心地址" : "Address", v.serviceAddress]);
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
        `本人已收到${v.estate}物业服务中心于${v.date}发出的《${title}》（${STAGE_NAMES[stage]["zh-CN"]}，编号 ${reference}），` +
          `知悉 ${h.label} 房屋截至${v.asOf}欠缴物业费${v.amount}${fee ? `、滞纳金${v.lateFee}，合计${v.total}` : ""}。`,
      ],
      blanks: ["业主签字", "联系电话", "签收日期"],
    };
  return {
    cutLine: "✂ Cut here, sign and return to the service centre",
    title: "Receipt",
    lines: [
      `I have received "${title}" (${STAGE_NAMES[stage]["en-US"]}, ref. ${reference}) from the ${v.estate} service centre, dated ${v.date}, ` +
        `and note that unit ${h.label} owes ${v.amount} in property fees as of ${v.asOf}${fee ? `, late fee ${v.lateFee}, ${v.total} in all` : ""}.`,
    ],
    blanks: ["Owner's signature", "Phone", "Date"],
  };
}

/** Sheet 催缴通知: this round's work list, by collector and building, with what each household gets and why. */
export function noticesSheet(round: Round): OutputSheet {
  const { lang } = round;
  const zh = lang === "zh-CN";
  const t = (a: string, b: string) => (zh ? a : b);
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
      n.text,
      n.sms,
      n.sms === null ? null : n.smsLength,
      n.smsTooLong
        ? t(
            `超过 ${smsSegmentLimit(n.sms ?? "")} 字，将分条发送`,
            `over ${smsSegmentLimit(n.sms ?? "")}: sent as several messages`,
          )
        : null,
    ];
  });
  const count = (stage: (s: NoticeStage) => boolean) => round.notices.filter((n) => stage(n.stage)).length;
  const summary = t(
    `本轮 ${round.date}（欠费计至 ${round.asOf}）：通知 ${round.notices.length} 户——提醒通知 ${count((s) => isLadder(s) && s <= 10)}、致业主书 ${count((s) => s === OPEN_LETTER)}、催告函 ${count((s) => s === FORMAL_DEMAND)}、律师函 ${count((s) => s === LAWYERS_LETTER)}、分期协商 ${count((s) => s === "instalment")}、承诺跟进 ${count((s) => s === "followUp")}、致谢 ${count((s) => s === "thanks")}；暂缓 ${round.held.length} 户（见下方）。`,
    `Round of ${round.date} (arrears to ${round.asOf}): ${round.notices.length} households — reminders ${count((s) => isLadder(s) && s <= 10)}, open letters ${count((s) => s === OPEN_LETTER)}, formal demands ${count((s) => s === FORMAL_DEMAND)}, lawyer's letters ${count((s) => s === LAWYERS_LETTER)}, instalment offers ${count((s) => s === "instalment")}, promise follow-ups ${count((s) => s === "followUp")}, thank-yous ${count((s) => s === "thanks")}; ${round.held.length} held back (below).`,
  );
  const internal: Block[] = [
    { kind: "text", text: t("暂缓催缴的住户", "Households held back"), style: "heading" },
    {
      kind: "table",
      id: "held",
      name: "",
      columns: [
        { header: t("催缴员", "Collector"), format: "text" },
        { header: t("楼栋", "Building"), format: "text" },
        { header: t("房号", "Unit"), format: "text" },
        { header: t("业主", "Owner"), format: "text" },
        { header: t("类别", "Kind"), format: "text" },
        { header: t("原因", "Why"), format: "text", wrap: true },
        { header: t("下次日期", "Next date"), format: "date" },
      ],
      rows: round.held.map((x) => [
        x.verdict.household.collector,
        x.verdict.household.building,
        x.verdict.household.label,
        x.verdict.household.owner,
        KIND_LABELS[x.verdict.kind][lang],
        x.reason[lang],
        dateCell(x.nextDate),
      ]),
      emptyText: t("（无）", "(none)"),
    },
  ];
  const problems = [
    ...round.warnings.map((w) => w[lang]),
    ...round.templateProblems.map((p) => p.message[lang]),
    ...round.recordProblems.map((p) =>
      zh
        ? `工作表“${p.sheet}”${p.column}${p.row}（“${p.value}”）：${p.reason["zh-CN"]}`
        : `sheet "${p.sheet}" ${p.column}${p.row} ("${p.value}"): ${p.reason["en-US"]}`,
    ),
  ];
  if (problems.length > 0) {
    internal.push({ kind: "blank" });
    internal.push({ kind: "text", text: t("需要核对", "To check"), style: "heading" });
    for (const p of problems) internal.push({ kind: "text", text: p, style: "note" });
  }
  return {
    name: OUTPUT_SHEETS.notices[lang],
    widths: [10, 8, 12, 10, 14, 12, 12, 12, 12, 12, 13, 11, 13, 36, 60, 40, 8, 14],
    landscape: true,
    freezeRows: 3,
    blocks: [
      { kind: "text", text: t("本轮催缴通知", "This round's notices"), style: "title" },
      { kind: "text", text: summary, style: "note" },
      {
        kind: "table",
        id: "notices",
        name: "RoundNotices",
        repeatHeader: true,
        columns: [
          { header: t("催缴员", "Collector"), format: "text" },
          { header: t("楼栋", "Building"), format: "text" },
          { header: t("房号", "Unit"), format: "text" },
          { header: t("业主", "Owner"), format: "text" },
          { header: t("电话", "Phone"), format: "text" },
          { header: t("类别", "Kind"), format: "text" },
          { header: t("阶段", "Stage"), format: "text" },
          { header: t("渠道", "Channel"), format: "text" },
          { header: t("应发日期", "Date due"), format: "date" },
          { header: t("截止日期", "Pay by"), format: "date" },
          { header: t("欠费金额", "Amount overdue"), format: "money" },
          { header: t("滞纳金", "Late fee"), format: "money" },
          { header: t("合计", "Total"), format: "money" },
          { header: t("依据", "Why"), format: "text", wrap: true },
          { header: t("通知内容", "Letter text"), format: "text", wrap: true },
          { header: t("短信", "SMS"), format: "text", wrap: true },
          { header: t("短信字数", "SMS length"), format: "integer" },
          { header: t("短信检查", "SMS check"), format: "text" },
        ],
        rows,
        emptyText: t("（本轮没有需要发送的通知）", "(no notices due in this round)"),
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
