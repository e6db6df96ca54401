import { ClassifySettings, DEFAULT_CLASSIFY_SETTINGS } from "../classify/classify";
import { CellValue, SheetGrid } from "../read/grid";
import { OUTPUT_SHEETS, OutputSheet, singleTableSheet } from "../output";
import { Lang, Localized, localized, normalizeKey, speaker } from "../text";
import { INSTALMENT_RULES } from "../campaign/instalments";
import { IsoDate, cellText, chineseNumber, describeCell, parseAmount, parseDate } from "../read/values";

/** How owners' names appear on the bulletin board (PIPL art. 25). */
export type MaskMode = "roomOnly" | "masked" | "consented";

/** The team's settings, kept in the workbook's 催缴设置 sheet so everyone sharing the workbook shares them. */
export interface Settings {
  readonly estateName: string;
  readonly servicePhone: string;
  /** null: today. */
  readonly asOf: IsoDate | null;
  readonly frequentMonths: number;
  readonly longTermMonths: number;
  readonly lateCountThreshold: number;
  readonly limitationRiskMonths: number;
  readonly bulletinMinMonths: number;
  readonly maskMode: MaskMode;
  readonly excludeDisputed: boolean;
  /** Households in hardship stay off the public arrears list; the round offers them instalments. */
  readonly excludeHardship: boolean;
  /** Late fee per day, as a fraction of the overdue amount (0.0003 = 万分之三/日). */
  readonly lateFeeRatePerDay: number;
  readonly noticeIntervalDays: number;
  /** Days the open letter, the formal demand and the lawyer's letter give the owner to pay (art. 944: a reasonable period). */
  readonly demandDays: number;
  readonly serviceAddress: string;
  /** How and where to pay, as printed on every notice. */
  readonly paymentInfo: string;
  /** The law firm that signs the lawyer's letter. */
  readonly lawFirm: string;
  readonly language: Lang;
  /** Days the first reminder gives to pay (7–10, the documents' practice). */
  readonly firstReminderDays: number;
  /** The open letter, the formal demand and the lawyer's letter need this many months overdue… */
  readonly legalMinMonths: number;
  /** …and at least this amount, or "quarter": one quarter of the household's own monthly fee. */
  readonly legalMinAmount: number | "quarter";
  /** The service contract's late-fee clause, quoted on letters ("物业服务合同第十二条"); blank: no late fee. */
  readonly lateFeeClause: string;
  /** The property-service company that signs the letters (物业服务企业). */
  readonly companyName: string;
  /** The service centre's name; blank: the estate's name + 物业服务中心. */
  readonly serviceCentre: string;
  /** The estate's postal address, to which the room is added on the mailing list. */
  readonly estateAddress: string;
  /** Instalments a repayment plan (分期还款协议) gets (instalments.ts). */
  readonly instalmentCount: number;
  /** The day of the month each instalment falls due (moved to the next working day). */
  readonly instalmentDueDay: number;
  /** The late fee is waived while an instalment plan is kept. */
  readonly instalmentWaiveLateFee: boolean;
  /** The service centre's manager (服务中心负责人), who signs the greetings with the centre. */
  readonly serviceManager: string;
  /** The court a claim is filed with (受理法院), printed on the draft statement of claim. */
  readonly court: string;
}

