import { KINDS, KIND_LABELS, Kind } from "../classify/kinds";
import { Settings } from "../settings/settings";
import { Lang, Localized, localized, speaker } from "../text";
import { StageGroup } from "./stages";
import { serviceCentreName } from "./notices";
import { TeamTextRow, TeamTextSpec, TeamTextsReading, fillNamed } from "./team-texts";
import { OUTPUT_SHEETS } from "../output";

/** The stage bands a phone script follows: the tone climbs with the ladder [C 3]. */
export const SCRIPT_BANDS = ["reminder", "openLetter", "demand", "lawyer"] as const;
export type ScriptBand = (typeof SCRIPT_BANDS)[number];

export const BAND_LABELS: Readonly<Record<ScriptBand, Localized>> = {
  reminder: localized("第1–10次提醒", "Reminders 1–10"),
  openLetter: localized("致业主书", "Open letter"),
  demand: localized("催告函", "Formal demand"),
  lawyer: localized("律师函", "Lawyer's letter"),
};

/** Which band a stage's notice is followed up in (the instalment offer and follow-ups call as reminders do). */
export const BAND_OF_GROUP: Readonly<Record<StageGroup, ScriptBand | null>> = {
  reminder: "reminder",
  openLetter: "openLetter",
  demand: "demand",
  lawyer: "lawyer",
  instalment: "reminder",
  followUp: "reminder",
  thanks: null,
};

/** The bands each kind of owner can reach [D]: an owner who pays on time only ever gets a gentle reminder. */
export const BANDS_OF_KIND: Readonly<Record<Kind, readonly ScriptBand[]>> = {
  timely: ["reminder"],
  frequent: ["reminder", "openLetter", "demand"],
  longTerm: ["reminder", "openLetter", "demand", "lawyer"],
  malicious: ["reminder", "openLetter", "demand", "lawyer"],
};

/** The objections collectors meet most [B, C, D], each with its answer and what to log. */
export const OBJECTIONS = ["service", "developer", "hardship", "noNotice", "neighbour", "whatIf"] as const;
export type Objection = (typeof OBJECTIONS)[number];

export const SCRIPT_PLACEHOLDERS = {
  owner: "业主",
  room: "房号",
  amount: "欠费金额",
  months: "月数",
  period: "欠费期间",
  asOf: "计至日期",
  deadline: "截止日期",
  promisedDate: "承诺日期",
  servicePhone: "客服电话",
  serviceCentre: "服务中心",
  payment: "缴费方式",
  estate: "小区",
} as const;

const SECTION = {
  opening: localized("开场", "Opening"),
  amount: localized("说明欠费", "The amount"),
  objection: localized("业主异议", "Objection"),
  closing: localized("结束：约定日期", "Closing: a date"),
};

// prettier-ignore
const OPENINGS: Readonly<Record<Kind, readonly [string, string]>> = {
  timely: [
    "您好，请问是{房号}的{业主}吗？我是{服务中心}的客服，耽误您一分钟。一直以来感谢您按时缴费、支持我们的工作。",
    "Hello, is that {owner} of unit {room}? This is customer service at {serviceCentre}; one minute of your time, please. Thank you for always paying on time and supporting our work.",
  ],
  frequent: [
    "您好，请问是{房号}的{业主}吗？我是{服务中心}的客服。打扰您了，想跟您核对一下物业费的情况，也看看有什么我们能帮上忙的。",
    "Hello, is that {owner} of unit {room}? This is customer service at {serviceCentre}. Sorry to disturb you: I'd like to check your property fee with you, and see whether there is anything we can help with.",
  ],
  longTerm: [
    "您好，{业主}，我是{服务中心}的客服。您家{房号}的物业费已经欠了一段时间，今天想跟您认真沟通一下，也想听听您有什么困难或意见。",
    "Hello {owner}, this is customer service at {serviceCentre}. The property fee for unit {room} has been unpaid for some time; I'd like to talk it through with you today, and hear about any difficulty or complaint you have.",
  ],
  malicious: [
    "您好，{业主}，我是{服务中心}的客服，本次通话会做记录。关于{房号}的物业费，我们已多次通知，今天再跟您确认一次缴费安排。",
    "Hello {owner}, this is customer service at {serviceCentre}; this call is logged. We have written to you several times about the fee for unit {room}; I'm calling to agree with you when it will be paid.",
  ],
};

