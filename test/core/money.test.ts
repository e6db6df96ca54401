import fc from "fast-check";
import { MAX_HOUSEHOLD_AMOUNT, roundYuan, sumYuan, toCents, yuanText } from "../../src/core/money";
import { formatYuan, roundCents } from "../../src/core/text";
import { parseAmount, parseDayCount, parseMonthCount } from "../../src/core/read/values";

describe("14. money in cents, rounded half-up once", () => {
  it.each([
    [1.005, 101],
    [2.675, 268],
    [1234.565, 123457],
    [0.125, 13],
    [-2.675, -268],
    [1e-7, 0],
    [12000.000000000002, 1200000],
  ])("%s yuan is %s cents", (yuan, cents) => {
    expect(toCents(yuan)).toBe(cents);
  });

  it("rounds every amount a ledger holds as its decimal reads, with or without the shortcut", () => {
    // The rounding of the decimal as typed, by string: what toCents does where abs × 100 is near a half cent.
    const byDecimal = (yuan: number) => {
      const text = String(Math.abs(yuan));
      const cents = text.includes("e") ? Math.round(Math.abs(yuan) * 100) : Math.round(Number(`${text}e2`));
      return yuan < 0 ? -cents : cents;
    };
    const amount = fc.oneof(
      fc.double({ min: -MAX_HOUSEHOLD_AMOUNT, max: MAX_HOUSEHOLD_AMOUNT, noNaN: true }),
      // Typed amounts with up to three decimals, half cents among them.
      fc
        .tuple(fc.integer({ min: -1e10, max: 1e10 }), fc.constantFrom(1, 10, 100, 1000))
        .map(([n, d]) => n / d),
      fc.integer({ min: 0, max: 1e9 }).map((n) => n / 100 + 0.005),
    );
    fc.assert(
      fc.property(amount, (yuan) => toCents(yuan) === byDecimal(yuan)),
      { numRuns: 20_000 },
    );
  });

  it("amounts are read, rounded and printed the same way", () => {
    for (const [text, printed] of [
      ["1.005", "¥1.01"],
      ["2.675", "¥2.68"],
      ["1234.565", "¥1,234.57"],
      ["1.2万", "¥12,000.00"],
    ]) {
      const parsed = parseAmount(text);
      expect(parsed.kind).toBe("value");
      if (parsed.kind === "value") expect(formatYuan(parsed.value)).toBe(printed);
    }
    expect(formatYuan(1234.565)).toBe("¥1,234.57");
    expect(roundCents(2.675)).toBe(2.68);
    expect(roundYuan(1.005)).toBe(1.01);
  });

  it("a total is the sum of its printed parts", () => {
    const parts = [1.005, 2.675, 1234.565].map(roundYuan);
    expect(sumYuan(parts)).toBe(1238.26);
    expect(yuanText(sumYuan(parts))).toBe("¥1,238.26");
    expect(yuanText(0.1 + 0.2)).toBe("¥0.30");
  });
});

describe("8 and 15. values no ledger holds are reported, never used", () => {
  it.each([1e9, 13800001111, 601])("months overdue %s", (months) => {
    expect(parseMonthCount(months).kind).toBe("problem");
    expect(parseMonthCount(String(months)).kind).toBe("problem");
  });

  it.each([1e308, Infinity, NaN, MAX_HOUSEHOLD_AMOUNT + 1, -1e12])("amount %s", (amount) => {
    expect(parseAmount(amount).kind).toBe("problem");
  });

  it("days beyond fifty years, and ¥Infinity never printed", () => {
    expect(parseDayCount(1e9).kind).toBe("problem");
    expect(parseAmount("1e308").kind).not.toBe("value");
    expect(yuanText(Infinity)).toBe("—");
    expect(parseMonthCount(600)).toEqual({ kind: "value", value: 600 });
    expect(parseAmount(MAX_HOUSEHOLD_AMOUNT)).toEqual({ kind: "value", value: MAX_HOUSEHOLD_AMOUNT });
  });
});
