import { Verdict } from "../classify/kinds";
import { fromCents, toCents, yuanText } from "../money";
import { IsoDate, formatMonth, formatMonthZh } from "../read/values";
import { Settings } from "../settings/settings";
import { Lang, Localized, speaker } from "../text";
import { owed } from "./amounts";
import { INSTALMENT_RULES, InstalmentPlan, formatPlan, makePlan } from "./instalments";
import { lateFee, period, serviceCentreName } from "./notices";
import { CampaignFacts, RoomIndex, normalizeRoom } from "./record";
import type { JobResult } from "../job";

/** A table in an agreement: its header and rows of text, the last in bold when it is a total. */
export interface AgreementTable {
  readonly columns: readonly string[];
  /** Relative widths of the columns. */
  readonly weights: readonly number[];
  readonly rows: readonly (readonly string[])[];
  readonly totalRow: boolean;
}

export interface AgreementClause {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly table?: AgreementTable;
}

/**
 * A repayment agreement (分期还款协议) for one household, as plain data in its language: the docx edge lays it
 * out and adds no words of its own.
 */
export interface Agreement {
  readonly lang: Lang;
  readonly room: string;
  readonly owner: string;
  readonly title: string;
  readonly reference: string;
  /** 甲方 and 乙方, each a label and lines. */
  readonly parties: readonly { readonly label: string; readonly lines: readonly string[] }[];
  readonly recital: string;
  readonly clauses: readonly AgreementClause[];
  /** The two signature blocks, company (with the seal place) and owner, each a list of lines. */
  readonly signatures: readonly (readonly string[])[];
  readonly plan: InstalmentPlan;
  /** The plan as the collector types it in 备注 of the 同意分期 row. */
  readonly recordNote: string;
}

export interface AgreementInput {
  readonly verdict: Verdict;
  readonly facts: CampaignFacts | undefined;
  readonly settings: Settings;
  /** The day the agreement is drawn up (the round's date). */
  readonly date: IsoDate;
  readonly asOf: IsoDate;
  readonly lang: Lang;
  /** Instalments for this run (--instalments); default the settings' 分期期数. */
  readonly count?: number;
}

const BLANK = "________";

