import { Verdict } from "../classify/kinds";
import { fromCents, toCents } from "../money";
import { Household } from "../read/household";
import { IsoDate, MonthIndex, daysBetween, formatMonth, formatMonthZh, monthEnd } from "../read/values";
import { Settings } from "../settings/settings";
import { Lang, formatYuan, speaker } from "../text";
import { monthsDue, owed } from "./amounts";
import { dueForCourt } from "./court-due";
import {
  ClaimLimitation,
  EXPIRING_WITHIN_DAYS,
  LIMITATION_YEARS,
  claimLimitations,
  deliveredDemands,
} from "./limitation";
import { period, serviceCentreName } from "./notices";
import { CampaignFacts, RESULT_LABELS, RecordEntry, RoomIndex, sentOn, wentOut } from "./record";
import { CHANNEL_LABELS, FORMAL_DEMAND, LAWYERS_LETTER, STAGE_NAMES } from "./stages";

/*
 * The court bundle (诉讼材料) of one household: the documents a property company's lawyer needs to sue for the
 * fees (Civil Code art. 944) — a draft statement of claim, the evidence list, the arrears statement with the late
 * fee, an extract of the collection record and the limitation check. Nothing is filed: every page is a draft for
 * the lawyer. The documents are data here (blocks of text and tables); src/export/court-bundle.ts writes them.
 */

// Which households: in court-due.ts, small enough for the pane's first load.
export { dueForCourt, lawyerLetterUnanswered } from "./court-due";

// ---------------------------------------------------------------------------------------------------------------
// The arrears statement (欠费明细)

/** One month of the statement, in cents. */
export interface StatementLine {
  /** Null when the ledger gives an amount but not its months. */
  readonly month: MonthIndex | null;
  /** A month before the ledger's month columns (往年欠费), counted back from the months it says are owed. */
  readonly prior: boolean;
  readonly billed: number;
  /** Paid since the as-of date: the record's payments, oldest month first. */
  readonly paid: number;
  readonly owed: number;
}

/** How the monthly fee is made up: 建筑面积 × 单价 when the ledger's area and fee give a rate, else the fee as given. */
export interface FeeBasis {
  readonly area: number | null;
  /** Yuan per m² a month. */
  readonly rate: number | null;
  readonly monthlyFee: number | null;
}

export interface Statement {
  readonly basis: FeeBasis;
  readonly lines: readonly StatementLine[];
  readonly billed: number;
  readonly paid: number;
  /** Cents: the sum of the lines, and what the round asks (amounts.ts owed). */
  readonly owed: number;
  /** Paid since the as-of date, as the record logs it (cents). */
  readonly paidSince: number;
  /** False when the ledger gives only a count of months, counted back from the as-of date. */
  readonly monthsKnown: boolean;
}

/** The rate per m² that gives the ledger's monthly fee for its area, to the cent; null when none does. */
export function feeBasis(h: Household): FeeBasis {
  const { area, monthlyFee } = h;
  if (area === null || monthlyFee === null || area <= 0) return { area, rate: null, monthlyFee };
  const rate = Math.round((monthlyFee / area) * 100) / 100;
  return { area, rate: toCents(area * rate) === toCents(monthlyFee) ? rate : null, monthlyFee };
}

