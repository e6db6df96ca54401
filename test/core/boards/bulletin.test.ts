import { buildBulletin, bulletinSheet, maskName } from "../../../src/core/boards/bulletin";
import { classifyAll } from "../../../src/core/classify/classify";
import { Household } from "../../../src/core/read/household";
import { makeHousehold } from "../../support/household";
import { TableBlock, TextBlock } from "../../../src/core/output";
import { DEFAULT_SETTINGS, Settings } from "../../../src/core/settings/settings";

const AS_OF = "2026-11-20";

function h(label: string, owner: string, months: number, over: Partial<Household> = {}): Household {
  return makeHousehold({
    key: label,
    building: label.split("-")[0] + "栋",
    room: label,
    label,
    owner,
    phone: "13800000000",
    rows: [1],
    monthlyFee: 200,
    monthsOverdue: months,
    amountOverdue: months * 200,
    ...over,
  });
}

const households = [
  h("10-101", "张伟", 0),
  h("2-101", "王芳", 0),
  h("2-102", "欧阳娜娜", 4),
  h("1-301", "Alice Chen", 12),
  h("1-302", "李", 1),
  h("1-303", '=HYPERLINK("x")', 5),
  h("1-304", "赵敏", 7, { notes: "楼上漏水未修" }),
  h("1-305", "钱七", 9, { consent: true }),
  h("1-306", "孙八", 3, {
    amountOverdue: null,
    problems: [
      {
        sheet: "台账",
        row: 9,
        column: "E",
        field: "amount",
        value: "#N/A",
        reason: { "zh-CN": "x", "en-US": "x" },
      },
    ],
  }),
];

function bulletin(over: Partial<Settings> = {}) {
  const settings = { ...DEFAULT_SETTINGS, estateName: "锦绣花园", servicePhone: "0571-8888 6666", ...over };
  return buildBulletin(classifyAll(households, AS_OF), settings, AS_OF, "2026-11-21");
}

describe("masking names", () => {
  it.each([
    ["张伟", "张**"],
    ["王芳芳", "王**"],
    ["欧阳娜娜", "欧阳**"],
    ["司马相如", "司马**"],
    ["芳", "*"],
    ["Alice Chen", "A. C***"],
    ["madonna", "M***"],
    ["", ""],
  ])("%p → %p", (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe("the bulletin lists", () => {
  it("thanks the payers by building and room, in natural order", () => {
    expect(bulletin().thanks.map((e) => e.room)).toEqual(["2-101", "10-101"]);
  });

  it("lists arrears of at least N months, by room, with the total, leaving off disputes and unreadable amounts", () => {
    const b = bulletin();
    expect(b.arrears.map((e) => [e.room, e.months, e.amount])).toEqual([
      ["1-301", 12, 2400],
      ["1-303", 5, 1000],
      ["1-305", 9, 1800],
      ["2-102", 4, 800],
    ]);
    expect(b.arrearsTotal).toBe(6000);
    expect(b.disputedLeftOff).toBe(1);
    expect(b.toCheck.map((x) => x.label)).toEqual(["1-306"]);
    expect(bulletin({ excludeDisputed: false }).arrears.map((e) => e.room)).toContain("1-304");
    expect(bulletin({ bulletinMinMonths: 6 }).arrears.map((e) => e.room)).toEqual(["1-301", "1-305"]);
  });

  it("shows rooms only by default, masked names or consented full names on request, never phones", () => {
    expect(bulletin().arrears.every((e) => e.name === "")).toBe(true);
    expect(bulletin({ maskMode: "masked" }).arrears.map((e) => e.name)).toEqual([
      "A. C***",
      "=**",
      "钱**",
      "欧阳**",
    ]);
    expect(bulletin({ maskMode: "consented" }).arrears.map((e) => e.name)).toEqual(["", "", "钱七", ""]);
    const sheet = JSON.stringify(bulletinSheet(bulletin({ maskMode: "masked" }), "zh-CN"));
    expect(sheet).not.toContain("13800000000");
    expect(sheet).not.toContain("欧阳娜娜");
  });

  it("makes a print-ready sheet with the title, message, lists, total, phone and posting date", () => {
    const sheet = bulletinSheet(bulletin(), "zh-CN");
    const texts = sheet.blocks.filter((b): b is TextBlock => b.kind === "text").map((b) => b.text);
    expect(texts[0]).toBe("锦绣花园物业费缴费公告");
    expect(texts.join("\n")).toContain("按时缴纳物业费是每位业主的义务");
    expect(texts.join("\n")).toContain("合计：4 户，¥6,000.00");
    expect(texts.join("\n")).toContain("0571-8888 6666");
    expect(texts.join("\n")).toContain("2026-11-21");
    const table = sheet.blocks.find(
      (b): b is TableBlock => b.kind === "table" && b.id === "arrears",
    ) as TableBlock;
    expect(table.repeatHeader).toBe(true);
    expect(table.columns.map((c) => c.header)).toEqual(["序号", "楼栋", "房号", "欠费月数", "欠费金额"]);
    const internal = (sheet.internalBlocks ?? []).map((b) => (b.kind === "text" ? b.text : "")).join("\n");
    expect(internal).toContain("1 户有服务纠纷");
    expect(internal).toContain("1-306（第 1 行）");
    expect(texts.join("\n")).not.toContain("纠纷");
  });

  it("handles nobody in arrears and everybody in arrears", () => {
    const none = buildBulletin(classifyAll([h("1-1", "甲", 0)], AS_OF), DEFAULT_SETTINGS, AS_OF, AS_OF);
    expect([none.thanks.length, none.arrears.length]).toEqual([1, 0]);
    const all = buildBulletin(
      classifyAll([h("1-1", "甲", 4), h("1-2", "乙", 8)], AS_OF),
      DEFAULT_SETTINGS,
      AS_OF,
      AS_OF,
    );
    expect([all.thanks.length, all.arrears.length]).toEqual([0, 2]);
    const sheet = bulletinSheet(all, "en-US");
    expect(sheet.name).toBe("Bulletin");
    expect(JSON.stringify(sheet)).toContain("(none yet)");
  });
});