// prettier-ignore
const AMOUNTS: Readonly<Record<ScriptBand, readonly [string, string]>> = {
  reminder: [
    "经核对，截至{计至日期}，您家有{欠费期间}的物业费共{欠费金额}（{月数}个月）还没缴，可能是您忙忘了。请在{截止日期}前缴纳。",
    "As of {asOf}, the property fee for {period} is unpaid: {amount} ({months}); perhaps you have been busy. Please pay by {deadline}.",
  ],
  openLetter: [
    "我们已给您送达《致业主的一封信》：您家欠缴物业费{欠费金额}（{月数}个月）。请在{截止日期}前缴清；逾期仍未缴纳的，公司将发出书面催告函。",
    "We have sent you an open letter: your unit owes {amount} in property fees ({months}). Please pay by {deadline}; if it is still unpaid, the company will send a formal written demand.",
  ],
  demand: [
    "我们已通过 EMS 给您寄出书面催告函：欠费{欠费金额}（{欠费期间}），请在{截止日期}前缴清。依照民法典第944条，逾期仍不缴纳的，公司将依法起诉或申请仲裁。",
    "We have sent you a formal demand by EMS: {amount} ({period}), to be paid by {deadline}. Under article 944 of the Civil Code, if it is still unpaid the company will sue or apply for arbitration.",
  ],
  lawyer: [
    "公司委托的律师事务所已给您发出律师函，欠费{欠费金额}。在{截止日期}前缴清，就不必走诉讼程序，也免得增加诉讼费用。",
    "The company's law firm has sent you a lawyer's letter about the {amount} owed. If it is paid by {deadline}, there is no need for a lawsuit and its costs.",
  ],
};