/** Month by month: billed, paid (payments logged since the as-of date go to the oldest months first), owed. */
export function arrearsStatement(h: Household, facts: CampaignFacts | undefined, asOf: IsoDate): Statement {
  const ledger = monthsDue(h, asOf);
  const debt = owed(h, facts, asOf);
  const left = new Map(debt.dues.map((d) => [d.month, toCents(d.fee)]));
  const paidSince = toCents(debt.paid);
  let lines: StatementLine[];
  if (ledger.dues.length > 0) {
    lines = ledger.dues.map((d) => {
      // What the ledger says the month owes: a partial payment before the as-of date is not known month by month.
      const billed = toCents(d.fee);
      const owedNow = debt.amount === 0 ? 0 : (left.get(d.month) ?? 0);
      return { month: d.month, prior: d.prior, billed, paid: billed - owedNow, owed: owedNow };
    });
  } else {
    const ledgerAmount = h.amountOverdue === null ? 0 : toCents(h.amountOverdue);
    const owedNow = debt.amount === null ? 0 : toCents(debt.amount);
    lines =
      ledgerAmount > 0
        ? [{ month: null, prior: false, billed: ledgerAmount, paid: ledgerAmount - owedNow, owed: owedNow }]
        : [];
  }
  const sum = (pick: (l: StatementLine) => number) => lines.reduce((s, l) => s + pick(l), 0);
  return {
    basis: feeBasis(h),
    lines,
    billed: sum((l) => l.billed),
    paid: sum((l) => l.paid),
    owed: sum((l) => l.owed),
    paidSince,
    monthsKnown: ledger.known,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The late fee (违约金), only where the contract has the clause

export interface LateFeeLine {
  readonly month: MonthIndex;
  /** Cents still owed for the month. */
  readonly fee: number;
  /** Days from the day after it fell due to the as-of date. */
  readonly days: number;
  /** Cents: fee × rate × days, rounded to the cent. */
  readonly amount: number;
}

export interface LateFeeTable {
  readonly clause: string;
  readonly ratePerDay: number;
  readonly lines: readonly LateFeeLine[];
  /** Cents: the sum of the lines. */
  readonly computed: number;
  /** Cents: the computed sum, capped at the amount owed (courts reduce what exceeds the loss). */
  readonly amount: number;
  readonly capped: boolean;
}

/** Each month still owed: its fee × the daily rate × its days late, to the as-of date; capped at what is owed. */
export function lateFeeTable(statement: Statement, settings: Settings, asOf: IsoDate): LateFeeTable | null {
  if (settings.lateFeeClause === "" || settings.lateFeeRatePerDay <= 0) return null;
  const lines: LateFeeLine[] = [];
  for (const l of statement.lines) {
    if (l.month === null || l.owed <= 0) continue;
    const days = Math.max(0, daysBetween(monthEnd(l.month), asOf));
    if (days === 0) continue;
    lines.push({
      month: l.month,
      fee: l.owed,
      days,
      amount: Math.round(l.owed * settings.lateFeeRatePerDay * days),
    });
  }
  if (lines.length === 0) return null;
  const computed = lines.reduce((s, l) => s + l.amount, 0);
  const capped = computed > statement.owed;
  return {
    clause: settings.lateFeeClause,
    ratePerDay: settings.lateFeeRatePerDay,
    lines,
    computed,
    amount: capped ? statement.owed : computed,
    capped,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The documents as data

export interface CourtColumn {
  readonly header: string;
  /** Share of the text width. */
  readonly width: number;
  readonly numeric?: boolean;
}

export type CourtBlock =
  | { readonly kind: "title"; readonly text: string }
  | { readonly kind: "heading"; readonly text: string }
  | {
      readonly kind: "text";
      readonly text: string;
      readonly indent?: boolean;
      readonly align?: "right" | "center";
      readonly small?: boolean;
      readonly bold?: boolean;
    }
  | {
      readonly kind: "table";
      readonly columns: readonly CourtColumn[];
      readonly rows: readonly (readonly string[])[];
      /** A totals row, printed bold. */
      readonly total?: readonly string[];
      /** Rows to shade as a warning (expired or expiring claims), by index. */
      readonly marked?: readonly number[];
    };

export type CourtDocumentId = "claim" | "evidence" | "statement" | "record" | "limitation";

export interface CourtDocument {
  readonly id: CourtDocumentId;
  /** The file's name in the bundle, in the run's language. */
  readonly file: string;
  readonly title: string;
  readonly blocks: readonly CourtBlock[];
  readonly landscape?: boolean;
}

/** One item of the evidence list (证据目录). */
export interface EvidenceItem {
  readonly name: string;
  readonly source: string;
  readonly proves: string;
  /** The record rows it rests on, if any. */
  readonly rows: readonly number[];
}

export interface CourtBundle {
  readonly household: Household;
  readonly lang: Lang;
  /** The .zip's name: 诉讼材料-1-101-张三.zip. */
  readonly file: string;
  /** Printed on every page: the documents are drafts for the company's lawyer. */
  readonly draftMark: string;
  readonly statement: Statement;
  readonly lateFee: LateFeeTable | null;
  readonly limitation: readonly ClaimLimitation[];
  readonly evidence: readonly EvidenceItem[];
  /** The record rows of the extract: every attempt that went out (prepared rows never confirmed are left out). */
  readonly attempts: readonly RecordEntry[];
  readonly documents: readonly CourtDocument[];
}

export interface CourtInput {
  readonly verdict: Verdict;
  readonly facts: CampaignFacts | undefined;
  readonly settings: Settings;
  readonly asOf: IsoDate;
  /** The bundle's date: printed on the claim, and the day the limitation is checked against. */
  readonly date: IsoDate;
  readonly lang: Lang;
}

// eslint-disable-next-line no-control-regex -- control characters are refused in file names
const FILE_UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g;

/** A name for a file on any system: no path separators or characters Windows refuses, not too long. */
export function safeFileName(text: string): string {
  const cleaned = text.replace(FILE_UNSAFE, "_").replace(/\s+/g, " ").trim().replace(/^\.+/, "");
  return [...cleaned].slice(0, 80).join("") || "_";
}

function longDate(date: IsoDate, lang: Lang): string {
  if (lang !== "zh-CN") return date;
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

const BLANK = "________";

/** Builds the household's court bundle: every document, in the run's language. */
export function courtBundle(input: CourtInput): CourtBundle {
  const { verdict, facts, settings, asOf, date, lang } = input;
  const say = speaker(lang);
  const h = verdict.household;
  const statement = arrearsStatement(h, facts, asOf);
  const lateFee = lateFeeTable(statement, settings, asOf);
  const entries = (facts?.entries ?? []).filter((e) => e.date <= date);
  const attempts = entries.filter((e) => !(e.result === "pending" && !e.sentDate));
  const demands = deliveredDemands(entries);
  const owedMonths = statement.lines.flatMap((l) => (l.month !== null && l.owed > 0 ? [l.month] : []));
  const limitation = claimLimitations(owedMonths, demands, date);
  const ctx: Context = { ...input, say, h, statement, lateFee, attempts, demands, limitation };
  const evidence = evidenceItems(ctx);
  const draftMark = say(
    "草稿（供律师审核）· 由物业费催缴助手生成，须经公司律师核对后方可使用，本工具不提交任何材料",
    "DRAFT for the company's lawyer · made by Arrears Desk; to be checked by the company's lawyer " +
      "before any use; nothing is filed by the tool",
  );
  const documents: CourtDocument[] = [
    claimDocument(ctx, evidence),
    evidenceDocument(ctx, evidence),
    statementDocument(ctx),
    recordDocument(ctx),
    limitationDocument(ctx),
  ];
  const file = safeFileName(
    say(`诉讼材料-${h.label}-${h.owner || "业主"}`, `court-bundle-${h.label}-${h.owner || "owner"}`),
  );
  return {
    household: h,
    lang,
    file: `${file}.zip`,
    draftMark,
    statement,
    lateFee,
    limitation,
    evidence,
    attempts,
    documents,
  };
}

interface Context extends CourtInput {
  readonly say: (zh: string, en: string) => string;
  readonly h: Household;
  readonly statement: Statement;
  readonly lateFee: LateFeeTable | null;
  readonly attempts: readonly RecordEntry[];
  readonly demands: readonly RecordEntry[];
  readonly limitation: readonly ClaimLimitation[];
}

const yuan = (cents: number) => formatYuan(fromCents(cents));

function monthText(month: MonthIndex | null, lang: Lang): string {
  if (month === null) return speaker(lang)("台账未列明月份", "months not listed");
  return lang === "zh-CN" ? formatMonthZh(month) : formatMonth(month);
}

function ratePercent(rate: number): string {
  return `${Math.round(rate * 1_000_000) / 10_000}%`;
}

function basisText(basis: FeeBasis, lang: Lang): string {
  const say = speaker(lang);
  if (basis.area !== null && basis.rate !== null && basis.monthlyFee !== null)
    return say(
      `建筑面积 ${basis.area} m² × 单价 ${formatYuan(basis.rate)}/m²/月 = ${formatYuan(basis.monthlyFee)}/月`,
      `floor area ${basis.area} m² × ${formatYuan(basis.rate)}/m² a month = ${formatYuan(basis.monthlyFee)} a month`,
    );
  if (basis.monthlyFee !== null)
    return say(
      `月物业费 ${formatYuan(basis.monthlyFee)}（台账所列；台账无面积和单价）`,
      `monthly fee ${formatYuan(basis.monthlyFee)} (as the ledger gives it; no area and rate in the ledger)`,
    );
  return say(
    "台账未列月物业费：按台账所列欠费金额",
    "no monthly fee in the ledger: the amount it lists as owed",
  );
}

/** The formal demands and lawyer's letters that went out, each with its proof of delivery if the record has one. */
function demandHistory(
  ctx: Context,
): { letter: RecordEntry; delivered: RecordEntry | null; stage: 12 | 13 }[] {
  const out: { letter: RecordEntry; delivered: RecordEntry | null; stage: 12 | 13 }[] = [];
  for (const stage of [FORMAL_DEMAND, LAWYERS_LETTER] as const) {
    const sent = ctx.attempts.filter((e) => e.stage === stage && wentOut(e) && e.result !== "delivered");
    const delivered = ctx.demands.filter((e) => e.stage === stage);
    for (const letter of sent) {
      const proof = delivered.find((d) => d.date >= sentOn(letter)) ?? null;
      out.push({ letter, delivered: proof, stage: stage as 12 | 13 });
    }
    // A delivery logged with no row of the letter going out still proves the letter.
    for (const d of delivered)
      if (!out.some((o) => o.delivered === d)) out.push({ letter: d, delivered: d, stage: stage as 12 | 13 });
  }
  return out.sort((a, b) => (sentOn(a.letter) < sentOn(b.letter) ? -1 : 1));
}

function deliveryText(d: RecordEntry, lang: Lang): string {
  const say = speaker(lang);
  if (d.result === "instalmentAgreed")
    return say(
      `${longDate(d.date, lang)} 书面同意分期还款（承认欠费）`,
      `agreed in writing to pay by instalments on ${d.date} (acknowledging the debt)`,
    );
  if (d.proof)
    return say(`${longDate(d.date, lang)} 签收（${d.proof}）`, `signed for on ${d.date}, EMS ${d.proof}`);
  return say(
    `${longDate(d.date, lang)} 留置送达（${d.note || "见证人在场"}）`,
    `left with a witness on ${d.date} (${d.note || "witnessed"})`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// 01 起诉状草稿

function claimDocument(ctx: Context, evidence: readonly EvidenceItem[]): CourtDocument {
  const { say, h, settings, statement, lateFee, lang, asOf } = ctx;
  const company =
    settings.companyName || say(`${BLANK}（物业服务企业全称）`, `${BLANK} (the company's full name)`);
  const estate = settings.estateName || say("本小区", "the estate");
  const address = settings.serviceAddress || BLANK;
  const owner = h.owner || BLANK;
  const debt = owed(h, ctx.facts, asOf);
  const months = statement.lines.filter((l) => l.owed > 0).length;
  const where =
    h.address ||
    (settings.estateAddress
      ? `${settings.estateAddress} ${h.label}`
      : say(`${estate}${h.label}室`, `unit ${h.label}, ${estate}`));
  const blocks: CourtBlock[] = [];
  if (lang === "en-US")
    blocks.push({
      kind: "text",
      small: true,
      text:
        "Working translation of the Chinese statement of claim (民事起诉状) for the company's lawyer; the " +
        "Chinese version is the one filed with the court.",
    });
  blocks.push({ kind: "title", text: say("民事起诉状", "Statement of Claim (civil)") });
  const party = (text: string) => blocks.push({ kind: "text", text });
  party(say(`原告：${company}`, `Plaintiff: ${company}`));
  party(say(`住所地：${address}`, `Domicile: ${address}`));
  party(say(`法定代表人：${BLANK}\u3000职务：${BLANK}`, `Legal representative: ${BLANK}, title: ${BLANK}`));
  party(say(`联系电话：${settings.servicePhone || BLANK}`, `Telephone: ${settings.servicePhone || BLANK}`));
  if (h.ownerIsCompany) {
    party(say(`被告：${owner}`, `Defendant: ${owner}`));
    party(
      say(`住所地：${BLANK}\u3000法定代表人：${BLANK}`, `Domicile: ${BLANK}; legal representative: ${BLANK}`),
    );
  } else {
    party(
      say(
        `被告：${owner}，性别：____，民族：____，出生日期：${BLANK}，公民身份号码：${BLANK}`,
        `Defendant: ${owner}; sex: ____; ethnicity: ____; date of birth: ${BLANK}; ID number: ${BLANK}`,
      ),
    );
  }
  party(say(`住址：${where}`, `Address: ${where}`));
  party(say(`联系电话：${h.phone || BLANK}`, `Telephone: ${h.phone || BLANK}`));

  blocks.push({ kind: "heading", text: say("诉讼请求", "Claims") });
  const owedYuan = yuan(statement.owed);
  const monthsSaid = period(debt, lang);
  const claims = [
    say(
      `判令被告向原告支付 ${monthsSaid} 的物业服务费共计人民币 ${owedYuan}（共 ${months} 个月，计至 ${longDate(asOf, lang)}）；`,
      `Order the defendant to pay the plaintiff the property service fees for ${monthsSaid}, ${owedYuan} in all ` +
        `(${months} month${months === 1 ? "" : "s"}, to ${asOf});`,
    ),
  ];
  if (lateFee)
    claims.push(
      say(
        `判令被告向原告支付逾期付款违约金人民币 ${yuan(lateFee.amount)}（依据${lateFee.clause}，按欠费金额每日 ` +
          `${ratePercent(lateFee.ratePerDay)} 计至 ${longDate(asOf, lang)}${lateFee.capped ? "，以欠费本金为限" : ""}）；`,
        `Order the defendant to pay a late-payment penalty of ${yuan(lateFee.amount)} (under ${lateFee.clause}, ` +
          `${ratePercent(lateFee.ratePerDay)} of the amount overdue a day, to ${asOf}` +
          `${lateFee.capped ? ", capped at the fees owed" : ""});`,
      ),
    );
  claims.push(say("本案诉讼费用由被告承担。", "Order the defendant to bear the costs of the action."));
  const numeral = (i: number) => say(`${"一二三四五"[i]}、`, `${i + 1}. `);
  claims.forEach((c, i) => blocks.push({ kind: "text", indent: true, text: numeral(i) + c }));

  blocks.push({ kind: "heading", text: say("事实与理由", "Facts and reasons") });
  const first = statement.lines.find((l) => l.owed > 0);
  const area = h.area !== null ? say(`，房屋建筑面积 ${h.area} 平方米`, `, floor area ${h.area} m²`) : "";
  const para = (text: string) => blocks.push({ kind: "text", indent: true, text });
  para(
    say(
      `原告系${estate}的物业服务人，依据《物业服务合同》（合同编号：${BLANK}）为${estate}提供物业服务。被告系` +
        `${estate}${h.label}房屋的业主${area}。依据合同约定，被告应按月缴纳物业服务费，` +
        `收费标准为${basisText(statement.basis, lang)}。`,
      `The plaintiff is the property service provider of ${estate} under the property service contract ` +
        `(contract no. ${BLANK}). The defendant owns unit ${h.label} of ${estate}${area}. Under the contract ` +
        `the defendant is to pay the property service fee monthly, at ${basisText(statement.basis, lang)}.`,
    ),
  );
  const paidSince =
    statement.paidSince > 0
      ? say(
          `其间被告缴纳 ${yuan(statement.paidSince)}，已按先到期先抵扣冲抵最早的欠费月份，`,
          `The defendant has since paid ${yuan(statement.paidSince)}, set against the oldest months first; `,
        )
      : "";
  para(
    say(
      `原告已按照合同约定和有关规定提供了物业服务，但被告自${first ? monthText(first.month, lang) : "____"}起未按约` +
        `缴纳物业服务费，${paidSince}截至${longDate(asOf, lang)}，尚欠 ${monthsSaid} 的物业服务费共计 ${owedYuan}` +
        `（明细见《欠费明细》）。`,
      `The plaintiff has provided the services as the contract and the rules require, but the defendant has ` +
        `not paid the fees since ${first ? monthText(first.month, lang) : "____"}. ${paidSince}As of ${asOf} the ` +
        `defendant owes the fees for ${monthsSaid}, ${owedYuan} in all (see the arrears statement).`,
    ),
  );
  const contacts = ctx.attempts.filter((e) => e.stage !== null || e.channel !== null).length;
  const letters = demandHistory(ctx)
    .map(({ letter, delivered, stage }) => {
      const name = STAGE_NAMES[stage][lang];
      const sent = longDate(sentOn(letter), lang);
      const who =
        stage === LAWYERS_LETTER && settings.lawFirm
          ? say(`委托${settings.lawFirm}`, ` through ${settings.lawFirm}`)
          : "";
      const proof = delivered
        ? say(`，被告于${deliveryText(delivered, lang)}`, `, ${deliveryText(delivered, lang)}`)
        : say("，送达凭证待补", ", proof of delivery to be added");
      return say(
        `于${sent}${who}向被告发出《${name}》${proof}`,
        `sent the defendant a ${name}${who} on ${sent}${proof}`,
      );
    })
    .join(say("；", "; "));
  const refusal = ctx.facts?.refusal
    ? say(
        `，并于${longDate(ctx.facts.refusal.date, lang)}明确表示拒绝缴纳`,
        `, and refused to pay on ${ctx.facts.refusal.date}`,
      )
    : "";
  if (contacts === 0 && letters === "")
    // Never "many times" on an empty record: the lawyer must add the demands before suing (art. 944).
    para(
      say(
        `【待补：催缴及催告情况】催缴记录中尚无此户的催缴记录。民法典第九百四十四条要求先催告被告在合理期限内支付；` +
          `起诉前请补充催告及其送达的证据。被告至今仍未缴纳${refusal}。`,
        `[TO ADD: the demands made] The collection record has no rows for this unit. Article 944 requires a ` +
          `demand to pay within a reasonable period first: add the demands and their proof of delivery before ` +
          `suing. The defendant has still not paid${refusal}.`,
      ),
    );
  else
    para(
      say(
        `原告多次通过电话、短信、书面通知、上门等方式向被告催缴（催缴记录共 ${contacts} 次，见《催缴记录摘录》）` +
          (letters ? `，并${letters}` : "") +
          `，催告被告在合理期限内缴纳。合理期限届满，被告至今仍未缴纳${refusal}。`,
        `The plaintiff has asked the defendant to pay many times by phone, SMS, written notice and home visit ` +
          `(${contacts} contacts in the collection record; see the extract)` +
          (letters ? `, and ${letters}` : "") +
          `, demanding payment within a reasonable period. That period has passed and the defendant has still ` +
          `not paid${refusal}.`,
      ),
    );
  if (lateFee)
    para(
      say(
        `依据${lateFee.clause}的约定，业主逾期缴纳物业服务费的，应按每日 ${ratePercent(lateFee.ratePerDay)} ` +
          `支付违约金。截至${longDate(asOf, lang)}，违约金为 ${yuan(lateFee.amount)}（计算见《欠费明细》）。`,
        `Under ${lateFee.clause}, an owner who pays late owes a penalty of ${ratePercent(lateFee.ratePerDay)} a day. ` +
          `As of ${asOf} it amounts to ${yuan(lateFee.amount)} (see the arrears statement).`,
      ),
    );
  para(
    say(
      "根据《中华人民共和国民法典》第九百三十七条、第九百三十九条、第九百四十四条的规定及《物业服务合同》的约定，" +
        "业主应当按照约定向物业服务人支付物业费；物业服务人已经按照约定和有关规定提供服务的，业主不得以未接受或者" +
        "无需接受相关物业服务为由拒绝支付物业费。被告经催告后在合理期限内仍不支付，原告为维护自身合法权益，" +
        "特向贵院提起诉讼，请求判如所请。",
      "Under articles 937, 939 and 944 of the Civil Code of the People's Republic of China and the property " +
        "service contract, an owner shall pay the property fee as agreed; where the provider has provided the " +
        "services as agreed and as required, the owner may not refuse to pay on the ground of not having received " +
        "or not needing them. The defendant did not pay within a reasonable period after the demand; to protect " +
        "its lawful rights the plaintiff brings this action and asks the court to grant its claims.",
    ),
  );
  blocks.push({ kind: "text", text: say("此致", "To") });
  blocks.push({
    kind: "text",
    text: ctx.settings.court || say(`${BLANK}人民法院`, `The People's Court of ${BLANK}`),
  });
  blocks.push({
    kind: "text",
    align: "right",
    text: say(`具状人：${company}（盖章）`, `Plaintiff: ${company} (seal)`),
  });
  blocks.push({
    kind: "text",
    align: "right",
    text: say(`法定代表人（签字）：${BLANK}`, `Legal representative (signature): ${BLANK}`),
  });
  blocks.push({ kind: "text", align: "right", text: longDate(ctx.date, lang) });
  blocks.push({
    kind: "text",
    small: true,
    text: say(
      `附：1. 本起诉状副本 1 份；2. 证据目录及证据 ${evidence.length} 项（见《证据目录》）。`,
      `Enclosed: 1. one copy of this statement; 2. the evidence list and ${evidence.length} items of evidence.`,
    ),
  });
  return {
    id: "claim",
    file: say("01-起诉状草稿.docx", "01-statement-of-claim-draft.docx"),
    title: say("民事起诉状（草稿）", "Statement of claim (draft)"),
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 02 证据目录

function evidenceItems(ctx: Context): EvidenceItem[] {
  const { say, h, settings, lang, statement, lateFee } = ctx;
  const company = settings.companyName || say("原告", "the plaintiff");
  const items: EvidenceItem[] = [
    {
      name: say(
        "《物业服务合同》（前期物业服务合同）",
        "Property service contract (or preliminary contract)",
      ),
      source: say(`${company}存档`, `${company}'s files`),
      proves: say(
        "原被告之间存在物业服务合同关系；收费标准" +
          (lateFee ? `；逾期付款违约金的约定（${lateFee.clause}）` : ""),
        "the service contract binding the defendant; the fee rate" +
          (lateFee ? `; the late-fee clause (${lateFee.clause})` : ""),
      ),
      rows: [],
    },
    {
      name: say("房屋产权登记或交付入住资料", "Title register extract or handover records of the unit"),
      source: say("不动产登记机构／物业服务中心档案", "the land registry / the service centre's files"),
      proves: say(`被告系 ${h.label} 房屋的业主`, `the defendant owns unit ${h.label}`),
      rows: [],
    },
    {
      name: say(
        "物业服务记录（巡查、保洁、维修、公共设施维护等）",
        "Service records (patrols, cleaning, repairs, upkeep)",
      ),
      source: say(`${serviceCentreName(settings, lang)}`, serviceCentreName(settings, lang)),
      proves: say("原告已按约提供物业服务", "the plaintiff provided the services as agreed"),
      rows: [],
    },
    {
      name: say("《欠费明细》（本材料 03）", "Arrears statement (document 03 of this bundle)"),
      source: say(
        `欠费台账“${h.sheet}”第 ${h.rows.join("、")} 行`,
        `arrears sheet "${h.sheet}", row${h.rows.length === 1 ? "" : "s"} ${h.rows.join(", ")}`,
      ),
      proves: say(
        `被告欠缴物业服务费 ${statement.lines.filter((l) => l.owed > 0).length} 个月，共 ${yuan(statement.owed)}` +
          (lateFee ? `；违约金 ${yuan(lateFee.amount)}` : ""),
        `the defendant owes ${yuan(statement.owed)} for ${statement.lines.filter((l) => l.owed > 0).length} months` +
          (lateFee ? `; late fee ${yuan(lateFee.amount)}` : ""),
      ),
      rows: [],
    },
    {
      name: say("《催缴记录摘录》（本材料 04）", "Extract of the collection record (document 04)"),
      source: say("催缴记录", "the collection record (催缴记录)"),
      proves: say(
        `原告多次催缴（${ctx.attempts.length} 条记录），被告未缴纳`,
        `the plaintiff asked for payment again and again (${ctx.attempts.length} rows); the defendant did not pay`,
      ),
      rows: ctx.attempts.map((e) => e.row),
    },
  ];
  for (const { letter, delivered, stage } of demandHistory(ctx)) {
    const name = STAGE_NAMES[stage][lang];
    const sent = longDate(sentOn(letter), lang);
    items.push({
      name: say(
        `《${name}》（${sent}）及${delivered?.proof ? " EMS 回执／妥投记录" : delivered ? "留置送达记录（见证人签字）" : "送达凭证（待补）"}`,
        `${name} of ${sent} and ${delivered?.proof ? "the EMS receipt / delivery record" : delivered ? "the record of the witnessed refusal" : "proof of delivery (to be added)"}`,
      ),
      source: say(
        `${stage === LAWYERS_LETTER ? settings.lawFirm || "律师事务所" : company}；催缴记录第 ${[letter.row, ...(delivered && delivered !== letter ? [delivered.row] : [])].join("、")} 行` +
          (delivered?.proof ? `；EMS ${delivered.proof}` : ""),
        `${stage === LAWYERS_LETTER ? settings.lawFirm || "the law firm" : company}; record row${delivered && delivered !== letter ? "s" : ""} ` +
          `${[letter.row, ...(delivered && delivered !== letter ? [delivered.row] : [])].join(", ")}` +
          (delivered?.proof ? `; EMS ${delivered.proof}` : ""),
      ),
      proves: delivered
        ? say(
            `原告向被告催告付款并已送达：${deliveryText(delivered, lang)}；诉讼时效自送达时中断、重新计算（民法典第一百九十五条）`,
            `the demand reached the defendant: ${deliveryText(delivered, lang)}; the limitation period ` +
              "started again on delivery (Civil Code art. 195)",
          )
        : say(
            "原告向被告催告付款（送达凭证待补，未补前不作时效中断依据）",
            "the plaintiff demanded payment (no proof of delivery yet: not relied on for the limitation)",
          ),
      rows: delivered && delivered !== letter ? [letter.row, delivered.row] : [letter.row],
    });
  }
  // Signed receipts of the notices before the formal demand (from the sixth reminder on).
  const receipts = ctx.demands.filter(
    (d) => d.result === "delivered" && d.stage !== FORMAL_DEMAND && d.stage !== LAWYERS_LETTER,
  );
  const agreements = ctx.demands.filter((d) => d.result === "instalmentAgreed");
  if (agreements.length > 0)
    items.push({
      name: say("分期还款协议（业主签字）", "Instalment agreement signed by the owner"),
      source: say(
        `催缴记录第 ${agreements.map((r) => r.row).join("、")} 行`,
        `record rows ${agreements.map((r) => r.row).join(", ")}`,
      ),
      proves: say(
        "被告书面承认欠费并同意履行；诉讼时效中断（民法典第一百九十五条第二项）",
        "the defendant acknowledged the debt in writing; the limitation was interrupted (Civil Code art. 195 (2))",
      ),
      rows: agreements.map((r) => r.row),
    });
  if (receipts.length > 0)
    items.push({
      name: say(
        "催缴通知送达回执（业主签收或留置送达）",
        "Signed receipts of the notices (or witnessed refusals)",
      ),
      source: say(
        `催缴记录第 ${receipts.map((r) => r.row).join("、")} 行`,
        `record rows ${receipts.map((r) => r.row).join(", ")}`,
      ),
      proves: say(
        "催缴通知已送达被告；诉讼时效中断",
        "the notices reached the defendant; the limitation was interrupted",
      ),
      rows: receipts.map((r) => r.row),
    });
  return items;
}

function evidenceDocument(ctx: Context, evidence: readonly EvidenceItem[]): CourtDocument {
  const { say, h } = ctx;
  return {
    id: "evidence",
    file: say("02-证据目录.docx", "02-evidence-list.docx"),
    title: say("证据目录", "Evidence list"),
    landscape: true,
    blocks: [
      { kind: "title", text: say("证据目录", "Evidence list") },
      {
        kind: "text",
        align: "center",
        text: say(
          `${ctx.settings.companyName || "原告"} 诉 ${h.owner || "被告"}（${h.label}）物业服务合同纠纷`,
          `${ctx.settings.companyName || "Plaintiff"} v. ${h.owner || "defendant"} (unit ${h.label}): property service fees`,
        ),
      },
      {
        kind: "table",
        columns: [
          { header: say("序号", "No."), width: 6 },
          { header: say("证据名称", "Evidence"), width: 30 },
          { header: say("证据来源", "Source"), width: 22 },
          { header: say("证明内容", "What it proves"), width: 32 },
          { header: say("页码", "Pages"), width: 10 },
        ],
        rows: evidence.map((e, i) => [String(i + 1), e.name, e.source, e.proves, "____"]),
      },
      {
        kind: "text",
        small: true,
        text: say(
          "页码在律师整理、装订证据后填写；送达凭证“待补”的，补齐原件后方可作为时效中断的依据。",
          "Pages are filled in once the lawyer has put the evidence in order; an item whose proof of delivery " +
            "is still to be added is not relied on for the limitation until the original is found.",
        ),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 03 欠费明细

function statementDocument(ctx: Context): CourtDocument {
  const { say, h, statement, lateFee, lang, asOf } = ctx;
  const blocks: CourtBlock[] = [
    { kind: "title", text: say("欠费明细", "Arrears statement") },
    {
      kind: "text",
      align: "center",
      text: say(
        `${h.label}\u3000业主：${h.owner || BLANK}\u3000计至 ${longDate(asOf, lang)}`,
        `Unit ${h.label} · owner ${h.owner || BLANK} · to ${asOf}`,
      ),
    },
    {
      kind: "text",
      text: say(
        `计费依据：${basisText(statement.basis, lang)}`,
        `Fee basis: ${basisText(statement.basis, lang)}`,
      ),
    },
  ];
  const rows = statement.lines.map((l) => [
    monthText(l.month, lang) + (l.prior ? say("（往年）", " (earlier year)") : ""),
    yuan(l.billed),
    yuan(l.paid),
    yuan(l.owed),
  ]);
  blocks.push({
    kind: "table",
    columns: [
      { header: say("月份", "Month"), width: 28 },
      { header: say("应收", "Billed"), width: 24, numeric: true },
      { header: say("已收", "Paid"), width: 24, numeric: true },
      { header: say("欠费", "Owed"), width: 24, numeric: true },
    ],
    rows,
    total: [say("合计", "Total"), yuan(statement.billed), yuan(statement.paid), yuan(statement.owed)],
  });
  const notes: string[] = [];
  if (statement.paidSince > 0)
    notes.push(
      say(
        `计至日后催缴记录登记的缴款 ${yuan(statement.paidSince)} 已按先到期先抵扣冲抵最早的月份，计入“已收”。`,
        `Payments logged in the record after the as-of date, ${yuan(statement.paidSince)}, are set against the ` +
          "oldest months first and shown as paid.",
      ),
    );
  const fee = h.monthlyFee === null ? null : toCents(h.monthlyFee);
  if (fee !== null && statement.lines.some((l) => l.month !== null && l.billed !== fee))
    notes.push(
      say(
        "各月金额为台账欠费总额按月平均分摊（与月物业费不一致，可能有部分缴费或调价），请以账簿核对。",
        "Each month's amount is the ledger's total spread evenly over the months (it differs from the monthly " +
          "fee: a part payment or a change of rate?): check it against the books.",
      ),
    );
  if (statement.lines.some((l) => l.prior) || !statement.monthsKnown)
    notes.push(
      say(
        "“往年”月份及台账只给月数的月份，是按台账所列欠费月数向前推算的，请以账簿核对。",
        "Months marked earlier-year, and months of a ledger that gives only their number, are counted back " +
          "from the months the ledger lists: check them against the books.",
      ),
    );
  for (const n of notes) blocks.push({ kind: "text", small: true, text: n });
  if (lateFee) {
    blocks.push({ kind: "heading", text: say("逾期付款违约金", "Late-payment penalty") });
    blocks.push({
      kind: "text",
      text: say(
        `依据：${lateFee.clause}；每月欠费 × 日 ${ratePercent(lateFee.ratePerDay)} × 自到期次日起至 ${longDate(asOf, lang)} 的天数` +
          "，以欠费本金为限。",
        `Under ${lateFee.clause}: each month's fee owed × ${ratePercent(lateFee.ratePerDay)} a day × the days from ` +
          `the day after it fell due to ${asOf}, capped at the fees owed.`,
      ),
    });
    blocks.push({
      kind: "table",
      columns: [
        { header: say("月份", "Month"), width: 22 },
        { header: say("欠费", "Owed"), width: 20, numeric: true },
        { header: say("日费率", "Daily rate"), width: 16, numeric: true },
        { header: say("逾期天数", "Days late"), width: 18, numeric: true },
        { header: say("违约金", "Penalty"), width: 24, numeric: true },
      ],
      rows: lateFee.lines.map((l) => [
        monthText(l.month, lang),
        yuan(l.fee),
        ratePercent(lateFee.ratePerDay),
        l.days.toLocaleString("en-US"),
        yuan(l.amount),
      ]),
      total: [
        say("合计", "Total"),
        yuan(lateFee.lines.reduce((s, l) => s + l.fee, 0)),
        "",
        lateFee.lines.reduce((s, l) => s + l.days, 0).toLocaleString("en-US"),
        yuan(lateFee.computed),
      ],
    });
    if (lateFee.capped)
      blocks.push({
        kind: "text",
        text: say(
          `计得 ${yuan(lateFee.computed)} 超过欠费本金，以欠费本金 ${yuan(lateFee.amount)} 为限主张。`,
          `The ${yuan(lateFee.computed)} computed exceeds the fees owed: ${yuan(lateFee.amount)} (the fees owed) is claimed.`,
        ),
      });
    blocks.push({
      kind: "text",
      bold: true,
      text: say(
        `物业服务费 ${yuan(statement.owed)} ＋ 违约金 ${yuan(lateFee.amount)} ＝ 合计 ${yuan(statement.owed + lateFee.amount)}`,
        `Fees ${yuan(statement.owed)} + penalty ${yuan(lateFee.amount)} = ${yuan(statement.owed + lateFee.amount)} in all`,
      ),
    });
    blocks.push({
      kind: "text",
      small: true,
      text: say(
        "违约金过分高于实际损失的，法院可依当事人请求予以适当减少（民法典第五百八十五条）。",
        "A court may reduce a penalty that greatly exceeds the actual loss, on request (Civil Code art. 585).",
      ),
    });
  } else
    blocks.push({
      kind: "text",
      small: true,
      text: say(
        "催缴设置未引用合同违约金条款：不计违约金。",
        "The settings quote no late-fee clause of the contract: no penalty is claimed.",
      ),
    });
  return {
    id: "statement",
    file: say("03-欠费明细.docx", "03-arrears-statement.docx"),
    title: say("欠费明细", "Arrears statement"),
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 04 催缴记录摘录

function recordDocument(ctx: Context): CourtDocument {
  const { say, h, lang } = ctx;
  const rows = ctx.attempts.map((e) => [
    longDate(e.date, lang) +
      (e.sentDate && e.sentDate !== e.date ? say(`（${e.sentDate} 发出）`, ` (sent ${e.sentDate})`) : ""),
    e.stage === null ? "" : STAGE_NAMES[e.stage][lang],
    e.channel === null ? "" : CHANNEL_LABELS[e.channel][lang],
    e.result === null
      ? ""
      : RESULT_LABELS[e.result][lang] +
        (e.promisedDate ? say(`（${e.promisedDate}）`, ` (${e.promisedDate})`) : ""),
    [e.amount !== null ? formatYuan(e.amount) : "", e.proof, e.note].filter(Boolean).join(say("；", "; ")),
    e.collector ?? "",
    String(e.row),
  ]);
  return {
    id: "record",
    file: say("04-催缴记录摘录.docx", "04-record-extract.docx"),
    title: say("催缴记录摘录", "Extract of the collection record"),
    landscape: true,
    blocks: [
      { kind: "title", text: say("催缴记录摘录", "Extract of the collection record") },
      {
        kind: "text",
        align: "center",
        text: say(`${h.label}\u3000业主：${h.owner || BLANK}`, `Unit ${h.label} · owner ${h.owner || BLANK}`),
      },
      rows.length > 0
        ? {
            kind: "table",
            columns: [
              { header: say("日期", "Date"), width: 14 },
              { header: say("阶段", "Stage"), width: 12 },
              { header: say("方式", "Channel"), width: 12 },
              { header: say("结果", "Result"), width: 14 },
              { header: say("凭证／金额／备注", "Proof / amount / note"), width: 32 },
              { header: say("催缴员", "Collector"), width: 9 },
              { header: say("记录行", "Row"), width: 7 },
            ],
            rows,
          }
        : {
            kind: "text",
            text: say("催缴记录中没有此户的记录。", "The collection record has no rows for this unit."),
          },
      {
        kind: "text",
        small: true,
        text: say(
          "摘自工作簿“催缴记录”工作表（记录行为其行号）。仅准备未确认发出的通知（结果“待发送”）不列入。",
          "From the workbook's 催缴记录 (collection record) sheet; Row is its row number. Notices prepared and " +
            "never confirmed as sent (result “to send”) are left out.",
        ),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 05 诉讼时效核对

const STATUS_TEXT = {
  expired: ["已过时效", "expired"],
  expiring: [`${EXPIRING_WITHIN_DAYS} 天内届满`, `ends within ${EXPIRING_WITHIN_DAYS} days`],
  running: ["未届满", "running"],
} as const;

function limitationDocument(ctx: Context): CourtDocument {
  const { say, h, lang, statement, limitation, date } = ctx;
  const fee = new Map(statement.lines.map((l) => [l.month, l.owed]));
  const restart = (c: ClaimLimitation) => {
    const d = c.restartedBy;
    if (d === null) return say(`自 ${longDate(c.due, lang)} 到期起算`, `from the due date ${c.due}`);
    const name = d.stage === null ? say("催缴通知", "notice") : STAGE_NAMES[d.stage][lang];
    return say(
      `《${name}》${deliveryText(d, lang)}，第 ${d.row} 行`,
      `${name} ${deliveryText(d, lang)}, row ${d.row}`,
    );
  };
  const rows = limitation.map((c) => [
    monthText(c.month, lang),
    yuan(fee.get(c.month) ?? 0),
    longDate(c.due, lang),
    restart(c),
    longDate(c.expires, lang),
    say(STATUS_TEXT[c.status][0], STATUS_TEXT[c.status][1]),
  ]);
  const marked = limitation.flatMap((c, i) => (c.status === "running" ? [] : [i]));
  const sum = (status: ClaimLimitation["status"]) => {
    const list = limitation.filter((c) => c.status === status);
    return { n: list.length, cents: list.reduce((s, c) => s + (fee.get(c.month) ?? 0), 0) };
  };
  const expired = sum("expired");
  const expiring = sum("expiring");
  const earliest = limitation
    .filter((c) => c.status !== "expired")
    .map((c) => c.expires)
    .sort()[0];
  const blocks: CourtBlock[] = [
    { kind: "title", text: say("诉讼时效核对", "Limitation check") },
    {
      kind: "text",
      align: "center",
      text: say(
        `${h.label}\u3000业主：${h.owner || BLANK}\u3000核对日 ${longDate(date, lang)}`,
        `Unit ${h.label} · owner ${h.owner || BLANK} · checked against ${date}`,
      ),
    },
    {
      kind: "text",
      text: say(
        `每月物业费于当月末到期，诉讼时效 ${LIMITATION_YEARS} 年（民法典第一百八十八条）；业主签收、妥投或留置送达的` +
          "催缴通知、催告函、律师函使已到期月份的时效中断、自送达之日起重新计算（第一百九十五条）；被退回的通知不算送达。",
        `Each month's fee falls due at the month's end; the limitation period is ${LIMITATION_YEARS} years (Civil ` +
          "Code art. 188). A notice, formal demand or lawyer's letter signed for, delivered by EMS or refused in " +
          "front of a witness interrupts it for the months then due, and it starts again on delivery (art. 195); " +
          "a returned letter does not count.",
      ),
    },
    {
      kind: "table",
      columns: [
        { header: say("月份", "Month"), width: 11 },
        { header: say("欠费", "Owed"), width: 10, numeric: true },
        { header: say("到期日", "Fell due"), width: 13 },
        { header: say("起算／中断（第一百九十五条）", "Runs from / restarted by (art. 195)"), width: 42 },
        { header: say("时效届满日", "Period ends"), width: 13 },
        { header: say("状态", "Status"), width: 11 },
      ],
      rows,
      marked,
    },
  ];
  const lines: string[] = [];
  if (expired.n > 0)
    lines.push(
      say(
        `已过诉讼时效：${expired.n} 个月，${yuan(expired.cents)}。被告提出时效抗辩的，此部分可能不获支持（法院不主动适用，第一百九十三条）；是否主张由律师决定。`,
        `Expired: ${expired.n} month${expired.n === 1 ? "" : "s"}, ${yuan(expired.cents)}. If the defendant ` +
          "pleads limitation this part may fail (the court does not raise it of its own motion, art. 193): the " +
          "lawyer decides whether to claim it.",
      ),
    );
  if (expiring.n > 0)
    lines.push(
      say(
        `${EXPIRING_WITHIN_DAYS} 天内届满：${expiring.n} 个月，${yuan(expiring.cents)}。请尽快起诉，或再次送达催告函并保留送达凭证。`,
        `Ending within ${EXPIRING_WITHIN_DAYS} days: ${expiring.n} month${expiring.n === 1 ? "" : "s"}, ` +
          `${yuan(expiring.cents)}. Sue soon, or deliver a new formal demand and keep the proof.`,
      ),
    );
  if (expired.n === 0 && expiring.n === 0 && limitation.length > 0)
    lines.push(say("所有月份均在诉讼时效内。", "Every month is within the limitation period."));
  if (earliest)
    lines.push(
      say(
        `按最稳妥的算法（实务中对每月物业费是否各自起算时效有争议，以最早欠费月份计），应在 ${longDate(earliest, lang)} 前起诉。`,
        `On the safest reading (whether each month runs its own period is disputed; count from the oldest month ` +
          `owed), sue before ${earliest}.`,
      ),
    );
  if (statement.lines.some((l) => l.month === null))
    lines.push(
      say(
        "台账未列明欠费月份的金额无法核对时效：请按账簿补充月份。",
        "The amount whose months the ledger does not list cannot be checked: add its months from the books.",
      ),
    );
  for (const t of lines) blocks.push({ kind: "text", text: t });
  return {
    id: "limitation",
    file: say("05-诉讼时效核对.docx", "05-limitation-check.docx"),
    title: say("诉讼时效核对", "Limitation check"),
    landscape: true,
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The bundles of a run

/** A room as the manager types it (1-1-101, 1栋1单元101, or the label shown in 催缴分类) → its household. */
export function householdByRoom(households: readonly Household[], text: string): Household | null {
  const exact = households.find((h) => h.label === text.trim());
  if (exact) return exact;
  const key = new RoomIndex(households).find(text);
  return key === null ? null : (households.find((h) => h.key === key) ?? null);
}

export interface BundlesInput {
  readonly verdicts: readonly Verdict[];
  /** What the record says of each household on `date` (the run's, JobResult.facts). */
  readonly facts: ReadonlyMap<string, CampaignFacts>;
  readonly settings: Settings;
  readonly asOf: IsoDate;
  readonly date: IsoDate;
  readonly lang: Lang;
  /** Households the manager picked (by key), whatever the record says. */
  readonly picked?: readonly string[];
}

/**
 * The bundles of a run: every household whose lawyer's letter went unanswered past its deadline, and those
 * picked; in room order, each under a file name of its own.
 */
export function courtBundles(input: BundlesInput): CourtBundle[] {
  const facts = input.facts;
  const picked = new Set(input.picked ?? []);
  const due = new Set(
    dueForCourt(input.verdicts, facts, input.settings, input.date).map((v) => v.household.key),
  );
  const chosen = input.verdicts.filter((v) => picked.has(v.household.key) || due.has(v.household.key));
  const names = new Set<string>();
  return chosen.map((verdict) => {
    const b = courtBundle({ ...input, verdict, facts: facts.get(verdict.household.key) });
    let file = b.file;
    for (let n = 2; names.has(file); n++) file = b.file.replace(/\.zip$/, `-${n}.zip`);
    names.add(file);
    return file === b.file ? b : { ...b, file };
  });
}
