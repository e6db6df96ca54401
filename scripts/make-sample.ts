/**
 * Makes assets/sample-arrears.xlsx: a made-up estate, 锦绣花园, as of 2026-11-20, the way a service centre keeps
 * its arrears sheet — a monthly ledger of 352 households over 24 months, and a second phase summarised one row per
 * household. Seeded: the same seed gives the same workbook. Every kind and flag is represented, and so are the
 * quirks of hand-kept sheets (amounts as text, full-width digits, an error value, a stray space, a formula-like name).
 *
 * Run: npm run sample
 */
import ExcelJS from "exceljs";
import * as path from "path";

export const SAMPLE_SEED = 20261120;
export const SAMPLE_PATH = path.join(__dirname, "..", "assets", "sample-arrears.xlsx");

/** mulberry32: a small, well-known seeded generator, so the sample never depends on Math.random. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// prettier-ignore
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
// prettier-ignore
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "慧", "建国", "志强", "桂英", "海燕", "晓东", "雪梅", "子涵", "浩然", "欣怡", "宇航"];
const COMPOUND = ["欧阳娜娜", "司马相宇", "上官婉清", "诸葛明远"];
const FOREIGN = ["Alice Chen", "David Miller", "Kenji Tanaka"];
const COLLECTORS = ["李娜", "王强", "赵敏", "陈晨"];

const MONTHS: readonly { year: number; month: number }[] = Array.from({ length: 24 }, (_, i) => {
  const index = 2024 * 12 + 11 + i; // 2024-12 … 2026-11
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
});
/** The last month due on 2026-11-20: October 2026 (index 22); November is not yet due. */
const LAST_DUE = 22;

type Profile =
  | "timely"
  | "frequentRecent"
  | "frequentLate"
  | "longTerm"
  | "malicious"
  | "dispute"
  | "hardship"
  | "unreachable"
  | "vacant"
  | "limitation";

// prettier-ignore
const PROFILE_WEIGHTS: readonly [Profile, number][] = [
  ["timely", 55], ["frequentRecent", 8], ["frequentLate", 7], ["longTerm", 12], ["malicious", 4],
  ["dispute", 5], ["hardship", 4], ["unreachable", 3], ["vacant", 2],
];

const NOTES: Readonly<Partial<Record<Profile, readonly string[]>>> = {
  malicious: ["拒缴，称不想交", "无理由拒交", "恶意拖欠，多次上门拒不开门"],
  dispute: ["楼上漏水未修，业主投诉", "投诉电梯维修不及时", "认为收费标准超过合同约定"],
  hardship: ["失业，生活困难", "家人生病住院"],
  unreachable: ["电话空号", "联系不上"],
  vacant: ["房屋空置"],
  limitation: ["往年欠费未清，多次催缴无果"],
};
const ORDINARY_NOTES = ["已电话提醒", "承诺月底缴清", "已发短信提醒"];