// prettier-ignore
const OBJECTION_TEXTS: Readonly<Record<Objection, { readonly label: Localized; readonly zh: string; readonly en: string }>> = {
  service: {
    label: localized("“服务不好 / 问题没解决”", "\"Your service is poor / my problem was never fixed\""),
    zh: "谢谢您告诉我们。请您具体说一下是什么问题，我马上登记为服务纠纷，转给服务中心负责人跟进，处理结果会回复您；问题解决之前，我们暂停对您这一户的催缴。（催缴记录：结果“服务纠纷”，备注写明问题）",
    en: "Thank you for telling us. Please tell me exactly what the problem is: I'll log it as a service dispute and hand it to the service-centre manager, who will come back to you; until it is solved we stop chasing the fee. (Record: result \"dispute\", the problem in the note)",
  },
  developer: {
    label: localized("“开发商把问题修好了再交”", "\"I'll pay when the developer fixes …\""),
    zh: "房屋质量和开发商保修是另一件事，我帮您登记下来，转给开发商和相关部门跟进，进展告诉您。物业费是保洁、安保、设施维护等服务的费用，两件事分开处理：维修我们帮您盯着，物业费还请按时缴纳。（催缴记录：备注写明报修事项）",
    en: "The building's defects and the developer's warranty are a separate matter: I'll log it and pass it to the developer and the departments concerned, and keep you told. The property fee pays for cleaning, security and upkeep; let's keep the two apart — we'll chase the repair for you, and ask you to pay the fee. (Record: the repair in the note)",
  },
  hardship: {
    label: localized("“最近手头紧，交不起”", "\"Money is tight right now\""),
    zh: "理解您的难处。我们可以协商分期或缓交，签一份书面还款计划，比如分 3 到 6 个月，每月交一部分。您看每月多少合适？（催缴记录：结果“同意分期”，承诺日期写第一期）",
    en: "I understand. We can agree instalments or a deferral in a written repayment plan, for example over 3 to 6 months, part each month. How much a month would suit you? (Record: result \"agreed instalments\", the first instalment's date as the promised date)",
  },
  noNotice: {
    label: localized("“从没收到过通知”", "\"I never got a notice\""),
    zh: "抱歉，可能通知没有送到。我现在把欠费明细告诉您：{欠费期间}，共{欠费金额}；也可以给您补发一份书面通知。请帮我核对一下您的联系地址和电话。（核实后在催缴记录中登记“地址已核实”）",
    en: "I'm sorry: the notice may not have reached you. Here is what is owed: {period}, {amount} in all; we can send you a written notice again. Could you check your address and phone with me? (Once checked, log \"address checked\")",
  },
  neighbour: {
    label: localized("“邻居也不交，我为什么要交”", "\"The neighbour doesn't pay either\""),
    zh: "每户的物业费都是各自的义务，欠费的业主我们都在同样催缴，一视同仁，也不会公开别人的个人信息。按时缴费的业主是在为整个小区付出，我们也不会因为别人欠费降低对您的服务。",
    en: "Each household's fee is its own duty; we chase every owner in arrears the same way, and never disclose anyone's details. Owners who pay on time keep the estate running for everyone, and your service will not suffer for anyone else's arrears.",
  },
  whatIf: {
    label: localized("“不交又能怎样”", "\"And if I don't pay?\""),
    zh: "我们只会依法催告；逾期仍不缴纳的，公司会通过诉讼或仲裁追缴，诉讼费用也可能由欠费方承担。水、电、暖、气是您的基本生活保障，物业绝不会以此催缴。",
    en: "We will only proceed by law: a formal demand, then a lawsuit or arbitration, whose costs may fall on the owner who owes. Water, power, heating and gas are basic needs, and we will never use them to collect a fee.",
  },
};

// prettier-ignore
const CLOSINGS: Readonly<Record<ScriptBand, readonly [string, string]>> = {
  reminder: [
    "那我们约定一下：您哪天方便缴纳？……好的，我记下了：{承诺日期}前缴纳，{缴费方式}。到时我再跟您确认，谢谢您的支持！（催缴记录：结果“承诺缴费”，承诺日期）",
    "Shall we agree a date? When can you pay? … Fine, I've noted it: by {promisedDate}. {payment}. I'll check with you then; thank you for your support! (Record: result \"promised\", the promised date)",
  ],
  openLetter: [
    "请您给我一个确定的缴费日期。……好的，{承诺日期}前缴清，我记录在案。{缴费方式}。如果到期有变化，请提前致电{客服电话}。（催缴记录：结果“承诺缴费”，承诺日期）",
    "Please give me a firm date. … Fine: paid in full by {promisedDate}; I have logged it. {payment}. If anything changes, call {servicePhone} before then. (Record: result \"promised\", the promised date)",
  ],
  demand: [
    "催告期限是{截止日期}。您能在哪天前缴清？……好的，{承诺日期}，我记录在案。期限内缴清就不必走法律程序。（催缴记录：结果“承诺缴费”，承诺日期）",
    "The demand's deadline is {deadline}. By what date will you pay in full? … Fine, {promisedDate}; it is logged. Paid by the deadline, there is no need for legal action. (Record: result \"promised\", the promised date)",
  ],
  lawyer: [
    "请在{截止日期}前缴清或到服务中心协商还款计划。您确定哪天缴纳？……好的，{承诺日期}，我记录在案并告知律师。（催缴记录：结果“承诺缴费”，承诺日期）",
    "Please pay by {deadline}, or come to the service centre to agree a repayment plan. Which day will you pay? … Fine, {promisedDate}; it is logged and the lawyer will be told. (Record: result \"promised\", the promised date)",
  ],
};

