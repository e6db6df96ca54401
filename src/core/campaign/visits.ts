import { Round } from "./notices";
import { CHANNEL_LABELS, STAGES, STAGE_NAMES } from "./stages";
import { RESULT_LABELS, ContactResult } from "./record";
import { compareRooms } from "../boards/bulletin";
import { Lang, chineseOrder, formatYuan, localized, naturalOrder, speaker, Localized } from "../text";

/** The columns of the visit sheet (上门催缴登记表): printed from the round, then filled in by hand at the door. */
export const VISIT_COLUMNS = [
  "number",
  "room",
  "owner",
  "phone",
  "amount",
  "months",
  "stage",
  "bring",
  "time",
  "met",
  "result",
  "promisedDate",
  "signature",
] as const;
export type VisitColumn = (typeof VISIT_COLUMNS)[number];

/**
 * Each column's header, and where what is written in it goes when the sheet is typed back into 催缴记录 (null:
 * printed, not typed back; the signature stays on paper as the proof). The record reads those rows like any other.
 */
export const VISIT_COLUMN_RULES: Readonly<
  Record<
    VisitColumn,
    { readonly header: Localized; readonly handFilled: boolean; readonly record: Localized | null }
  >
> = {
  number: { header: localized("序号", "No."), handFilled: false, record: null },
  room: { header: localized("房号", "Unit"), handFilled: false, record: localized("房号", "Unit") },
  owner: { header: localized("业主", "Owner"), handFilled: false, record: localized("业主", "Owner") },
  phone: { header: localized("电话", "Phone"), handFilled: false, record: null },
  amount: { header: localized("欠费金额", "Owed"), handFilled: false, record: null },
  months: { header: localized("月数", "Months"), handFilled: false, record: null },
  stage: { header: localized("阶段", "Stage"), handFilled: false, record: localized("阶段", "Stage") },
  bring: { header: localized("携带", "Bring"), handFilled: false, record: null },
  time: {
    header: localized("到访时间", "Time of visit"),
    handFilled: true,
    record: localized("日期", "Date"),
  },
  met: { header: localized("见到何人", "Met whom"), handFilled: true, record: localized("备注", "Note") },
  result: { header: localized("结果", "Result"), handFilled: true, record: localized("结果", "Result") },
  promisedDate: {
    header: localized("承诺日期", "Promised date"),
    handFilled: true,
    record: localized("承诺日期", "Promised date"),
  },
  signature: { header: localized("签名", "Signature"), handFilled: true, record: localized("凭证", "Proof") },
};

/** The results a collector writes at the door, in the record's own words (so the record reads them back). */
export const VISIT_RESULTS: readonly ContactResult[] = [
  "paid",
  "partPaid",
  "promised",
  "refused",
  "unreachable",
  "dispute",
  "delivered",
];

export interface VisitRow {
  readonly cells: Readonly<Record<VisitColumn, string>>;
}

/** One collector's visits in one building: a page group of its own. */
export interface VisitGroup {
  readonly collector: string;
  readonly building: string;
  /** "催缴员：李娜 楼栋：1栋 本轮：2026-11-24 共 12 户". */
  readonly heading: string;
  readonly rows: readonly VisitRow[];
}

export interface VisitSheets {
  readonly lang: Lang;
  readonly title: string;
  readonly headers: Readonly<Record<VisitColumn, string>>;
  readonly groups: readonly VisitGroup[];
  /** How to type the sheet back into 催缴记录, printed under each table. */
  readonly howToLog: string;
  /** The sign-off line under each group. */
  readonly signOff: string;
  /** The page footer, with {page} and {pages}. */
  readonly footer: string;
}

const NO_COLLECTOR = localized("（未分配）", "(unassigned)");
const NO_BUILDING = localized("—", "—");

/** The round's home visits (the stages whose channel is a visit, the instalment offer in person), by collector and building. */
export function visitSheets(round: Round, estate: string): VisitSheets {
  const lang = round.lang;
  const say = speaker(lang);
  const visits = round.notices.filter((n) => n.channel === "visit");
  const groups = new Map<string, { collector: string; building: string; notices: typeof visits }>();
  for (const n of visits) {
    const h = n.verdict.household;
    const collector = h.collector.trim() || NO_COLLECTOR[lang];
    const building = h.building.trim() || NO_BUILDING[lang];
    const key = `${collector}\u0000${building}`;
    const g = groups.get(key);
    if (g) g.notices.push(n);
    else groups.set(key, { collector, building, notices: [n] });
  }
  const ordered = [...groups.values()].sort(
    (a, b) => chineseOrder(a.collector, b.collector) || naturalOrder(a.building, b.building),
  );
  return {
    lang,
    title: say(`${estate}上门催缴登记表`, `${estate ? `${estate}: ` : ""}home visit sheet`),
    headers: Object.fromEntries(VISIT_COLUMNS.map((c) => [c, VISIT_COLUMN_RULES[c].header[lang]])) as Record<
      VisitColumn,
      string
    >,
    groups: ordered.map((g) => ({
      collector: g.collector,
      building: g.building,
      heading: say(
        `催缴员：${g.collector}\u3000楼栋：${g.building}\u3000本轮：${round.date}\u3000共 ${g.notices.length} 户`,
        `Collector: ${g.collector}   Building: ${g.building}   Round: ${round.date}   ${g.notices.length} households`,
      ),
      rows: [...g.notices]
        .sort((a, b) => compareRooms(a.verdict.household, b.verdict.household))
        .map((n, i) => {
          const h = n.verdict.household;
          const rule = STAGES[n.stage];
          const letter = n.letter;
          const bring = [
            letter ? say(`《${letter.title}》`, `"${letter.title}"`) : CHANNEL_LABELS[n.channel][lang],
            rule.receipt ? say("回执", "receipt slip") : "",
          ]
            .filter(Boolean)
            .join(say("、", ", "));
          const owed = n.owed.amount ?? h.amountOverdue;
          const months = n.owed.months ?? h.monthsOverdue;
          return {
            cells: {
              number: String(i + 1),
              room: h.label,
              owner: h.owner,
              phone: h.phone,
              amount: owed === null ? "—" : formatYuan(owed),
              months: months === null ? "—" : String(months),
              stage: STAGE_NAMES[n.stage][lang],
              bring,
              time: "",
              met: "",
              result: "",
              promisedDate: "",
              signature: "",
            },
          };
        }),
    })),
    howToLog: say(
      "录入催缴记录：到访日期→日期，方式填“上门”，阶段照抄，结果填 " +
        VISIT_RESULTS.map((r) => `“${RESULT_LABELS[r]["zh-CN"]}”`).join("、") +
        "之一（承诺缴费须填承诺日期，缴费填收款金额），到访时间和见到何人→备注，签名的纸本留档、在凭证中注明。",
      'Typing it into the collection record: the date of the visit → Date, Channel "home visit", the stage as ' +
        "printed, Result one of " +
        VISIT_RESULTS.map((r) => `"${RESULT_LABELS[r]["en-US"]}"`).join(", ") +
        " (a promise needs its date, a payment its amount), the time and whom you met → Note; keep the signed " +
        "sheet and say so in Proof.",
    ),
    signOff: say(
      "催缴员签字：____________\u3000\u3000日期：____________\u3000\u3000主管审核：____________",
      "Collector's signature: ____________    Date: ____________    Checked by (supervisor): ____________",
    ),
    footer: say(
      "上门催缴登记表\u3000第 {page} 页，共 {pages} 页",
      "Home visit sheet   page {page} of {pages}",
    ),
  };
}
