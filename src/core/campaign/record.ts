import { CellValue, SheetGrid, WorkbookGrid, columnLetter } from "../read/grid";
import { Household } from "../read/household";
import { OUTPUT_SHEETS, OutputColumn } from "../output";
import {
  CHANNEL_LABELS,
  Channel,
  FORMAL_DEMAND,
  LAWYERS_LETTER,
  STAGES,
  LadderStage,
  NoticeStage,
  isLadder,
  parseStage,
} from "./stages";
import { memoized } from "../memo";
import { InstalmentPlan, InstalmentStatus, instalmentStatus, parsePlan } from "./instalments";
import { Lang, Localized, localized, normalizeKey } from "../text";
import { IsoDate, cellText, daysBetween, describeCell, parseAmount, parseDate } from "../read/values";

/** What came of a contact, as collectors write it in the record. */
export type ContactResult =
  | "pending"
  | "sent"
  | "paid"
  | "partPaid"
  | "promised"
  | "instalmentAgreed"
  | "refused"
  | "unreachable"
  | "dispute"
  | "resolved"
  | "delivered"
  | "returned"
  | "addressChecked";

export const RESULT_LABELS: Readonly<Record<ContactResult, Localized>> = {
  pending: localized("待发送", "to send"),
  sent: localized("已发送", "sent"),
  paid: localized("已缴费", "paid"),
  partPaid: localized("部分缴费", "part paid"),
  promised: localized("承诺缴费", "promised"),
  instalmentAgreed: localized("同意分期", "agreed instalments"),
  refused: localized("拒绝缴费", "refused"),
  unreachable: localized("联系不上", "unreachable"),
  dispute: localized("纠纷", "dispute"),
  resolved: localized("纠纷已解决", "resolved"),
  delivered: localized("已签收", "delivered/signed"),
  returned: localized("退回", "returned"),
  addressChecked: localized("地址已核实", "address checked"),
};

// prettier-ignore
const RESULT_WORDS: Readonly<Record<ContactResult, readonly string[]>> = {
  pending: ["待发送", "待发", "未发送", "待寄", "待寄出", "待送达", "准备", "pending", "tosend", "prepared", "notsent"],
  sent: ["已发送", "发送", "已发", "已寄出", "寄出", "已送", "已张贴", "sent", "posted", "mailed"],
  paid: ["已缴费", "已缴", "已缴清", "缴清", "已交", "已交费", "已付", "已付款", "paid", "paidinfull"],
  partPaid: ["部分缴费", "部分缴纳", "部分", "缴了一部分", "partpaid", "partlypaid", "partial", "partialpayment"],
  promised: ["承诺缴费", "承诺", "答应", "答应缴费", "约定缴费", "同意缴费", "promised", "promise", "promisedtopay"],
  instalmentAgreed: [
    "同意分期", "分期", "同意分期还款", "分期还款", "签订分期协议", "已签分期协议", "分期协议", "agreedinstalments",
    "agreedinstallments", "instalments", "installments", "instalmentplan", "installmentplan", "paymentplan",
  ],
  refused: ["拒绝缴费", "拒绝", "拒缴", "拒交", "拒付", "不交", "不缴", "refused", "refuses", "refusal", "refusedtopay"],
  unreachable: ["联系不上", "无法联系", "未接", "未接通", "无人接听", "空号", "关机", "停机", "unreachable", "noanswer"],
  dispute: ["纠纷", "服务纠纷", "有纠纷", "投诉", "有异议", "异议", "dispute", "disputed", "complaint", "servicedispute"],
  resolved: ["纠纷已解决", "已解决", "解决", "问题已解决", "resolved", "disputeresolved"],
  delivered: [
    "已签收", "签收", "本人签收", "已送达", "送达", "妥投", "已妥投", "留置送达", "delivered", "signed", "signedfor",
    "delivered/signed",
  ],
  returned: [
    "退回", "被退回", "已退回", "拒收", "未妥投", "查无此人", "地址不详", "退件", "退信", "returned", "undelivered",
    "refusedbyaddressee", "noaddressee",
  ],
  addressChecked: ["地址已核实", "已核实地址", "核实地址", "地址已更正", "addresschecked", "addressverified"],
};

