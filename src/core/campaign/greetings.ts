import { CellValue, SheetGrid, columnLetter } from "../read/grid";
import { Household } from "../read/household";
import { OutputSheet, TableBlock } from "../output";
import { Settings } from "../settings/settings";
import { Lang, Localized, localized, normalizeKey, speaker } from "../text";
import { IsoDate, cellText } from "../read/values";
import { Letter } from "./letter";
import { SmsLine, mobileNumber, smsListCsv } from "./lists";
import { serviceCentreName, smsSegmentLimit } from "./notices";
import { NoticeTemplate, TEMPLATE_FIELDS, TemplateField, findThreat } from "./templates";
import { fillNamed, unknownNames } from "./team-texts";

/**
 * The campaign's greetings to every household [C 1]: a New Year card before the New Year, with a gentle word
 * about the fee; a 温馨提醒 after the Lantern Festival. They are courtesy, not demands: they are not logged in
 * 催缴记录 and never move the ladder.
 */
export const GREETING_KINDS = ["newYear", "warmReminder"] as const;
export type GreetingKind = (typeof GREETING_KINDS)[number];

export const GREETING_NAMES: Readonly<Record<GreetingKind, Localized>> = {
  newYear: localized("新年贺卡", "New Year card"),
  warmReminder: localized("温馨提醒", "Friendly reminder"),
};

/** The band across the top of the card: festive red for the New Year, a calm blue for the reminder. */
const BANDS: Readonly<Record<GreetingKind, { fill: string; text: string; label: Localized }>> = {
  newYear: { fill: "C00000", text: "FFFFFF", label: localized("恭贺新禧", "Happy New Year") },
  warmReminder: { fill: "DDEBF7", text: "1F1F1F", label: localized("温馨提醒", "A friendly reminder") },
};

export const GREETING_PLACEHOLDERS = {
  owner: "业主",
  room: "房号",
  estate: "小区",
  serviceCentre: "服务中心",
  manager: "负责人",
  servicePhone: "客服电话",
  serviceAddress: "服务中心地址",
  payment: "缴费方式",
  company: "物业服务企业",
  year: "年份",
  date: "日期",
} as const;

// prettier-ignore
const DEFAULTS: Readonly<Record<GreetingKind, Readonly<Record<Lang, NoticeTemplate>>>> = {
  newYear: {
    "zh-CN": {
      title: "恭贺新禧",
      body: "值此{年份}年新春佳节来临之际，{服务中心}全体员工向您和家人致以诚挚的问候和美好的祝福！\n过去一年，感谢您对{小区}物业服务工作的理解和支持。新的一年里，我们将继续用心做好保洁、安保、绿化和设施维护，为您营造安全、整洁、温馨的家园；新年度的物业费缴纳工作也将陆续开始，届时还请您支持。\n如有任何需要，欢迎随时致电{客服电话}。恭祝您新春快乐，阖家幸福，万事如意！",
      sms: "{业主}您好！{服务中心}恭祝您和家人新春快乐、阖家幸福！感谢您一年来的支持。{客服电话}",
    },
    "en-US": {
      title: "Season's greetings",
      body: "As the {year} Spring Festival approaches, everyone at {serviceCentre} sends you and your family our warmest wishes!\nThank you for your understanding and support of the services of {estate} over the past year. In the new year we will keep the estate clean, safe, green and well kept; the new year's property fee will be collected in the coming weeks, and we thank you in advance for your support.\nFor anything you need, call {servicePhone}. Happy New Year to you and your family!",
      sms: "Happy New Year from {serviceCentre}! Thank you for your support this year. {servicePhone}",
    },
  },
  warmReminder: {
    "zh-CN": {
      title: "温馨提醒",
      body: "元宵已过，新的一年各项工作全面展开，感谢您一直以来对{小区}物业服务工作的支持！\n温馨提醒：{年份}年度物业费现已开始收取，请您在方便时及时缴纳。{缴费方式}。如您已缴纳，请忽略本提醒；如对服务或费用有任何疑问，欢迎致电{客服电话}或到服务中心（{服务中心地址}）咨询，我们会耐心解答。\n祝您和家人生活愉快，万事顺意！",
      sms: "{业主}您好：{年份}年度物业费已开始收取，请方便时缴纳，已缴请忽略。咨询{客服电话}",
    },
    "en-US": {
      title: "A friendly reminder",
      body: "With the Lantern Festival behind us, the new year's work is under way. Thank you for your continued support of the services of {estate}!\nA friendly reminder: the {year} property fee is now being collected; please pay when convenient. {payment}. If you have already paid, please ignore this note; for any question about our service or the fee, call {servicePhone} or visit the service centre ({serviceAddress}).\nWishing you and your family a happy year!",
      sms: "The {year} property fee is now being collected; please pay when convenient. Paid? Ignore this. {servicePhone}",
    },
  },
};

export type GreetingSet = Readonly<Record<GreetingKind, Readonly<Record<Lang, NoticeTemplate>>>>;
export const DEFAULT_GREETINGS: GreetingSet = DEFAULTS;

