import { HexColour } from "./letter";
import { Localized, localized, normalizeKey } from "../text";
import { chineseNumber } from "../read/values";

/** The ten reminders of the campaign [C 3], the open letter (11), the formal demand (12), the lawyer's letter (13). */
export type LadderStage = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13;

/**
 * What a notice is: a step of the ladder, or one of the letters beside it — the thank-you to owners who pay on
 * time, the instalment offer to owners in hardship, the same-day follow-up of a broken promise [C 5].
 */
export type NoticeStage = LadderStage | "thanks" | "instalment" | "followUp" | "instalmentReminder";

export const LADDER: readonly LadderStage[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
export const NOTICE_STAGES: readonly NoticeStage[] = [
  ...LADDER,
  "thanks",
  "instalment",
  "followUp",
  "instalmentReminder",
];

export const OPEN_LETTER: LadderStage = 11;
export const FORMAL_DEMAND: LadderStage = 12;
export const LAWYERS_LETTER: LadderStage = 13;

export type Channel = "sms" | "phone" | "letter" | "ems" | "visit";

export const CHANNEL_LABELS: Readonly<Record<Channel, Localized>> = {
  sms: localized("短信", "SMS"),
  phone: localized("电话", "Phone"),
  letter: localized("书面通知", "Letter"),
  ems: localized("EMS 特快专递", "EMS"),
  visit: localized("上门送达", "Home visit"),
};

export function isLadder(stage: NoticeStage): stage is LadderStage {
  return typeof stage === "number";
}

/** How many days a stage gives, read from the settings: the first reminder's, the interval, the demand period. */
export type Period = "firstReminder" | "interval" | "demand";

/** The minimum a legal stage needs before it is sent (Proportion, domain.md): months AND amount overdue. */
export type Minimum = "none" | "legal";

/** How the round's summary counts a stage. */
export type StageGroup =
  "reminder" | "openLetter" | "demand" | "lawyer" | "instalment" | "followUp" | "thanks";

/** Everything a stage is. The rules of notices.ts read this table; nothing compares stage numbers. */
export interface StageRule {
  readonly name: Localized;
  /** The title on the owner's copy when the template gives none of its own. */
  readonly group: StageGroup;
  /** Its channel; a home visit becomes a letter for a vacant or unreachable household. */
  readonly channel: Channel;
  readonly colour: HexColour;
  /** Days before the next step may follow (null: the ladder does not go on from here by itself). */
  readonly wait: Period | null;
  /** The deadline to pay the notice gives (null: none), moved to the next working day. */
  readonly deadline: Period | null;
  /** Carries the late fee (滞纳金/违约金) when the settings say the contract has the clause [C 3]. */
  readonly lateFee: boolean;
  /** The owner signs a tear-off receipt (from the sixth reminder on [C 3]; EMS gives its own proof). */
  readonly receipt: boolean;
  /** Quotes Civil Code art. 944. */
  readonly legalBasis: boolean;
  /** Printed with the company's seal place （盖章）. */
  readonly sealed: boolean;
  /** Below this minimum the household stays on reminders (legal: the settings' months and amount). */
  readonly minimum: Minimum;
  /** A legal step: held back while the household's data has a cell the reader could not read. */
  readonly legal: boolean;
  /** Needs a formal demand that provably reached the owner, and a law firm named in the settings. */
  readonly needsDeliveredDemand: boolean;
  /** Counts for the limitation period when delivered (Civil Code art. 195). */
  readonly demand: boolean;
}

function reminder(n: LadderStage, colour: HexColour, over: Partial<StageRule> = {}): StageRule {
  return {
    name: localized(`第${n}次提醒`, `Reminder ${n}`),
    group: "reminder",
    channel: "letter",
    colour,
    wait: "interval",
    deadline: "interval",
    lateFee: false,
    receipt: false,
    legalBasis: false,
    sealed: false,
    minimum: "none",
    legal: false,
    needsDeliveredDemand: false,
    demand: false,
    ...over,
  };
}

/** From the sixth reminder on: in person, signed for, with the late fee where the contract has one [C 3]. */
const SIGNED: Partial<StageRule> = { channel: "visit", lateFee: true, receipt: true, sealed: true };
const LEGAL: Partial<StageRule> = {
  channel: "ems",
  wait: "demand",
  deadline: "demand",
  lateFee: true,
  legalBasis: true,
  sealed: true,
  minimum: "legal",
  legal: true,
  demand: true,
};
const BESIDE: Partial<StageRule> = { wait: null };

/** The ladder and the letters beside it, light to dark over the ten reminders, then sober colours [C 3]. */
export const STAGES: Readonly<Record<NoticeStage, StageRule>> = {
  1: reminder(1, "FFF8E1", { wait: "firstReminder", deadline: "firstReminder" }),
  2: reminder(2, "FFF0C2"),
  3: reminder(3, "FFE29A"),
  4: reminder(4, "FFD166"),
  5: reminder(5, "FFB74D"),
  6: reminder(6, "F59B42", SIGNED),
  7: reminder(7, "E8772E", SIGNED),
  8: reminder(8, "D2521F", SIGNED),
  9: reminder(9, "B22222", SIGNED),
  10: reminder(10, "7B0000", SIGNED),
  11: reminder(11, "44546A", {
    ...SIGNED,
    name: localized("致业主书", "Open letter"),
    group: "openLetter",
    channel: "letter",
    wait: "demand",
    deadline: "demand",
    minimum: "legal",
  }),
  12: reminder(12, "203864", { ...LEGAL, name: localized("催告函", "Formal demand"), group: "demand" }),
  13: reminder(13, "0D0D0D", {
    ...LEGAL,
    name: localized("律师函", "Lawyer's letter"),
    group: "lawyer",
    wait: null,
    needsDeliveredDemand: true,
  }),
  thanks: reminder(1, "DDEBF7", {
    ...BESIDE,
    name: localized("缴费致谢", "Thank-you"),
    group: "thanks",
    channel: "sms",
    deadline: null,
  }),
  instalment: reminder(1, "DEEBF7", {
    ...BESIDE,
    name: localized("分期协商", "Instalment offer"),
    group: "instalment",
    channel: "visit",
    deadline: "demand",
  }),
  followUp: reminder(1, "FCE4D6", {
    ...BESIDE,
    name: localized("承诺跟进", "Promise follow-up"),
    group: "followUp",
    channel: "phone",
  }),
  // The day after a missed instalment (instalments.ts): a letter with its SMS, the plan's own deadline.
  instalmentReminder: reminder(1, "E2EFDA", {
    ...BESIDE,
    name: localized("分期提醒", "Instalment reminder"),
    group: "instalment",
    channel: "letter",
    deadline: "firstReminder",
  }),
};

export function carriesLateFee(stage: NoticeStage): boolean {
  return STAGES[stage].lateFee;
}

export function carriesReceipt(stage: NoticeStage): boolean {
  return STAGES[stage].receipt;
}

export function carriesLegalBasis(stage: NoticeStage): boolean {
  return STAGES[stage].legalBasis;
}

export const STAGE_NAMES: Readonly<Record<NoticeStage, Localized>> = Object.fromEntries(
  NOTICE_STAGES.map((s) => [s, STAGES[s].name]),
) as Record<NoticeStage, Localized>;

export function bandColour(stage: NoticeStage): { fill: HexColour; text: HexColour } {
  const fill = STAGES[stage].colour;
  const r = parseInt(fill.slice(0, 2), 16);
  const g = parseInt(fill.slice(2, 4), 16);
  const b = parseInt(fill.slice(4, 6), 16);
  // Relative luminance, roughly: white text on dark bands, near-black on light ones.
  const light = 0.299 * r + 0.587 * g + 0.114 * b > 150;
  return { fill, text: light ? "1F1F1F" : "FFFFFF" };
}

/** Reads a stage as people write it in the record or the templates: 6, 第6次, 第六次提醒, 催告函, lawyer's letter… */
export function parseStage(text: string): NoticeStage | null {
  const key = normalizeKey(text);
  if (key === "") return null;
  for (const stage of NOTICE_STAGES) {
    const names = STAGE_NAMES[stage];
    if (normalizeKey(names["zh-CN"]) === key || normalizeKey(names["en-US"]) === key) return stage;
  }
  // prettier-ignore
  const words: readonly [NoticeStage, readonly string[]][] = [
    [11, ["业主书", "致业主的一封信", "公开信", "openletter", "lettertoowners"]],
    [12, ["催告函", "催告", "律师催告", "书面催告", "催款函", "formaldemand", "demand", "demandletter"]],
    [13, ["律师函", "lawyer'sletter", "lawyersletter", "lawyerletter", "attorneyletter"]],
    ["thanks", ["致谢", "感谢", "感谢信", "thanks", "thankyou"]],
    ["instalment", ["分期", "分期协商", "缓交", "instalment", "installment", "paymentplan"]],
    ["instalmentReminder", ["分期提醒", "分期催缴", "分期逾期提醒", "instalmentreminder", "installmentreminder"]],
    ["followUp", ["跟进", "承诺跟进", "回访", "followup", "follow-up"]],
  ];
  for (const [stage, list] of words) if (list.includes(key)) return stage;
  const m =
    /^(?:第)?(\d{1,2}|[一二三四五六七八九十]{1,3})(?:次|阶段|期)?(?:提醒|催缴|通知|催缴通知|提醒通知)?$/.exec(
      key,
    );
  const en = /^(?:reminder|notice|stage|no\.?|#)?(\d{1,2})$/.exec(key);
  const digits = m?.[1] ?? en?.[1];
  if (digits === undefined) return null;
  const n = /^\d+$/.test(digits) ? Number(digits) : chineseNumber(digits);
  return n !== null && n >= 1 && n <= 13 ? (n as LadderStage) : null;
}

export function stageLabel(stage: NoticeStage): string {
  return isLadder(stage) ? String(stage) : stage;
}