// prettier-ignore
const CHANNEL_WORDS: Readonly<Record<Channel, readonly string[]>> = {
  sms: ["短信", "sms", "text", "微信", "wechat"],
  phone: ["电话", "phone", "call", "tel"],
  letter: ["书面通知", "通知单", "书面", "信件", "张贴", "letter", "notice", "post"],
  ems: ["ems", "ems特快专递", "特快专递", "快递", "挂号信"],
  visit: ["上门", "上门送达", "上门催缴", "面谈", "visit", "homevisit", "inperson"],
};

export type RecordField =
  | "date"
  | "room"
  | "owner"
  | "stage"
  | "channel"
  | "collector"
  | "result"
  | "promisedDate"
  | "amount"
  | "proof"
  | "note"
  | "sentDate";

export const RECORD_FIELDS: readonly RecordField[] = [
  "date",
  "room",
  "owner",
  "stage",
  "channel",
  "collector",
  "result",
  "promisedDate",
  "amount",
  "proof",
  "note",
];

const RECORD_HEADERS: Readonly<Record<RecordField, Localized>> = {
  date: localized("日期", "Date"),
  room: localized("房号", "Unit"),
  owner: localized("业主", "Owner"),
  stage: localized("阶段", "Stage"),
  channel: localized("渠道", "Channel"),
  collector: localized("催缴员", "Collector"),
  result: localized("结果", "Result"),
  promisedDate: localized("承诺日期", "Promised date"),
  amount: localized("收款金额", "Amount received"),
  proof: localized("凭证", "Proof"),
  note: localized("备注", "Note"),
  sentDate: localized("发送日期", "Date sent"),
};

// prettier-ignore
const HEADER_WORDS: Readonly<Record<RecordField, readonly string[]>> = {
  date: ["催缴日期", "联系日期", "date"],
  room: ["房屋", "房间号", "房屋编号", "门牌号", "room", "unit"],
  owner: ["业主姓名", "姓名", "owner", "name"],
  stage: ["通知", "催缴阶段", "次数", "stage", "notice"],
  channel: ["方式", "催缴方式", "channel", "method"],
  collector: ["经办人", "催缴人", "collector", "by"],
  result: ["催缴结果", "result", "outcome"],
  promisedDate: ["承诺缴费日期", "约定日期", "promised", "promisedby"],
  amount: ["实收金额", "缴费金额", "收款", "amount", "amountpaid", "received"],
  proof: ["证据", "ems单号", "单号", "快递单号", "proof", "evidence"],
  note: ["说明", "notes", "remarks"],
  sentDate: ["发出日期", "寄出日期", "实际发送日期", "sent", "sentdate", "datesent", "senton"],
};

/** Fields read from the record but not written by a round: the team fills them. */
const READ_ONLY_FIELDS: readonly RecordField[] = ["sentDate"];

export const RECORD_TABLE_NAME = "CollectionRecord";

export function recordColumns(lang: Lang): OutputColumn[] {
  const formats: Readonly<Record<Exclude<RecordField, "sentDate">, OutputColumn["format"]>> = {
    date: "date",
    room: "text",
    owner: "text",
    stage: "text",
    channel: "text",
    collector: "text",
    result: "text",
    promisedDate: "date",
    amount: "money",
    proof: "text",
    note: "text",
  };
  return RECORD_FIELDS.map((f) => ({
    header: RECORD_HEADERS[f][lang],
    format: formats[f as Exclude<RecordField, "sentDate">],
    wrap: f === "note",
  }));
}

export const RECORD_WIDTHS: readonly number[] = [12, 14, 10, 12, 14, 10, 14, 12, 12, 20, 40];