const ZH_FIELD = {
  id: "zh",
  header: localized("中文", "Chinese (zh-CN)"),
  lang: "zh-CN" as const,
  width: 60,
};
const EN_FIELD = {
  id: "en",
  header: localized("英文", "English (en-US)"),
  lang: "en-US" as const,
  width: 60,
};

function row(id: string, section: Localized, scope: Localized, zh: string, en: string): TeamTextRow {
  return { id, labels: [section, scope], texts: { zh, en } };
}

// prettier-ignore
export const SCRIPT_SPEC: TeamTextSpec = {
  sheetNames: OUTPUT_SHEETS.scripts,
  title: localized("催缴话术", "Phone scripts"),
  note: localized(
    "电话和上门催缴时的说法：开场按业主类型，说明欠费和结束语按阶段，业主异议的回答通用。在“中文”“英文”两列修改，下次运行时生效；留空即用默认文本。不得以停水、停电、停暖、停气或限制公共设施相威胁（民法典第944条）。",
    "What collectors say on the phone and at the door: the opening by kind of owner, the amount and the closing by stage, the answers to objections for all. Edit the Chinese and English columns; it applies on the next run, and a blank cell means the default. Never threaten to cut water, power, heat or gas or to restrict facilities (Civil Code art. 944).",
  ),
  tableName: "PhoneScripts",
  labelHeaders: [
    { header: localized("环节", "Part"), width: 14 },
    { header: localized("适用", "For"), width: 22 },
  ],
  fields: [ZH_FIELD, EN_FIELD],
  rows: [
    ...KINDS.map((k) => row(`opening.${k}`, SECTION.opening, KIND_LABELS[k], ...OPENINGS[k])),
    ...SCRIPT_BANDS.map((b) => row(`amount.${b}`, SECTION.amount, BAND_LABELS[b], ...AMOUNTS[b])),
    ...OBJECTIONS.map((o) => row(`objection.${o}`, SECTION.objection, OBJECTION_TEXTS[o].label, OBJECTION_TEXTS[o].zh, OBJECTION_TEXTS[o].en)),
    ...SCRIPT_BANDS.map((b) => row(`closing.${b}`, SECTION.closing, BAND_LABELS[b], ...CLOSINGS[b])),
  ],
  placeholders: SCRIPT_PLACEHOLDERS,
};

/** The fee questions owners ask and the documents answer [B, C]. */
export const FAQ_TOPICS = ["covers", "calculation", "where", "vacant", "disputes", "lateFee"] as const;
export type FaqTopic = (typeof FAQ_TOPICS)[number];

export const FAQ_PLACEHOLDERS = {
  estate: "小区",
  servicePhone: "客服电话",
  serviceAddress: "服务中心地址",
  serviceCentre: "服务中心",
  payment: "缴费方式",
  company: "物业服务企业",
} as const;

