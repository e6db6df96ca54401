/**
 * Money in integer cents: a yuan amount is rounded once, half away from zero (四舍五入) on the decimal it was
 * written as — 1.005 → 1.01, 2.675 → 2.68 — not on its binary approximation (which makes 1.005 round down).
 * Totals are sums of cents, so a printed total is always the sum of its printed parts.
 */

/** The most a household's ledger can owe: anything beyond is a typing or paste error, reported, never used. */
export const MAX_HOUSEHOLD_AMOUNT = 100_000_000;
/** The most months a ledger can hold overdue (50 years): beyond is a phone number or a typo in the column. */
export const MAX_MONTHS_OVERDUE = 600;
export const MAX_DAYS_OVERDUE = MAX_MONTHS_OVERDUE * 31;

/** Yuan → integer cents, half away from zero; NaN for a number that is not finite. */
export function toCents(yuan: number): number {
  if (!Number.isFinite(yuan)) return NaN;
  const abs = Math.abs(yuan);
  // Most amounts are far from a half cent: there abs × 100 rounds the same as the decimal does (its error, a few
  // units in the last place, is far below the 1e-4 margin for any amount a ledger holds), without making a string.
  const scaled = abs * 100;
  if (scaled < 1e12 && Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-4) {
    const cents = Math.round(scaled);
    return yuan < 0 ? -cents : cents;
  }
  const text = String(abs);
  // The shortest decimal that reads back as this number is what was typed: shift it by two places exactly.
  const cents = text.includes("e") ? Math.round(abs * 100) : Math.round(Number(`${text}e2`));
  return yuan < 0 ? -cents : cents;
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** A yuan amount rounded to the cent, once. */
export function roundYuan(yuan: number): number {
  return fromCents(toCents(yuan));
}

/** The sum of amounts, each rounded to the cent, added as cents. */
export function sumYuan(amounts: Iterable<number>): number {
  let cents = 0;
  for (const a of amounts) cents += toCents(a);
  return fromCents(cents);
}

/** ¥1,234.57: the cents of the amount, grouped; "—" for a number that is not finite. */
export function yuanText(yuan: number): string {
  const cents = toCents(yuan);
  if (!Number.isFinite(cents)) return "—";
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${cents < 0 ? "-" : ""}¥${whole}.${String(abs % 100).padStart(2, "0")}`;
}