/** One row of the collection record, as read. */
export interface RecordEntry {
  readonly row: number;
  readonly date: IsoDate;
  readonly householdKey: string;
  readonly room: string;
  readonly stage: NoticeStage | null;
  readonly channel: Channel | null;
  readonly result: ContactResult | null;
  readonly promisedDate: IsoDate | null;
  readonly amount: number | null;
  readonly proof: string;
  readonly note: string;
  /** The 发送日期 the team filled in: the notice went out that day, whatever 结果 says. */
  readonly sentDate?: IsoDate | null;
  /** For a 同意分期 row: the plan read from 备注 (null when it cannot be read: reported). */
  readonly plan?: InstalmentPlan | null;
  /** The 催缴员 who logged the row (blank when the column is absent or empty): the daily report's credit. */
  readonly collector?: string;
}

const WITNESSED = /见证|证人|留置|witness/i;

/**
 * The notice (or contact) went out: the team confirmed it, logged what came of it, or typed the row with no
 * result at all (a row in the team's log is what the team did). Only a row still marked 待发送 — as a round
 * logs what it prepared — or one that came back (退回) has not.
 */
export function wentOut(e: RecordEntry): boolean {
  if (e.sentDate) return true;
  return e.result !== "pending" && e.result !== "returned";
}

/** The day it went out: the 发送日期 when filled, else the row's date. */
export function sentOn(e: RecordEntry): IsoDate {
  return e.sentDate || e.date;
}

export interface RecordProblem {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly reason: Localized;
}

/** Where the record's rows are on its sheet, so new rows go below them into the same columns. */
export interface RecordLayout {
  /** Excel row of the header. */
  readonly headerRow: number;
  /** Excel column (1-based) of each field the sheet has. */
  readonly columns: Readonly<Partial<Record<RecordField, number>>>;
  /** Excel row of the last row with anything in it (the header when there is none). */
  readonly lastRow: number;
}

export interface RecordReading {
  /** The record sheet as found in the workbook, or null when there is none yet. */
  readonly sheet: string | null;
  readonly layout: RecordLayout | null;
  readonly entries: readonly RecordEntry[];
  readonly problems: readonly RecordProblem[];
  /** Rows with anything in them, below the header. */
  readonly rowsRead: number;
  /** Excel row of the sheet's last row with anything in it (0 when the sheet is empty or absent). */
  readonly lastRow: number;
}

export function findRecordSheet(sheets: readonly SheetGrid[]): SheetGrid | undefined {
  const names = OUTPUT_SHEETS.record;
  return sheets.find((s) => s.name === names["zh-CN"] || s.name === names["en-US"]);
}

/**
 * A room as people type it, reduced to its parts: "1栋2单元301室", "1-2-301", " 1 - 2 - 301 " → "1-2-301". Each room
 * is met twice, in the arrears sheet and in the record: reduced once.
 */
