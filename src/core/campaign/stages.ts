import { HexColour } from "./letter";
import { Localized, localized, normalizeKey } from "../text";
import { chineseNumber } from "../read/values";

/** The ten reminders of the campaign [C 3], the open letter (11), the formal demand (12), the lawyer's letter (13). */
export type LadderStage = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13;

/**
 * What a notice is: a step of the ladder, or one of the letters beside it — the thank-you to owners who pay on
 * time, the instalment offer to owners in hardship, the same-day follow-up of a broken promise [C 5].
 */
export type NoticeStage = LadderStage | "thanks" | "instalment" | "followUp";

export const LADDER: readonly LadderStage[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
export const NOTICE_STAGES: readonly NoticeStage[] = [...LADDER, "thanks", "instalment", "followUp"];

export const OPEN_LETTER: LadderStage = 11;
export const FORMAL_DEMAND: LadderStage = 12;
export const LAWYERS_LETTER: LadderStage = 13;
/** From this reminder on, the owner signs a receipt and a late fee is charged [C 3]. */
export const SIGNED_FROM: LadderStage = 6;

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

export function carriesLateFee(stage: NoticeStage): boolean {
  return isLadder(stage) && stage >= SIGNED_FROM;
}

/** The signed slip goes with the reminders from the sixth and the open letter; EMS gives its own proof. */
export function carriesReceipt(stage: NoticeStage): boolean {
  return isLadder(stage) && stage >= SIGNED_FROM && stage <= OPEN_LETTER;
}

export function carriesLegalBasis(stage: NoticeStage): boolean {
  return isLadder(stage) && stage >= FORMAL_DEMAND;
}

export const STAGE_NAMES: Readonly<Record<NoticeStage, Localized>> = {
  1: localized("第1次提醒", "Reminder 1"),
  2: localized("第2次提醒", "Reminder 2"),
  3: localized("第3次提醒", "Reminder 3"),
  4: localized("第4次提醒", "Reminder 4"),
  5: localized("第5次提醒", "Reminder 5"),
  6: localized("第6次提醒", "Reminder 6"),
  7: localized("第7次提醒", "Reminder 7"),
  8: localized("第8次提醒", "Reminder 8"),
  9: localized("第9次提醒", "Reminder 9"),
  10: localized("第10次提醒", "Reminder 10"),
  11: localized("致业主书", "Open letter"),
  12: localized("催告函", "Formal demand"),
  13: localized("律师函", "Lawyer's letter"),
  thanks: localized("缴费致谢", "Thank-you"),
  instalment: localized("分期协商", "Instalment offer"),
  followUp: localized("承诺跟进", "Promise follow-up"),
};

/** Light to dark over the ten reminders, then the sober colours of the letters that follow [C 3]. */
const BANDS: Readonly<Record<NoticeStage, HexColour>> = {
  1: "FFF8E1",
  2: "FFF0C2",
  3: "FFE29A",
  4: "FFD166",
  5: "FFB74D",
  6: "F59B42",
  7: "E8772E",
  8: "D2521F",
  9: "B22222",
  10: "7B0000",
  11: "44546A",
  12: "203864",
  13: "0D0D0D",
  thanks: "DDEBF7",
  instalment: "DEEBF7",
  followUp: "FCE4D6",
};

export function bandColour(stage: NoticeStage): { fill: HexColour; text: HexColour } {
  const fill = BANDS[stage];
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
