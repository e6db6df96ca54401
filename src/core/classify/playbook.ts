import type { Flag, Kind } from "./kinds";
import { Household } from "../read/household";
import { Localized, localized } from "../text";

/**
 * The playbook of the documents [B, C, D], inside the law. Civil Code art. 944: a property company may demand
 * payment and sue, but may not stop water, electricity, heating or gas to force payment; "restricting common
 * facilities", which [D] suggests for malicious owners, is a legal risk and is never offered as a step.
 */
const KIND_STEPS: Readonly<Record<Kind, readonly Localized[]>> = {
  timely: [
    localized(
      "电话或短信致谢，提醒下次缴费日期",
      "Thank them by phone or SMS and remind them of the next due date",
    ),
  ],
  frequent: [
    localized(
      "电话、短信提醒欠费金额、月份和缴费期限",
      "Remind by phone and SMS: amount, months and the deadline",
    ),
    localized(
      "仍未缴费的，上门拜访，了解拖欠原因并协助解决",
      "If still unpaid, visit at home: learn why and help solve it",
    ),
    localized(
      "电话提醒三个月后仍未缴的，EMS 寄送书面催告函",
      "Still unpaid three months after the call: send a written demand by EMS",
    ),
  ],
  longTerm: [
    localized(
      "EMS 特快专递寄送书面催告函并保留签收记录",
      "Send a formal demand letter by EMS and keep the delivery record",
    ),
    localized(
      "仍不缴的，发律师函；之后依法起诉或申请仲裁",
      "If still unpaid, a lawyer's letter; then sue or apply for arbitration",
    ),
  ],
  malicious: [
    localized(
      "整理证据（台账、催缴记录、签收回执），发律师函后依法起诉或申请仲裁",
      "Gather the evidence (ledger, collection record, signed receipts), send a " +
        "lawyer's letter, then sue or apply for arbitration",
    ),
    localized(
      "不得以停水、停电、停暖、停气催缴（民法典第944条）；限制使用公共设施有法律风险，不采用",
      "Never cut water, power, heating or gas to force payment (Civil Code art. " +
        "944); restricting common facilities is a legal risk: do not",
    ),
  ],
};

const FLAG_STEPS: Readonly<Record<Flag, Localized>> = {
  dispute: localized(
    "先处理投诉或维修问题，解决后再催缴；对收费项目或标准有异议的，核对合同和收费依据",
    "Solve the complaint or repair first, then ask for payment; where the charge " +
      "itself is disputed, check the contract and the approved rates",
  ),
  hardship: localized(
    "了解困难，协商分期或缓交，并书面确认还款计划",
    "Learn the difficulty; agree instalments or a deferral and confirm the repayment plan in writing",
  ),
  unreachable: localized(
    "通过邻居、同事或业委会查找联系方式，核对档案；按档案地址寄送书面通知",
    "Find a contact through neighbours, colleagues or the owners' committee; check " +
      "the file; write to the address on file",
  ),
  vacant: localized(
    "核实空置情况和合同约定（受托管理的空置房按 70% 收取管理费），联系业主确认",
    "Check the vacancy and the contract (vacant units held in trust pay 70% of " +
      "the management fee) and confirm with the owner",
  ),
  newlyOverdue: localized(
    "首次逾期、此前按时缴纳：电话或短信温馨提醒即可，不上门、不发催告函",
    "Late for the first time after paying on time: a friendly call or SMS; no visit, no formal demand",
  ),
  limitationRisk: localized(
    "尽快发出能证明送达的催告（EMS 签收或签字回执）以中断诉讼时效（民法典第195条）；公告栏张贴通常不算",
    "Soon send a demand whose delivery can be proved (EMS receipt or signed slip) " +
      "to restart the limitation period (Civil Code art. 195); a bulletin-board notice " +
      "usually does not count",
  ),
};

const CHECK_SHEET_STEP = localized(
  "先核对台账中无法识别的单元格（姓名、房号、金额、月份），确认无误再催缴",
  "First check the unreadable cells of the sheet (name, room, amount, months) before chasing",
);

/**
 * The playbook's short labels, for the classification sheet: one cell a household says which steps apply, the
 * steps in full are written once under the table (a manager does not need the same paragraph 100,000 times).
 */
const SHORT_LABELS: ReadonlyMap<Localized, Localized> = new Map<Localized, Localized>([
  [CHECK_SHEET_STEP, localized("核对台账", "check the sheet")],
  [KIND_STEPS.timely[0], localized("致谢并提醒下次缴费", "thank, remind of the next due date")],
  [KIND_STEPS.frequent[0], localized("电话短信提醒", "remind by phone and SMS")],
  [KIND_STEPS.frequent[1], localized("上门了解原因", "visit: learn why")],
  [KIND_STEPS.frequent[2], localized("三个月未缴发催告函", "3 months on: written demand")],
  [KIND_STEPS.longTerm[0], localized("EMS 催告函", "formal demand by EMS")],
  [KIND_STEPS.longTerm[1], localized("律师函，再诉讼或仲裁", "lawyer's letter, then court")],
  [KIND_STEPS.malicious[0], localized("整理证据，律师函后诉讼", "evidence, lawyer's letter, court")],
  [KIND_STEPS.malicious[1], localized("不得停水电（民法典944条）", "no utility cuts (art. 944)")],
  [FLAG_STEPS.dispute, localized("先解决投诉或维修", "solve the complaint first")],
  [FLAG_STEPS.hardship, localized("协商分期或缓交", "agree instalments")],
  [FLAG_STEPS.unreachable, localized("查找联系方式", "find a contact")],
  [FLAG_STEPS.vacant, localized("核实空置与合同", "check the vacancy")],
  [FLAG_STEPS.newlyOverdue, localized("温馨提醒即可", "a friendly reminder only")],
  [FLAG_STEPS.limitationRisk, localized("尽快可证送达的催告（时效）", "provable demand soon (limitation)")],
]);

/** A step's short label (the step itself when it has none). */
export function shortStep(step: Localized): Localized {
  return SHORT_LABELS.get(step) ?? step;
}

/** Every step of the playbook with its short label, in the order of the table: the legend under the sheet. */
export function playbookLegend(): readonly { short: Localized; full: Localized }[] {
  return [...SHORT_LABELS].map(([full, short]) => ({ short, full }));
}

/** The next steps for a household: its flags' preconditions first (a dispute is solved before collecting). */
export function nextSteps(kind: Kind, flags: readonly Flag[], household: Household): Localized[] {
  const steps: Localized[] = [];
  if (household.problems.length > 0) steps.push(CHECK_SHEET_STEP);
  for (const flag of ["dispute", "hardship", "unreachable"] as const) {
    if (flags.includes(flag)) steps.push(FLAG_STEPS[flag]);
  }
  steps.push(...KIND_STEPS[kind]);
  for (const flag of ["limitationRisk", "vacant", "newlyOverdue"] as const) {
    if (flags.includes(flag)) steps.push(FLAG_STEPS[flag]);
  }
  return steps;
}
