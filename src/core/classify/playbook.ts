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

/** The next steps for a household: its flags' preconditions first (a dispute is solved before collecting). */
export function nextSteps(kind: Kind, flags: readonly Flag[], household: Household): Localized[] {
  const steps: Localized[] = [];
  if (household.problems.length > 0) {
    steps.push(
      localized(
        "先核对台账中无法识别的单元格（姓名、房号、金额、月份），确认无误再催缴",
        "First check the unreadable cells of the sheet (name, room, amount, months) before chasing",
      ),
    );
  }
  for (const flag of ["dispute", "hardship", "unreachable"] as const) {
    if (flags.includes(flag)) steps.push(FLAG_STEPS[flag]);
  }
  steps.push(...KIND_STEPS[kind]);
  for (const flag of ["limitationRisk", "vacant", "newlyOverdue"] as const) {
    if (flags.includes(flag)) steps.push(FLAG_STEPS[flag]);
  }
  return steps;
}
