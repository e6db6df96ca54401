import { IsoDate, dayNumber } from "../read/values";
import { Lang, Localized, localized, speaker } from "../text";
import { fromCents, yuanText } from "../money";
import { InstalmentStatus, formatPlan, instalmentText } from "./instalments";
import { CampaignFacts, campaignFacts } from "./record";
import { NoticeStage } from "./stages";

/** What an instalment plan means for a household in a round (notices.ts asks this before the ladder). */
export type PlanStep =
  | { readonly kind: "notice"; readonly stage: NoticeStage; readonly reason: Localized }
  | {
      readonly kind: "held";
      readonly reason: Localized;
      readonly nextDate: IsoDate | null;
      readonly task?: Localized;
    }
  /** The plan was broken: the ladder goes on from where it was before the agreement, with these facts. */
  | { readonly kind: "resume"; readonly facts: CampaignFacts; readonly why: Localized }
  /** No plan, or one paid in full: the usual rules. */
  | { readonly kind: "none" };

function dayAfter(date: IsoDate): IsoDate {
  return new Date((dayNumber(date) + 1) * 86_400_000).toISOString().slice(0, 10);
}

export function planStep(facts: CampaignFacts | undefined): PlanStep {
  const status = facts?.instalments ?? null;
  if (!facts || status === null || status.standing === "complete") return { kind: "none" };
  const row = status.entry.row;
  if (status.standing === "unreadable")
    return {
      kind: "held",
      nextDate: null,
      task: localized("核对分期计划", "check the instalment plan"),
      reason: localized(
        `催缴记录第 ${row} 行：同意分期，但备注中的分期计划无法读取；按“分期 3 期：2026-12-15 ¥1,000.00；…”` +
          "写明每期日期和金额后继续",
        `collection record row ${row}: instalments agreed, but the plan in the note cannot be read; write ` +
          'each date and amount ("3 instalments: 2026-12-15 ¥1,000.00; …") to go on',
      ),
    };
  const plan = status.plan;
  if (plan === null) return { kind: "none" };
  const n = plan.instalments.length;
  const paid = yuanText(fromCents(status.paidCents));
  if (status.standing === "broken") {
    // Back to the ladder where it left it: the step reached before the agreement, as the record said then.
    const before = facts.entries.filter((e) => e.date < status.entry.date);
    const then = campaignFacts(before, status.entry.date);
    return {
      kind: "resume",
      facts: { ...facts, ladder: then.ladder, lastPaid: then.lastPaid, instalments: null },
      why: localized(
        `分期协议（催缴记录第 ${row} 行，${n} 期）两期未按期缴纳，协议终止，恢复催缴：`,
        `the instalment plan (record row ${row}, ${n} instalments) was missed twice and ends; collection resumes: `,
      ),
    };
  }
  const missed = status.missedInstalment;
  if (status.standing === "remind" && missed)
    return {
      kind: "notice",
      stage: "instalmentReminder",
      reason: localized(
        `分期协议（催缴记录第 ${row} 行）第 ${missed.number} 期 ${missed.due} ${instalmentText(missed)} ` +
          `未按期缴纳（已缴 ${paid}）→ 分期提醒`,
        `instalment ${missed.number} of the plan (record row ${row}), ${instalmentText(missed)} due ` +
          `${missed.due}, was missed (paid so far ${paid}) → instalment reminder`,
      ),
    };
  const next = status.next;
  return {
    kind: "held",
    nextDate: next ? dayAfter(next.due) : null,
    reason: localized(
      `分期还款中（催缴记录第 ${row} 行，${n} 期，已缴 ${paid}）` +
        (next ? `：下一期 ${next.due} ${instalmentText(next)}` : "") +
        (missed ? `；第 ${missed.number} 期逾期，已发分期提醒，再逾期一期即恢复催缴` : "") +
        "；不列入欠费公示",
      `paying by instalments (record row ${row}, ${n} instalments, paid ${paid})` +
        (next ? `: next ${instalmentText(next)} on ${next.due}` : "") +
        (missed
          ? `; instalment ${missed.number} was missed and reminded: one more miss resumes collection`
          : "") +
        "; off the public list",
    ),
  };
}

/** The instalment placeholders of a notice: the plan, and the missed instalment's date and amount. */
export function instalmentValues(
  status: InstalmentStatus | null | undefined,
  lang: Lang,
): { instalmentDue: string; instalmentAmount: string; instalmentPlan: string } {
  const say = speaker(lang);
  const shown = status?.missedInstalment ?? status?.next ?? null;
  return {
    instalmentDue: shown ? shown.due : "—",
    instalmentAmount: shown ? instalmentText(shown) : "—",
    instalmentPlan: status?.plan ? formatPlan(status.plan, lang) : say("分期计划", "the plan"),
  };
}

/** A plan kept (or being reminded) keeps the household off the public arrears list. */
export function keepsOffBulletin(facts: CampaignFacts | undefined): boolean {
  const s = facts?.instalments?.standing;
  return s === "kept" || s === "remind" || s === "unreadable";
}
