import { CellValue, SheetGrid, columnLetter } from "../read/grid";
import { Household } from "../read/household";
import { IsoDate, cellText } from "../read/values";
import { Lang, Localized, localized, normalizeKey, speaker } from "../text";
import { dateCell } from "./notices";
import { RESULT_LABELS, RecordEntry, RecordRow, RoomIndex } from "./record";
import { CHANNEL_LABELS, NOTICE_STAGES, NoticeStage, STAGE_NAMES, stageLabel } from "./stages";

/**
 * The EMS numbers (邮件号) read back from the mailing list: the team prints mailing.csv, posts the letters, types
 * each item's number into its empty 邮件号 column and gives the list back (`--ems FILE.csv`). Each number becomes a
 * record row 已发送 with the number in 凭证, for the notice the 编号 names; rows already there are never rewritten.
 * The delivery itself is the row a collector types when EMS reports it: 已签收/妥投 with the same number.
 */

export const EMS_NUMBER_HEADER: Readonly<Record<Lang, string>> = { "zh-CN": "邮件号", "en-US": "EMS number" };

const REFERENCE_WORDS = ["编号", "通知编号", "reference", "ref", "ref."];
const NUMBER_WORDS = [
  "邮件号",
  "ems单号",
  "ems号",
  "单号",
  "运单号",
  "快递单号",
  "邮件号码",
  "emsnumber",
  "trackingnumber",
  "ems",
];

/** An EMS item number: the UPU form (EA123456789CN) or China Post's 13 digits. */
const EMS_NUMBER = /^(?:[A-Z]{2}\d{9}[A-Z]{2}|\d{13})$/;

export interface EmsNumber {
  readonly reference: string;
  readonly number: string;
  /** The list's row (1-based, as a spreadsheet shows it). */
  readonly row: number;
}

export interface EmsProblem {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly reason: Localized;
}

export interface EmsList {
  readonly numbers: readonly EmsNumber[];
  readonly problems: readonly EmsProblem[];
  /** Rows with a 编号 and no number yet. */
  readonly unfilled: number;
}

/** Reads the filled mailing list (either language's headers, in any column order); null when it has no 编号 and 邮件号. */
export function readEmsList(sheet: SheetGrid): EmsList | null {
  const key = (c: CellValue) => normalizeKey(cellText(c));
  for (let r = 0; r < Math.min(5, sheet.rows.length); r++) {
    const header = sheet.rows[r];
    const refAt = header.findIndex((c) => REFERENCE_WORDS.includes(key(c)));
    const numAt = header.findIndex((c) => NUMBER_WORDS.includes(key(c)));
    if (refAt < 0 || numAt < 0) continue;
    const numbers: EmsNumber[] = [];
    const problems: EmsProblem[] = [];
    let unfilled = 0;
    for (let i = r + 1; i < sheet.rows.length; i++) {
      const row = sheet.rows[i];
      const reference = cellText(row[refAt] ?? null).trim();
      const number = cellText(row[numAt] ?? null)
        .replace(/\s+/g, "")
        .toUpperCase();
      if (reference === "") continue;
      const at = sheet.firstRow + i;
      if (number === "") {
        unfilled++;
        continue;
      }
      if (!EMS_NUMBER.test(number)) {
        problems.push({
          row: at,
          column: columnLetter(sheet.firstColumn + numAt),
          value: cellText(row[numAt] ?? null),
          reason: localized(
            "邮件号应为 13 位数字或 EA123456789CN 这样的格式（Excel 把长数字显示成 1.2E+12 时，请把该列设为文本再填）",
            "an EMS number is 13 digits or like EA123456789CN (if Excel shows 1.2E+12, format the column as text)",
          ),
        });
        continue;
      }
      numbers.push({ reference, number, row: at });
    }
    return { numbers, problems, unfilled };
  }
  return null;
}

export interface EmsLogging {
  /** Record rows to append: 已发送 with the EMS number in 凭证. */
  readonly rows: readonly RecordRow[];
  /** The same rows as the record will read them, for the round planned in the same run. */
  readonly entries: readonly RecordEntry[];
  /** Numbers the record has already (a list given twice): not added again. */
  readonly alreadyLogged: number;
  /** Numbers whose 编号 names no notice of this workbook. */
  readonly problems: readonly EmsProblem[];
}

/** 编号 "20261124-a4-401-12": the round's day, the room as written in it, the stage. */
function parseReference(reference: string): { room: string; stage: NoticeStage } | null {
  const m = /^(\d{8})-(.+)-([0-9a-zA-Z]+)$/.exec(reference.trim());
  if (!m) return null;
  const stage = NOTICE_STAGES.find((s) => stageLabel(s).padStart(2, "0") === m[3]);
  return stage === undefined ? null : { room: m[2], stage };
}

/**
 * Rows that log each EMS number against its notice: dated the run's day (when the list came back), result
 * 已发送, channel EMS, the number in 凭证 — the same as a collector would type them. A number already in the
 * record for that household is not added twice.
 */
export function emsRecordRows(
  list: EmsList,
  entries: readonly RecordEntry[],
  households: readonly Household[],
  lang: Lang,
  date: IsoDate,
  lastRow: number,
): EmsLogging {
  const say = speaker(lang);
  const rooms = new RoomIndex(households);
  const byKey = new Map(households.map((h) => [h.key, h]));
  const rows: RecordRow[] = [];
  const added: RecordEntry[] = [];
  const problems: EmsProblem[] = [];
  let alreadyLogged = 0;
  for (const item of list.numbers) {
    const ref = parseReference(item.reference);
    const key = ref ? rooms.find(ref.room) : null;
    const h = key === null ? undefined : byKey.get(key);
    if (!ref || !h) {
      problems.push({
        row: item.row,
        column: "",
        value: item.reference,
        reason: localized(
          "编号对不上本工作簿的任何通知（应为邮寄清单导出时的编号）：此行未登记",
          "the reference names no notice of this workbook (it should be as the mailing list gave it): not logged",
        ),
      });
      continue;
    }
    const seen = [...entries, ...added].some(
      (e) => e.householdKey === h.key && e.proof.replace(/\s+/g, "").toUpperCase() === item.number,
    );
    if (seen) {
      alreadyLogged++;
      continue;
    }
    const note = say(
      `EMS 已寄出，邮件号 ${item.number}（编号 ${item.reference}，据邮寄清单登记）`,
      `posted by EMS, number ${item.number} (ref. ${item.reference}, from the mailing list)`,
    );
    rows.push([
      dateCell(date),
      h.label,
      h.owner,
      STAGE_NAMES[ref.stage][lang],
      CHANNEL_LABELS.ems[lang],
      h.collector,
      RESULT_LABELS.sent[lang],
      null,
      null,
      item.number,
      note,
    ]);
    added.push({
      row: lastRow + added.length + 1,
      date,
      householdKey: h.key,
      room: h.label,
      stage: ref.stage,
      channel: "ems",
      result: "sent",
      promisedDate: null,
      amount: null,
      proof: item.number,
      note,
    });
  }
  return { rows, entries: added, alreadyLogged, problems };
}
