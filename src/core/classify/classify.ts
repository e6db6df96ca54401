import { Household } from "../read/household";
import { Flag, Kind, Verdict } from "./kinds";
import { Localized, findKeyword, formatYuan, localized, normalizeText } from "../text";
import { IsoDate, MonthIndex, formatMonth, monthEnd, monthOfDate } from "../read/values";
import { nextSteps } from "./playbook";
import {
  CampaignFacts,
  DEMAND_WAIT_DAYS,
  LAWYER_LETTER_WAIT_DAYS,
  RESULT_LABELS,
  RecordEntry,
} from "../campaign/record";
import { STAGE_NAMES } from "../campaign/stages";

/** Everything a manager may tune; defaults follow the documents. */
export interface ClassifySettings {
  /** Months overdue from which an owner is long-term. */
  readonly longTermMonths: number;
  /** Months overdue from which an owner is at least frequent. */
  readonly frequentMonths: number;
  /** Late or missed months in the history window that make a paid-up owner "frequent". */
  readonly lateCountThreshold: number;
  readonly historyMonths: number;
  /** Months from the oldest unpaid month after which the 3-year limitation (Civil Code art. 188) is at risk. */
  readonly limitationRiskMonths: number;
  /** Malice needs at least the legal-stage minimum overdue: months… */
  readonly legalMinMonths: number;
  /** …and amount: yuan, or "quarter" (three months of the household's own fee). */
  readonly legalMinAmount: number | "quarter";
  readonly keywords: Readonly<Record<"refusal" | Flag, readonly string[]>>;
}

/** Words are matched after normalizeText (simplified, lower case), so traditional spellings match too. */
// prettier-ignore
export const DEFAULT_KEYWORDS: ClassifySettings["keywords"] = {
  refusal: [
    "拒缴", "拒交", "拒付", "拒不缴", "拒不交", "拒不支付", "拒绝缴", "拒绝交", "拒绝支付", "恶意", "无理由", "无故不交",
    "无故不缴", "不想交", "不想缴", "就是不交", "坚决不交", "不肯交", "不愿交", "不愿缴", "拒不开门",
    "refuses to pay", "refused to pay", "refuse to pay", "won't pay", "will not pay", "malicious",
  ],
  dispute: [
    "漏水", "渗水", "维修", "报修", "投诉", "服务差", "服务不好", "服务质量", "质量问题", "纠纷", "争议", "噪音", "电梯",
    "保洁", "绿化", "安保", "丢失", "被盗", "收费标准", "超标准", "超过合同", "合同约定", "重复收费", "多收", "乱收费",
    "未经授权", "不认可", "开发商", "房屋质量", "停车", "dispute", "complaint", "complain", "leak", "repair",
    "overcharge", "duplicate charge",
  ],
  hardship: [
    "困难", "失业", "下岗", "生病", "患病", "重病", "住院", "低保", "残疾", "去世", "过世", "离世", "经济", "分期",
    "缓交", "缓缴", "hardship", "unemployed", "lost job", "illness", "hospital", "payment plan",
  ],
  unreachable: [
    "联系不上", "联系不到", "无法联系", "失联", "空号", "停机", "关机", "无人接听", "不接电话", "电话错误", "号码错误",
    "找不到", "unreachable", "no answer", "wrong number", "disconnected", "cannot reach", "can't reach",
  ],
  vacant: ["空置", "未入住", "无人居住", "闲置", "未装修", "vacant", "unoccupied"],
  limitationRisk: [],
  newlyOverdue: [],
};

export const DEFAULT_CLASSIFY_SETTINGS: ClassifySettings = {
  longTermMonths: 6,
  frequentMonths: 2,
  lateCountThreshold: 3,
  historyMonths: 12,
  limitationRiskMonths: 30,
  legalMinMonths: 3,
  legalMinAmount: 500,
  keywords: DEFAULT_KEYWORDS,
};

const NORMALIZED_KEYWORDS = new WeakMap<readonly string[], readonly string[]>();

/** A keyword list as the notes are normalised, made once per list (not once per household). */
function normalizedKeywords(list: readonly string[]): readonly string[] {
  let normalized = NORMALIZED_KEYWORDS.get(list);
  if (!normalized) NORMALIZED_KEYWORDS.set(list, (normalized = list.map(normalizeText)));
  return normalized;
}

