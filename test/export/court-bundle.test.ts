import JSZip from "jszip";
import { classify } from "../../src/core/classify/classify";
import { CourtBundle, courtBundle } from "../../src/core/campaign/court";
import { RecordEntry, campaignFacts } from "../../src/core/campaign/record";
import { monthIndex } from "../../src/core/read/values";
import { DEFAULT_SETTINGS } from "../../src/core/settings/settings";
import { Lang } from "../../src/core/text";
import { xmlDamage } from "../../src/xlsx/xml-check";
import { courtBundleZip } from "../../src/export/court-bundle";
import { makeHousehold } from "../support/household";
import { itPrints, pdfOf, pdfPages, pdfText } from "../support/pdf";

const AS_OF = "2026-11-20";
const DATE = "2027-01-20";

const SETTINGS = {
  ...DEFAULT_SETTINGS,
  estateName: "锦绣花园",
  companyName: "杭州锦绣物业服务有限公司",
  serviceAddress: "杭州市西湖区锦绣路 88 号",
  servicePhone: "0571-88886666",
  lawFirm: "浙江示例律师事务所",
  lateFeeClause: "《物业服务合同》第十二条",
};

function entry(row: number, over: Partial<RecordEntry>): RecordEntry {
  return {
    row,
    date: "2026-01-01",
    householdKey: "k",
    room: "1-1-101",
    stage: null,
    channel: null,
    result: "sent",
    promisedDate: null,
    amount: null,
    proof: "",
    note: "",
    ...over,
  };
}

/** 37 months owed since 2023-10 (¥100 a month, 40 m² × ¥2.50); a demand and a lawyer's letter delivered by EMS. */
function bundle(lang: Lang, over: { entries?: RecordEntry[] } = {}): CourtBundle {
  const h = makeHousehold({
    key: "k",
    label: "1-1-101",
    owner: "张三",
    area: 40,
    monthlyFee: 100,
    monthsOverdue: 37,
    amountOverdue: 3700,
    oldestUnpaid: monthIndex(2023, 10),
    unpaidMonths: Array.from({ length: 23 }, (_, i) => monthIndex(2024, 12) + i),
  });
  const entries = over.entries ?? [
    ...Array.from({ length: 10 }, (_, i) =>
      entry(2 + i, {
        date: `2024-0${Math.floor(i / 2) + 1}-1${i % 2}`,
        stage: (i + 1) as 1,
        channel: "letter",
      }),
    ),
    entry(12, { date: "2024-08-20", stage: 12, channel: "ems", collector: "李四" }),
    entry(13, { date: "2024-08-23", stage: 12, channel: "ems", result: "delivered", proof: "EA100000001CN" }),
    entry(14, { date: "2024-09-15", channel: "phone", result: "refused", note: "称物业服务差，拒缴" }),
    entry(15, { date: "2026-12-01", stage: 13, channel: "ems" }),
    entry(16, { date: "2026-12-04", stage: 13, channel: "ems", result: "delivered", proof: "EA100000002CN" }),
  ];
  const facts = campaignFacts(entries, DATE);
  return courtBundle({
    verdict: classify(h, AS_OF, undefined, facts),
    facts,
    settings: SETTINGS,
    asOf: AS_OF,
    date: DATE,
    lang,
  });
}

/** The .zip's documents: each one's parts, as text. */
async function unzip(bytes: Uint8Array): Promise<Map<string, Record<string, string>>> {
  const outer = await JSZip.loadAsync(bytes);
  const docs = new Map<string, Record<string, string>>();
  for (const name of Object.keys(outer.files).sort()) {
    const file = outer.file(name);
    if (!file) continue;
    const inner = await JSZip.loadAsync(await file.async("uint8array"));
    const parts: Record<string, string> = {};
    for (const part of Object.keys(inner.files)) {
      const p = inner.file(part);
      if (p) parts[part] = await p.async("string");
    }
    docs.set(name, parts);
  }
  return docs;
}

/** The text of a WordprocessingML part, paragraph by paragraph. */
function text(xml: string): string {
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .join("\n")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"');
}