interface Household {
  building: number;
  unit: number;
  room: string;
  owner: string;
  phone: string;
  area: number;
  fee: number;
  collector: string;
  consent: boolean;
  cells: ExcelJS.CellValue[];
  priorMonths: number | null;
  note: string;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

function between(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function profileOf(random: () => number): Profile {
  const total = PROFILE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [profile, weight] of PROFILE_WEIGHTS) {
    r -= weight;
    if (r < 0) return profile;
  }
  return "timely";
}

function phoneOf(random: () => number): string {
  const digits = `1${pick(random, ["38", "39", "58", "59", "86", "88"])}${String(between(random, 0, 99_999_999)).padStart(8, "0")}`;
  const style = random();
  if (style < 0.08) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  if (style < 0.14) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return digits;
}

/** A payment date for a month: mostly within it, sometimes after it (late). */
function paidOn(m: { year: number; month: number }, late: boolean, random: () => number): Date {
  return late
    ? new Date(Date.UTC(m.year, m.month, between(random, 5, 25)))
    : new Date(Date.UTC(m.year, m.month - 1, between(random, 1, 25)));
}

function householdCells(
  profile: Profile,
  fee: number,
  random: () => number,
): { cells: ExcelJS.CellValue[]; prior: number | null } {
  const cells: ExcelJS.CellValue[] = MONTHS.map((m, i) => (i <= LAST_DUE || random() < 0.6 ? fee : null));
  const unpaidTail = (n: number) => {
    for (let i = LAST_DUE - n + 1; i <= LAST_DUE; i++) cells[i] = pick(random, [null, null, "未缴", "欠"]);
    for (let i = LAST_DUE + 1; i < cells.length; i++) cells[i] = null;
  };
  let prior: number | null = null;
  switch (profile) {
    case "timely":
      if (random() < 0.3) cells[between(random, LAST_DUE - 11, LAST_DUE)] = "补缴";
      if (random() < 0.15)
        cells[between(random, 0, LAST_DUE)] = paidOn(MONTHS[between(random, 0, LAST_DUE)], false, random);
      break;
    case "frequentRecent":
      unpaidTail(between(random, 1, 5));
      break;
    case "frequentLate":
      for (let k = 0, n = between(random, 3, 5); k < n; k++) {
        const i = between(random, LAST_DUE - 11, LAST_DUE);
        cells[i] = random() < 0.5 ? `补缴 ${fee}` : paidOn(MONTHS[i], true, random);
      }
      break;
    case "longTerm":
      unpaidTail(between(random, 6, 24));
      break;
    case "malicious":
      unpaidTail(between(random, 6, 20));
      break;
    case "dispute":
    case "hardship":
      unpaidTail(between(random, 2, 10));
      break;
    case "unreachable":
      unpaidTail(between(random, 3, 12));
      break;
    case "vacant":
      for (let i = 0; i < 3; i++) cells[i] = "—";
      if (random() < 0.6) unpaidTail(between(random, 2, 8));
      break;
    case "limitation":
      unpaidTail(LAST_DUE + 1);
      prior = between(random, 12, 20);
      break;
  }
  return { cells, prior };
}

/** 44 households a building (2 units × 11 floors × 2 doors); the sample has 8 buildings. */
function makeHouseholds(random: () => number, buildings = 8): Household[] {
  const households: Household[] = [];
  let foreign = 0;
  let compound = 0;
  for (let building = 1; building <= buildings; building++) {
    for (let unit = 1; unit <= 2; unit++) {
      for (let floor = 1; floor <= 11; floor++) {
        for (let door = 1; door <= 2; door++) {
          const index = households.length;
          const area = between(random, 60, 180);
          const fee = Math.round(area * 2.5 * 100) / 100;
          // A few fixed places so that every case is present whatever the draw.
          const fixed: Partial<Record<number, Profile>> = {
            7: "limitation",
            150: "limitation",
            290: "limitation",
            40: "dispute",
            200: "malicious",
          };
          const profile = fixed[index] ?? profileOf(random);
          const { cells, prior } = householdCells(profile, fee, random);
          let owner = `${pick(random, SURNAMES)}${pick(random, GIVEN)}`;
          if (index % 97 === 11 && compound < COMPOUND.length) owner = COMPOUND[compound++];
          if (index % 113 === 5 && foreign < FOREIGN.length) owner = FOREIGN[foreign++];
          let note = NOTES[profile] ? pick(random, NOTES[profile] as readonly string[]) : "";
          if (!note && random() < 0.06) note = pick(random, ORDINARY_NOTES);
          households.push({
            building,
            unit,
            room: `${building}-${unit}-${floor}${String(door).padStart(2, "0")}`,
            owner,
            phone: profile === "unreachable" && random() < 0.3 ? "" : phoneOf(random),
            area,
            fee,
            collector: COLLECTORS[Math.floor((building - 1) / 2) % COLLECTORS.length],
            consent: random() < 0.1,
            cells,
            priorMonths: prior,
            note,
          });
        }
      }
    }
  }
  // The quirks of hand-kept sheets, each on a row or two.
  const q = (i: number) => households[i];
  q(12).owner = "=张三"; // typed by mistake: must stay text
  q(23).owner = "王芳"; // a one-character given name
  q(40).note = "因漏水拒缴"; // refusal with a dispute: not malice
  q(31).cells[5] = `￥${q(31).fee.toFixed(2)}`;
  q(32).cells[6] = `${q(32).fee}元`;
  q(33).cells[7] = String(q(33).fee).replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  q(34).cells[8] = { error: "#N/A" };
  q(35).room = ` ${q(35).room}`;
  q(36).cells[10] = Math.round(q(36).fee * 50) / 100; // a partial payment
  q(37).cells[11] = "免";
  for (const i of [60, 61, 62]) for (let m = 0; m < 3; m++) q(i).cells[m] = "—";
  return households;
}

function addLedgerSheet(workbook: ExcelJS.Workbook, households: readonly Household[]): void {
  const ws = workbook.addWorksheet("物业费台账", { views: [{ state: "frozen", xSplit: 4, ySplit: 3 }] });
  const monthHeaders = MONTHS.map((m) => `${m.year}年${m.month}月`);
  const headers = [
    "楼栋",
    "单元",
    "房号",
    "业主",
    "联系电话",
    "建筑面积(㎡)",
    "月物业费(元)",
    "催缴员",
    "同意公示",
    ...monthHeaders,
    "往年欠费月数",
    "备注",
  ];
  const last = headers.length;
  ws.getCell(1, 1).value = "锦绣花园 2024年12月—2026年11月 物业费缴费台账";
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(2, 1).value =
    "说明：单元格为实收金额；空白或“未缴”为欠费；“补缴”为逾期补交；“—”为未交房不计费。制表：客服中心 2026-11-20";
  ws.mergeCells(2, 1, 2, last);
  ws.getRow(3).values = headers;
  ws.getRow(3).font = { bold: true };
  ws.getRow(3).eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
  });
  households.forEach((h, i) => {
    const row = ws.getRow(4 + i);
    row.values = [
      `${h.building}栋`,
      `${h.unit}单元`,
      h.room,
      h.owner,
      h.phone,
      h.area,
      h.fee,
      h.collector,
      h.consent ? "是" : null,
      ...h.cells,
      h.priorMonths,
      h.note || null,
    ];
  });
  const firstData = 4;
  const lastData = 3 + households.length;
  const totals = ws.getRow(lastData + 2);
  totals.getCell(1).value = "合计";
  MONTHS.forEach((_, m) => {
    const column = 10 + m;
    const letter = ws.getColumn(column).letter;
    const sum = households.reduce(
      (s, h) => s + (typeof h.cells[m] === "number" ? (h.cells[m] as number) : 0),
      0,
    );
    totals.getCell(column).value = {
      formula: `SUM(${letter}${firstData}:${letter}${lastData})`,
      result: Math.round(sum * 100) / 100,
    };
  });
  totals.font = { bold: true };
  [8, 8, 10, 10, 15, 10, 11, 8, 8].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (let c = 10; c < 10 + MONTHS.length; c++) {
    ws.getColumn(c).width = 11;
    ws.getColumn(c).numFmt = "#,##0.00";
  }
  ws.getColumn(last - 1).width = 12;
  ws.getColumn(last).width = 28;
}