export interface GreetingProblem {
  readonly kind: GreetingKind;
  readonly lang: Lang;
  readonly field: TemplateField;
  readonly cell: string;
  readonly message: Localized;
}

export interface GreetingsReading {
  readonly greetings: GreetingSet;
  readonly problems: readonly GreetingProblem[];
}

const FIELD_HEADERS: Readonly<Record<TemplateField, Localized>> = {
  title: localized("标题", "Title"),
  body: localized("正文", "Body"),
  sms: localized("短信", "SMS"),
};
const STAGE_HEADER = localized("阶段", "Stage");
const LANG_HEADER = localized("语言", "Language");

function kindOf(text: string): GreetingKind | null {
  const key = normalizeKey(text);
  return (
    GREETING_KINDS.find(
      (k) =>
        normalizeKey(k) === key ||
        normalizeKey(GREETING_NAMES[k]["zh-CN"]) === key ||
        normalizeKey(GREETING_NAMES[k]["en-US"]) === key,
    ) ?? null
  );
}

function langOf(text: string): Lang | null {
  const key = normalizeKey(text);
  if (["zh-cn", "zh", "中文", "简体中文"].includes(key)) return "zh-CN";
  if (["en-us", "en", "english", "英文", "英语"].includes(key)) return "en-US";
  return null;
}

/**
 * The greetings' rows of 通知模板 (阶段 newYear or warmReminder, as written there), read with the same checks as
 * the notices' rows: an unknown placeholder or a threat is reported with its cell, and the default is used.
 */
export function readGreetings(sheet: SheetGrid | undefined): GreetingsReading {
  const set: Record<GreetingKind, Record<Lang, NoticeTemplate>> = {
    newYear: { ...DEFAULTS.newYear },
    warmReminder: { ...DEFAULTS.warmReminder },
  };
  const problems: GreetingProblem[] = [];
  if (!sheet) return { greetings: set, problems };
  const is = (cell: CellValue, label: Localized) =>
    [normalizeKey(label["zh-CN"]), normalizeKey(label["en-US"])].includes(normalizeKey(cellText(cell)));
  const headerIndex = sheet.rows.findIndex(
    (row) => row.some((c) => is(c, STAGE_HEADER)) && row.some((c) => is(c, FIELD_HEADERS.body)),
  );
  if (headerIndex < 0) return { greetings: set, problems };
  const header = sheet.rows[headerIndex];
  const col = (label: Localized) => header.findIndex((c) => is(c, label));
  const stageCol = col(STAGE_HEADER);
  const langCol = col(LANG_HEADER);
  for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    const kind = kindOf(cellText(row[stageCol] ?? null));
    const lang = langOf(cellText(row[langCol] ?? null));
    if (kind === null || lang === null) continue;
    const current = { ...set[kind][lang] };
    for (const field of TEMPLATE_FIELDS) {
      const c = col(FIELD_HEADERS[field]);
      if (c < 0) continue;
      const raw = row[c] ?? null;
      const text = typeof raw === "string" ? raw.replace(/\r\n?/g, "\n").trim() : cellText(raw);
      if (text === "") continue;
      const cell = `${columnLetter(sheet.firstColumn + c)}${sheet.firstRow + r}`;
      const where = localized(
        `工作表“${sheet.name}”${cell}（${GREETING_NAMES[kind]["zh-CN"]}，${lang}，${FIELD_HEADERS[field]["zh-CN"]}）`,
        `sheet "${sheet.name}" ${cell} (${GREETING_NAMES[kind]["en-US"]}, ${lang}, ${FIELD_HEADERS[field]["en-US"]})`,
      );
      const unknown = unknownNames(text, GREETING_PLACEHOLDERS);
      const threat = findThreat(text);
      if (unknown.length > 0)
        problems.push({
          kind,
          lang,
          field,
          cell,
          message: localized(
            `${where["zh-CN"]}：未知占位符 ${unknown.join("、")}，已使用默认文本；可用的占位符：` +
              Object.values(GREETING_PLACEHOLDERS)
                .map((p) => `{${p}}`)
                .join(""),
            `${where["en-US"]}: unknown placeholder ${unknown.join(", ")}; the default text is used. Known: ` +
              Object.keys(GREETING_PLACEHOLDERS)
                .map((p) => `{${p}}`)
                .join(" "),
          ),
        });
      else if (threat)
        problems.push({
          kind,
          lang,
          field,
          cell,
          message: localized(
            `${where["zh-CN"]}：含“${threat}”——不得以停水、停电、停暖、停气或限制公共设施催缴（民法典第944条），` +
              "已使用默认文本",
            `${where["en-US"]}: says "${threat}" — fees may not be collected by cutting water, power, heat or gas ` +
              "or restricting facilities (Civil Code art. 944); the default text is used",
          ),
        });
      else current[field] = text;
    }
    set[kind][lang] = current;
  }
  return { greetings: set, problems };
}

/**
 * 通知模板 with the greetings' rows added below the notices' (same columns: 阶段, 名称, 语言, 标题, 正文, 短信,
 * 检查), and their placeholders named in the sheet's note. Rows are only added at the end, so a sheet the team
 * already has is updated in place, row for row.
 */