describe("the court bundle as a .zip of Word documents", () => {
  it("holds the five documents in a folder named like the .zip, each well-formed and marked as a draft", async () => {
    const b = bundle("zh-CN");
    const docs = await unzip(await courtBundleZip(b));
    expect([...docs.keys()]).toEqual([
      "诉讼材料-1-1-101-张三/01-起诉状草稿.docx",
      "诉讼材料-1-1-101-张三/02-证据目录.docx",
      "诉讼材料-1-1-101-张三/03-欠费明细.docx",
      "诉讼材料-1-1-101-张三/04-催缴记录摘录.docx",
      "诉讼材料-1-1-101-张三/05-诉讼时效核对.docx",
    ]);
    for (const [name, parts] of docs) {
      for (const part of ["word/document.xml", "word/header1.xml", "word/footer1.xml", "word/styles.xml"])
        expect([name, part, xmlDamage(parts[part])]).toEqual([name, part, null]);
      expect(text(parts["word/header1.xml"])).toContain("草稿（供律师审核）");
      expect(parts["word/document.xml"]).toContain("w:headerReference");
    }
  });

  it("writes the claim, the statement with its late fee, the record extract and the limitation dates", async () => {
    const docs = await unzip(await courtBundleZip(bundle("zh-CN")));
    const doc = (n: string) => text(docs.get(`诉讼材料-1-1-101-张三/${n}`)?.["word/document.xml"] ?? "");
    const claim = doc("01-起诉状草稿.docx");
    expect(claim).toContain("民事起诉状");
    expect(claim).toContain("原告：杭州锦绣物业服务有限公司");
    expect(claim).toContain("被告：张三");
    expect(claim).toContain("第九百四十四条");
    expect(claim).toContain("此致");
    expect(claim).toContain("________人民法院");
    const statement = doc("03-欠费明细.docx");
    expect(statement).toContain("建筑面积 40 m² × 单价 ¥2.50/m²/月 = ¥100.00/月");
    expect(statement).toContain("2023年10月（往年）");
    expect(statement).toMatch(/合计\n¥3,700.00\n¥0.00\n¥3,700.00/);
    expect(statement).toContain("逾期付款违约金");
    expect(statement).toContain("《物业服务合同》第十二条");
    const record = doc("04-催缴记录摘录.docx");
    expect(record).toContain("EA100000001CN");
    expect(record).toContain("李四");
    expect(record).toContain("拒绝缴费");
    const limitation = doc("05-诉讼时效核对.docx");
    // The oldest month, due 2023-10-31: restarted by the demand of 2024-08-23, again by the lawyer's letter.
    expect(limitation).toContain("2023年10月\n¥100.00\n2023年10月31日");
    expect(limitation).toContain("2029年12月4日");
    expect(limitation).toContain("所有月份均在诉讼时效内");
    const evidence = doc("02-证据目录.docx");
    expect(evidence).toContain("物业服务合同");
    expect(evidence).toContain("EMS 回执");
  });

  it("flags the months already expired when no delivered demand restarted them", async () => {
    const returned = [
      entry(2, { date: "2024-08-20", stage: 12, channel: "ems" }),
      entry(3, { date: "2024-08-25", stage: 12, channel: "ems", result: "returned", note: "查无此人" }),
    ];
    const b = bundle("zh-CN", { entries: returned });
    expect(b.limitation.filter((c) => c.status === "expired").map((c) => c.expires)).toEqual([
      "2026-10-31",
      "2026-11-30",
      "2026-12-31",
    ]);
    const docs = await unzip(await courtBundleZip(b));
    const limitation = text(
      docs.get("诉讼材料-1-1-101-张三/05-诉讼时效核对.docx")?.["word/document.xml"] ?? "",
    );
    expect(limitation).toContain("已过诉讼时效：3 个月，¥300.00");
    expect(limitation).toContain("90 天内届满");
    // The expired and expiring rows are shaded.
    expect(docs.get("诉讼材料-1-1-101-张三/05-诉讼时效核对.docx")?.["word/document.xml"]).toContain("FCE4D6");
  });

  it("writes the English working translation with English file names", async () => {
    const docs = await unzip(await courtBundleZip(bundle("en-US")));
    const names = [...docs.keys()];
    expect(names[0]).toBe("court-bundle-1-1-101-张三/01-statement-of-claim-draft.docx");
    const claim = text(docs.get(names[0])?.["word/document.xml"] ?? "");
    expect(claim).toContain("Working translation of the Chinese statement of claim");
    expect(claim).toContain("Statement of Claim");
    expect(text(docs.get(names[0])?.["word/header1.xml"] ?? "")).toContain("DRAFT for the company's lawyer");
  });

  itPrints(
    "prints every document of the bundle in LibreOffice, on A4 pages with the draft mark",
    async () => {
      for (const lang of ["zh-CN", "en-US"] as const) {
        const b = bundle(lang);
        const docs = await unzip(await courtBundleZip(b));
        const pages: number[] = [];
        for (const [name] of docs) {
          const outer = await JSZip.loadAsync(await courtBundleZip(b));
          const bytes = await outer.file(name)?.async("uint8array");
          const pdf = pdfOf(bytes as Uint8Array, `doc-${pages.length + 1}`);
          const n = pdfPages(pdf);
          pages.push(n);
          const printed = pdfText(pdf);
          expect(printed).toContain(lang === "zh-CN" ? "草稿（供律师审核）" : "DRAFT for the company");
          expect(printed.split("\f").filter((p) => p.trim() !== "").length).toBe(n);
        }
        // Claim 2 pages at most; the 37-month statement with its late fee runs onto a third; the others fit.
        expect(pages.length).toBe(5);
        expect(pages[0]).toBeGreaterThanOrEqual(1);
        expect(pages[0]).toBeLessThanOrEqual(3);
        expect(pages.every((n) => n >= 1 && n <= 4)).toBe(true);
      }
    },
  );
});
