import { FLAGS, FLAG_LABELS, KINDS, KIND_LABELS, Verdict } from "../classify/kinds";
import { CellValue } from "../read/grid";
import { Block, OUTPUT_SHEETS, OutputSheet } from "../output";
import { Lang, Localized, chineseOrder, localized, naturalOrder, roundCents, speaker } from "../text";
import { CampaignFacts } from "../campaign/record";
import { IsoDate } from "../read/values";

/** Aging buckets of the amount overdue, by months overdue. */
export const AGING_BUCKETS: readonly {
  readonly label: Localized;
  readonly from: number;
  readonly to: number;
}[] = [
  { label: localized("3个月以内", "< 3 months"), from: 0.001, to: 3 },
  { label: localized("3–6个月", "3–6 months"), from: 3, to: 6 },
  { label: localized("6–12个月", "6–12 months"), from: 6, to: 12 },
  { label: localized("12–24个月", "12–24 months"), from: 12, to: 24 },
  { label: localized("24个月以上", "24+ months"), from: 24, to: Infinity },
];

export interface Tally {
  households: number;
  inArrears: number;
  amount: number;
  billed: number;
  paid: number;
}

function emptyTally(): Tally {
  return { households: 0, inArrears: 0, amount: 0, billed: 0, paid: 0 };
}

function add(t: Tally, v: Verdict): void {
  t.households++;
  if (v.inArrears) {
    t.inArrears++;
    t.amount = roundCents(t.amount + (v.household.amountOverdue ?? 0));
  }
  if (v.household.collection) {
    t.billed = roundCents(t.billed + v.household.collection.billed);
    t.paid = roundCents(t.paid + v.household.collection.paid);
  }
}

function rate(t: Tally): number | null {
  return t.billed > 0 ? Math.round((t.paid / t.billed) * 10_000) / 10_000 : null;
}

export interface Dashboard {
  readonly estateName: string;
  readonly asOf: IsoDate;
  readonly runDate: IsoDate;
  readonly total: Tally;
  readonly byKind: readonly { kind: (typeof KINDS)[number]; tally: Tally }[];
  readonly byFlag: readonly { flag: (typeof FLAGS)[number]; tally: Tally }[];
  readonly aging: readonly { label: Localized; households: number; amount: number }[];
  /** Households in arrears whose months overdue are not known (amount only). */
  readonly agingUnknown: { households: number; amount: number };
  readonly byBuilding: readonly { name: string; tally: Tally; rank: number }[];
  /** Empty when the sheet has no collector column. Ranked by what each recovered in this campaign. */
  readonly byCollector: readonly { name: string; tally: Tally; recovered: number; rank: number }[];
  /** What the collection record says of this campaign (since the as-of date). */
  readonly campaign: CampaignTally;
}

export interface CampaignTally {
  /** Paid since the as-of date, as logged in the record (已缴费 with no amount: the household's whole debt). */
  readonly recovered: number;
  readonly householdsPaying: number;
  /** Promises whose date is the run date, not yet kept: follow up today [C 5]. */
  readonly promisesDue: number;
  /** Promises whose date has passed unkept. */
  readonly promisesBroken: number;
}

/** Recovered per household since the as-of date. */
function recoveredOf(v: Verdict, facts: CampaignFacts | undefined, asOf: IsoDate): number {
  let sum = 0;
  for (const e of facts?.entries ?? []) {
    if (e.date <= asOf) continue;
    if (e.result === "partPaid" && e.amount !== null) sum += e.amount;
    if (e.result === "paid") sum += e.amount ?? v.household.amountOverdue ?? 0;
  }
  return roundCents(sum);
}

function groupBy(verdicts: readonly Verdict[], key: (v: Verdict) => string): Map<string, Tally> {
  const groups = new Map<string, Tally>();
  for (const v of verdicts) {
    const k = key(v);
    let t = groups.get(k);
    if (!t) groups.set(k, (t = emptyTally()));
    add(t, v);
  }
  return groups;
}

