import { CellValue, SheetGrid, columnLetter } from "../read/grid";
import { OUTPUT_SHEETS, OutputSheet } from "../output";
import { NOTICE_STAGES, NoticeStage, STAGE_NAMES, parseStage, stageLabel } from "./stages";
import { memoized } from "../memo";
import { Lang, Localized, localized, normalizeKey, speaker } from "../text";
import { cellText } from "../read/values";

/** The values a template may name, each by a Chinese and an English placeholder: {业主} or {owner}. */
export const PLACEHOLDERS = {
  estate: "小区",
  owner: "业主",
  room: "房号",
  amount: "欠费金额",
  months: "月数",
  period: "欠费期间",
  asOf: "计至日期",
  lateFee: "滞纳金",
  total: "合计",
  deadline: "截止日期",
  servicePhone: "客服电话",
  serviceAddress: "服务中心地址",
  payment: "缴费方式",
  date: "日期",
  promisedDate: "承诺日期",
  lawFirm: "律师事务所",
  company: "物业服务企业",
  demandDelivery: "催告函送达",
  lateFeeClause: "违约金条款",
  lateFeeNote: "违约金说明",
  lateFeeWarning: "违约金预告",
  instalmentDue: "本期到期日",
  instalmentAmount: "本期金额",
  instalmentPlan: "分期计划",
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;
export type PlaceholderValues = Readonly<Record<Placeholder, string>>;

const PLACEHOLDER_BY_NAME = new Map<string, Placeholder>();
for (const [en, zh] of Object.entries(PLACEHOLDERS) as [Placeholder, string][]) {
  PLACEHOLDER_BY_NAME.set(normalizeKey(en), en);
  PLACEHOLDER_BY_NAME.set(normalizeKey(zh), en);
}

/** The words of one stage in one language. The body's paragraphs are separated by line breaks. */
export interface NoticeTemplate {
  readonly title: string;
  readonly body: string;
  readonly sms: string;
}

export type TemplateField = keyof NoticeTemplate;
export const TEMPLATE_FIELDS: readonly TemplateField[] = ["title", "body", "sms"];

export type TemplateSet = Readonly<Record<NoticeStage, Readonly<Record<Lang, NoticeTemplate>>>>;

/** A template cell that was not used, and why; the default text of that stage and field was used instead. */
export interface TemplateProblem {
  readonly stage: NoticeStage;
  readonly lang: Lang;
  readonly field: TemplateField;
  readonly sheet: string;
  /** Cell address, A1 style. */
  readonly cell: string;
  readonly message: Localized;
}

// The reminders climb from a gentle reminder to a final notice [C 3]; nothing in them threatens what art. 944
// forbids. Placeholders are filled per household; the facts table of each letter repeats the figures.
// prettier-ignore
const ZH: Readonly<Record<NoticeStage, NoticeTemplate>> = {
  1: {
    title: "物业费缴费温馨提示",
    body: "感谢您一直以来对{小区}物业服务工作的理解和支持。经核对，截至{计至日期}，您名下房屋（{房号}）尚有{欠费期间}的物业费共{欠费金额}（{月数}个月）未缴纳，也许是您工作繁忙未及办理。\n请您于{截止日期}前缴纳。{缴费方式}。如您已缴纳，请忽略本提示；如有疑问，欢迎致电{客服电话}。",
    sms: "{房号}业主：物业费{欠费金额}未缴，请于{截止日期}前缴纳，已缴请忽略。咨询{客服电话}",
  },
  2: {
    title: "物业费缴费提醒",
    body: "前次温馨提示发出后，我们仍未收到您房屋（{房号}）的物业费。截至{计至日期}，欠费共{欠费金额}（{月数}个月）。\n物业费是小区保洁、安保、绿化和设施维护的保障。请您于{截止日期}前缴纳。{缴费方式}。如有疑问，请致电{客服电话}。",
    sms: "{房号}业主您好：您的物业费{欠费金额}（{月数}个月）仍未缴纳，请于{截止日期}前缴纳。咨询{客服电话}",
  },
  3: {
    title: "物业费缴费提醒（第三次）",
    body: "这是我们第三次提醒您：您房屋（{房号}）截至{计至日期}的物业费{欠费金额}（{月数}个月）尚未缴纳。\n按时缴纳物业费是每位业主的义务，欠费会影响全体业主共同享有的服务。请您于{截止日期}前缴纳。{缴费方式}。",
    sms: "{房号}业主：第三次提醒，您的物业费{欠费金额}尚未缴纳，请于{截止日期}前缴纳。咨询{客服电话}",
  },
  4: {
    title: "物业费催缴通知",
    body: "您房屋（{房号}）的物业费经多次提醒仍未缴纳。截至{计至日期}，欠费共{欠费金额}（{欠费期间}，{月数}个月）。\n请您于{截止日期}前到物业服务中心或通过线上渠道缴纳。{缴费方式}。如您有困难或对服务有意见，请致电{客服电话}，我们愿意当面沟通解决。",
    sms: "{房号}业主：您的物业费{欠费金额}（{月数}个月）经多次提醒仍未缴，请于{截止日期}前缴纳。{客服电话}",
  },
  5: {
    title: "物业费催缴通知（第五次）",
    body: "截至{计至日期}，您房屋（{房号}）的物业费{欠费金额}（{月数}个月）仍未缴纳，这已是第五次通知。\n{违约金预告}请您务必于{截止日期}前缴清。{缴费方式}。咨询电话：{客服电话}。",
    sms: "{房号}业主：第五次通知，物业费{欠费金额}请于{截止日期}前缴清。{客服电话}",
  },
  6: {
    title: "物业费催缴通知（需签收）",
    body: "截至{计至日期}，您房屋（{房号}）的物业费{欠费金额}（{欠费期间}，{月数}个月）经五次通知仍未缴纳{违约金说明}。\n请于{截止日期}前缴清，并在下方回执签字后交回物业服务中心。{缴费方式}。",
    sms: "{房号}业主：物业费{欠费金额}已逾期，请于{截止日期}前缴清并签收通知。{客服电话}",
  },
  7: {
    title: "物业费再次催缴通知",
    body: "您房屋（{房号}）的物业费{欠费金额}（{月数}个月）至今未缴{违约金说明}。\n请您重视本通知，于{截止日期}前缴清，并签收回执。如有特殊困难，请致电{客服电话}协商还款安排。{缴费方式}。",
    sms: "{房号}业主：物业费合计{合计}至今未缴，请于{截止日期}前缴清，困难可协商。{客服电话}",
  },
  8: {
    title: "物业费严正催缴通知",
    body: "您房屋（{房号}）已欠缴物业费{欠费金额}（{欠费期间}，{月数}个月），经七次通知仍未缴纳{违约金说明}。\n欠费不缴影响全体业主的共同利益。请您于{截止日期}前缴清全部欠费，并签收回执。{缴费方式}。",
    sms: "{房号}业主：经七次通知物业费仍未缴，合计{合计}，请于{截止日期}前缴清。{客服电话}",
  },
  9: {
    title: "物业费催缴通知（第九次）",
    body: "您房屋（{房号}）的物业费{欠费金额}（{月数}个月）经八次通知仍未缴纳{违约金说明}。\n请您于{截止日期}前缴清。逾期仍未缴纳的，物业服务中心将向您发出《致业主书》和书面催告函。{缴费方式}。",
    sms: "{房号}业主：第九次通知，请于{截止日期}前缴清物业费合计{合计}，逾期将发书面催告。{客服电话}",
  },
  10: {
    title: "物业费最后催缴通知",
    body: "这是本轮第十次、也是最后一次催缴通知。截至{计至日期}，您房屋（{房号}）欠缴物业费{欠费金额}（{欠费期间}，{月数}个月）{违约金说明}。\n请您于{截止日期}前缴清。逾期仍未缴纳的，物业服务中心将依法书面催告，并保留通过诉讼或仲裁追缴的权利。{缴费方式}。",
    sms: "{房号}业主：最后一次催缴通知，请于{截止日期}前缴清物业费合计{合计}，逾期将依法追缴。{客服电话}",
  },
  11: {
    title: "致业主的一封信",
    body: "我们已多次提醒您缴纳物业费。截至{计至日期}，您房屋（{房号}）欠缴物业费{欠费金额}（{欠费期间}，{月数}个月）{违约金说明}。\n物业费是小区正常运转的基础，每一位按时缴费的业主都在为大家的家园付出。如您对我们的服务有意见，欢迎到服务中心（{服务中心地址}）当面沟通，我们会认真改进；但欠费本身不能作为解决问题的方式。\n请您于{截止日期}前缴清。{缴费方式}。逾期仍未缴纳的，我们将发出书面催告函，并依法通过诉讼或仲裁追缴。",
    sms: "{房号}业主：我们已致信于您，请于{截止日期}前缴清物业费合计{合计}。{客服电话}",
  },
  12: {
    title: "物业费催告函",
    body: "您为{小区}{房号}房屋的业主。截至{计至日期}，您欠缴物业费{欠费金额}（{欠费期间}，共{月数}个月）{违约金说明}。上述费用已逾期，您至今未缴纳。\n依据《中华人民共和国民法典》第九百四十四条及《物业服务合同》约定，现正式催告您于{截止日期}前缴清上述款项。{缴费方式}。\n合理期限届满仍不缴纳的，本中心将依法提起诉讼或申请仲裁，请您慎重对待。如有异议，请于期限内持相关材料到服务中心（{服务中心地址}）说明，咨询电话：{客服电话}。",
    sms: "{房号}业主：催告函已EMS寄出，请于{截止日期}前缴清{合计}。{客服电话}",
  },
  13: {
    title: "律师函",
    body: "{律师事务所}接受{物业服务企业}的委托，就您欠缴物业费一事致函如下。\n您为{小区}{房号}房屋的业主。截至{计至日期}，您欠缴物业费{欠费金额}（{欠费期间}，共{月数}个月）{违约金说明}。{催告函送达}，您仍未缴纳。\n依据《中华人民共和国民法典》第九百四十四条，请您于{截止日期}前缴清上述款项。{缴费方式}。逾期仍未缴纳的，本所将代理委托人依法提起诉讼，由此产生的诉讼费等费用依法由您承担。如有异议，请于期限内联系委托人，咨询电话：{客服电话}。",
    sms: "{房号}业主：律师函已EMS寄出，请于{截止日期}前缴清{合计}，逾期将依法起诉。{客服电话}",
  },
  thanks: {
    title: "缴费致谢",
    body: "感谢您按时缴纳物业费，支持{小区}物业服务工作！按时缴费让小区的保洁、安保和设施维护得以正常运转。\n如需开具票据或有任何需要，欢迎致电{客服电话}。",
    sms: "{业主}您好：感谢您按时缴纳物业费，支持{小区}物业服务工作！如有需要请致电{客服电话}",
  },
  instalment: {
    title: "物业费分期缴纳协商函",
    body: "了解到您近期可能遇到一些困难，我们深表关切。截至{计至日期}，您房屋（{房号}）有物业费{欠费金额}（{月数}个月）未缴纳。\n为减轻您的负担，物业服务中心愿与您协商分期或缓交方案。请您于{截止日期}前致电{客服电话}或到服务中心（{服务中心地址}）面谈，协商一致后签订书面还款计划。",
    sms: "{房号}业主您好：如缴纳物业费有困难，可协商分期或缓交，请于{截止日期}前联系{客服电话}",
  },
  followUp: {
    title: "缴费承诺跟进",
    body: "您曾承诺于{承诺日期}前缴纳物业费，但截至今日我们尚未收到。截至{计至日期}，您房屋（{房号}）欠费{欠费金额}（{月数}个月）。\n请您尽快缴纳，或告知新的缴费时间。{缴费方式}。咨询电话：{客服电话}。",
    sms: "{房号}业主：您承诺{承诺日期}前缴纳的物业费{欠费金额}尚未收到，请尽快缴纳。{客服电话}",
  },
  instalmentReminder: {
    title: "分期还款提醒",
    body: "感谢您与我们签订分期还款协议（{分期计划}）。按协议应于{本期到期日}前缴纳的一期{本期金额}，截至今日我们尚未收到。\n请您于{截止日期}前补缴。按协议，再有一期逾期未缴，分期协议即告终止，将恢复正常催缴程序。{缴费方式}。如有困难，请致电{客服电话}。",
    sms: "{房号}业主：分期还款{本期到期日}应缴的{本期金额}尚未收到，请于{截止日期}前补缴。{客服电话}",
  },
};

// prettier-ignore
const EN: Readonly<Record<NoticeStage, NoticeTemplate>> = {
  1: {
    title: "A friendly reminder: property fee",
    body: "Thank you for your support of the property services of {estate}. As of {asOf}, the property fee for your unit ({room}) of {amount} ({months}, {period}) is still unpaid; perhaps you have been busy.\nPlease pay by {deadline}. {payment}. If you have already paid, please ignore this reminder; for any question, call {servicePhone}.",
    sms: "Unit {room}: {amount} property fee unpaid as of {asOf}. Please pay by {deadline}. Paid? Ignore this. {servicePhone}",
  },
  2: {
    title: "Property fee reminder",
    body: "Since our first reminder we have not received the property fee for your unit ({room}): {amount} ({months}) as of {asOf}.\nThe fee pays for cleaning, security, gardens and repairs. Please pay by {deadline}. {payment}. Questions: {servicePhone}.",
    sms: "Unit {room}: property fee {amount} ({months}) still unpaid. Please pay by {deadline}. {servicePhone}",
  },
  3: {
    title: "Property fee reminder (third)",
    body: "This is our third reminder: the property fee for your unit ({room}) of {amount} ({months}) as of {asOf} is unpaid.\nPaying on time is every owner's duty; arrears affect the services all owners share. Please pay by {deadline}. {payment}.",
    sms: "Unit {room}: third reminder, property fee {amount} unpaid. Please pay by {deadline}. {servicePhone}",
  },
  4: {
    title: "Notice of unpaid property fee",
    body: "Despite several reminders the property fee for your unit ({room}) is unpaid: {amount} ({period}, {months}) as of {asOf}.\nPlease pay by {deadline} at the service centre or online. {payment}. If you have a difficulty or a complaint about our service, call {servicePhone}: we will gladly talk it through.",
    sms: "Unit {room}: property fee {amount} ({months}) unpaid after several reminders. Pay by {deadline}. {servicePhone}",
  },
  5: {
    title: "Notice of unpaid property fee (fifth)",
    body: "As of {asOf} the property fee for your unit ({room}) of {amount} ({months}) is unpaid; this is our fifth notice.\n{lateFeeWarning}Please pay in full by {deadline}. {payment}. Questions: {servicePhone}.",
    sms: "Unit {room}: fifth notice. Please pay {amount} by {deadline}. {servicePhone}",
  },
  6: {
    title: "Notice of unpaid property fee (to be signed for)",
    body: "As of {asOf} the property fee for your unit ({room}) of {amount} ({period}, {months}) is unpaid after five notices{lateFeeNote}.\nPlease pay by {deadline} and sign the slip below and return it to the service centre. {payment}.",
    sms: "Unit {room}: fee {amount} overdue. Please pay by {deadline} and sign for the notice. {servicePhone}",
  },
  7: {
    title: "Notice of unpaid property fee (seventh)",
    body: "The property fee for your unit ({room}) of {amount} ({months}) is still unpaid{lateFeeNote}.\nPlease pay by {deadline} and sign the slip. If you are in difficulty, call {servicePhone} to agree a repayment plan. {payment}.",
    sms: "Unit {room}: {total} still unpaid. Please pay by {deadline}, or call us to agree a plan. {servicePhone}",
  },
  8: {
    title: "Serious notice of unpaid property fee",
    body: "Your unit ({room}) owes {amount} in property fees ({period}, {months}), unpaid after seven notices{lateFeeNote}.\nUnpaid fees harm the interests of all owners. Please pay everything by {deadline} and sign the slip. {payment}.",
    sms: "Unit {room}: after seven notices {total} is unpaid. Please pay by {deadline}. {servicePhone}",
  },
  9: {
    title: "Notice of unpaid property fee (ninth)",
    body: "The property fee for your unit ({room}) of {amount} ({months}) is unpaid after eight notices{lateFeeNote}.\nPlease pay by {deadline}. If it is still unpaid, the service centre will send you an open letter and a formal written demand. {payment}.",
    sms: "Unit {room}: ninth notice. Please pay {total} by {deadline}; a formal written demand follows. {servicePhone}",
  },
  10: {
    title: "Final notice",
    body: "This is the tenth and last notice of this round. As of {asOf} your unit ({room}) owes {amount} ({period}, {months}){lateFeeNote}.\nPlease pay by {deadline}. If it is still unpaid, the service centre will send a formal demand and reserves the right to recover the debt through the courts or arbitration. {payment}.",
    sms: "Unit {room}: last notice. Please pay {total} by {deadline}, or the debt will be recovered by law. {servicePhone}",
  },
  11: {
    title: "An open letter to owners with unpaid fees",
    body: "We have reminded you several times to pay the property fee. As of {asOf} your unit ({room}) owes {amount} ({period}, {months}){lateFeeNote}.\nThe fee keeps the estate running, and every owner who pays on time contributes to our shared home. If you are unhappy with our service, please come and talk to us at the service centre ({serviceAddress}); we will listen and improve, but withholding the fee is not the way to solve it.\nPlease pay by {deadline}. {payment}. If it is still unpaid we will send a formal demand and recover the debt through the courts or arbitration.",
    sms: "Unit {room}: we have written to you. Please pay {total} by {deadline}. {servicePhone}",
  },
  12: {
    title: "Formal demand for payment",
    body: "You are the owner of unit {room} of {estate}. As of {asOf} you owe {amount} in property fees ({period}, {months}){lateFeeNote}. These fees are overdue and remain unpaid.\nUnder article 944 of the Civil Code of the People's Republic of China and the contract, we formally demand that you pay the above by {deadline}. {payment}.\nIf it is not paid by then, we will sue or apply for arbitration. If you dispute this, please bring your documents to the service centre ({serviceAddress}) before the deadline, or call {servicePhone}.",
    sms: "Unit {room}: a formal demand has been sent by EMS. Please pay {total} by {deadline}. {servicePhone}",
  },
  13: {
    title: "Lawyer's letter",
    body: "{lawFirm} acts for {company} and writes to you about your unpaid property fees.\nYou are the owner of unit {room} of {estate}. As of {asOf} you owe {amount} in property fees ({period}, {months}){lateFeeNote}. {demandDelivery}; you have not paid.\nUnder article 944 of the Civil Code, please pay the above by {deadline}. {payment}. If it is not paid, we will sue on our client's behalf, and the costs of the action will be yours as the law provides. If you dispute this, contact our client before the deadline at {servicePhone}.",
    sms: "Unit {room}: a lawyer's letter has been sent by EMS. Please pay {total} by {deadline}. {servicePhone}",
  },
  thanks: {
    title: "Thank you",
    body: "Thank you for paying your property fee on time and supporting the services of {estate}! On-time payments keep the estate clean, safe and well kept.\nFor a receipt or anything else, call {servicePhone}.",
    sms: "Thank you for paying your property fee on time! {servicePhone}",
  },
  instalment: {
    title: "An offer to pay in instalments",
    body: "We understand you may be facing difficulties. As of {asOf} the property fee for your unit ({room}) of {amount} ({months}) is unpaid.\nTo ease the burden, the service centre is willing to agree instalments or a deferral with you. Please call {servicePhone} or visit the service centre ({serviceAddress}) by {deadline}; what we agree will be set down in a written repayment plan.",
    sms: "Unit {room}: if paying is hard, we can agree instalments or a deferral. Please call {servicePhone} by {deadline}.",
  },
  followUp: {
    title: "Following up your promise to pay",
    body: "You promised to pay the property fee by {promisedDate}, but we have not received it. As of {asOf} your unit ({room}) owes {amount} ({months}).\nPlease pay as soon as you can, or tell us a new date. {payment}. Questions: {servicePhone}.",
    sms: "Unit {room}: the fee of {amount} you promised by {promisedDate} has not arrived. Please pay soon. {servicePhone}",
  },
  instalmentReminder: {
    title: "Instalment reminder",
    body: "Thank you for agreeing a repayment plan with us ({instalmentPlan}). The instalment of {instalmentAmount} due by {instalmentDue} has not reached us.\nPlease pay it by {deadline}. Under the agreement, if another instalment is missed the plan ends and the usual collection steps resume. {payment}. If this is hard, call {servicePhone}.",
    sms: "Unit {room}: the instalment of {instalmentAmount} due {instalmentDue} has not arrived; please pay by {deadline}. {servicePhone}",
  },
};

export const DEFAULT_TEMPLATES: TemplateSet = Object.fromEntries(
  NOTICE_STAGES.map((s) => [s, { "zh-CN": ZH[s], "en-US": EN[s] }]),
) as unknown as TemplateSet;

const PLACEHOLDER_PATTERN = /[{｛]([^{}｛｝]{1,20})[}｝]/g;

/** Placeholders a text names that are not known, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const unknown: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER_PATTERN)) {
    if (!PLACEHOLDER_BY_NAME.has(normalizeKey(m[1]))) unknown.push(m[0]);
  }
  return unknown;
}

/**
 * Words that would threaten what Civil Code art. 944 forbids — cutting water, power, heat or gas — or the
 * restriction of common facilities that [D] suggests and lawyers advise against. Negated mentions ("不得采取停止
 * 供电…", "we will never cut…") are allowed: the law itself says so.
 */
const THREATS: readonly RegExp[] = [
  /停(?:止)?(?:供)?(?:水|电|暖|气|热|燃气)/g,
  /断(?:水|电|暖|气|热)/g,
  /(?:限制|停用|暂停)(?:使用)?(?:电梯|门禁|车位|停车|公共设施)/g,
  /\b(?:cut|cutting|shut|shutting|switch|switching|turn|turning)\s+off\b/gi,
  /\b(?:cut|cutting|stop|stopping|suspend|suspending)\s+(?:off\s+)?(?:your\s+|the\s+)?(?:water|power|electricity|heating|heat|gas)\b/gi,
  /\bdisconnect/gi,
  /\brestrict(?:ing)?\s+(?:your\s+|the\s+)?(?:use|access|lift|elevator|parking|facilit)/gi,
];
const NEGATION = /(?:不得|不会|不能|不可|不采取|禁止|严禁|绝不|\bnever\b|\bnot\b|\bno\b)\W{0,3}\S{0,8}\s?$/i;

/** The first threatening phrase of a text, or null. */
export function findThreat(text: string): string | null {
  for (const pattern of THREATS) {
    for (const m of text.matchAll(pattern)) {
      const before = text.slice(Math.max(0, (m.index ?? 0) - 12), m.index);
      if (!NEGATION.test(before)) return m[0];
    }
  }
  return null;
}

/** Fills a template's placeholders; unknown ones are left out (they were reported when the template was read). */
export function fillTemplate(text: string, values: PlaceholderValues): string {
  const parts = compiled(text);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i] as keyof PlaceholderValues | null;
    out += (key ? values[key] : "") + (parts[i + 1] as string);
  }
  return out;
}