// prettier-ignore
const FAQ_TEXTS: Readonly<Record<FaqTopic, readonly [string, string, string, string]>> = {
  covers: [
    "物业费包含哪些服务？",
    "物业费用于小区公共区域的保洁、秩序维护（安保）、绿化养护，电梯、消防、供水加压等共用设施设备的日常运行和维修养护，以及物业服务中心的管理服务，具体以《物业服务合同》约定为准。",
    "What does the property fee pay for?",
    "Cleaning of the common areas, security, gardens, the running and upkeep of shared equipment (lifts, fire safety, water pumps) and the service centre's management, as the property-service contract sets out.",
  ],
  calculation: [
    "物业费怎么计算？",
    "按房屋建筑面积 × 合同约定的单价（元/平方米·月）按月计收。例如 100 平方米 × 2.50 元 = 每月 250 元；欠费是每个未缴月份的物业费之和。",
    "How is the fee calculated?",
    "The flat's floor area × the contract's rate (yuan per square metre per month), billed monthly. For example 100 m² × ¥2.50 = ¥250 a month; what is owed is the sum of the unpaid months.",
  ],
  where: [
    "在哪里缴费？",
    "{缴费方式}。也可到{服务中心}（{服务中心地址}）缴纳，咨询电话{客服电话}。",
    "Where can I pay?",
    "{payment}. You can also pay at {serviceCentre} ({serviceAddress}); questions: {servicePhone}.",
  ],
  vacant: [
    "房子空着也要交物业费吗？",
    "要交。依照民法典第944条，业主不得以未接受或无需接受服务为由拒绝缴纳；空置房屋能否减收，按合同和当地规定办理，请带房屋空置证明到服务中心咨询。",
    "Do I pay for a vacant flat?",
    "Yes. Under article 944 of the Civil Code an owner may not refuse the fee because a service was not used; whether a vacant flat pays less depends on the contract and local rules — bring proof of vacancy to the service centre.",
  ],
  disputes: [
    "对服务有意见或对金额有异议怎么办？",
    "请告诉我们具体问题，我们登记为服务纠纷，由服务中心负责人跟进，解决之前暂停催缴。对金额有异议的，可到服务中心核对账目；重复收费、超过合同标准或未经授权的收费，您有权拒绝。",
    "What if I have a complaint, or dispute the amount?",
    "Tell us the problem: we log it as a service dispute, the service-centre manager follows it up, and we stop chasing the fee until it is solved. To dispute the amount, check the accounts with us at the service centre; you may refuse charges that are duplicated, above the contract's rate or never authorised.",
  ],
  lateFee: [
    "欠费会收滞纳金吗？",
    "只有《物业服务合同》约定了违约金条款的，才按合同约定的标准计收；合同没有约定的，不收取滞纳金。",
    "Will I be charged a late fee?",
    "Only if the property-service contract has a late-fee clause, and then only at its rate; without such a clause there is no late fee.",
  ],
};

const FAQ_TOPIC_LABELS: Readonly<Record<FaqTopic, Localized>> = {
  covers: localized("收费内容", "What it covers"),
  calculation: localized("计算方法", "Calculation"),
  where: localized("缴费地点", "Where to pay"),
  vacant: localized("空置房屋", "Vacant flats"),
  disputes: localized("异议和纠纷", "Disputes"),
  lateFee: localized("滞纳金", "Late fee"),
};

export const FAQ_SPEC: TeamTextSpec = {
  sheetNames: OUTPUT_SHEETS.faq,
  title: localized("收费答疑", "Fee Q&A"),
  note: localized(
    "业主常问的收费问题和回答，印在话术之后，也可张贴或发给业主。在问题和回答各列修改，下次运行时生效；留空即用默认文本。",
    "The questions owners ask about the fee, with answers: printed after the scripts, and for posting or sending. " +
      "Edit the question and answer columns; it applies on the next run, and a blank cell means the default.",
  ),
  tableName: "FeeQA",
  labelHeaders: [{ header: localized("主题", "Topic"), width: 12 }],
  fields: [
    { id: "qZh", header: localized("问题", "Question (zh-CN)"), lang: "zh-CN", width: 24 },
    { id: "aZh", header: localized("回答", "Answer (zh-CN)"), lang: "zh-CN", width: 56 },
    { id: "qEn", header: localized("问题（英文）", "Question"), lang: "en-US", width: 24 },
    { id: "aEn", header: localized("回答（英文）", "Answer"), lang: "en-US", width: 56 },
  ],
  rows: FAQ_TOPICS.map((t) => ({
    id: t,
    labels: [FAQ_TOPIC_LABELS[t]],
    texts: { qZh: FAQ_TEXTS[t][0], aZh: FAQ_TEXTS[t][1], qEn: FAQ_TEXTS[t][2], aEn: FAQ_TEXTS[t][3] },
  })),
  placeholders: FAQ_PLACEHOLDERS,
};