function longDate(date: IsoDate, lang: Lang): string {
  if (lang !== "zh-CN") return date;
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** The agreement for one household in arrears, or null when it owes nothing (or an amount not yet checked). */
export function instalmentAgreement(
  input: AgreementInput,
): { agreement: Agreement; warnings: Localized[] } | null {
  const { verdict, facts, settings, date, asOf, lang } = input;
  const h = verdict.household;
  const say = speaker(lang);
  const debt = owed(h, facts, asOf);
  if (debt.amount === null || debt.amount <= 0) return null;
  const fee = settings.lateFeeClause !== "" ? lateFee(debt.dues, asOf, settings.lateFeeRatePerDay) : null;
  const waived = settings.instalmentWaiveLateFee;
  const owedCents = toCents(debt.amount) + (fee && !waived ? toCents(fee.amount) : 0);
  const { plan, warnings } = makePlan({
    owedCents,
    count: input.count ?? settings.instalmentCount,
    agreed: date,
    dueDay: settings.instalmentDueDay,
    lateFeeWaived: waived && fee !== null,
  });
  const yuan = (cents: number) => yuanText(fromCents(cents));
  const company = settings.companyName || BLANK;
  const centre = serviceCentreName(settings, lang);
  const estate = settings.estateName;
  const months = debt.months ?? debt.dues.length;
  const reference = `${date.replace(/-/g, "")}-${normalizeRoom(h.label) || "x"}-FQ`;

  const debtRows: string[][] = debt.dues.map((d) => [
    d.prior
      ? say(`${formatMonthZh(d.month)}（往年）`, `${formatMonth(d.month)} (earlier year)`)
      : say(formatMonthZh(d.month), formatMonth(d.month)),
    yuanText(d.fee),
  ]);
  if (debtRows.length === 0)
    debtRows.push([say("台账未列明月份", "months not listed"), yuanText(debt.amount)]);
  if (fee)
    debtRows.push([
      say(`违约金（${settings.lateFeeClause}）`, "Late fee (contract clause)"),
      yuanText(fee.amount),
    ]);
  debtRows.push([
    fee && waived
      ? say("合计（不含免收的违约金）", "Total (less the waived late fee)")
      : say("合计", "Total"),
    yuan(owedCents),
  ]);

  let cumulative = 0;
  const scheduleRows = plan.instalments.map((i) => {
    cumulative += i.cents;
    return [
      say(`第 ${i.number} 期`, String(i.number)),
      longDate(i.due, lang),
      yuan(i.cents),
      yuan(cumulative),
      "",
    ];
  });
  const n = plan.instalments.length;
  const days = settings.firstReminderDays;
  const lateFeeClause: string = fee
    ? waived
      ? say(
          `依据${settings.lateFeeClause}，截至${longDate(asOf, "zh-CN")}乙方应付违约金${yuanText(fee.amount)}。` +
            "乙方按本协议按期缴纳各期款项的，甲方免收该违约金；本协议依第四条终止的，免收即失效。",
          `Under the late-fee clause of the service contract, a late fee of ${yuanText(fee.amount)} was due as ` +
            `of ${asOf}. If Party B pays every instalment on time, Party A waives it; if this agreement ends ` +
            "under clause 4, the waiver lapses.",
        )
      : say(
          `依据${settings.lateFeeClause}，截至${longDate(asOf, "zh-CN")}乙方应付违约金${yuanText(fee.amount)}，` +
            "已计入上述合计，随各期一并缴纳。",
          `Under the late-fee clause of the service contract, the late fee of ${yuanText(fee.amount)} due as of ` +
            `${asOf} is included in the total above and paid with the instalments.`,
        )
    : say("本协议项下款项不计违约金。", "No late fee is charged on the amounts under this agreement.");

  const agreement: Agreement = {
    lang,
    room: h.label,
    owner: h.owner,
    title: say("物业费分期还款协议", "Property Fee Instalment Agreement"),
    reference: say(`编号：${reference}`, `Ref. ${reference}`),
    parties: [
      {
        label: say("甲方（物业服务人）", "Party A (property-service provider)"),
        lines: [
          say(`${company}（${centre}）`, `${company} (${centre})`),
          say(`地址：${settings.serviceAddress || BLANK}`, `Address: ${settings.serviceAddress || BLANK}`),
          say(`电话：${settings.servicePhone || BLANK}`, `Phone: ${settings.servicePhone || BLANK}`),
        ],
      },
      {
        label: say("乙方（业主）", "Party B (owner)"),
        lines: [
          h.owner || BLANK,
          say(`房屋：${estate}${h.label}`, `Unit: ${h.label}${estate ? `, ${estate}` : ""}`),
          say(`联系电话：${h.phone || BLANK}`, `Phone: ${h.phone || BLANK}`),
        ],
      },
    ],
    recital: say(
      `乙方为${estate}${h.label}房屋的业主。截至${longDate(asOf, lang)}，乙方欠缴物业费${yuanText(debt.amount)}` +
        `（${period(debt, lang)}，共 ${months} 个月）。乙方说明目前缴费确有困难，申请分期缴纳。` +
        "甲乙双方依据《中华人民共和国民法典》及《物业服务合同》，经协商一致，订立本协议。",
      `Party B owns unit ${h.label}${estate ? ` of ${estate}` : ""}. As of ${asOf}, Party B owes ` +
        `${yuanText(debt.amount)} in property fees (${period(debt, lang)}, ${months} month${months === 1 ? "" : "s"}). ` +
        "Party B has explained that paying at once is difficult and asked to pay by instalments. Under the " +
        "Civil Code and the property-service contract, the parties agree as follows.",
    ),
    clauses: [
      {
        heading: say("第一条　欠费确认", "1. The amount owed"),
        paragraphs: [
          say(
            `乙方确认截至${longDate(asOf, lang)}欠缴的物业费如下表，合计${yuan(owedCents)}：`,
            `Party B confirms the fees owed as of ${asOf} below, ${yuan(owedCents)} in all:`,
          ),
        ],
        table: {
          columns: [say("月份", "Month"), say("金额", "Amount")],
          weights: [3, 2],
          rows: debtRows,
          totalRow: true,
        },
      },
      {
        heading: say("第二条　还款计划", "2. The instalments"),
        paragraphs: [
          say(
            `乙方分 ${n} 期按月缴清上述款项，每期应于下表日期当日或之前缴纳；每期缴纳后，甲方出具收款凭证。`,
            `Party B pays the amount above in ${n} monthly instalments, each on or before its date below; ` +
              "Party A gives a receipt for each payment.",
          ),
        ],
        table: {
          columns: [
            say("期次", "No."),
            say("还款日期", "Due by"),
            say("本期金额", "Amount"),
            say("累计应缴", "Cumulative"),
            say("收款确认（签字）", "Received (signature)"),
          ],
          weights: [1.1, 2, 1.6, 1.6, 2.4],
          rows: [...scheduleRows, [say("合计", "Total"), "", yuan(owedCents), "", ""]],
          totalRow: true,
        },
      },
      {
        heading: say("第三条　违约金", "3. Late fee"),
        paragraphs: [lateFeeClause],
      },
      {
        heading: say("第四条　逾期未缴", "4. A missed instalment"),
        paragraphs: [
          say(
            `乙方有一期未按期缴纳的，甲方于次日书面提醒，乙方应于提醒之日起 ${days} 日内补缴。` +
              `累计 ${INSTALMENT_RULES.missesToBreak} 期未按期缴纳的，本协议终止，甲方有权就全部未缴款项` +
              "依法继续催缴，并可依据《中华人民共和国民法典》第九百四十四条提起诉讼或申请仲裁。",
            "If Party B misses an instalment, Party A reminds Party B in writing the next day, and Party B pays " +
              `it within ${days} days of the reminder. If ${INSTALMENT_RULES.missesToBreak} instalments are missed, ` +
              "this agreement ends and Party A may collect everything still unpaid, and may sue or apply for " +
              "arbitration under article 944 of the Civil Code.",
          ),
        ],
      },
      {
        heading: say("第五条　其他约定", "5. Other terms"),
        paragraphs: [
          say(
            `缴费方式：${settings.paymentInfo || "到物业服务中心缴纳"}。本协议履行期间，乙方仍应按时缴纳当期物业费；` +
              "甲方继续按《物业服务合同》提供服务。乙方对服务有意见的，可向服务中心反映，不影响本协议的履行。",
            `How to pay: ${settings.paymentInfo || "at the service centre"}. While this agreement runs, Party B ` +
              "also pays the current fees on time, and Party A goes on providing the services of the contract. " +
              "A complaint about the service may be raised with the service centre and does not suspend this " +
              "agreement.",
          ),
          say(
            "本协议一式两份，甲乙双方各执一份，自双方签字（盖章）之日起生效。",
            "This agreement is made in two copies, one for each party, and takes effect when both have signed " +
              "(and Party A has sealed it).",
          ),
        ],
      },
    ],
    signatures: [
      [
        say("甲方（盖章）：", "Party A (company seal):"),
        company,
        say("负责人（签字）：____________", "Signed for Party A: ____________"),
        say("日期：______年____月____日", "Date: ____________"),
      ],
      [
        say("乙方（签字）：____________", "Party B (signature): ____________"),
        say("身份证号：____________________", "ID number: ____________________"),
        say("联系电话：____________", "Phone: ____________"),
        say("日期：______年____月____日", "Date: ____________"),
      ],
    ],
    plan,
    recordNote: formatPlan(plan, lang),
  };
  return { agreement, warnings };
}

/** Rooms as a manager types them in one field: separated by commas (either width), 、, semicolons or spaces. */
export function roomList(text: string): string[] {
  return text
    .split(/[,，、;；\s]+/)
    .map((r) => r.trim())
    .filter(Boolean);
}

/** Who gets an agreement this round: the households offered instalments, and the rooms the manager picks. */
export interface AgreementChoice {
  readonly verdicts: readonly Verdict[];
  /** Rooms asked for that are not in the arrears sheet, or owe nothing. */
  readonly unknown: readonly string[];
  readonly nothingOwed: readonly string[];
}

export function agreementHouseholds(
  offered: readonly Verdict[],
  all: readonly Verdict[],
  picked: readonly string[],
): AgreementChoice {
  const rooms = new RoomIndex(all.map((v) => v.household));
  const byKey = new Map(all.map((v) => [v.household.key, v]));
  const chosen = new Map(offered.map((v) => [v.household.key, v]));
  const unknown: string[] = [];
  const nothingOwed: string[] = [];
  for (const room of picked) {
    const key = rooms.find(room);
    const v = key === null ? undefined : byKey.get(key);
    if (!v) unknown.push(room);
    else if (!v.inArrears) nothingOwed.push(room);
    else chosen.set(v.household.key, v);
  }
  return { verdicts: [...chosen.values()], unknown, nothingOwed };
}

/** The agreements of a round: one per household offered instalments, and per room the manager picks. */
export function roundAgreements(
  job: Pick<JobResult, "verdicts" | "facts" | "round" | "settings">,
  picked: readonly string[],
  count?: number,
): {
  agreements: Agreement[];
  warnings: Localized[];
  unknown: readonly string[];
  nothingOwed: readonly string[];
} {
  const round = job.round;
  const offered = round.notices.filter((n) => n.stage === "instalment").map((n) => n.verdict);
  const choice = agreementHouseholds(offered, job.verdicts, picked);
  const facts = job.facts;
  const agreements: Agreement[] = [];
  const warnings: Localized[] = [];
  const nothingOwed = [...choice.nothingOwed];
  for (const verdict of choice.verdicts) {
    const made = instalmentAgreement({
      verdict,
      facts: facts.get(verdict.household.key),
      settings: job.settings,
      date: round.date,
      asOf: round.asOf,
      lang: round.lang,
      count,
    });
    if (made === null) {
      nothingOwed.push(verdict.household.label);
      continue;
    }
    agreements.push(made.agreement);
    for (const w of made.warnings) if (!warnings.some((x) => x["en-US"] === w["en-US"])) warnings.push(w);
  }
  return { agreements, warnings, unknown: choice.unknown, nothingOwed };
}