/** A template as its literal text and placeholders, alternating (text, key, text, …): parsed once per run. */
const compiled = memoized((text: string): readonly (string | null)[] => {
  const parts: (string | null)[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER_PATTERN)) {
    parts.push(text.slice(last, m.index), PLACEHOLDER_BY_NAME.get(normalizeKey(m[1])) ?? null);
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}, 1_000);

const FIELD_LABELS: Readonly<Record<TemplateField, Localized>> = {
  title: localized("标题", "Title"),
  body: localized("正文", "Body"),
  sms: localized("短信", "SMS"),
};

const COLUMN_LABELS = {
  stage: localized("阶段", "Stage"),
  name: localized("名称", "Name"),
  lang: localized("语言", "Language"),
  ...FIELD_LABELS,
  check: localized("检查", "Check"),
};

export function findTemplatesSheet(sheets: readonly SheetGrid[]): SheetGrid | undefined {
  const names = OUTPUT_SHEETS.templates;
  return sheets.find((s) => s.name === names["zh-CN"] || s.name === names["en-US"]);
}

export interface TemplatesReading {
  readonly templates: TemplateSet;
  readonly problems: readonly TemplateProblem[];
  readonly found: boolean;
}

/**
 * Reads the team's wording from the 通知模板 sheet. A blank cell keeps the default; a cell naming an unknown
 * placeholder, or threatening what the law forbids, is reported with its stage and cell and the default is used,
 * so no letter ever prints "{业主姓名}" or a threat.
 */