const normalizeRoomText: (text: string) => string = memoized(
  (text: string) =>
    normalizeKey(text)
      .replace(/(号楼|栋|幢|座|单元|室|号|楼|#|\/|\\|—|－|_|-|\.|·)+/g, "-")
      .replace(/^-+|-+$/g, ""),
  200_000,
);

/** Rooms written as 1-2-301 already (most labels): their own key, not stored in the memo. */
const PLAIN_ROOM = /^[0-9a-z]+(?:-[0-9a-z]+)*$/;

export function normalizeRoom(text: string): string {
  return PLAIN_ROOM.test(text) ? text : normalizeRoomText(text);
}

/** Finds a household by the room written in the record, whichever way it is written. */
export class RoomIndex {
  private readonly byRoom = new Map<string, string | null>();

  constructor(households: readonly Household[]) {
    const add = (text: string, key: string) => {
      const room = normalizeRoom(text);
      if (room === "") return;
      const seen = this.byRoom.get(room);
      // null marks a room number shared by two buildings: it cannot identify a household alone.
      this.byRoom.set(room, seen === undefined || seen === key ? key : null);
    };
    for (const h of households) {
      add(h.label, h.key);
      add([h.building, h.unit, h.room].filter(Boolean).join("-"), h.key);
    }
    for (const h of households) add(h.room, h.key);
  }

  find(text: string): string | null {
    return this.byRoom.get(normalizeRoom(text)) ?? null;
  }
}

function headerField(text: string): RecordField | null {
  const key = normalizeKey(text).replace(/[（(].*?[)）]/g, "");
  if (key === "") return null;
  for (const field of RECORD_FIELDS) {
    const label = RECORD_HEADERS[field];
    if (key === normalizeKey(label["zh-CN"]) || key === normalizeKey(label["en-US"])) return field;
  }
  for (const field of READ_ONLY_FIELDS) {
    const label = RECORD_HEADERS[field];
    if (key === normalizeKey(label["zh-CN"]) || key === normalizeKey(label["en-US"])) return field;
  }
  for (const field of [...RECORD_FIELDS, ...READ_ONLY_FIELDS])
    if (HEADER_WORDS[field].includes(key)) return field;
  return null;
}

function parseResult(text: string): ContactResult | null {
  const key = normalizeKey(text).replace(/[（(].*?[)）]/g, "");
  if (/^拒收/.test(key) && WITNESSED.test(text)) return "delivered";
  for (const [result, words] of Object.entries(RESULT_WORDS) as [ContactResult, readonly string[]][]) {
    if (words.includes(key)) return result;
  }
  return null;
}

function parseChannel(text: string): Channel | null {
  const key = normalizeKey(text);
  for (const [channel, label] of Object.entries(CHANNEL_LABELS) as [Channel, Localized][]) {
    if (normalizeKey(label["zh-CN"]) === key || normalizeKey(label["en-US"]) === key) return channel;
  }
  for (const [channel, words] of Object.entries(CHANNEL_WORDS) as [Channel, readonly string[]][]) {
    if (words.includes(key)) return channel;
  }
  return null;
}

/**
 * Reads the 催缴记录 sheet: the header row (in the first 10 rows) names the columns in either language; rows typed
 * by hand with small mistakes — a date as text, a room with spaces — are read, and what cannot be read is reported
 * with its row and column and left out of the reckoning.
 */
export function readRecord(workbook: WorkbookGrid, households: readonly Household[]): RecordReading {
  const sheet = findRecordSheet(workbook.sheets);
  if (!sheet) return { sheet: null, layout: null, entries: [], problems: [], rowsRead: 0, lastRow: 0 };
  const lastRow = sheet.rows.length > 0 ? sheet.firstRow + sheet.rows.length - 1 : 0;
  const problems: RecordProblem[] = [];
  let headerIndex = -1;
  let columns = new Map<RecordField, number>();
  for (let r = 0; r < Math.min(10, sheet.rows.length); r++) {
    const found = new Map<RecordField, number>();
    sheet.rows[r].forEach((cell, c) => {
      const field = headerField(cellText(cell));
      if (field && !found.has(field)) found.set(field, c);
    });
    if (found.has("date") && found.has("room")) {
      headerIndex = r;
      columns = found;
      break;
    }
  }
  if (headerIndex < 0) {
    problems.push({
      sheet: sheet.name,
      row: sheet.firstRow,
      column: columnLetter(sheet.firstColumn),
      value: "",
      reason: localized(
        "前 10 行中找不到含“日期”和“房号”的表头，催缴记录未读取",
        'no header row with "Date" and "Unit" in the first 10 rows: the record was not read',
      ),
    });
    return { sheet: sheet.name, layout: null, entries: [], problems, rowsRead: 0, lastRow };
  }
  const rooms = new RoomIndex(households);
  const entries: RecordEntry[] = [];
  let rowsRead = 0;
  let lastIndex = headerIndex;
  for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    const cell = (field: RecordField): CellValue => {
      const c = columns.get(field);
      return c === undefined ? null : (row[c] ?? null);
    };
    if (row.every((c) => cellText(c) === "")) continue;
    rowsRead++;
    lastIndex = r;
    const excelRow = sheet.firstRow + r;
    const report = (field: RecordField, reason: Localized) =>
      problems.push({
        sheet: sheet.name,
        row: excelRow,
        column: columnLetter(sheet.firstColumn + (columns.get(field) ?? 0)),
        value: describeCell(cell(field)),
        reason,
      });
    const date = parseDate(cell("date"), { date1904: workbook.date1904 });
    if (date.kind !== "value") {
      report(
        "date",
        date.kind === "empty"
          ? localized("日期为空：此行未计入", "no date: the row is not counted")
          : localized("日期无法识别：此行未计入", "the date cannot be read: the row is not counted"),
      );
      continue;
    }
    const roomText = cellText(cell("room"));
    const key = rooms.find(roomText);
    if (key === null) {
      report(
        "room",
        roomText === ""
          ? localized("房号为空：此行未计入", "no unit: the row is not counted")
          : localized(
              "台账中找不到此房号（或多栋同号）：此行未计入",
              "this unit is not in the arrears sheet (or several buildings share it): the row is not counted",
            ),
      );
      continue;
    }
    const stageText = cellText(cell("stage"));
    const stage = parseStage(stageText);
    if (stageText !== "" && stage === null)
      report(
        "stage",
        localized(
          "阶段无法识别（应为 1–13、致业主书、催告函、律师函等）：按未注明阶段计",
          "the stage cannot be read (1–13, open letter, formal demand, lawyer's " +
            "letter…): counted with no stage",
        ),
      );
    const channelText = cellText(cell("channel"));
    const channel = parseChannel(channelText);
    const resultText = cellText(cell("result"));
    const parsedResult = parseResult(resultText);
    // 拒收 in front of a witness, noted by the person delivering, is 留置送达: delivered.
    const result =
      parsedResult === "returned" && /拒收/.test(resultText) && WITNESSED.test(cellText(cell("note")))
        ? "delivered"
        : parsedResult;
    if (resultText !== "" && result === null)
      report(
        "result",
        localized(
          `结果无法识别（应为：${Object.values(RESULT_LABELS)
            .map((l) => l["zh-CN"])
            .join("、")}）：按未注明结果计`,
          `the result cannot be read (one of: ${Object.values(RESULT_LABELS)
            .map((l) => l["en-US"])
            .join(", ")}): counted with no result`,
        ),
      );
    const promised = parseDate(cell("promisedDate"), { date1904: workbook.date1904 });
    if (promised.kind === "problem")
      report("promisedDate", localized("承诺日期无法识别", "the promised date cannot be read"));
    if (result === "promised" && promised.kind !== "value")
      report(
        columns.has("promisedDate") ? "promisedDate" : "result",
        localized("结果为承诺缴费，但没有承诺日期", "the result is a promise, but there is no promised date"),
      );
    const sent = parseDate(cell("sentDate"), { date1904: workbook.date1904 });
    if (sent.kind === "problem")
      report("sentDate", localized("发送日期无法识别", "the date sent cannot be read"));
    const amount = parseAmount(cell("amount"));
    if (amount.kind === "problem")
      report("amount", localized("收款金额无法识别", "the amount cannot be read"));
    const planned = result === "instalmentAgreed" ? parsePlan(cellText(cell("note")), date.value) : null;
    if (planned !== null && "problem" in planned)
      report(columns.has("note") ? "note" : "result", planned.problem);
    entries.push({
      row: excelRow,
      date: date.value,
      householdKey: key,
      room: roomText,
      stage,
      channel,
      result,
      promisedDate: promised.kind === "value" ? promised.value : null,
      amount: amount.kind === "value" ? amount.value : null,
      proof: cellText(cell("proof")),
      note: cellText(cell("note")),
      sentDate: sent.kind === "value" ? sent.value : null,
      ...(planned !== null ? { plan: "plan" in planned ? planned.plan : null } : {}),
      collector: cellText(cell("collector")),
    });
  }
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row));
  const layoutColumns: Partial<Record<RecordField, number>> = {};
  for (const [field, c] of columns) layoutColumns[field] = sheet.firstColumn + c;
  const layout: RecordLayout = {
    headerRow: sheet.firstRow + headerIndex,
    columns: layoutColumns,
    lastRow: sheet.firstRow + lastIndex,
  };
  return { sheet: sheet.name, layout, entries, problems, rowsRead, lastRow };
}

