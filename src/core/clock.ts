import { IsoDate } from "./read/values";

/**
 * Where "today" comes from. The core never reads the system clock: each edge (the command line, the task pane,
 * the browser page) reads it in one place, through `systemClock`, and passes the date on; tests pass a fixed one.
 */
export type Clock = () => IsoDate;

/** The calendar date of a moment where the user is (the local date, not UTC: a round run at 07:00 in Beijing is that day's). */
export function localIsoDate(moment: Date): IsoDate {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

export const systemClock: Clock = () => localIsoDate(new Date());

/** A clock that always says the same day (tests, and a run whose date the user gave). */
export function fixedClock(date: IsoDate): Clock {
  return () => date;
}