export function buildDashboard(
  verdicts: readonly Verdict[],
  estateName: string,
  asOf: IsoDate,
  runDate: IsoDate,
  facts: ReadonlyMap<string, CampaignFacts> = new Map(),
): Dashboard {
  const recovered = new Map(
    verdicts.map((v) => [v.household.key, recoveredOf(v, facts.get(v.household.key), asOf)]),
  );
  const total = emptyTally();
  for (const v of verdicts) add(total, v);
  const byKind = KINDS.map((kind) => ({ kind, tally: tallyOf(verdicts.filter((v) => v.kind === kind)) }));
  const byFlag = FLAGS.map((flag) => ({
    flag,
    tally: tallyOf(verdicts.filter((v) => v.flags.includes(flag))),
  }));
  const owing = verdicts.filter((v) => v.inArrears);
  const aging = AGING_BUCKETS.map((bucket) => {
    const inBucket = owing.filter((v) => {
      const m = v.household.monthsOverdue;
      return m !== null && m >= bucket.from && m < bucket.to;
    });
    return {
      label: bucket.label,
      households: inBucket.length,
      amount: roundCents(inBucket.reduce((s, v) => s + (v.household.amountOverdue ?? 0), 0)),
    };
  });
  const unknown = owing.filter((v) => v.household.monthsOverdue === null || v.household.monthsOverdue === 0);
  // Buildings: most owed first. Collectors: best collection rate first, then least left to collect.
  const buildings = [...groupBy(verdicts, buildingLabel(verdicts))]
    .map(([name, tally]) => ({ name, tally }))
    .sort((a, b) => b.tally.amount - a.tally.amount || naturalOrder(a.name, b.name));
  const hasCollectors = verdicts.some((v) => v.household.collector !== "");
  const recoveredBy = new Map<string, number>();
  for (const v of verdicts) {
    const name = v.household.collector || "—";
    recoveredBy.set(name, roundCents((recoveredBy.get(name) ?? 0) + (recovered.get(v.household.key) ?? 0)));
  }
  // Collectors: most recovered in this campaign first (the record), then the households' collection rate.
  const collectors = hasCollectors
    ? [...groupBy(verdicts, (v) => v.household.collector || "—")]
        .map(([name, tally]) => ({ name, tally, recovered: recoveredBy.get(name) ?? 0 }))
        .sort(
          (a, b) =>
            b.recovered - a.recovered ||
            (rate(b.tally) ?? -1) - (rate(a.tally) ?? -1) ||
            a.tally.amount - b.tally.amount ||
            chineseOrder(a.name, b.name),
        )
    : [];
  return {
    estateName,
    asOf,
    runDate,
    total,
    byKind,
    byFlag,
    aging,
    agingUnknown: {
      households: unknown.length,
      amount: roundCents(unknown.reduce((s, v) => s + (v.household.amountOverdue ?? 0), 0)),
    },
    byBuilding: buildings.map((b, i) => ({ ...b, rank: i + 1 })),
    byCollector: collectors.map((c, i) => ({ ...c, rank: i + 1 })),
    campaign: {
      recovered: roundCents([...recovered.values()].reduce((a, b) => a + b, 0)),
      householdsPaying: [...recovered.values()].filter((r) => r > 0).length,
      promisesDue: verdicts.filter((v) => {
        const p = facts.get(v.household.key)?.promise;
        return p && !p.kept && p.promisedDate === runDate;
      }).length,
      promisesBroken: verdicts.filter((v) => {
        const p = facts.get(v.household.key)?.promise;
        return p && !p.kept && p.promisedDate < runDate;
      }).length,
    },
  };
}

function tallyOf(verdicts: readonly Verdict[]): Tally {
  const t = emptyTally();
  for (const v of verdicts) add(t, v);
  return t;
}

/**
 * Which group of the 按楼栋 table a household is counted in. With several sheets (一期, 二期 …), a sheet without a
 * building column is a group of its own under its name, and a building name found on more than one sheet is told
 * apart by its sheet; otherwise the building, or — when the ledger has none.
 */
function buildingLabel(verdicts: readonly Verdict[]): (v: Verdict) => string {
  const sheetsOf = new Map<string, Set<string>>();
  for (const v of verdicts) {
    const b = v.household.building;
    if (!sheetsOf.has(b)) sheetsOf.set(b, new Set());
    sheetsOf.get(b)?.add(v.household.sheet);
  }
  const severalSheets = new Set(verdicts.map((v) => v.household.sheet)).size > 1;
  return (v) => {
    const { building, sheet } = v.household;
    if (!building) return severalSheets ? sheet : "—";
    return (sheetsOf.get(building)?.size ?? 0) > 1 ? `${sheet} ${building}` : building;
  };
}