/** What the record says about one household, as of the day of a round. */
export interface CampaignFacts {
  readonly entries: readonly RecordEntry[];
  readonly lastPaid: RecordEntry | null;
  /** The highest step of the ladder that went out since the last payment, on a day before the round. */
  readonly ladder: {
    readonly stage: LadderStage;
    readonly entry: RecordEntry;
    readonly sent: IsoDate;
  } | null;
  /** A notice a round prepared (结果 待发送) that nobody has yet confirmed as sent. */
  readonly pending: { readonly stage: NoticeStage; readonly entry: RecordEntry } | null;
  readonly lastThanks: RecordEntry | null;
  readonly lastInstalment: RecordEntry | null;
  /** The latest promise to pay, whether kept, and whether a broken one was already followed up. */
  readonly promise: {
    readonly entry: RecordEntry;
    readonly promisedDate: IsoDate;
    readonly kept: boolean;
    readonly followedUp: boolean;
  } | null;
  /** A refusal to pay not since answered by a payment or a promise. */
  readonly refusal: RecordEntry | null;
  /** Refusals recorded since the last payment. */
  readonly refusals: number;
  /** A lawyer's letter with no payment, promise or dispute in the 30 days after it. */
  readonly lawyerIgnored: RecordEntry | null;
  /** A dispute logged and not yet resolved. */
  readonly openDispute: RecordEntry | null;
  /** The latest resolution of a dispute, when no dispute was logged after it. */
  readonly resolved: RecordEntry | null;
  /** The latest contact ended "unreachable", with no successful contact after it. */
  readonly unreachable: RecordEntry | null;
  /** The latest demand that provably reached the owner (signed, delivered): restarts the limitation (art. 195). */
  readonly deliveredDemand: RecordEntry | null;
  /** The formal demand (催告函) as sent, and its proof of delivery: a signed EMS (妥投, with its number) or 留置送达. */
  readonly formalDemand: { readonly sent: IsoDate; readonly delivered: RecordEntry | null } | null;
  /** A delivered formal demand left unpaid and unanswered for DEMAND_WAIT_DAYS. */
  readonly demandIgnored: RecordEntry | null;
  /** A paper notice returned (查无此人, 拒收, 地址不详) with no address checked since: the ladder stops. */
  readonly returned: RecordEntry | null;
  /** The latest instalment agreement (同意分期) and how its instalments stand (instalments.ts). */
  readonly instalments: InstalmentStatus | null;
}