/** One kind's script for one band, in one language: what the printed scripts show. */
export interface PhoneScript {
  readonly kind: Kind;
  readonly band: ScriptBand;
  readonly heading: string;
  readonly opening: string;
  readonly amount: string;
  readonly objections: readonly { readonly label: string; readonly answer: string }[];
  readonly closing: string;
}

export interface ScriptBook {
  readonly lang: Lang;
  readonly title: string;
  readonly subtitle: string;
  readonly scripts: readonly PhoneScript[];
  readonly faqTitle: string;
  readonly faq: readonly { readonly question: string; readonly answer: string }[];
  /** A printed warning at the foot of every script: art. 944. */
  readonly rule: string;
}

/**
 * The scripts and the Q&A as printed: per kind, each band it can reach. The settings fill what they know (the
 * service centre, the phone, how to pay); the household's own figures stay as blanks 【欠费金额】 to fill from
 * the work list (催缴通知).
 */
export function scriptBook(
  scripts: TeamTextsReading,
  faq: TeamTextsReading,
  settings: Settings,
  lang: Lang,
): ScriptBook {
  const say = speaker(lang);
  const field = lang === "zh-CN" ? "zh" : "en";
  const known: Record<string, string> = {
    serviceCentre: serviceCentreName(settings, lang),
    servicePhone: settings.servicePhone || "________",
    serviceAddress: settings.serviceAddress || "________",
    payment:
      settings.paymentInfo.replace(/[。．.；;，,\s]+$/u, "") ||
      say("可到物业服务中心缴纳", "You can pay at the service centre"),
    estate: settings.estateName || say("本小区", "the estate"),
    company: settings.companyName || "________",
  };
  const blanks: Record<string, string> = Object.fromEntries(
    Object.entries(SCRIPT_PLACEHOLDERS).map(([en, zh]) => [en, say(`【${zh}】`, `[${en}]`)]),
  );
  const line = (id: string) =>
    fillNamed(scripts.texts.get(id)?.[field] ?? "", SCRIPT_PLACEHOLDERS, { ...blanks, ...known });
  const out: PhoneScript[] = [];
  for (const kind of KINDS)
    for (const band of BANDS_OF_KIND[kind])
      out.push({
        kind,
        band,
        heading: `${KIND_LABELS[kind][lang]} · ${BAND_LABELS[band][lang]}`,
        opening: line(`opening.${kind}`),
        amount: line(`amount.${band}`),
        objections: OBJECTIONS.map((o) => ({
          label: OBJECTION_TEXTS[o].label[lang],
          answer: line(`objection.${o}`),
        })),
        closing: line(`closing.${band}`),
      });
  const [q, a] = lang === "zh-CN" ? ["qZh", "aZh"] : ["qEn", "aEn"];
  return {
    lang,
    title: say("催缴话术", "Phone scripts"),
    subtitle: say(
      `${known.serviceCentre} · 【】处按催缴通知表中该户的数据填写`,
      `${known.serviceCentre} · fill the [ ] from the household's row in the notices sheet`,
    ),
    scripts: out,
    faqTitle: say("收费答疑", "Fee Q&A"),
    faq: FAQ_TOPICS.map((t) => ({
      question: fillNamed(faq.texts.get(t)?.[q] ?? "", FAQ_PLACEHOLDERS, known),
      answer: fillNamed(faq.texts.get(t)?.[a] ?? "", FAQ_PLACEHOLDERS, known),
    })),
    rule: say(
      "不得以停水、停电、停暖、停气或限制公共设施相威胁（民法典第944条）；不得泄露其他业主的信息。",
      "Never threaten to cut water, power, heat or gas or to restrict facilities (Civil Code art. 944); never " +
        "disclose another owner's details.",
    ),
  };
}

/** Objection labels, for tests and the pane. */
export const OBJECTION_LABELS: Readonly<Record<Objection, Localized>> = Object.fromEntries(
  OBJECTIONS.map((o) => [o, OBJECTION_TEXTS[o].label]),
) as Record<Objection, Localized>;
