import { sumYuan } from "../money";
import { CampaignFacts } from "../campaign/record";
import { owed, withPayments } from "../campaign/amounts";
import { keepsOffBulletin } from "../campaign/instalment-round";
import { Verdict } from "../classify/kinds";
import { CellValue } from "../read/grid";
import { Household } from "../read/household";
import { Block, OUTPUT_SHEETS, OutputSheet } from "../output";
import { MaskMode, Settings } from "../settings/settings";
import { Lang, Localized, formatYuan, localized, naturalOrder, speaker } from "../text";
import { IsoDate } from "../read/values";

/** Two-character surnames, so that 欧阳娜娜 is masked 欧阳** and not 欧**. */
// prettier-ignore
const COMPOUND_SURNAMES = new Set([
  "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "司空", "夏侯",
  "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "公冶", "太史", "申屠", "闻人",
  "万俟", "赫连", "拓跋", "第五", "左丘", "歐陽", "司馬", "諸葛", "東方", "尉遲", "公孫", "長孫", "夏侯", "軒轅",
  "鍾離", "獨孤", "南宮",
]);

/**
 * Masks a name for public posting: 张伟 → 张**, 欧阳娜娜 → 欧阳**, 芳 → *, "Alice Chen" → "A. C***".
 * The result never reveals the given name or its length.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") return "";
  if (/^[\p{Script=Latin}\s.'-]+$/u.test(trimmed)) {
    const words = trimmed.split(/\s+/).filter(Boolean);
    if (words.length === 1) return `${words[0][0].toUpperCase()}***`;
    return `${words[0][0].toUpperCase()}. ${words[words.length - 1][0].toUpperCase()}***`;
  }
  const chars = [...trimmed];
  if (chars.length === 1) return "*";
  const surname =
    chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join(""))
      ? chars.slice(0, 2).join("")
      : chars[0];
  return `${surname}**`;
}

export interface BulletinEntry {
  readonly building: string;
  readonly room: string;
  /** The name as it may be posted under the masking mode; "" when no name may be shown. */
  readonly name: string;
  readonly months: number | null;
  readonly amount: number | null;
}

export interface Bulletin {
  readonly estateName: string;
  readonly asOf: IsoDate;
  readonly postingDate: IsoDate;
  readonly servicePhone: string;
  readonly maskMode: MaskMode;
  readonly minMonths: number;
  readonly thanks: readonly BulletinEntry[];
  readonly arrears: readonly BulletinEntry[];
  readonly arrearsTotal: number;
  /** Disputed households left off the arrears list (settings: excludeDisputed). */
  readonly disputedLeftOff: number;
  /** Households in hardship left off the arrears list (settings: excludeHardship): they are offered instalments. */
  readonly hardshipLeftOff: number;
  /** Households the record shows paid in full since the as-of date: never posted. */
  readonly paidSinceLeftOff: number;
  /** Households keeping an instalment plan (同意分期): never posted while it is kept. */
  readonly instalmentsLeftOff?: number;
  /** Households left off both lists because a cell of theirs could not be read: check them first. */
  readonly toCheck: readonly Household[];
}

function publicName(household: Household, mode: MaskMode): string {
  if (mode === "masked") return maskName(household.owner);
  if (mode === "consented") return household.consent ? household.owner.trim() : "";
  return "";
}

/** Natural order of building and room: 2栋 before 10栋, 1-1-201 before 1-1-1001. */
export function compareRooms(
  a: { building: string; label: string },
  b: { building: string; label: string },
): number {
  return naturalOrder(a.building, b.building) || naturalOrder(a.label, b.label);
}