function addPhaseTwoSheet(workbook: ExcelJS.Workbook, random: () => number): void {
  const ws = workbook.addWorksheet("二期欠费汇总");
  ws.getCell("A1").value = "锦绣花园二期 欠费汇总表（截至2026年11月20日）";
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.mergeCells("A1:H1");
  ws.getRow(2).values = [
    "房号",
    "业主姓名",
    "联系电话",
    "欠费月数",
    "欠费金额(元)",
    "最后缴费日期",
    "备注",
    "催缴员",
  ];
  ws.getRow(2).font = { bold: true };
  const rows: ExcelJS.CellValue[][] = [];
  for (let i = 0; i < 48; i++) {
    const fee = Math.round(between(random, 80, 140) * 2.8 * 100) / 100;
    const draw = random();
    let months = draw < 0.5 ? 0 : draw < 0.7 ? between(random, 1, 5) : between(random, 6, 18);
    let note = "";
    if (months > 0 && random() < 0.3)
      note = pick(random, [...(NOTES.malicious ?? []), ...(NOTES.dispute ?? []), ...(NOTES.hardship ?? [])]);
    let lastPaid: ExcelJS.CellValue = new Date(Date.UTC(2026, 9 - months, between(random, 1, 25)));
    if (i === 7) {
      months = 36;
      lastPaid = new Date(Date.UTC(2023, 9, 15));
      note = "多次催缴无果";
    }
    const amount = Math.round(months * fee * 100) / 100;
    const amountCell: ExcelJS.CellValue =
      i % 9 === 4 ? `¥${amount.toLocaleString("en-US", { minimumFractionDigits: 2 })}` : amount;
    const monthsCell: ExcelJS.CellValue = i % 11 === 3 ? `${months}个月` : months;
    if (i % 13 === 6)
      lastPaid = `${(lastPaid as Date).getUTCFullYear()}年${(lastPaid as Date).getUTCMonth() + 1}月${(lastPaid as Date).getUTCDate()}日`;
    if (i % 17 === 9)
      lastPaid = `${(lastPaid as Date).getUTCFullYear()}/${(lastPaid as Date).getUTCMonth() + 1}/${(lastPaid as Date).getUTCDate()}`;
    rows.push([
      `A${1 + Math.floor(i / 12)}-${1 + Math.floor((i % 12) / 2)}0${1 + (i % 2)}`,
      `${pick(random, SURNAMES)}${pick(random, GIVEN)}`,
      phoneOf(random),
      monthsCell,
      amountCell,
      lastPaid,
      note || null,
      pick(random, COLLECTORS),
    ]);
  }
  rows.forEach((r, i) => (ws.getRow(3 + i).values = r));
  const total = ws.getRow(3 + rows.length);
  total.getCell(1).value = "合计";
  const sum = rows.reduce((s, r) => s + (typeof r[4] === "number" ? r[4] : 0), 0);
  total.getCell(5).value = { formula: `SUM(E3:E${2 + rows.length})`, result: Math.round(sum * 100) / 100 };
  total.font = { bold: true };
  ws.getColumn(6).numFmt = "yyyy-mm-dd";
  [10, 10, 15, 10, 14, 14, 26, 8].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/**
 * The team's 催缴设置 sheet, as a service centre fills it in: the sample is a workbook of a fixed moment, so it
 * carries its own as-of date, and every run on it — the pane, the browser page, the command line without
 * --as-of — counts to 2026-11-20 whatever today is.
 */
function addSettingsSheet(workbook: ExcelJS.Workbook): void {
  const ws = workbook.addWorksheet("催缴设置");
  ws.addRows([
    ["设置项", "值", "说明"],
    ["小区名称", "锦绣花园", "公告、看板和通知上显示的小区名称"],
    ["计至日期", new Date(Date.UTC(2026, 10, 20)), "本台账的欠费计至此日"],
    ["客服电话", "0571-8600 1234", "物业服务中心电话"],
    ["服务中心地址", "锦绣花园 3 栋一楼 物业服务中心", "通知上的地址，也是 EMS 寄件地址"],
    ["缴费方式", "请到物业服务中心缴纳，或通过微信、支付宝扫码缴费", "印在每份通知上"],
    ["物业服务企业", "杭州锦绣物业服务有限公司", "通知的落款和盖章单位"],
    ["服务中心名称", "锦绣花园物业服务中心", "通知上的服务中心"],
    ["小区地址", "杭州市示例区锦绣路 88 号锦绣花园", "邮寄通知时的收件地址（小区地址 + 房号）"],
  ]);
  ws.getColumn(2).numFmt = "yyyy-mm-dd";
  [16, 40, 36].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

export async function makeSampleWorkbook(seed = SAMPLE_SEED): Promise<ExcelJS.Workbook> {
  const random = generator(seed);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Arrears Desk sample";
  workbook.created = new Date(Date.UTC(2026, 10, 20));
  workbook.modified = new Date(Date.UTC(2026, 10, 20));
  addLedgerSheet(workbook, makeHouseholds(random));
  addPhaseTwoSheet(workbook, random);
  addSettingsSheet(workbook);
  return workbook;
}

/**
 * A larger estate for the benchmark: the same ledger for `count` households (44 a building), and a collection
 * record in which about a third of the households in arrears already have one to three rows.
 */
export async function makeBenchWorkbook(count: number, seed = SAMPLE_SEED): Promise<ExcelJS.Workbook> {
  const random = generator(seed + count);
  const households = makeHouseholds(random, Math.ceil(count / 44)).slice(0, count);
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2026, 10, 20));
  workbook.modified = new Date(Date.UTC(2026, 10, 20));
  addLedgerSheet(workbook, households);
  const record = workbook.addWorksheet("催缴记录");
  record.addRow([
    "日期",
    "房号",
    "业主",
    "阶段",
    "方式",
    "催缴员",
    "结果",
    "承诺日期",
    "金额",
    "凭证",
    "备注",
  ]);
  for (const h of households) {
    const owes = h.cells.slice(0, LAST_DUE + 1).some((c) => c === null || c === "未缴" || c === "欠");
    if (!owes || random() > 0.35) continue;
    const steps = 1 + Math.floor(random() * 3);
    for (let step = 1; step <= steps; step++)
      record.addRow([
        new Date(Date.UTC(2026, 9, 20 + step * 4)),
        h.room.trim(),
        h.owner,
        `第${step}次提醒`,
        "书面通知",
        h.collector,
        "已发送",
        null,
        null,
        null,
        null,
      ]);
  }
  return workbook;
}

if (require.main === module) {
  makeSampleWorkbook()
    .then((wb) => wb.xlsx.writeFile(SAMPLE_PATH))
    .then(() => console.log(`wrote ${path.relative(process.cwd(), SAMPLE_PATH)}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