/** Results by which the owner answered a notice: paid, part-paid, promised, agreed instalments or disputed. */
const ANSWERS: ReadonlySet<ContactResult> = new Set<ContactResult>([
  "paid",
  "partPaid",
  "promised",
  "instalmentAgreed",
  "dispute",
]);

export function answered(e: RecordEntry): boolean {
  return e.result !== null && ANSWERS.has(e.result);
}

export const LAWYER_LETTER_WAIT_DAYS = 30;
/** A delivered formal demand unanswered this long counts as ignored. */
export const DEMAND_WAIT_DAYS = 15;

/** Delivery that stands as proof: an EMS or receipt number, or a witness to a refusal (留置送达). */
function proven(e: RecordEntry): boolean {
  return e.result === "delivered" && (e.proof !== "" || WITNESSED.test(e.note));
}

/** The facts of one household's rows (sorted by date), for a round held on `roundDate`. */
export function campaignFacts(entries: readonly RecordEntry[], roundDate: IsoDate): CampaignFacts {
  const upTo = entries.filter((e) => e.date <= roundDate);
  const latest = (test: (e: RecordEntry) => boolean) => {
    for (let i = upTo.length - 1; i >= 0; i--) if (test(upTo[i])) return upTo[i];
    return null;
  };
  const after = (e: RecordEntry, test: (x: RecordEntry) => boolean) =>
    upTo.some((x) => (x.date > e.date || (x.date === e.date && x.row > e.row)) && test(x));
  const lastPaid = latest((e) => e.result === "paid");
  const sincePaid = (e: RecordEntry) =>
    lastPaid === null || e.date > lastPaid.date || (e.date === lastPaid.date && e.row > lastPaid.row);

  let ladder: CampaignFacts["ladder"] = null;
  for (const e of upTo) {
    // Rows of the round's own day belong to this round: a rerun the same day plans the same notices again.
    if (e.date >= roundDate || !sincePaid(e) || e.stage === null || !isLadder(e.stage) || !wentOut(e))
      continue;
    // A notice that came back never reached the owner: once the address is checked, it goes again.
    if (after(e, (x) => x.result === "returned" && (x.stage === e.stage || x.stage === null))) continue;
    if (ladder === null || e.stage > ladder.stage) ladder = { stage: e.stage, entry: e, sent: sentOn(e) };
  }
  // A prepared notice is confirmed by its own row (结果 changed, 发送日期 filled) or by a later row of its stage.
  const pendingEntry = latest(
    (e) =>
      e.date < roundDate &&
      e.result === "pending" &&
      !e.sentDate &&
      e.stage !== null &&
      sincePaid(e) &&
      !after(e, (x) => x.stage === e.stage && wentOut(x)),
  );
  const before = (e: RecordEntry) => e.date < roundDate;
  const promiseEntry = latest((e) => e.result === "promised" && e.promisedDate !== null);
  const promise =
    promiseEntry && promiseEntry.promisedDate
      ? {
          entry: promiseEntry,
          promisedDate: promiseEntry.promisedDate,
          kept: after(promiseEntry, (x) => x.result === "paid" || x.result === "partPaid"),
          followedUp: after(
            promiseEntry,
            (x) => before(x) && x.stage === "followUp" && x.date > (promiseEntry.promisedDate as IsoDate),
          ),
        }
      : null;
  const refusedEntry = latest((e) => e.result === "refused");
  const refusal =
    refusedEntry &&
    !after(
      refusedEntry,
      (x) =>
        x.result === "paid" ||
        x.result === "partPaid" ||
        x.result === "promised" ||
        x.result === "instalmentAgreed",
    )
      ? refusedEntry
      : null;
  const lawyer = latest((e) => e.stage === LAWYERS_LETTER && sincePaid(e) && wentOut(e));
  const lawyerIgnored =
    lawyer && daysBetween(sentOn(lawyer), roundDate) >= LAWYER_LETTER_WAIT_DAYS && !after(lawyer, answered)
      ? lawyer
      : null;
  const disputeEntry = latest((e) => e.result === "dispute");
  const resolvedEntry = latest((e) => e.result === "resolved");
  const openDispute =
    disputeEntry && !(resolvedEntry && after(disputeEntry, (x) => x === resolvedEntry)) ? disputeEntry : null;
  const lastContact = latest((e) => e.result !== null && e.result !== "sent" && e.result !== "pending");
  const demandSent = latest(
    (e) => e.stage === FORMAL_DEMAND && sincePaid(e) && wentOut(e) && e.result !== "delivered",
  );
  const demandDelivered = latest((e) => e.stage === FORMAL_DEMAND && sincePaid(e) && proven(e));
  const formalDemand =
    demandSent || demandDelivered
      ? { sent: sentOn((demandSent ?? demandDelivered) as RecordEntry), delivered: demandDelivered }
      : null;
  const returnedEntry = latest(
    (e) => e.result === "returned" && !after(e, (x) => x.result === "addressChecked" || proven(x)),
  );
  return {
    entries: upTo,
    lastPaid,
    ladder,
    pending:
      pendingEntry && pendingEntry.stage !== null ? { stage: pendingEntry.stage, entry: pendingEntry } : null,
    lastThanks: latest((e) => e.stage === "thanks" && before(e) && wentOut(e)),
    lastInstalment: latest((e) => e.stage === "instalment" && before(e) && wentOut(e)),
    promise,
    refusal,
    refusals: upTo.filter((e) => e.result === "refused" && sincePaid(e)).length,
    lawyerIgnored,
    openDispute,
    resolved: openDispute === null ? resolvedEntry : null,
    unreachable: lastContact && lastContact.result === "unreachable" ? lastContact : null,
    deliveredDemand: latest(
      (e) =>
        proven(e) ||
        (e.result === "delivered" && e.stage !== null && isLadder(e.stage) && STAGES[e.stage].receipt),
    ),
    formalDemand,
    demandIgnored:
      demandDelivered &&
      daysBetween(demandDelivered.date, roundDate) >= DEMAND_WAIT_DAYS &&
      !after(demandDelivered, answered)
        ? demandDelivered
        : null,
    returned: returnedEntry,
    instalments: instalmentStatus(upTo, roundDate),
  };
}

