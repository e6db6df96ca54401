import { roundYuan, yuanText } from "./money";
import { memoized } from "./memo";

/** Languages the product speaks. Data and UI text are kept in both. */
export type Lang = "zh-CN" | "en-US";

/** A sentence in both languages, chosen at output time by the language setting. */
export type Localized = Readonly<Record<Lang, string>>;

export function localized(zh: string, en: string): Localized {
  return { "zh-CN": zh, "en-US": en };
}

/**
 * The core's one way to write text in two languages. Text kept in both (labels, problems, reasons) is a
 * `Localized`, made with `localized(zh, en)`; text written now in one language (a sheet's cells, a letter) comes
 * from `const say = speaker(lang)` and `say("欠费", "Arrears")`. No inline `zh ? a : b`, no local helpers.
 */
export function speaker(lang: Lang): (zh: string, en: string) => string {
  return lang === "zh-CN" ? (zh) => zh : (_zh, en) => en;
}

/**
 * Traditional → simplified for the characters that occur in arrears-sheet headers, notes and status words.
 * A full converter is not needed: headers and keywords are matched after this mapping, and the user's own
 * text is never rewritten in any output.
 */
// prettier-ignore
const TRADITIONAL_TO_SIMPLIFIED: Readonly<Record<string, string>> = {
  號: "号", 業: "业", 聯: "联", 繫: "系", 電: "电", 話: "话", 費: "费", 額: "额", 數: "数", 後: "后", 繳: "缴",
  備: "备", 註: "注", 員: "员", 樓: "楼", 棟: "栋", 單: "单", 實: "实", 應: "应", 項: "项", 屬: "属", 帳: "账",
  賬: "账", 積: "积", 築: "筑", 稱: "称", 態: "态", 狀: "状", 機: "机", 戶: "户", 門: "门", 間: "间", 計: "计",
  總: "总", 餘: "余", 結: "结", 轉: "转", 滯: "滞", 納: "纳", 經: "经", 長: "长", 惡: "恶", 時: "时", 無: "无",
  據: "据", 維: "维", 訴: "诉", 難: "难", 絡: "络", 務: "务", 價: "价", 開: "开", 區: "区", 園: "园", 層: "层",
  類: "类", 說: "说", 條: "条", 從: "从", 請: "请", 與: "与", 為: "为", 個: "个", 週: "周", 歷: "历", 簽: "签",
  證: "证", 郵: "邮", 傳: "传", 簡: "简", 訊: "讯", 發: "发", 書: "书", 報: "报", 責: "责", 負: "负", 銀: "银",
  現: "现", 還: "还", 當: "当", 對: "对", 減: "减", 補: "补", 遲: "迟", 標: "标", 準: "准", 過: "过", 約: "约",
  權: "权", 處: "处", 斷: "断", 託: "托", 醫: "医", 閒: "闲", 欄: "栏", 協: "协", 議: "议",
  調: "调", 衛: "卫", 潔: "洁", 聲: "声", 車: "车", 場: "场", 質: "质", 絕: "绝",
  拋: "抛", 擾: "扰", 聽: "听", 線: "线", 續: "续", 確: "确", 認: "认", 錯: "错", 誤: "误", 違: "违", 規: "规",
  貸: "贷", 籤: "签", 匯: "汇", 驗: "验", 齡: "龄", 齊: "齐", 獨: "独", 幣: "币", 圓: "圆",
  們: "们", 這: "这", 種: "种", 來: "来", 優: "优", 禮: "礼", 見: "见", 產: "产", 資: "资",
  闆: "板", 鄰: "邻", 裝: "装", 滲: "渗", 壞: "坏", 師: "师", 階: "阶"
};

const TRADITIONAL = new RegExp(`[${Object.keys(TRADITIONAL_TO_SIMPLIFIED).join("")}]`, "g");

function simplified(text: string): string {
  return text
    .normalize("NFKC")
    .replace(TRADITIONAL, (ch) => TRADITIONAL_TO_SIMPLIFIED[ch])
    .toLowerCase();
}

/** Printable ASCII with no capitals and no spaces: already its own key (room numbers such as 1-2-301). */
const PLAIN_KEY = /^[!-@[-~]*$/;

/** A sheet repeats the same few words thousands of times (已缴 in every month cell, the headers, the notes). */
const keyOf = memoized((text: string) => simplified(text).replace(/\s+/g, ""));

/** Full-width → ASCII (NFKC), traditional → simplified, lower case; whitespace and line breaks removed. */
export function normalizeKey(text: string): string {
  return PLAIN_KEY.test(text) ? text : keyOf(text);
}

/** Like normalizeKey but keeps single spaces between words (for English phrases and keyword search). */
export function normalizeText(text: string): string {
  return simplified(text).replace(/\s+/g, " ").trim();
}

const naturalCollator = new Intl.Collator("zh-CN", { numeric: true }).compare;
const chineseCollator = new Intl.Collator("zh-CN").compare;

/** Numbers joined by hyphens, no leading zeros (1-2-301): ordered number by number, as the collator would. */
const HYPHENATED_NUMBERS = /^(?:[1-9]\d{0,14}|0)(?:-(?:[1-9]\d{0,14}|0))*$/;

/**
 * Natural order in Chinese: 2栋 before 10栋, 1-1-201 before 1-1-1001. The collator is the reference; the usual
 * room numbers (1-2-301) are compared number by number without it, which sorting 100,000 rooms several times
 * over a run needs (test/core/text.test.ts checks that both agree).
 */
export function naturalOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (HYPHENATED_NUMBERS.test(a) && HYPHENATED_NUMBERS.test(b)) return compareHyphenated(a, b);
  return naturalCollator(a, b);
}

function compareHyphenated(a: string, b: string): number {
  let i = 0;
  let j = 0;
  for (;;) {
    if (i >= a.length) return j >= b.length ? 0 : -1;
    if (j >= b.length) return 1;
    let x = 0;
    let y = 0;
    while (i < a.length && a.charCodeAt(i) !== 45) x = x * 10 + a.charCodeAt(i++) - 48;
    while (j < b.length && b.charCodeAt(j) !== 45) y = y * 10 + b.charCodeAt(j++) - 48;
    if (x !== y) return x < y ? -1 : 1;
    i++;
    j++;
  }
}

/** Chinese order of names (pinyin), without numeric runs. */
export function chineseOrder(a: string, b: string): number {
  return a === b ? 0 : chineseCollator(a, b);
}

/** Collapses runs of white space (including line breaks and full-width spaces) and trims. */
const SPACE = /[\s\u3000]/;

export function tidy(text: string): string {
  if (!SPACE.test(text)) return text;
  return text.replace(/[\s\u3000]+/g, " ").trim();
}

/** True when any keyword (already normalised) occurs in the normalised text. Returns the first one found. */
export function findKeyword(normalized: string, keywords: readonly string[]): string | null {
  for (const keyword of keywords) {
    if (keyword.length > 0 && normalized.includes(keyword)) return keyword;
  }
  return null;
}

/** Fees repeat (the same monthly fee, the same arrears): each amount is formatted once. */
export const formatYuan: (amount: number) => string = memoized(yuanText);

/** Rounded once to the cent, half away from zero (core/money.ts). */
export function roundCents(amount: number): number {
  return roundYuan(amount);
}