export function withGreetingRows(sheet: OutputSheet, reading: GreetingsReading, lang: Lang): OutputSheet {
  const say = speaker(lang);
  const rows: CellValue[][] = [];
  for (const kind of GREETING_KINDS)
    for (const l of ["zh-CN", "en-US"] as const) {
      const t = reading.greetings[kind][l];
      const mine = reading.problems.filter((p) => p.kind === kind && p.lang === l);
      rows.push([
        kind,
        GREETING_NAMES[kind][l],
        l,
        t.title,
        t.body,
        t.sms,
        mine.map((p) => p.message[lang]).join("\n") || null,
      ]);
    }
  const extra = Object.entries(GREETING_PLACEHOLDERS)
    .map(([en, zh]) => say(`{${zh}}`, `{${en}}`))
    .join(say("", " "));
  let notes = 0;
  return {
    ...sheet,
    blocks: sheet.blocks.map((b) => {
      if (b.kind === "table") return { ...b, rows: [...b.rows, ...rows] } satisfies TableBlock;
      if (b.kind === "text" && b.style === "note" && ++notes === 2)
        return {
          ...b,
          text: `${b.text}${say("；新年贺卡和温馨提醒：", "; New Year card and friendly reminder: ")}${extra}`,
        };
      return b;
    }),
  };
}

/** One greeting to one household: the card (a letter, one per A4 page) and its SMS when it has a mobile. */
export interface Greeting {
  readonly kind: GreetingKind;
  readonly household: Household;
  readonly letter: Letter;
  readonly sms: string | null;
  readonly smsLength: number;
  readonly smsTooLong: boolean;
}

function longDate(date: IsoDate, lang: Lang): string {
  if (lang !== "zh-CN") return date;
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** The year greeted: a card sent in the second half of the year greets the coming one. */
export function greetingYear(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 7 ? year + 1 : year;
}

/** The greeting of `kind` for every household, dated `date`, signed by the service centre and its manager. */
export function greetings(
  kind: GreetingKind,
  households: readonly Household[],
  reading: GreetingsReading,
  settings: Settings,
  date: IsoDate,
  lang: Lang,
): Greeting[] {
  const say = speaker(lang);
  const template = reading.greetings[kind][lang];
  const centre = serviceCentreName(settings, lang);
  const manager = settings.serviceManager || "________";
  const base = {
    estate: settings.estateName || say("本小区", "the estate"),
    serviceCentre: centre,
    manager,
    servicePhone: settings.servicePhone || "________",
    serviceAddress: settings.serviceAddress || "________",
    payment:
      settings.paymentInfo.replace(/[。．.；;，,\s]+$/u, "") ||
      say("可到物业服务中心缴纳", "You can pay at the service centre"),
    company: settings.companyName || centre,
    year: String(greetingYear(date)),
    date: longDate(date, lang),
  };
  const band = BANDS[kind];
  const tag = `【${settings.estateName || say("物业", "Property")}】`;
  return households.map((h) => {
    const values = { ...base, owner: h.owner || say("业主", "Owner"), room: h.label };
    const fill = (text: string) => fillNamed(text, GREETING_PLACEHOLDERS, values);
    const smsBody = mobileNumber(h.phone) ? fill(template.sms) : null;
    const sms = smsBody === null ? null : `${tag}${smsBody}`;
    const smsLength = sms === null ? 0 : [...sms].length;
    const letter: Letter = {
      lang,
      room: h.label,
      owner: h.owner,
      band: { fill: band.fill, text: band.text, label: band.label[lang] },
      sender: centre,
      title: fill(template.title),
      reference: "",
      salutation: say(
        `尊敬的 ${h.label} 业主${h.owner ? ` ${h.owner}` : ""}：`,
        `Dear ${h.owner || "Owner"} (unit ${h.label}),`,
      ),
      paragraphs: fill(template.body)
        .split("\n")
        .map((p) => p.trim())
        .filter(Boolean),
      facts: [
        [say("服务中心", "Service centre"), centre],
        [say("客服电话", "Service phone"), base.servicePhone],
        ...(settings.serviceAddress ? [[say("地址", "Address"), settings.serviceAddress] as const] : []),
      ],
      legalBasis: null,
      signature: [centre, say(`负责人：${manager}`, `Manager: ${manager}`), longDate(date, lang)],
      receipt: null,
    };
    return {
      kind,
      household: h,
      letter,
      sms,
      smsLength,
      smsTooLong: sms !== null && smsLength > smsSegmentLimit(sms),
    };
  });
}

/** The greetings' SMS for a bulk-SMS platform, in the columns of sms.csv (UTF-8 with BOM, CRLF). */
export function greetingSmsCsv(list: readonly Greeting[], lang: Lang): string {
  const lines: SmsLine[] = [];
  for (const g of list)
    if (g.sms !== null) lines.push({ ...g, sms: g.sms, kind: GREETING_NAMES[g.kind][lang] });
  return smsListCsv(lines, lang, localized("类型", "Kind"));
}