export function readTemplates(sheet: SheetGrid | undefined): TemplatesReading {
  if (!sheet) return { templates: DEFAULT_TEMPLATES, problems: [], found: false };
  const headerIndex = sheet.rows.findIndex((row) => {
    const keys = row.map((c) => normalizeKey(cellText(c)));
    return keys.includes(normalizeKey(COLUMN_LABELS.stage["zh-CN"])) ||
      keys.includes(normalizeKey(COLUMN_LABELS.stage["en-US"]))
      ? keys.includes(normalizeKey(FIELD_LABELS.body["zh-CN"])) ||
          keys.includes(normalizeKey(FIELD_LABELS.body["en-US"]))
      : false;
  });
  if (headerIndex < 0) return { templates: DEFAULT_TEMPLATES, problems: [], found: true };
  const header = sheet.rows[headerIndex].map((c) => normalizeKey(cellText(c)));
  const col = (label: Localized) =>
    header.findIndex((h) => h === normalizeKey(label["zh-CN"]) || h === normalizeKey(label["en-US"]));
  const stageCol = col(COLUMN_LABELS.stage);
  const langCol = col(COLUMN_LABELS.lang);
  const fieldCols = TEMPLATE_FIELDS.map((f) => [f, col(FIELD_LABELS[f])] as const);

  const set: Record<string, Record<Lang, NoticeTemplate>> = {};
  for (const stage of NOTICE_STAGES)
    set[String(stage)] = {
      "zh-CN": DEFAULT_TEMPLATES[stage]["zh-CN"],
      "en-US": DEFAULT_TEMPLATES[stage]["en-US"],
    };
  const problems: TemplateProblem[] = [];

  for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    const stage = parseStage(cellText(row[stageCol] ?? null));
    if (stage === null) continue;
    const lang = readLang(row[langCol] ?? null);
    if (lang === null) continue;
    const excelRow = sheet.firstRow + r;
    const current = { ...set[String(stage)][lang] };
    for (const [field, c] of fieldCols) {
      if (c < 0) continue;
      const raw = row[c] ?? null;
      const text = typeof raw === "string" ? raw.replace(/\r\n?/g, "\n").trim() : cellText(raw);
      if (text === "") continue;
      const cell = `${columnLetter(sheet.firstColumn + c)}${excelRow}`;
      const where = localized(
        `工作表“${sheet.name}”${cell}（${STAGE_NAMES[stage]["zh-CN"]}，` +
          `${lang}，${FIELD_LABELS[field]["zh-CN"]}）`,
        `sheet "${sheet.name}" ${cell} (${STAGE_NAMES[stage]["en-US"]}, ${lang}, ` +
          `${FIELD_LABELS[field]["en-US"]})`,
      );
      const unknown = unknownPlaceholders(text);
      const threat = findThreat(text);
      if (unknown.length > 0) {
        problems.push({
          stage,
          lang,
          field,
          sheet: sheet.name,
          cell,
          message: localized(
            `${where["zh-CN"]}：未知占位符 ${unknown.join("、")}，已使用默认文本；可用的占位符：${Object.values(
              PLACEHOLDERS,
            )
              .map((p) => `{${p}}`)
              .join("")}`,
            `${where["en-US"]}: unknown placeholder ${unknown.join(", ")}; the default text is used. Known: ${Object.keys(
              PLACEHOLDERS,
            )
              .map((p) => `{${p}}`)
              .join(" ")}`,
          ),
        });
      } else if (threat) {
        problems.push({
          stage,
          lang,
          field,
          sheet: sheet.name,
          cell,
          message: localized(
            `${where["zh-CN"]}：含“${threat}”——不得以停水、停电、停暖、` +
              "停气或限制公共设施催缴（民法典第944条），已使用默认文本",
            `${where["en-US"]}: says "${threat}" — fees may not be collected by cutting ` +
              "water, power, heat or gas or restricting facilities (Civil Code art. " +
              "944); the default text is used",
          ),
        });
      } else {
        current[field] = text;
      }
    }
    set[String(stage)][lang] = current;
  }
  return { templates: set as unknown as TemplateSet, problems, found: true };
}

