import { IsoDate, dayNumber } from "../read/values";
import { Localized, localized } from "../text";

/**
 * The public holidays of the People's Republic of China and the weekend days made working days (调休), as the
 * General Office of the State Council publishes them each autumn for the next year (国务院办公厅关于…部分节假日
 * 安排的通知). A year whose schedule is not yet published keeps only the fixed statutory days of the 全国年节及
 * 纪念日放假办法 (2024 revision) whose dates are certain; a deadline in it is flagged for checking.
 */
interface YearSchedule {
  /** The notice the days are taken from; null when the year's schedule is not published yet. */
  readonly source: string | null;
  readonly holidays: readonly string[];
  /** Weekend days that are working days. */
  readonly workdays: readonly string[];
}

function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++)
    out.push(new Date(d * 86_400_000).toISOString().slice(0, 10));
  return out;
}

// prettier-ignore
export const HOLIDAY_CALENDAR: Readonly<Record<number, YearSchedule>> = {
  2025: {
    source: "国办发明电〔2024〕12号（2024-11-12）",
    holidays: [
      "2025-01-01", ...span("2025-01-28", "2025-02-04"), ...span("2025-04-04", "2025-04-06"),
      ...span("2025-05-01", "2025-05-05"), ...span("2025-05-31", "2025-06-02"), ...span("2025-10-01", "2025-10-08"),
    ],
    workdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
  },
  2026: {
    source: "国办发明电〔2025〕7号（2025-11-04）",
    holidays: [
      ...span("2026-01-01", "2026-01-03"), ...span("2026-02-15", "2026-02-23"), ...span("2026-04-04", "2026-04-06"),
      ...span("2026-05-01", "2026-05-05"), ...span("2026-06-19", "2026-06-21"), ...span("2026-09-25", "2026-09-27"),
      ...span("2026-10-01", "2026-10-07"),
    ],
    workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
  },
  2027: {
    source: null,
    // 元旦; 春节 (除夕 to 初三: the Year of the Goat begins on 2027-02-06); 劳动节; 国庆节.
    holidays: ["2027-01-01", ...span("2027-02-05", "2027-02-08"), "2027-05-01", "2027-05-02",
      ...span("2027-10-01", "2027-10-03")],
    workdays: [],
  },
};

const HOLIDAYS = new Set(Object.values(HOLIDAY_CALENDAR).flatMap((y) => y.holidays));
const WORKDAYS = new Set(Object.values(HOLIDAY_CALENDAR).flatMap((y) => y.workdays));

function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWorkingDay(date: IsoDate): boolean {
  if (WORKDAYS.has(date)) return true;
  if (HOLIDAYS.has(date)) return false;
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

export interface Deadline {
  readonly date: IsoDate;
  /** Said when the date's year has no published schedule in the table. */
  readonly warning: Localized | null;
}

/** The date `days` after `from`, moved forward to the next working day. */
export function workingDeadline(from: IsoDate, days: number): Deadline {
  let d = dayNumber(from) + days;
  const iso = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
  while (!isWorkingDay(iso(d))) d++;
  const date = iso(d);
  const year = Number(date.slice(0, 4));
  const schedule = HOLIDAY_CALENDAR[year];
  if (schedule?.source) return { date, warning: null };
  return {
    date,
    warning: schedule
      ? localized(
          `${year} 年放假安排（国务院办公厅通知）尚未收录：截止日期 ${date} 只避开了周末和固定法定节日，` +
            "调休未计，请核对",
          `the State Council's ${year} holiday schedule is not in the table: the ` +
            `deadline ${date} avoids weekends and the fixed statutory days only, not ` +
            "the adjusted days; check it",
        )
      : localized(
          `${year} 年不在节假日表内（已收录 2025–2027）：截止日期 ${date} 只避开了周末，请核对`,
          `${year} is outside the holiday table (2025–2027): the deadline ${date} ` +
            "avoids weekends only; check it",
        ),
  };
}
