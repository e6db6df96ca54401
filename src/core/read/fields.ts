import { CellValue } from "./grid";
import { memoized } from "../memo";
import { Localized, localized, normalizeKey } from "../text";
import { cellText } from "./values";

/** The fields an arrears sheet can hold. */
export const FIELDS = [
  "building",
  "unit",
  "room",
  "account",
  "owner",
  "phone",
  "address",
  "amount",
  "months",
  "days",
  "priorMonths",
  "priorAmount",
  "lastPayment",
  "notes",
  "status",
  "collector",
  "consent",
  "area",
  "feeRate",
  "monthlyFee",
  "feeItem",
  "period",
  "periodStart",
  "periodEnd",
  "dueDate",
  "due",
  "paid",
] as const;

export type Field = (typeof FIELDS)[number];

export const FIELD_LABELS: Readonly<Record<Field, Localized>> = {
  building: localized("楼栋", "Building"),
  unit: localized("单元", "Entrance (单元)"),
  room: localized("房号", "Unit / room"),
  account: localized("户号", "Account"),
  owner: localized("业主", "Owner"),
  phone: localized("电话", "Phone"),
  address: localized("通讯地址", "Mailing address"),
  amount: localized("欠费金额", "Amount overdue"),
  months: localized("欠费月数", "Months overdue"),
  days: localized("欠费天数", "Days overdue"),
  priorMonths: localized("往年欠费月数", "Months owed from earlier years"),
  priorAmount: localized("往年欠费", "Amount owed from earlier years"),
  lastPayment: localized("最后缴费日期", "Last payment"),
  notes: localized("备注", "Notes"),
  status: localized("状态", "Status"),
  collector: localized("催缴员", "Collector"),
  consent: localized("同意公示", "Consent to publish"),
  area: localized("建筑面积", "Floor area"),
  feeRate: localized("物业费单价", "Fee per m²"),
  monthlyFee: localized("月物业费", "Monthly fee"),
  feeItem: localized("收费项目", "Fee item"),
  period: localized("所属期", "Billing period"),
  periodStart: localized("计费开始", "Period start"),
  periodEnd: localized("计费结束", "Period end"),
  dueDate: localized("缴费期限", "Due date"),
  due: localized("应收", "Amount billed"),
  paid: localized("实收", "Amount paid"),
};

/**
 * Header spellings per field, written as normalizeKey gives them (simplified, lower case, no spaces), so the
 * traditional and full-width forms match too. An exact match beats a containing one; a longer synonym beats a
 * shorter one, so 欠费月数 is months, not amount.
 */
// prettier-ignore
const SYNONYMS: Readonly<Record<Field, readonly string[]>> = {
  building: ["楼栋", "楼栋号", "楼号", "栋号", "栋", "幢", "楼宇", "楼座", "座", "楼", "building", "bldg", "block", "tower", "property"],
  unit: ["单元", "单元号", "entrance", "stairwell"],
  room: [
    "房号", "房间号", "房间", "房屋编号", "房屋号", "房屋", "门牌号", "门牌", "房产", "房产编号", "资产编号",
    "房号/户号", "unit", "unitno", "unitnumber", "unit#", "room", "roomno", "apt", "apartment", "suite", "flat", "door",
  ],
  account: [
    "户号", "用户编号", "用户号", "客户编号", "客户号", "缴费号", "缴费编号", "账号", "帐号", "合同编号", "合同号",
    "户口号", "车牌号", "车牌号码", "车位号", "车位编号", "account", "accountno", "accountnumber", "account#",
    "tenantaccount", "customerno", "customerid", "contractno", "plate", "plateno", "parkingspace",
  ],
  owner: [
    "业主", "业主姓名", "业主名称", "业主名", "姓名", "客户名称", "客户姓名", "客户", "户主", "户名", "用户名称", "用户姓名", "用户名", "住户", "住户姓名",
    "产权人", "owner", "ownername", "tenant", "tenantname", "name", "resident", "customer", "customername",
  ],
  phone: [
    "电话", "联系电话", "电话号码", "手机", "手机号", "手机号码", "联系方式", "联系手机", "业主电话",
    "phone", "phoneno", "phonenumber", "mobile", "tel", "telephone", "contactnumber", "contact",
  ],
  address: [
    "通讯地址", "联系地址", "邮寄地址", "地址", "住址", "用户地址", "房屋地址", "房产地址", "物业地址", "坐落", "房屋坐落",
    "address", "mailingaddress", "propertyaddress",
  ],
  amount: [
    "欠费金额", "欠费", "欠款", "欠款金额", "欠缴金额", "欠费合计", "欠费总额", "累计欠费", "未缴金额", "应缴未缴",
    "欠缴", "欠费余额", "应收余额", "尚欠", "balance", "balancedue", "currentbalance", "amountdue", "amountreceivable",
    "arrears", "outstanding", "amountowed", "totaldue", "pastdue", "owed", "rentduelessreceived", "rentarrears",
  ],
  months: [
    "欠费月数", "欠缴月数", "拖欠月数", "欠费月份数", "欠费期数", "欠费时长", "欠费月", "monthsinarrears",
    "monthsoverdue", "monthsowed", "monthsdelinquent", "months",
  ],
  days: ["欠费天数", "逾期天数", "daysdelinquent", "daysoverdue", "dayslate", "dayspastdue"],
  priorMonths: ["往年欠费月数", "以前年度欠费月数", "结转欠费月数", "历史欠费月数", "上年欠费月数"],
  priorAmount: ["往年欠费", "往年欠费金额", "以前年度欠费", "结转欠费", "历史欠费", "上年欠费", "priorbalance"],
  lastPayment: [
    "最后缴费日期", "最后缴费时间", "最近缴费日期", "最近缴费", "上次缴费日期", "上次缴费", "缴费日期", "缴费时间",
    "收款日期", "缴纳日期", "实收日期", "付款日期", "支付日期", "lastpayment", "lastpaymentdate", "lastpaid", "paymentdate",
    "datepaid", "paiddate", "paidon",
  ],
  notes: [
    "备注", "说明", "情况说明", "欠费原因", "原因", "催缴情况", "催缴记录", "跟进情况", "notes", "note", "remarks",
    "remark", "comments", "comment", "delinquencynotes", "internalnotes",
  ],
  status: ["状态", "缴费状态", "催缴状态", "业主状态", "账单状态", "收费状态", "支付状态", "status", "tenantstatus", "billstatus", "paymentstatus"],
  collector: ["催缴员", "催缴人", "催费员", "负责人", "责任人", "管家", "客服", "跟进人", "collector", "assignedto", "agent"],
  consent: ["同意公示", "公示同意", "是否同意公示", "公示授权", "consent", "consenttopublish"],
  area: ["建筑面积", "面积", "计费面积", "收费面积", "area", "sqft", "floorarea"],
  feeRate: ["物业费单价", "单价", "收费标准", "物业费标准", "rate", "unitprice"],
  monthlyFee: ["月物业费", "每月物业费", "月费", "月应缴", "月应收", "物业费/月", "monthlyfee", "rent", "monthlycharge"],
  feeItem: ["收费项目", "费用项目", "费用名称", "收费名称", "费项", "科目", "feeitem", "charge", "chargetype", "item"],
  period: ["所属期", "账期", "所属月份", "计费月份", "费用月份", "费用期间", "所属期间", "期间", "月份", "period", "billingperiod", "month"],
  periodStart: ["开始时间", "开始日期", "计费开始", "起始日期", "计费起始日期", "periodstart", "startdate", "from"],
  periodEnd: ["结束时间", "结束日期", "计费结束", "计费截止日期", "periodend", "enddate", "to"],
  dueDate: [
    "截止日期", "到期日", "到期日期", "缴费期限", "缴费截止日期", "应缴日期", "最迟缴费日期", "缴费截止", "duedate",
    "datedue", "paymentduedate",
  ],
  due: [
    "应收", "应收金额", "应缴", "应缴金额", "应收款", "应收费用", "本期应收", "金额", "费用金额", "账单金额", "收费金额",
    "amountbilled", "billed", "charged", "amount", "billamount", "rentdue", "rentcharged",
  ],
  paid: [
    "实收", "实收金额", "实缴", "实缴金额", "已缴", "已缴金额", "已收", "已收金额", "本期实收", "缴费金额", "缴纳金额",
    "付款金额", "支付金额", "收款金额", "实付金额", "amountpaid", "paid", "received", "rentreceived", "amountreceived",
    "paymentamount",
  ],
};