export const DEFAULT_SETTINGS: Settings = {
  estateName: "",
  servicePhone: "",
  asOf: null,
  frequentMonths: DEFAULT_CLASSIFY_SETTINGS.frequentMonths,
  longTermMonths: DEFAULT_CLASSIFY_SETTINGS.longTermMonths,
  lateCountThreshold: DEFAULT_CLASSIFY_SETTINGS.lateCountThreshold,
  limitationRiskMonths: DEFAULT_CLASSIFY_SETTINGS.limitationRiskMonths,
  bulletinMinMonths: 3,
  maskMode: "roomOnly",
  excludeDisputed: true,
  excludeHardship: true,
  lateFeeRatePerDay: 0.0003,
  noticeIntervalDays: 3,
  demandDays: 15,
  serviceAddress: "",
  paymentInfo: "",
  lawFirm: "",
  language: "zh-CN",
  firstReminderDays: 7,
  legalMinMonths: 3,
  legalMinAmount: 500,
  lateFeeClause: "",
  companyName: "",
  serviceCentre: "",
  estateAddress: "",
  instalmentCount: INSTALMENT_RULES.defaultCount,
  instalmentDueDay: INSTALMENT_RULES.defaultDueDay,
  instalmentWaiveLateFee: true,
  serviceManager: "",
  court: "",
};

export type SettingKey = keyof Settings;

interface Choice<T> {
  readonly value: T;
  readonly words: readonly string[];
  readonly label: Localized;
}

interface SettingDef {
  readonly key: SettingKey;
  readonly label: Localized;
  /** Other names a team may have typed for the setting (an older label, a common synonym). */
  readonly aliases?: readonly string[];
  readonly description: Localized;
  readonly read: (cell: CellValue) => { value: Settings[SettingKey] } | { problem: Localized };
  readonly show: (value: Settings[SettingKey], lang: Lang) => CellValue;
}

const MASK_CHOICES: readonly Choice<MaskMode>[] = [
  {
    value: "roomOnly",
    words: ["仅房号", "房号", "roomonly", "room", "rooms"],
    label: localized("仅房号", "rooms only"),
  },
  {
    value: "masked",
    words: ["姓名打码", "打码", "masked", "mask"],
    label: localized("姓名打码", "masked names"),
  },
  {
    value: "consented",
    words: ["同意者全名", "全名", "consented", "fullnamewithconsent"],
    label: localized("同意者全名", "full names with consent"),
  },
];

const LANG_CHOICES: readonly Choice<Lang>[] = [
  {
    value: "zh-CN",
    words: ["zh-cn", "zh", "中文", "简体中文", "chinese"],
    label: localized("zh-CN", "zh-CN"),
  },
  { value: "en-US", words: ["en-us", "en", "english", "英文", "英语"], label: localized("en-US", "en-US") },
];

const BOOL_CHOICES: readonly Choice<boolean>[] = [
  { value: true, words: ["是", "yes", "y", "true", "1", "√"], label: localized("是", "yes") },
  { value: false, words: ["否", "no", "n", "false", "0", "×"], label: localized("否", "no") },
];

function choice<T extends Settings[SettingKey]>(choices: readonly Choice<T>[]) {
  const list = (lang: Lang) => choices.map((c) => c.label[lang]).join(speaker(lang)("、", ", "));
  return {
    read: (cell: CellValue) => {
      const key = normalizeKey(cellText(cell));
      const found = choices.find(
        (c) =>
          c.words.includes(key) ||
          normalizeKey(c.label["zh-CN"]) === key ||
          normalizeKey(c.label["en-US"]) === key,
      );
      return found
        ? { value: found.value }
        : { problem: localized(`应为：${list("zh-CN")}`, `should be one of: ${list("en-US")}`) };
    },
    show: (value: Settings[SettingKey], lang: Lang) =>
      choices.find((c) => c.value === value)?.label[lang] ?? null,
  };
}

function wholeNumber(min: number, max: number) {
  return {
    read: (cell: CellValue) => {
      const parsed = parseAmount(cell);
      if (
        parsed.kind === "value" &&
        Number.isInteger(parsed.value) &&
        parsed.value >= min &&
        parsed.value <= max
      ) {
        return { value: parsed.value };
      }
      return {
        problem: localized(`应为 ${min}–${max} 的整数`, `should be a whole number from ${min} to ${max}`),
      };
    },
    show: (value: Settings[SettingKey]) => value as number,
  };
}

const text = {
  read: (cell: CellValue) => ({ value: cellText(cell) }),
  show: (value: Settings[SettingKey]) => value as string,
};