/** Classifies every household as of a date. Pure: same households, settings and date give the same verdicts. */
export function classifyAll(
  households: readonly Household[],
  asOf: IsoDate,
  settings: ClassifySettings = DEFAULT_CLASSIFY_SETTINGS,
  record: ReadonlyMap<string, CampaignFacts> = new Map(),
): Verdict[] {
  return households.map((h) => classify(h, asOf, settings, record.get(h.key)));
}

/** "催缴记录第 12 行（2026-10-01，律师函，已签收）". */
function recordRef(e: RecordEntry): Localized {
  const stage = e.stage === null ? null : STAGE_NAMES[e.stage];
  const result = e.result === null ? null : RESULT_LABELS[e.result];
  const zh = [e.date, stage?.["zh-CN"], result?.["zh-CN"]].filter(Boolean).join("，");
  const en = [e.date, stage?.["en-US"], result?.["en-US"]].filter(Boolean).join(", ");
  return localized(`催缴记录第 ${e.row} 行（${zh}）`, `collection record row ${e.row} (${en})`);
}

/**
 * Classifies one household. The collection record, when there is one, adds evidence: a dispute logged or
 * resolved, a refusal, an ignored lawyer's letter, an owner who could not be reached, and a demand whose delivery
 * restarts the limitation period.
 */
export function classify(
  household: Household,
  asOf: IsoDate,
  settings: ClassifySettings = DEFAULT_CLASSIFY_SETTINGS,
  record?: CampaignFacts,
): Verdict {
  const reasons: Localized[] = [];
  const flags: Flag[] = [];
  const months = household.monthsOverdue;
  const amount = household.amountOverdue;
  const inArrears = (months !== null && months > 0) || (amount !== null && amount > 0.004);
  const notes = normalizeText(household.notes);
  const quote = household.notes.length > 30 ? `${household.notes.slice(0, 29)}…` : household.notes;
  const keyword = (list: readonly string[]) => findKeyword(notes, normalizedKeywords(list));

  const dispute = keyword(settings.keywords.dispute);
  if (record?.openDispute) {
    flags.push("dispute");
    const ref = recordRef(record.openDispute);
    reasons.push(
      localized(
        `${ref["zh-CN"]}：纠纷未解决 → 服务纠纷，先解决问题`,
        `${ref["en-US"]}: a dispute not yet resolved → service dispute: solve it first`,
      ),
    );
  } else if (dispute && record?.resolved) {
    const ref = recordRef(record.resolved);
    reasons.push(
      localized(
        `备注含“${dispute}”，但${ref["zh-CN"]}纠纷已解决 → 不再按纠纷暂缓`,
        `notes mention "${dispute}", but ${ref["en-US"]} resolved the dispute → no longer held back`,
      ),
    );
  } else if (dispute) {
    flags.push("dispute");
    reasons.push(
      localized(
        `备注“${quote}”含“${dispute}” → 服务纠纷，先解决问题`,
        `notes "${quote}" mention "${dispute}" → service dispute: solve it first`,
      ),
    );
  }
  const hardship = keyword(settings.keywords.hardship);
  if (hardship) {
    flags.push("hardship");
    reasons.push(
      localized(
        `备注含“${hardship}” → 经济困难，可协商分期`,
        `notes mention "${hardship}" → hardship: offer instalments`,
      ),
    );
  }
  const unreachable = keyword(settings.keywords.unreachable);
  if (record?.unreachable && inArrears) {
    flags.push("unreachable");
    const ref = recordRef(record.unreachable);
    reasons.push(localized(`${ref["zh-CN"]} → 联系不上`, `${ref["en-US"]} → unreachable`));
  } else if (unreachable) {
    flags.push("unreachable");
    reasons.push(
      localized(`备注含“${unreachable}” → 联系不上`, `notes mention "${unreachable}" → unreachable`),
    );
  } else if (inArrears && household.phone === "" && household.address === "" && household.owner !== "") {
    flags.push("unreachable");
    reasons.push(localized("欠费但无联系电话 → 联系不上", "in arrears with no phone number → unreachable"));
  }
  const vacant = keyword(settings.keywords.vacant);
  if (vacant || household.vacantMarked) {
    flags.push("vacant");
    reasons.push(
      vacant
        ? localized(`备注含“${vacant}” → 空置房`, `notes mention "${vacant}" → vacant unit`)
        : localized("月份栏标有“空置” → 空置房", "a month is marked vacant → vacant unit"),
    );
  }
  if (inArrears && household.oldestUnpaid !== null) {
    const elapsed = monthsSince(household.oldestUnpaid, asOf);
    const demand = record?.deliveredDemand ?? null;
    const sinceDemand = demand ? monthsSince(monthOfDate(demand.date), asOf) : null;
    if (
      elapsed > settings.limitationRiskMonths &&
      demand &&
      sinceDemand !== null &&
      sinceDemand <= settings.limitationRiskMonths
    ) {
      const ref = recordRef(demand);
      reasons.push(
        localized(
          `最早欠费月份 ${formatMonth(household.oldestUnpaid)} 距今 ${elapsed} 个月，` +
            `但${ref["zh-CN"]}送达催告，时效自该日重新计算（民法典第195条）`,
          `the oldest unpaid month ${formatMonth(household.oldestUnpaid)} is ${elapsed} ` +
            `months ago, but ${ref["en-US"]} delivered a demand: the limitation period ` +
            "runs again from that day (Civil Code art. 195)",
        ),
      );
    } else if (elapsed > settings.limitationRiskMonths) {
      flags.push("limitationRisk");
      const estimated = household.oldestUnpaidEstimated ? "（估算）" : "";
      const estimatedEn = household.oldestUnpaidEstimated ? " (estimated)" : "";
      reasons.push(
        localized(
          `最早欠费月份 ${formatMonth(household.oldestUnpaid)}${estimated}，` +
            `距今 ${elapsed} 个月 > ${settings.limitationRiskMonths} 个月 → 3 年诉讼时效风险（民法典第188条）`,
          `oldest unpaid month ${formatMonth(household.oldestUnpaid)}${estimatedEn} ` +
            `is ${elapsed} months ago > ${settings.limitationRiskMonths} → at risk ` +
            "of the 3-year limitation (Civil Code art. 188)",
        ),
      );
    }
  }

  const refusal = refusalEvidence(household, notes, quote, settings, record, keyword);
  const kind = decideKind(household, settings, inArrears, flags, refusal, reasons);
  if (inArrears && kind === "timely") flags.push("newlyOverdue");
  return { household, kind, flags, reasons, nextSteps: nextSteps(kind, flags, household), inArrears };
}