/** The 催缴看板 sheet: totals, kinds, flags, aging (with a chart), buildings and collectors. */
export function dashboardSheet(d: Dashboard, lang: Lang): OutputSheet {
  const say = speaker(lang);
  const estate = d.estateName || say("本小区", "Our estate");
  const share = (part: number, whole: number): number | null =>
    whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
  /** A table of label, households, amount and the amount's share of all arrears. */
  const shareTable = (id: string, name: string, label: string, rows: CellValue[][]): Block => ({
    kind: "table",
    id,
    name,
    columns: [
      { header: label, format: "text" },
      { header: say("户数", "Households"), format: "integer" },
      { header: say("欠费金额", "Amount overdue"), format: "money" },
      { header: say("占欠费总额", "Share of arrears"), format: "percent" },
    ],
    rows: rows.map((r) => [...r, share(r[2] as number, d.total.amount)]),
    emptyText: "",
  });
  const blocks: Block[] = [
    { kind: "text", style: "title", text: say(`${estate}物业费催缴看板`, `${estate}: collection dashboard`) },
    {
      kind: "text",
      style: "note",
      text: say(
        `截至 ${d.asOf}，生成于 ${d.runDate}。每次运行时重建。`,
        `As of ${d.asOf}, made ${d.runDate}. Rebuilt on every run.`,
      ),
    },
    { kind: "text", style: "heading", text: say("总体", "Totals") },
    {
      kind: "table",
      id: "totals",
      name: "DashTotals",
      columns: [
        { header: say("指标", "Measure"), format: "text" },
        { header: say("户数", "Households"), format: "integer" },
        { header: say("金额", "Amount"), format: "money" },
        { header: say("比例", "Share"), format: "percent" },
      ],
      rows: [
        [
          say("全部住户（应收）", "All households (billed)"),
          d.total.households,
          d.total.billed || null,
          null,
        ],
        [
          say("欠费住户（欠费总额）", "In arrears (amount overdue)"),
          d.total.inArrears,
          d.total.amount,
          share(d.total.inArrears, d.total.households),
        ],
        [
          say("收缴率（实收 ÷ 应收）", "Collection rate (paid ÷ billed)"),
          null,
          d.total.billed ? d.total.paid : null,
          rate(d.total),
        ],
        [
          say(
            `本次催缴回款（计至日后，催缴记录）`,
            "Recovered in this campaign (the record, since the as-of date)",
          ),
          d.campaign.householdsPaying,
          d.campaign.recovered,
          null,
        ],
        [say("今日到期的缴费承诺", "Promises due today"), d.campaign.promisesDue, null, null],
        [say("未兑现的缴费承诺", "Broken promises"), d.campaign.promisesBroken, null, null],
      ],
      emptyText: "",
    },
    { kind: "blank" },
    { kind: "text", style: "heading", text: say("按类别", "By kind") },
    shareTable(
      "kinds",
      "DashKinds",
      say("类别", "Kind"),
      d.byKind.map(({ kind, tally }): CellValue[] => [
        KIND_LABELS[kind][lang],
        tally.households,
        tally.amount,
      ]),
    ),
    { kind: "blank" },
    { kind: "text", style: "heading", text: say("按标记", "By flag") },
    shareTable(
      "flags",
      "DashFlags",
      say("标记", "Flag"),
      d.byFlag.map(({ flag, tally }): CellValue[] => [
        FLAG_LABELS[flag][lang],
        tally.households,
        tally.amount,
      ]),
    ),
    { kind: "blank" },
    {
      kind: "text",
      style: "heading",
      text: say("账龄（欠费金额按欠费月数）", "Aging (amount overdue by months overdue)"),
    },
    shareTable("aging", "DashAging", say("账龄", "Age"), [
      ...d.aging.map((a): CellValue[] => [a.label[lang], a.households, a.amount]),
      ...(d.agingUnknown.households > 0
        ? [[say("月数不详", "Months unknown"), d.agingUnknown.households, d.agingUnknown.amount]]
        : []),
    ]),
    { kind: "blank" },
    {
      kind: "text",
      style: "heading",
      text: say("按楼栋（欠费金额从高到低）", "By building (most owed first)"),
    },
    {
      kind: "table",
      id: "buildings",
      name: "DashBuildings",
      columns: [
        { header: say("楼栋", "Building"), format: "text" },
        { header: say("住户", "Households"), format: "integer" },
        { header: say("欠费户", "In arrears"), format: "integer" },
        { header: say("欠费金额", "Amount overdue"), format: "money" },
        { header: say("排名", "Rank"), format: "integer" },
      ],
      rows: d.byBuilding.map((b): CellValue[] => [
        b.name,
        b.tally.households,
        b.tally.inArrears,
        b.tally.amount,
        b.rank,
      ]),
      emptyText: say("（无）", "(none)"),
    },
  ];
  if (d.byCollector.length > 0) {
    blocks.push(
      { kind: "blank" },
      {
        kind: "text",
        style: "heading",
        text: say(
          "按催缴员（本次回款从高到低，其次收缴率）",
          "By collector (most recovered in this campaign first, then collection rate)",
        ),
      },
      {
        kind: "table",
        id: "collectors",
        name: "DashCollectors",
        columns: [
          { header: say("催缴员", "Collector"), format: "text" },
          { header: say("负责户数", "Households"), format: "integer" },
          { header: say("欠费户", "In arrears"), format: "integer" },
          { header: say("欠费金额", "Amount overdue"), format: "money" },
          { header: say("收缴率", "Collection rate"), format: "percent" },
          { header: say("本次回款", "Recovered"), format: "money" },
          { header: say("排名", "Rank"), format: "integer" },
        ],
        rows: d.byCollector.map((c): CellValue[] => [
          c.name,
          c.tally.households,
          c.tally.inArrears,
          c.tally.amount,
          rate(c.tally),
          c.recovered,
          c.rank,
        ]),
        emptyText: "",
      },
    );
  }
  return {
    name: OUTPUT_SHEETS.dashboard[lang],
    widths: [24, 10, 15, 14, 12, 13, 8],
    blocks,
    landscape: true,
    charts: [
      {
        type: "column",
        title: say("欠费金额（按账龄）", "Amount overdue by age"),
        table: "aging",
        categoryColumn: 0,
        valueColumn: 2,
        numberFormat: "¥#,##0",
      },
      {
        type: "bar",
        title: say("欠费金额（按类别）", "Amount overdue by kind"),
        table: "kinds",
        categoryColumn: 0,
        valueColumn: 2,
        numberFormat: "¥#,##0",
      },
    ],
  };
}