/** Normalised header text: units in brackets and trailing colons removed. "欠费金额\n(元)" → "欠费金额". */
export function headerKey(cell: CellValue): string {
  return normalizeKey(cellText(cell))
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, "")
    .replace(/[:：*]+$/, "")
    .replace(/^[*#]+/, "");
}

export interface HeaderMatch {
  readonly field: Field;
  /** Higher is better: exact matches score above containing ones, longer synonyms above shorter. */
  readonly score: number;
}

const SYNONYM_INDEX: readonly { field: Field; synonym: string }[] = FIELDS.flatMap((field) =>
  SYNONYMS[field].map((synonym) => ({ field, synonym })),
);
const EXACT = new Map<string, Field>(SYNONYM_INDEX.map(({ field, synonym }) => [synonym, field]));

/** The field a header names, if any. */
export function matchHeader(cell: CellValue): HeaderMatch | null {
  const key = headerKey(cell);
  if (key.length === 0 || key.length > 40) return null;
  return matchHeaderKey(key);
}

const matchHeaderKey = memoized((key: string): HeaderMatch | null => {
  const exact = EXACT.get(key);
  if (exact) return { field: exact, score: 100 + key.length };
  let best: HeaderMatch | null = null;
  for (const { field, synonym } of SYNONYM_INDEX) {
    // One-character and short English synonyms only count as exact matches ("楼" inside "楼盘名称" is no building).
    if (synonym.length < 2 || (/^[a-z]+$/.test(synonym) && synonym.length < 5)) continue;
    if (key.includes(synonym) && (best === null || synonym.length > best.score)) {
      best = { field, score: synonym.length };
    }
  }
  return best;
});

/** Which column holds which field: 0-based indexes into the sheet's row arrays. */
export type ColumnMapping = Partial<Record<Field, number>>;

/**
 * Assigns header cells to fields: each field takes its best-scoring column, each column at most one field.
 * `overrides` (from the user) win over detection; a column given to a field by override is taken from any other.
 */
export function mapColumns(headers: readonly CellValue[], overrides: ColumnMapping = {}): ColumnMapping {
  const candidates: { column: number; match: HeaderMatch }[] = [];
  headers.forEach((cell, column) => {
    const match = matchHeader(cell);
    if (match) candidates.push({ column, match });
  });
  candidates.sort((a, b) => b.match.score - a.match.score || a.column - b.column);
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const [field, column] of Object.entries(overrides) as [Field, number | undefined][]) {
    if (column !== undefined && column >= 0) {
      mapping[field] = column;
      taken.add(column);
    }
  }
  for (const { column, match } of candidates) {
    if (mapping[match.field] !== undefined || taken.has(column)) continue;
    if (match.field in overrides) continue;
    mapping[match.field] = column;
    taken.add(column);
  }
  return mapping;
}