/** A daily rate: 0.0003, "0.03%", "0.3‰", "万分之三", "万分之3". */
export function parseDailyRate(cell: CellValue): number | null {
  if (typeof cell === "number") return cell >= 0 && cell <= 0.01 ? cell : null;
  const key = normalizeKey(cellText(cell))
    .replace(/^(每日|每天|日|daily)/, "")
    .replace(/(\/日|\/天|每日|每天|perday|\/day)$/, "");
  let m = /^万分之(\d+(?:\.\d+)?|[一二两三四五六七八九十])$/.exec(key);
  if (m) return (chineseNumber(m[1]) ?? Number(m[1])) / 10_000;
  m = /^千分之(\d+(?:\.\d+)?|[一二两三四五六七八九十])$/.exec(key);
  if (m) return (chineseNumber(m[1]) ?? Number(m[1])) / 1_000;
  m = /^(\d+(?:\.\d+)?)(%|‰)?$/.exec(key);
  if (!m) return null;
  const rate = Number(m[1]) / (m[2] === "%" ? 100 : m[2] === "‰" ? 1000 : 1);
  return rate >= 0 && rate <= 0.01 ? rate : null;
}

const QUARTER_WORDS = ["一个季度", "一季度", "季度", "一个季度物业费", "季度物业费", "quarter", "onequarter"];

/** An amount in yuan, or one quarter's fee (一个季度). */
function yuanOrQuarter() {
  return {
    read: (cell: CellValue) => {
      if (QUARTER_WORDS.includes(normalizeKey(cellText(cell)))) return { value: "quarter" as const };
      const parsed = parseAmount(cell);
      return parsed.kind === "value" && parsed.value >= 0
        ? { value: parsed.value }
        : {
            problem: localized(
              "应为不小于 0 的金额，或“一个季度”",
              'should be an amount of 0 or more, or "quarter"',
            ),
          };
    },
    show: (value: Settings[SettingKey], lang: Lang) =>
      value === "quarter" ? speaker(lang)("一个季度", "quarter") : (value as number),
  };
}

