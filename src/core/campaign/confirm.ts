import { Household } from "../read/household";
import { IsoDate } from "../read/values";
import { Lang, speaker } from "../text";
import { dateCell } from "./notices";
import { RESULT_LABELS, RecordEntry, RecordRow, wentOut } from "./record";
import { CHANNEL_LABELS, STAGE_NAMES } from "./stages";

/** Which prepared round to confirm: its date, or the latest one still waiting. */
export type ConfirmWhich = IsoDate | "latest";

export interface Confirmation {
  /** The round confirmed (null: nothing was waiting). */
  readonly date: IsoDate | null;
  /** Rows to add to the record, one per notice: the same stage, 结果 已发送, dated the day it was prepared. */
  readonly rows: readonly RecordRow[];
  /** The same rows as the record will read them, for the round planned in the same run. */
  readonly entries: readonly RecordEntry[];
}

/**
 * Confirms a whole prepared round as sent, as a collector would row by row: the record keeps the prepared row
 * (待发送) and gains one 已发送 row of the same date and stage for each notice not yet confirmed. Appending,
 * not rewriting, keeps the record a log a court can read: what was prepared, and when it was confirmed.
 */
export function confirmRound(
  entries: readonly RecordEntry[],
  which: ConfirmWhich,
  households: readonly Household[],
  lang: Lang,
  today: IsoDate,
  lastRow: number,
): Confirmation {
  // The latest day each household's stage went out: a prepared row on or before it is confirmed.
  const sent = new Map<string, IsoDate>();
  for (const x of entries) {
    if (x.stage === null || !wentOut(x)) continue;
    const key = `${x.householdKey}\u0000${x.stage}`;
    const last = sent.get(key);
    if (last === undefined || x.date > last) sent.set(key, x.date);
  }
  const confirmed = (e: RecordEntry) => {
    const last = sent.get(`${e.householdKey}\u0000${e.stage}`);
    return last !== undefined && last >= e.date;
  };
  const waiting = entries.filter(
    (e) => e.result === "pending" && !e.sentDate && e.stage !== null && !confirmed(e),
  );
  // The latest round prepared, confirmed or not: a second click confirms nothing older by mistake.
  const date =
    which === "latest"
      ? entries
          .filter((e) => e.result === "pending" && e.stage !== null)
          .reduce<IsoDate | null>((d, e) => (d === null || e.date > d ? e.date : d), null)
      : which;
  const chosen = waiting.filter((e) => e.date === date);
  const byKey = new Map(households.map((h) => [h.key, h]));
  const say = speaker(lang);
  const rows: RecordRow[] = [];
  const added: RecordEntry[] = [];
  for (const e of chosen) {
    if (e.stage === null) continue;
    const h = byKey.get(e.householdKey);
    rows.push([
      dateCell(e.date),
      h?.label ?? e.room,
      h?.owner ?? "",
      STAGE_NAMES[e.stage][lang],
      e.channel ? CHANNEL_LABELS[e.channel][lang] : null,
      h?.collector ?? "",
      RESULT_LABELS.sent[lang],
      null,
      null,
      null,
      say(
        `确认第 ${e.row} 行准备的通知已发出（${today} 确认）`,
        `confirms the notice prepared in row ${e.row} went out (confirmed ${today})`,
      ),
    ]);
    added.push({ ...e, row: lastRow + added.length + 1, result: "sent", note: "" });
  }
  return { date: chosen.length > 0 ? date : null, rows, entries: added };
}