/** Facts for every household with rows in the record, by household key. */
export function campaignFactsByHousehold(
  entries: readonly RecordEntry[],
  roundDate: IsoDate,
): Map<string, CampaignFacts> {
  const byKey = new Map<string, RecordEntry[]>();
  for (const e of entries) {
    const list = byKey.get(e.householdKey);
    if (list) list.push(e);
    else byKey.set(e.householdKey, [e]);
  }
  const facts = new Map<string, CampaignFacts>();
  for (const [key, list] of byKey) facts.set(key, campaignFacts(list, roundDate));
  return facts;
}

/** A record row to add, in the order of RECORD_FIELDS. */
export type RecordRow = readonly CellValue[];

/** Rows to add to the 催缴记录 sheet (created if missing); rows already there are never rewritten. */
export interface RecordAppend {
  readonly sheetName: string;
  /** True when the workbook has the sheet already: append below its last row. */
  readonly exists: boolean;
  /** Where the existing sheet keeps its rows (null: no readable header; the rows go below everything). */
  readonly layout: RecordLayout | null;
  /** Excel row of the existing sheet's last row with anything in it (0 when none). */
  readonly lastRow: number;
  readonly tableName: string;
  readonly columns: readonly OutputColumn[];
  readonly widths: readonly number[];
  readonly rows: readonly RecordRow[];
  /** Notices of this round already logged today by an earlier run, not added again. */
  readonly alreadyLogged: number;
}