const SETTING_DEFS: readonly SettingDef[] = [
  {
    key: "estateName",
    label: localized("小区名称", "Estate name"),
    description: localized(
      "公告、看板和通知上显示的小区（项目）名称",
      "The estate's name on the bulletin, dashboard and notices",
    ),
    ...text,
  },
  {
    key: "servicePhone",
    label: localized("客服电话", "Service-centre phone"),
    description: localized(
      "物业服务中心电话，印在公告和通知上",
      "The service centre's phone, printed on the bulletin and notices",
    ),
    ...text,
  },
  {
    key: "asOf",
    label: localized("计至日期", "As-of date"),
    aliases: ["截止日期", "统计截止日期", "计至", "Count to"],
    description: localized(
      "欠费计至的日期（台账的统计日）；留空为今天",
      "The date arrears are counted to; blank means today",
    ),
    read: (cell) => {
      if (cell === null || cellText(cell) === "") return { value: null };
      const parsed = parseDate(cell, { date1904: false });
      return parsed.kind === "value"
        ? { value: parsed.value }
        : {
            problem: localized(
              "应为日期，如 2026-11-20，或留空",
              "should be a date such as 2026-11-20, or blank",
            ),
          };
    },
    show: (value) => (value === null ? null : (value as string)),
  },
  {
    key: "frequentMonths",
    label: localized("经常拖欠起点（月）", "Often late from (months)"),
    description: localized("欠费达到此月数即为经常拖欠", "Months overdue from which an owner is often late"),
    ...wholeNumber(1, 24),
  },
  {
    key: "longTermMonths",
    label: localized("长期拖欠起点（月）", "Long-term from (months)"),
    description: localized("欠费达到此月数即为长期拖欠", "Months overdue from which an owner is long-term"),
    ...wholeNumber(2, 120),
  },
  {
    key: "lateCountThreshold",
    label: localized("近12个月逾期次数", "Late months in the last 12"),
    description: localized(
      "近 12 个月逾期或欠缴达到此次数，即使已缴清也算经常拖欠",
      "Late or missed months in the last 12 that make even a paid-up owner often late",
    ),
    ...wholeNumber(1, 12),
  },
  {
    key: "limitationRiskMonths",
    label: localized("时效风险（月）", "Limitation risk after (months)"),
    description: localized(
      "最早欠费月份距今超过此月数即提示诉讼时效风险（3年时效，民法典第188条）",
      "Flag the 3-year limitation (Civil Code art. 188) when the oldest unpaid month is older than this",
    ),
    ...wholeNumber(6, 36),
  },
  {
    key: "bulletinMinMonths",
    label: localized("欠费公示起点（月）", "Arrears list from (months)"),
    description: localized(
      "欠费达到此月数才列入欠费公示",
      "Months overdue from which a household is on the arrears list",
    ),
    ...wholeNumber(1, 120),
  },
  {
    key: "maskMode",
    label: localized("公示姓名方式", "Names on the bulletin"),
    description: localized(
      "仅房号（默认，最稳妥）、姓名打码（张**），或同意者全名（仅对“同意公示”的住户）；从不公示电话",
      "rooms only (default, safest), masked names (Z**), or full names with consent " +
        "(only households whose consent is recorded); phones never",
    ),
    ...choice(MASK_CHOICES),
  },
  {
    key: "excludeDisputed",
    label: localized("公示时排除纠纷户", "Leave disputed households off"),
    description: localized(
      "有服务纠纷的住户不列入欠费公示",
      "Households with a service dispute stay off the arrears list",
    ),
    ...choice(BOOL_CHOICES),
  },
  {
    key: "excludeHardship",
    label: localized("公示时排除困难户", "Leave hardship households off"),
    description: localized(
      "经济困难的住户不列入欠费公示，本轮改为协商分期",
      "Households in hardship stay off the arrears list; the round offers them instalments",
    ),
    ...choice(BOOL_CHOICES),
  },
  {
    key: "lateFeeRatePerDay",
    label: localized("滞纳金日费率", "Late fee per day"),
    description: localized(
      "仅当填写“合同违约金条款”时，第 6 次提醒起按各月欠费计收，如 0.03%（万分之三/日）；应与合同约定一致",
      "Only with a late-fee clause: charged on each unpaid month from the 6th reminder, " +
        "e.g. 0.03% a day, as the contract says",
    ),
    read: (cell) => {
      const rate = parseDailyRate(cell);
      return rate === null
        ? {
            problem: localized(
              "应为 0%–1% 的日费率，如 0.03%",
              "should be a daily rate from 0% to 1%, e.g. 0.03%",
            ),
          }
        : { value: rate };
    },
    show: (value) => `${Math.round((value as number) * 1_000_000) / 10_000}%`,
  },
  {
    key: "noticeIntervalDays",
    label: localized("通知间隔（天）", "Days between notices"),
    description: localized(
      "十次提醒通知之间相隔的天数（3–4 天）",
      "Days between the ten reminder notices (3–4)",
    ),
    ...wholeNumber(1, 30),
  },
  {
    key: "demandDays",
    label: localized("催告期限（天）", "Days to pay after a demand"),
    description: localized(
      "致业主书、催告函和律师函给业主的缴费期限（民法典第944条：合理期限）",
      "The time the open letter, formal demand and lawyer's letter give to pay " +
        "(Civil Code art. 944: a reasonable period)",
    ),
    ...wholeNumber(7, 60),
  },
  {
    key: "serviceAddress",
    label: localized("服务中心地址", "Service-centre address"),
    description: localized(
      "物业服务中心的地址，印在通知上，也是 EMS 寄件地址",
      "The service centre's address, printed on notices and used as the EMS sender",
    ),
    ...text,
  },
  {
    key: "paymentInfo",
    label: localized("缴费方式", "How to pay"),
    description: localized(
      "印在每份通知上的缴费方式，如“请到物业服务中心缴纳，或通过微信、支付宝缴费”",
      "How and where to pay, printed on every notice",
    ),
    ...text,
  },
  {
    key: "lawFirm",
    label: localized("律师事务所", "Law firm"),
    description: localized(
      "出具律师函的律师事务所名称；律师函须由律师审核签署后发出",
      "The law firm that signs the lawyer's letter; a lawyer must review and sign it before it is sent",
    ),
    ...text,
  },
  {
    key: "firstReminderDays",
    label: localized("首次提醒期限（天）", "Days the first reminder gives"),
    description: localized(
      "第1次提醒给业主的缴费期限（7–10 天）；截止日期遇周末或法定节假日顺延",
      "Days the first reminder gives to pay (7–10); a deadline on a weekend or " +
        "public holiday moves to the next working day",
    ),
    ...wholeNumber(7, 10),
  },
  {
    key: "legalMinMonths",
    label: localized("催告函起点（月）", "Legal steps from (months)"),
    description: localized(
      "欠费达到此月数且达到起点金额，才发致业主书、催告函和律师函；不足者继续电话、短信提醒",
      "Months overdue (with the amount below) before the open letter, formal demand " +
        "or lawyer's letter; below, reminders only",
    ),
    ...wholeNumber(1, 60),
  },
  {
    key: "legalMinAmount",
    label: localized("催告函起点金额（元）", "Legal steps from (yuan)"),
    description: localized(
      "欠费金额达到此数才发致业主书、催告函和律师函；也可填“一个季度”（按该户三个月物业费）",
      "Amount overdue before the open letter, formal demand or lawyer's letter; " +
        `or "quarter" (three months of the household's fee)`,
    ),
    ...yuanOrQuarter(),
  },
  {
    key: "lateFeeClause",
    label: localized("合同违约金条款", "Late-fee clause of the contract"),
    description: localized(
      "物业服务合同中约定违约金（滞纳金）的条款，如“物业服务合同第十二条”；" +
        "留空则不计违约金。费率见“滞纳金日费率”",
      'The service contract\'s late-fee clause, e.g. "service contract art. 12"; blank: no late fee. The rate is the late fee per day',
    ),
    ...text,
  },
  {
    key: "companyName",
    label: localized("物业服务企业", "Property-service company"),
    description: localized(
      "签发通知的物业服务企业全称（合同主体），印在每份通知的落款",
      "The company's legal name, which signs every notice",
    ),
    ...text,
  },
  {
    key: "serviceCentre",
    label: localized("服务中心名称", "Service centre"),
    description: localized("服务中心名称；留空为“小区名称＋物业服务中心”", "The service centre's name"),
    ...text,
  },
  {
    key: "estateAddress",
    label: localized("小区地址", "Estate address"),
    description: localized(
      "小区的邮寄地址；邮寄清单在其后加房号（表中有通讯地址的用通讯地址）",
      "The estate's postal address; the mailing list adds the room (or uses the owner's own mailing address)",
    ),
    ...text,
  },
  {
    key: "instalmentCount",
    label: localized("分期期数", "Instalments"),
    description: localized(
      `经济困难户分期还款协议的期数（${INSTALMENT_RULES.settingMin}–${INSTALMENT_RULES.settingMax} 期，按月）；` +
        "单次运行可用 --instalments 另定",
      `Monthly instalments in a hardship repayment plan (${INSTALMENT_RULES.settingMin}–` +
        `${INSTALMENT_RULES.settingMax}); one run may set another count (--instalments)`,
    ),
    ...wholeNumber(INSTALMENT_RULES.settingMin, INSTALMENT_RULES.settingMax),
  },
  {
    key: "instalmentDueDay",
    label: localized("分期还款日", "Instalment due day"),
    description: localized(
      "每期的还款日（每月几号，1–28）；遇周末或法定节假日顺延",
      "The day of the month each instalment falls due (1–28); a weekend or public holiday moves it on",
    ),
    ...wholeNumber(1, 28),
  },
  {
    key: "instalmentWaiveLateFee",
    label: localized("分期免收违约金", "Waive the late fee on instalments"),
    description: localized(
      "按期履行分期协议的，免收违约金（是/否）；协议终止的，免除失效",
      "Waive the late fee while the instalments are kept (yes/no); the waiver lapses if the plan is broken",
    ),
    ...choice(BOOL_CHOICES),
  },
  {
    key: "language",
    label: localized("语言", "Language"),
    description: localized(
      "输出表格和通知的语言：zh-CN 或 en-US",
      "Language of the output sheets and notices: zh-CN or en-US",
    ),
    ...choice(LANG_CHOICES),
  },
  {
    key: "serviceManager",
    label: localized("服务中心负责人", "Service-centre manager"),
    description: localized(
      "服务中心负责人姓名，与服务中心一同署名新年贺卡和温馨提醒；留空则留横线手写",
      "The service centre's manager, who signs the New Year card and the friendly reminder; blank: a line to sign",
    ),
    ...text,
  },
  {
    key: "court",
    label: localized("受理法院", "Court"),
    description: localized(
      "物业服务合同纠纷的管辖法院（一般为物业所在地基层人民法院），如“杭州市西湖区人民法院”，印在起诉状草稿上；留空则留横线",
      "The court for property-service fee claims (usually the local basic people's court), printed on the draft " +
        "statement of claim; blank: a line to fill in",
    ),
    ...text,
  },
];