export function buildBulletin(
  verdicts: readonly Verdict[],
  settings: Settings,
  asOf: IsoDate,
  postingDate: IsoDate,
  facts: ReadonlyMap<string, CampaignFacts> = new Map(),
): Bulletin {
  let hardshipLeftOff = 0;
  let paidSinceLeftOff = 0;
  let instalmentsLeftOff = 0;
  const toCheck: Household[] = [];
  const thanks: BulletinEntry[] = [];
  const arrears: BulletinEntry[] = [];
  let disputedLeftOff = 0;
  const sorted = [...verdicts].sort((a, b) => compareRooms(a.household, b.household));
  for (const v of sorted) {
    const debt = owed(v.household, facts.get(v.household.key), asOf);
    // Payments the record logs since the as-of date come off the posted amount, oldest month first.
    const h = withPayments(v.household, debt);
    if (h.problems.length > 0) {
      toCheck.push(h);
      continue;
    }
    const entry: BulletinEntry = {
      building: h.building,
      room: h.label,
      name: publicName(h, settings.maskMode),
      months: h.monthsOverdue,
      amount: h.amountOverdue,
    };
    if (!v.inArrears) {
      thanks.push(entry);
      continue;
    }
    if (debt.amount === 0) {
      paidSinceLeftOff++;
      continue;
    }
    if (h.monthsOverdue === null || h.monthsOverdue < settings.bulletinMinMonths || h.amountOverdue === null)
      continue;
    if (keepsOffBulletin(facts.get(v.household.key))) {
      instalmentsLeftOff++;
      continue;
    }
    if (settings.excludeDisputed && v.flags.includes("dispute")) {
      disputedLeftOff++;
      continue;
    }
    if (settings.excludeHardship && v.flags.includes("hardship")) {
      hardshipLeftOff++;
      continue;
    }
    arrears.push(entry);
  }
  return {
    estateName: settings.estateName,
    asOf,
    postingDate,
    servicePhone: settings.servicePhone,
    maskMode: settings.maskMode,
    minMonths: settings.bulletinMinMonths,
    thanks,
    arrears,
    arrearsTotal: sumYuan(arrears.map((e) => e.amount ?? 0)),
    disputedLeftOff,
    hardshipLeftOff,
    paidSinceLeftOff,
    instalmentsLeftOff,
    toCheck,
  };
}

const THANKS_PER_ROW = 6;

/** The 公告栏 sheet: print-ready on A4 portrait, one page wide, the arrears header repeated on each page. */
export function bulletinSheet(b: Bulletin, lang: Lang): OutputSheet {
  const say = speaker(lang);
  const estate = b.estateName || say("本小区", "Our estate");
  const withNames = b.maskMode !== "roomOnly";
  const blocks: Block[] = [
    { kind: "text", style: "title", text: say(`${estate}物业费缴费公告`, `${estate}: property fee notice`) },
    { kind: "text", style: "subtitle", text: say(`（截至 ${b.asOf}）`, `(as of ${b.asOf})`) },
    {
      kind: "text",
      style: "body",
      text: say(
        "尊敬的各位业主：按时缴纳物业费是每位业主的义务，也是小区得到良好服务的保障；" +
          "拖欠物业费损害的是按时缴费业主的共同利益。衷心感谢以下按时缴纳物业费的业主对我们工作的支持！",
        "Dear owners: paying the property fee on time is every owner's duty and " +
          "what keeps our estate well served; arrears harm the owners who pay. Our " +
          "sincere thanks to the owners below for paying on time!",
      ),
    },
    {
      kind: "text",
      style: "heading",
      text: say(`缴费感谢名单（${b.thanks.length} 户）`, `Thank you (${b.thanks.length} households)`),
    },
    thanksGrid(b.thanks, withNames, say("（暂无）", "(none yet)")),
    { kind: "blank" },
    {
      kind: "text",
      style: "heading",
      text: say(
        `欠费公示（欠费 ${b.minMonths} 个月及以上，${b.arrears.length} 户）`,
        `Arrears (${b.minMonths} months or more, ${b.arrears.length} households)`,
      ),
    },
    {
      kind: "text",
      style: "body",
      text: say(
        `截至 ${b.asOf}，以下房屋尚欠物业费。请尽快到物业服务中心缴纳` +
          (b.servicePhone ? `，如有疑问请致电 ${b.servicePhone}` : "") +
          "。如已缴纳，请忽略本公示。",
        `As of ${b.asOf} the units below owe property fees. Please pay at the service centre soon` +
          (b.servicePhone ? `; questions: ${b.servicePhone}` : "") +
          ". If you have already paid, please disregard this notice.",
      ),
    },
    {
      kind: "table",
      id: "arrears",
      name: "BulletinArrears",
      repeatHeader: true,
      columns: [
        { header: say("序号", "No."), format: "integer" },
        { header: say("楼栋", "Building"), format: "text" },
        { header: say("房号", "Unit"), format: "text" },
        ...(withNames ? [{ header: say("业主", "Owner"), format: "text" as const }] : []),
        { header: say("欠费月数", "Months"), format: "months" },
        { header: say("欠费金额", "Amount"), format: "money" },
      ],
      rows: b.arrears.map((e, i): CellValue[] => [
        i + 1,
        e.building,
        e.room,
        ...(withNames ? [e.name] : []),
        e.months,
        e.amount,
      ]),
      emptyText: say("（无）", "(none)"),
    },
    {
      kind: "text",
      style: "total",
      text: say(
        `合计：${b.arrears.length} 户，${formatYuan(b.arrearsTotal)}`,
        `Total: ${b.arrears.length} households, ${formatYuan(b.arrearsTotal)}`,
      ),
    },
    { kind: "blank" },
    {
      kind: "text",
      style: "body",
      text: say(
        `${estate}物业服务中心${b.servicePhone ? `\u3000电话：${b.servicePhone}` : ""}\u3000\u3000${b.postingDate}`,
        `${estate} service centre${b.servicePhone ? `, phone ${b.servicePhone}` : ""}, ${b.postingDate}`,
      ),
    },
  ];
  return {
    name: OUTPUT_SHEETS.bulletin[lang],
    widths: [14, 14, 14, 14, 14, 14],
    blocks,
    internalBlocks: internalNotes(b, lang),
  };
}