function decideKind(
  household: Household,
  settings: ClassifySettings,
  inArrears: boolean,
  flags: readonly Flag[],
  refusal: Refusal | null,
  reasons: Localized[],
): Kind {
  const months = household.monthsOverdue;
  const amount = household.amountOverdue;
  const history = household.history;
  const say = (zh: string, en: string) => reasons.push(localized(zh, en));
  const owed = amount !== null ? `，${formatYuan(amount)}` : "";
  const owedEn = amount !== null ? `, ${formatYuan(amount)}` : "";
  const est = household.monthsEstimated ? "（估算）" : "";
  const estEn = household.monthsEstimated ? " (estimated)" : "";

  if (!inArrears) {
    if (history && history.lateOrMissed >= settings.lateCountThreshold) {
      say(
        `已缴清，但近 ${settings.historyMonths} 个月有 ${history.lateOrMissed} 个月逾期或欠缴 ` +
          `≥ ${settings.lateCountThreshold} → 经常拖欠`,
        `paid up, but ${history.lateOrMissed} late or missed months in the last ` +
          `${settings.historyMonths} ≥ ${settings.lateCountThreshold} → often late`,
      );
      return "frequent";
    }
    if (months === 0 && amount === 0 && household.history === null && household.problems.length === 0) {
      say("无欠费 → 按时缴纳", "nothing overdue → pays on time");
    } else if (history) {
      say(
        `无欠费，近 ${settings.historyMonths} 个月逾期或欠缴 ${history.lateOrMissed} ` +
          `次 < ${settings.lateCountThreshold} → 按时缴纳`,
        `nothing overdue, ${history.lateOrMissed} late or missed months in the last ` +
          `${settings.historyMonths} < ${settings.lateCountThreshold} → pays on time`,
      );
    } else {
      say("无欠费 → 按时缴纳", "nothing overdue → pays on time");
    }
    return "timely";
  }

  if (refusal && !refusal.enough) {
    say(
      `${refusal.text["zh-CN"]}，但${refusal.short["zh-CN"]} → 不认定恶意拖欠`,
      `${refusal.text["en-US"]}, but ${refusal.short["en-US"]} → not treated as refusing to pay`,
    );
  } else if (refusal) {
    if (flags.includes("dispute") || flags.includes("hardship")) {
      say(
        `${refusal.text["zh-CN"]}，但同时有纠纷或困难 → 不认定恶意，先解决原因`,
        `${refusal.text["en-US"]}, but there is a dispute or hardship → not malicious: ` +
          "address the cause first",
      );
    } else {
      say(
        `欠费${months !== null ? ` ${months} 个月` : ""}${owed}，${refusal.text["zh-CN"]}且无正当理由 → 恶意拖欠`,
        `in arrears${months !== null ? ` ${months} months` : ""}${owedEn}; ${refusal.text["en-US"]} ` +
          "with no valid reason → refuses to pay",
      );
      return "malicious";
    }
  }
  if (months !== null && months >= settings.longTermMonths) {
    say(
      `欠费 ${months} 个月${est} ≥ ${settings.longTermMonths} 个月${owed} → 长期拖欠`,
      `${months} months overdue${estEn} ≥ ${settings.longTermMonths}${owedEn} → long-term arrears`,
    );
    return "longTerm";
  }
  if (months !== null && months >= settings.frequentMonths) {
    say(
      `欠费 ${months} 个月${est}（${settings.frequentMonths}–${settings.longTermMonths - 1} ` +
        `个月）${owed} → 经常拖欠`,
      `${months} months overdue${estEn} (${settings.frequentMonths}–${settings.longTermMonths - 1})${owedEn} ` +
        "→ often late",
    );
    return "frequent";
  }
  if (history && history.lateOrMissed >= settings.lateCountThreshold) {
    say(
      `近 ${settings.historyMonths} 个月有 ${history.lateOrMissed} 个月逾期或欠缴 ` +
        `≥ ${settings.lateCountThreshold} → 经常拖欠`,
      `${history.lateOrMissed} late or missed months in the last ${settings.historyMonths} ` +
        `≥ ${settings.lateCountThreshold} → often late`,
    );
    return "frequent";
  }
  if (months !== null && months > 0) {
    // One late month after a clean history is not a pattern (Proportion, domain.md).
    const clean = history
      ? `，近 ${settings.historyMonths} 个月逾期或欠缴 ${history.lateOrMissed} 次 < ${settings.lateCountThreshold}`
      : "";
    const cleanEn = history
      ? `, ${history.lateOrMissed} late or missed months in the last ${settings.historyMonths} < ${settings.lateCountThreshold}`
      : "";
    say(
      `欠费 ${months} 个月${owed}${clean}：尚无拖欠规律 → 按时缴纳（新近逾期），温馨提醒`,
      `${months} month${months === 1 ? "" : "s"} overdue${owedEn}${cleanEn}: no ` +
        "pattern yet → pays on time (newly overdue), a friendly reminder",
    );
    return "timely";
  }
  say(
    `欠费${owed.slice(1)}，欠费月数不详（表中无欠费月数或月物业费）→ 按经常拖欠处理`,
    `owes${owedEn.slice(1)}, months overdue unknown (no months or monthly-fee column) ` +
      "→ treated as often late",
  );
  return "frequent";
}

