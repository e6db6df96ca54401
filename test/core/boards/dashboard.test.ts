import { classifyAll } from "../../../src/core/classify/classify";
import { buildDashboard, dashboardSheet } from "../../../src/core/boards/dashboard";
import { Household } from "../../../src/core/read/household";
import { makeHousehold } from "../../support/household";
import { TableBlock } from "../../../src/core/output";
import { RecordEntry, campaignFactsByHousehold } from "../../../src/core/campaign/record";

const AS_OF = "2026-11-20";

function h(
  building: string,
  collector: string,
  months: number | null,
  amount: number,
  billed: number,
  notes = "",
): Household {
  return makeHousehold({
    key: `${building}-${collector}-${months}-${amount}`,
    building,
    room: "1",
    phone: "1",
    collector,
    notes,
    monthlyFee: null,
    monthsOverdue: months,
    amountOverdue: amount,
    collection: billed > 0 ? { billed, paid: Math.max(0, billed - amount) } : null,
  });
}

const households = [
  h("1栋", "李娜", 0, 0, 1200),
  h("1栋", "李娜", 2, 400, 1200),
  h("2栋", "王强", 4, 800, 1200),
  h("2栋", "王强", 8, 1600, 1200, "多次拒缴"),
  h("2栋", "王强", 30, 6000, 1200, "漏水"),
  h("3栋", "王强", null, 500, 0),
];

function table(sheet: ReturnType<typeof dashboardSheet>, id: string): TableBlock {
  return sheet.blocks.find((b): b is TableBlock => b.kind === "table" && b.id === id) as TableBlock;
}

describe("dashboard", () => {
  const d = buildDashboard(classifyAll(households, AS_OF), "锦绣花园", AS_OF, "2026-11-21");

  it("totals households, arrears and the collection rate", () => {
    expect(d.total).toEqual({ households: 6, inArrears: 5, amount: 9300, billed: 6000, paid: 2400 });
  });

  it("counts and sums by kind and flag", () => {
    const kinds = Object.fromEntries(d.byKind.map((k) => [k.kind, [k.tally.households, k.tally.amount]]));
    expect(kinds).toEqual({ timely: [1, 0], frequent: [3, 1700], longTerm: [1, 6000], malicious: [1, 1600] });
    const flags = Object.fromEntries(d.byFlag.map((f) => [f.flag, f.tally.households]));
    expect(flags).toMatchObject({ dispute: 1, limitationRisk: 0 });
  });

  it("buckets the amount by age, with unknown months apart", () => {
    expect(d.aging.map((a) => [a.households, a.amount])).toEqual([
      [1, 400],
      [1, 800],
      [1, 1600],
      [0, 0],
      [1, 6000],
    ]);
    expect(d.agingUnknown).toEqual({ households: 1, amount: 500 });
  });

  it("ranks buildings by amount and collectors by collection rate", () => {
    expect(d.byBuilding.map((b) => [b.name, b.rank])).toEqual([
      ["2栋", 1],
      ["3栋", 2],
      ["1栋", 3],
    ]);
    expect(d.byCollector.map((c) => [c.name, c.rank])).toEqual([
      ["李娜", 1],
      ["王强", 2],
    ]);
  });

  it("counts a second sheet without a building column under its name, and a building on two sheets by sheet", () => {
    const second = (building: string, amount: number) =>
      makeHousehold({
        ...h(building, "王强", 4, amount, 1200),
        key: `二期|${building}|${amount}`,
        sheet: "二期欠费汇总",
      });
    const several = buildDashboard(
      classifyAll([...households, second("", 700), second("", 300), second("3栋", 100)], AS_OF),
      "锦绣花园",
      AS_OF,
      "2026-11-21",
    );
    expect(several.byBuilding.map((b) => [b.name, b.tally.households, b.tally.amount])).toEqual([
      ["2栋", 3, 8400],
      ["二期欠费汇总", 2, 1000],
      ["台账 3栋", 1, 500],
      ["1栋", 2, 400],
      ["二期欠费汇总 3栋", 1, 100],
    ]);
  });

  it("lays out the sheet with tables and charts over the aging and kind tables", () => {
    const sheet = dashboardSheet(d, "zh-CN");
    expect(sheet.name).toBe("催缴看板");
    expect(table(sheet, "totals").rows[2]).toEqual(["收缴率（实收 ÷ 应收）", null, 2400, 0.4]);
    expect(table(sheet, "aging").rows).toHaveLength(6);
    expect(table(sheet, "collectors").rows[0]).toEqual(["李娜", 2, 1, 400, 0.8333, 0, 1]);
    expect(sheet.charts?.map((c) => [c.table, c.categoryColumn, c.valueColumn])).toEqual([
      ["aging", 0, 2],
      ["kinds", 0, 2],
    ]);
    expect(dashboardSheet(d, "en-US").name).toBe("Dashboard");
  });

  it("leaves the collector table out when the sheet has no collector column", () => {
    const none = buildDashboard(classifyAll([h("1栋", "", 0, 0, 0)], AS_OF), "", AS_OF, AS_OF);
    expect(none.byCollector).toEqual([]);
    expect(table(dashboardSheet(none, "zh-CN"), "collectors")).toBeUndefined();
  });

  it("reads the record: recovered in this campaign, promises due today and broken, collectors ranked by recovered", () => {
    const verdicts = classifyAll(households, AS_OF);
    const key = (i: number) => households[i].key;
    const row = (over: Partial<RecordEntry>): RecordEntry => ({
      row: 2,
      date: "2026-11-25",
      householdKey: key(2),
      room: "1",
      stage: null,
      channel: null,
      result: "partPaid",
      promisedDate: null,
      amount: 300,
      proof: "",
      note: "",
      ...over,
    });
    const facts = campaignFactsByHousehold(
      [
        row({}),
        row({ householdKey: key(3), result: "paid", amount: null, row: 3 }),
        // Before the as-of date: not this campaign.
        row({ householdKey: key(1), result: "partPaid", amount: 100, date: "2026-11-10", row: 4 }),
        row({ householdKey: key(1), result: "promised", promisedDate: "2026-11-28", amount: null, row: 5 }),
        row({ householdKey: key(4), result: "promised", promisedDate: "2026-11-26", amount: null, row: 6 }),
      ],
      "2026-11-28",
    );
    const dash = buildDashboard(verdicts, "锦绣花园", AS_OF, "2026-11-28", facts);
    expect(dash.campaign).toEqual({
      recovered: 1900,
      householdsPaying: 2,
      promisesDue: 1,
      promisesBroken: 1,
    });
    // 王强's households recovered ¥1,900, 李娜's nothing: 王强 first, whatever the collection rates.
    expect(dash.byCollector.map((c) => [c.name, c.recovered, c.rank])).toEqual([
      ["王强", 1900, 1],
      ["李娜", 0, 2],
    ]);
    expect(table(dashboardSheet(dash, "zh-CN"), "totals").rows[3]).toEqual([
      "本次催缴回款（计至日后，催缴记录）",
      2,
      1900,
      null,
    ]);
  });
});