export interface SettingsReading {
  readonly settings: Settings;
  /** Bad values, each naming the setting; the default was kept for each. */
  readonly problems: readonly Localized[];
  /** The same problems by setting, shown beside the setting when the sheet is rewritten. */
  readonly problemsByKey: Partial<Record<SettingKey, Localized>>;
  /** True when a settings sheet was found. */
  readonly found: boolean;
}

/** Finds the settings sheet (either language's name) among a workbook's sheets. */
export function findSettingsSheet(sheets: readonly SheetGrid[]): SheetGrid | undefined {
  const names = OUTPUT_SHEETS.settings;
  return sheets.find((s) => s.name === names["zh-CN"] || s.name === names["en-US"]);
}

/**
 * Reads the settings from the sheet: any row whose cell holds a setting's name (in either language) takes the
 * next cell as its value. Settings not on the sheet keep their defaults.
 */
export function readSettings(sheet: SheetGrid | undefined): SettingsReading {
  if (!sheet) return { settings: DEFAULT_SETTINGS, problems: [], problemsByKey: {}, found: false };
  const values: Partial<Record<SettingKey, Settings[SettingKey]>> = {};
  const problems: Localized[] = [];
  const problemsByKey: Partial<Record<SettingKey, Localized>> = {};
  const byLabel = new Map<string, SettingDef>();
  for (const def of SETTING_DEFS) {
    byLabel.set(normalizeKey(def.label["zh-CN"]), def);
    byLabel.set(normalizeKey(def.label["en-US"]), def);
    byLabel.set(normalizeKey(def.key), def);
    for (const alias of def.aliases ?? []) byLabel.set(normalizeKey(alias), def);
  }
  sheet.rows.forEach((row, r) => {
    const at = row.findIndex((cell) => byLabel.has(normalizeKey(cellText(cell))));
    if (at < 0) return;
    const def = byLabel.get(normalizeKey(cellText(row[at]))) as SettingDef;
    const cell = row[at + 1] ?? null;
    const read = def.read(cell);
    if ("value" in read) {
      values[def.key] = read.value;
      return;
    }
    const shown = describeCell(cell);
    const fallback = String(def.show(DEFAULT_SETTINGS[def.key], "zh-CN") ?? "");
    const fallbackEn = String(def.show(DEFAULT_SETTINGS[def.key], "en-US") ?? "(blank)");
    problemsByKey[def.key] = localized(
      `原值“${shown}”无效（${read.problem["zh-CN"]}），已用默认值`,
      `"${shown}" is not valid (${read.problem["en-US"]}); the default is used`,
    );
    problems.push(
      localized(
        `工作表“${sheet.name}”第 ${sheet.firstRow + r} 行，设置“${def.label["zh-CN"]}”的值“${shown}”无效（${read.problem["zh-CN"]}），` +
          `已使用默认值 ${fallback || "（空）"}`,
        `sheet "${sheet.name}" row ${sheet.firstRow + r}: setting "${def.label["en-US"]}" ` +
          `has the value "${shown}", which is not valid (${read.problem["en-US"]}); ` +
          `the default ${fallbackEn} is used`,
      ),
    );
  });
  // Each value came from its own setting's reader, so it has that setting's type.
  let settings = { ...DEFAULT_SETTINGS, ...values } as Settings;
  if (settings.frequentMonths >= settings.longTermMonths) {
    problems.push(
      localized(
        `“经常拖欠起点”（${settings.frequentMonths}）应小于“长期拖欠起点”（${settings.longTermMonths}），` +
          `已使用默认值 ${DEFAULT_SETTINGS.frequentMonths} 和 ${DEFAULT_SETTINGS.longTermMonths}`,
        `"Often late from" (${settings.frequentMonths}) must be below "Long-term ` +
          `from" (${settings.longTermMonths}); the defaults ${DEFAULT_SETTINGS.frequentMonths} ` +
          `and ${DEFAULT_SETTINGS.longTermMonths} are used`,
      ),
    );
    settings = {
      ...settings,
      frequentMonths: DEFAULT_SETTINGS.frequentMonths,
      longTermMonths: DEFAULT_SETTINGS.longTermMonths,
    };
  }
  return { settings, problems, problemsByKey, found: true };
}

