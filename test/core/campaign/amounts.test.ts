import { owed, monthsDue } from "../../../src/core/campaign/amounts";
import { period } from "../../../src/core/campaign/notices";
import { RecordEntry, campaignFacts } from "../../../src/core/campaign/record";
import { monthIndex } from "../../../src/core/read/values";
import { makeHousehold } from "../../support/household";

const AS_OF = "2026-11-20";

/** 14 months from earlier years (2023-10 … 2024-11) and the sheet's 2024-12 … 2026-10 unpaid: 37 months at ¥100. */
const longDebtor = makeHousehold({
  key: "k",
  label: "1-1-101",
  monthlyFee: 100,
  monthsOverdue: 37,
  amountOverdue: 3700,
  oldestUnpaid: monthIndex(2023, 10),
  unpaidMonths: Array.from({ length: 23 }, (_, i) => monthIndex(2024, 12) + i),
});

function payment(over: Partial<RecordEntry>): RecordEntry {
  return {
    row: 2,
    date: "2026-11-25",
    householdKey: "k",
    room: "1-1-101",
    stage: null,
    channel: null,
    result: "partPaid",
    promisedDate: null,
    amount: 250,
    proof: "",
    note: "",
    ...over,
  };
}

describe("what is owed", () => {
  it("names every unpaid month, prior-year months first", () => {
    const debt = owed(longDebtor, undefined, AS_OF);
    expect(debt.dues).toHaveLength(37);
    expect(debt.dues.filter((d) => d.prior)).toHaveLength(14);
    expect(period(debt, "zh-CN")).toBe("往年欠费 14 个月（2023年10月至2024年11月）及2024年12月至2026年10月");
    expect(period(debt, "en-US")).toBe(
      "14 months from earlier years (2023-10 to 2024-11) and 2024-12 to 2026-10",
    );
  });

  it("takes payments logged since the as-of date off the oldest months first", () => {
    const facts = campaignFacts([payment({})], "2026-11-30");
    const debt = owed(longDebtor, facts, AS_OF);
    expect(debt).toMatchObject({ amount: 3450, months: 35, paid: 250 });
    // ¥250: October and November 2023 paid, December 2023 half paid.
    expect(debt.dues[0]).toEqual({ month: monthIndex(2023, 12), fee: 50, prior: true });
    expect(period(debt, "zh-CN")).toBe("往年欠费 12 个月（2023年12月至2024年11月）及2024年12月至2026年10月");
  });

  it("counts 已缴费 without an amount as payment in full, and ignores payments before the as-of date", () => {
    const full = campaignFacts([payment({ result: "paid", amount: null })], "2026-11-30");
    expect(owed(longDebtor, full, AS_OF)).toMatchObject({ amount: 0, months: 0 });
    const before = campaignFacts([payment({ date: "2026-11-10" })], "2026-11-30");
    expect(owed(longDebtor, before, AS_OF)).toMatchObject({ amount: 3700, months: 37, paid: 0 });
  });

  it("spreads an amount that is not whole months evenly, the cents on the last month", () => {
    const odd = makeHousehold({
      monthsOverdue: 3,
      amountOverdue: 100,
      monthlyFee: null,
      unpaidMonths: [1, 2, 3],
    });
    expect(monthsDue(odd, AS_OF).dues.map((d) => d.fee)).toEqual([33.33, 33.33, 33.34]);
  });
});
