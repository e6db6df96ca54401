import { Household } from "../read/household";
import { Localized, localized } from "../text";

/** The four kinds of owner of the documents [D]. */
export const KINDS = ["timely", "frequent", "longTerm", "malicious"] as const;
export type Kind = (typeof KINDS)[number];

export const FLAGS = [
  "dispute",
  "hardship",
  "unreachable",
  "vacant",
  "limitationRisk",
  "newlyOverdue",
] as const;
export type Flag = (typeof FLAGS)[number];

export const KIND_LABELS: Readonly<Record<Kind, Localized>> = {
  timely: localized("按时缴纳", "Pays on time"),
  frequent: localized("经常拖欠", "Often late"),
  longTerm: localized("长期拖欠", "Long-term arrears"),
  malicious: localized("恶意拖欠", "Refuses to pay"),
};

export const FLAG_LABELS: Readonly<Record<Flag, Localized>> = {
  dispute: localized("服务纠纷", "Service dispute"),
  hardship: localized("经济困难", "Hardship"),
  unreachable: localized("联系不上", "Unreachable"),
  vacant: localized("空置", "Vacant"),
  limitationRisk: localized("时效风险", "Limitation risk"),
  newlyOverdue: localized("新近逾期", "Newly overdue"),
};

export interface Verdict {
  readonly household: Household;
  readonly kind: Kind;
  readonly flags: readonly Flag[];
  /** Why, one short sentence per piece of evidence: "欠费 14 个月 ≥ 6 个月 → 长期拖欠". */
  readonly reasons: readonly Localized[];
  readonly nextSteps: readonly Localized[];
  /** True when the household owes something. */
  readonly inArrears: boolean;
}