/** The 催缴设置 sheet: setting, value, what it means. Written with the values in force, read back on every run. */
export function settingsSheet(
  settings: Settings,
  lang: Lang,
  problemsByKey: Partial<Record<SettingKey, Localized>> = {},
): OutputSheet {
  const say = speaker(lang);
  return singleTableSheet(
    OUTPUT_SHEETS.settings[lang],
    say("催缴设置", "Settings"),
    say(
      "在“值”一列修改设置，下次运行时生效；团队共用此工作簿时共用这些设置。无效的值会被报告并使用默认值。",
      "Change a setting in the Value column; it applies on the next run, for everyone sharing this workbook. " +
        "Invalid values are reported and the default is used.",
    ),
    {
      id: "settings",
      name: "ArrearsSettings",
      columns: [
        { header: say("设置项", "Setting"), format: "text" },
        { header: say("值", "Value"), format: "text" },
        { header: say("说明", "Description"), format: "text", wrap: true },
        { header: say("检查", "Check"), format: "text", wrap: true },
      ],
      rows: SETTING_DEFS.map((def) => [
        def.label[lang],
        def.show(settings[def.key], lang),
        def.description[lang],
        problemsByKey[def.key]?.[lang] ?? null,
      ]),
      emptyText: "",
    },
    [26, 18, 60, 30],
  );
}

export function classifySettingsOf(settings: Settings): ClassifySettings {
  return {
    ...DEFAULT_CLASSIFY_SETTINGS,
    frequentMonths: settings.frequentMonths,
    longTermMonths: settings.longTermMonths,
    lateCountThreshold: settings.lateCountThreshold,
    limitationRiskMonths: settings.limitationRiskMonths,
    legalMinMonths: settings.legalMinMonths,
    legalMinAmount: settings.legalMinAmount,
  };
}
