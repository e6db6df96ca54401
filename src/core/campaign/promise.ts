import { IsoDate, monthEnd, monthOfDate } from "../read/values";
import { normalizeText } from "../text";

const PROMISE_WORDS = /承诺|答应|保证|约定|说好|promised|will pay/;

function iso(year: number, month: number, day: number): IsoDate | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * A promise to pay written in the ledger's notes (承诺月底缴清, 答应12月15日前交, 承诺2026-12-10缴费): the date it
 * names, read against the as-of date (a day-and-month without a year is the next such day on or after it). Null
 * when the note makes no promise or names no date.
 */
export function notePromise(notes: string, asOf: IsoDate): IsoDate | null {
  const text = normalizeText(notes);
  if (!PROMISE_WORDS.test(text)) return null;
  const full = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(text);
  if (full) return iso(Number(full[1]), Number(full[2]), Number(full[3]));
  const year = Number(asOf.slice(0, 4));
  const md = /(\d{1,2})月(\d{1,2})[日号]/.exec(text);
  if (md) {
    const date = iso(year, Number(md[1]), Number(md[2]));
    if (date === null) return null;
    return date >= asOf ? date : iso(year + 1, Number(md[1]), Number(md[2]));
  }
  if (/月底|月末|endofthemonth|end of the month|end of month/.test(text)) {
    const end = monthEnd(monthOfDate(asOf));
    return end >= asOf ? end : monthEnd(monthOfDate(asOf) + 1);
  }
  const day = /(\d{1,2})[日号]前?/.exec(text);
  if (day) {
    const month = Number(asOf.slice(5, 7));
    const date = iso(year, month, Number(day[1]));
    if (date === null) return null;
    if (date >= asOf) return date;
    return month === 12 ? iso(year + 1, 1, Number(day[1])) : iso(year, month + 1, Number(day[1]));
  }
  return null;
}