const LAWYER_WAIT = LAWYER_LETTER_WAIT_DAYS;

/** The legal-stage minimum in yuan for a household: the setting, or three months of its own fee. */
export function legalMinAmountFor(household: Household, setting: number | "quarter"): number {
  if (setting !== "quarter") return setting;
  const fee = household.monthlyFee;
  // With no monthly fee on the sheet, a quarter of the commonest fee cannot be guessed: ¥500, the default.
  return fee !== null && fee > 0 ? Math.round(fee * 300) / 100 : 500;
}

/** Evidence of refusal, and whether it is enough to call the owner malicious. */
interface Refusal {
  readonly text: Localized;
  readonly enough: boolean;
  /** What is missing when it is not enough. */
  readonly short: Localized;
}

/** Words that make one note a record of repeated refusal: 多次上门拒不开门. */
const REPEATED = /多次|屡次|屢次|反覆|一再|反复|再三|两次|三次|repeatedly|again and again|several times/;

/**
 * 恶意拖欠 needs refusal recorded at least twice, or a refusal and an ignored formal demand, and at least the
 * legal-stage minimum overdue: one refusal on a small debt is not malice (Proportion, domain.md).
 */
function refusalEvidence(
  household: Household,
  notes: string,
  quote: string,
  settings: ClassifySettings,
  record: CampaignFacts | undefined,
  keyword: (list: readonly string[]) => string | null,
): Refusal | null {
  const word = keyword(settings.keywords.refusal);
  const fromNotes = word === null ? 0 : REPEATED.test(notes) ? 2 : 1;
  const active = fromNotes > 0 || record?.refusal != null;
  const recorded = record?.refusal ? (record.refusals ?? 1) : 0;
  const refusals = fromNotes + recorded;
  const ignored = record?.demandIgnored ?? record?.lawyerIgnored ?? null;
  if (!active && ignored === null) return null;
  const parts: Localized[] = [];
  if (word !== null) parts.push(localized(`备注“${quote}”含“${word}”`, `notes "${quote}" say "${word}"`));
  if (record?.refusal) {
    const ref = recordRef(record.refusal);
    parts.push(
      localized(
        `${ref["zh-CN"]}拒绝缴费${recorded > 1 ? `（共 ${recorded} 次）` : ""}`,
        `${ref["en-US"]} records a refusal${recorded > 1 ? ` (${recorded} in all)` : ""}`,
      ),
    );
  }
  if (ignored !== null) {
    const ref = recordRef(ignored);
    const lawyer = ignored === record?.lawyerIgnored && ignored !== record?.demandIgnored;
    parts.push(
      lawyer
        ? localized(
            `${ref["zh-CN"]}发出律师函，${LAWYER_WAIT} 天未缴费也未回应`,
            `${ref["en-US"]}: a lawyer's letter left unanswered and unpaid for ${LAWYER_WAIT} days`,
          )
        : localized(
            `${ref["zh-CN"]}催告函已送达，${DEMAND_WAIT_DAYS} 天未缴费也未回应`,
            `${ref["en-US"]}: a delivered formal demand unanswered for ${DEMAND_WAIT_DAYS} days`,
          ),
    );
  }
  const text = localized(parts.map((p) => p["zh-CN"]).join("，"), parts.map((p) => p["en-US"]).join("; "));
  const months = household.monthsOverdue;
  const amount = household.amountOverdue;
  const floor = legalMinAmountFor(household, settings.legalMinAmount);
  const minimum = months !== null && months >= settings.legalMinMonths && amount !== null && amount >= floor;
  const pattern = refusals >= 2 || (refusals >= 1 && ignored !== null);
  if (!active) return { text, enough: false, short: localized("未记录拒缴", "no refusal recorded") };
  if (!pattern)
    return {
      text,
      enough: false,
      short: localized(
        "拒缴只记录一次，且无被置之不理的催告函",
        "a refusal recorded only once, with no ignored formal demand",
      ),
    };
  if (!minimum)
    return {
      text,
      enough: false,
      short: localized(
        `欠费未达法律催告起点（${settings.legalMinMonths} 个月且 ${formatYuan(floor)}）`,
        `below the legal-step minimum (${settings.legalMinMonths} months and ${formatYuan(floor)})`,
      ),
    };
  return { text, enough: true, short: localized("", "") };
}

/** Whole months from the start of a month to a date. */
function monthsSince(month: MonthIndex, asOf: IsoDate): number {
  const asOfMonth = monthOfDate(asOf);
  const full = asOfMonth - month;
  return monthEnd(asOfMonth) <= asOf ? full + 1 : full;
}