function readLang(cell: CellValue): Lang | null {
  const key = normalizeKey(cellText(cell));
  if (["zh-cn", "zh", "中文", "简体中文"].includes(key)) return "zh-CN";
  if (["en-us", "en", "english", "英文", "英语"].includes(key)) return "en-US";
  return null;
}

/** Sheet 通知模板: every stage in both languages, as read (the team's edits kept), with problems beside them. */
export function templatesSheet(
  templates: TemplateSet,
  lang: Lang,
  problems: readonly TemplateProblem[],
): OutputSheet {
  const say = speaker(lang);
  const rows: CellValue[][] = [];
  for (const stage of NOTICE_STAGES) {
    for (const l of ["zh-CN", "en-US"] as const) {
      const t = templates[stage][l];
      const mine = problems.filter((p) => p.stage === stage && p.lang === l);
      rows.push([
        stageLabel(stage),
        STAGE_NAMES[stage][l],
        l,
        t.title,
        t.body,
        t.sms,
        mine.map((p) => p.message[lang]).join("\n") || null,
      ]);
    }
  }
  const known = Object.entries(PLACEHOLDERS)
    .map(([en, zhName]) => say(`{${zhName}}`, `{${en}}`))
    .join(say("", " "));
  return {
    name: OUTPUT_SHEETS.templates[lang],
    widths: [8, 14, 8, 26, 90, 50, 30],
    landscape: true,
    freezeRows: 4,
    blocks: [
      { kind: "text", text: say("通知模板", "Notice templates"), style: "title" },
      {
        kind: "text",
        text: say(
          "在此修改各阶段的标题、正文（段落之间换行）和短信，下次运行时生效；" +
            "留空即用默认文本。本表读取后重建，修改会保留。",
          "Change each stage's title, body (a line break between paragraphs) and SMS here; it applies on the next " +
            "run, and a blank cell means the default. The sheet is rebuilt from what " +
            "was read, so your changes stay.",
        ),
        style: "note",
      },
      {
        kind: "text",
        text: say("可用的占位符（中英文均可）：", "Placeholders (Chinese or English names): ") + known,
        style: "note",
      },
      {
        kind: "table",
        id: "templates",
        name: "NoticeTemplates",
        columns: [
          { header: COLUMN_LABELS.stage[lang], format: "text" },
          { header: COLUMN_LABELS.name[lang], format: "text" },
          { header: COLUMN_LABELS.lang[lang], format: "text" },
          { header: COLUMN_LABELS.title[lang], format: "text", wrap: true },
          { header: COLUMN_LABELS.body[lang], format: "text", wrap: true },
          { header: COLUMN_LABELS.sms[lang], format: "text", wrap: true },
          { header: COLUMN_LABELS.check[lang], format: "text", wrap: true },
        ],
        rows,
        emptyText: "",
        repeatHeader: true,
      },
    ],
  };
}