/** Where a round's rows go on an existing record sheet: the same for every workbook edge. */
export interface RecordPlacement {
  /** Excel row of the header (below everything, two rows down, when the sheet has no readable header). */
  readonly headerRow: number;
  /** Excel column (1-based) of each field that is written. */
  readonly columns: Readonly<Partial<Record<RecordField, number>>>;
  /** Header cells to add, at the header row, for fields the sheet has no column for. */
  readonly newHeaders: readonly { readonly column: number; readonly header: string }[];
  /** Excel row of the first new row: below the last row with anything in it. */
  readonly firstRow: number;
}

/**
 * The record's own columns, and to the right of them one for each field it lacks — unless an Excel table fixes
 * the columns (`canAddColumns` false), when the fields it lacks are not written. Rows already there are never
 * written over.
 */
export function recordPlacement(append: RecordAppend, canAddColumns: boolean): RecordPlacement {
  const layout = append.layout;
  const columns: Partial<Record<RecordField, number>> = { ...(layout?.columns ?? {}) };
  const headerRow = layout?.headerRow ?? append.lastRow + 2;
  const newHeaders: { column: number; header: string }[] = [];
  if (canAddColumns) {
    let next = Math.max(0, ...Object.values(columns).map((c) => c ?? 0)) + 1;
    RECORD_FIELDS.forEach((field, i) => {
      if (columns[field] !== undefined) return;
      columns[field] = next;
      newHeaders.push({ column: next, header: append.columns[i].header });
      next++;
    });
  }
  const firstRow = Math.max(layout?.lastRow ?? 0, append.lastRow, headerRow) + 1;
  return { headerRow, columns, newHeaders, firstRow };
}