function thanksGrid(entries: readonly BulletinEntry[], withNames: boolean, emptyText: string): Block {
  const rows: CellValue[][] = [];
  for (let i = 0; i < entries.length; i += THANKS_PER_ROW) {
    const slice = entries
      .slice(i, i + THANKS_PER_ROW)
      .map((e) => (withNames && e.name ? `${e.room} ${e.name}` : e.room));
    while (slice.length < THANKS_PER_ROW) slice.push("");
    rows.push(slice);
  }
  return {
    kind: "table",
    id: "thanks",
    name: "",
    columns: Array.from({ length: THANKS_PER_ROW }, () => ({ header: "", format: "text" as const })),
    rows,
    emptyText,
    headerless: true,
  };
}

/** What the manager must know but the public must not see: written outside the print area. */
function internalNotes(b: Bulletin, lang: Lang): Block[] {
  const notes: Localized[] = [];
  if (b.disputedLeftOff > 0) {
    notes.push(
      localized(
        `${b.disputedLeftOff} 户有服务纠纷，未列入欠费公示（设置“公示时排除纠纷户”）`,
        `${b.disputedLeftOff} households with a service dispute are left off the ` +
          `arrears list (setting "Leave disputed households off")`,
      ),
    );
  }
  if (b.hardshipLeftOff > 0) {
    notes.push(
      localized(
        `${b.hardshipLeftOff} 户经济困难，未列入欠费公示（设置“公示时排除困难户”），本轮改为协商分期`,
        `${b.hardshipLeftOff} households in hardship are left off the arrears list (setting "Leave hardship ` +
          'households off"); this round offers them instalments',
      ),
    );
  }
  if ((b.instalmentsLeftOff ?? 0) > 0) {
    notes.push(
      localized(
        `${b.instalmentsLeftOff} 户正在按分期协议还款，未列入欠费公示`,
        `${b.instalmentsLeftOff} households keeping an instalment plan are left off the arrears list`,
      ),
    );
  }
  if (b.paidSinceLeftOff > 0) {
    notes.push(
      localized(
        `${b.paidSinceLeftOff} 户计至日后已缴清（催缴记录），未列入欠费公示`,
        `${b.paidSinceLeftOff} households paid in full since the as-of date (the ` +
          "record) are left off the arrears list",
      ),
    );
  }
  if (b.toCheck.length > 0) {
    notes.push(
      localized(
        `${b.toCheck.length} 户的数据有无法识别的单元格，未列入任何名单，请先核对：` +
          b.toCheck.map((h) => `${h.label}（第 ${h.rows.join("、")} 行）`).join("、"),
        `${b.toCheck.length} households have unreadable cells and are on neither list; check them first: ` +
          b.toCheck.map((h) => `${h.label} (row ${h.rows.join(", ")})`).join(", "),
      ),
    );
  }
  if (notes.length === 0) return [];
  return [
    {
      kind: "text",
      style: "heading",
      text: speaker(lang)(
        "内部备注（在打印区域之外，请勿张贴）",
        "Internal notes (outside the print area: do not post)",
      ),
    },
    ...notes.map((n): Block => ({ kind: "text", style: "note", text: n[lang] })),
  ];
}
