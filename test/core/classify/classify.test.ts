import { DEFAULT_CLASSIFY_SETTINGS, classify } from "../../../src/core/classify/classify";
import { FLAGS, KINDS, Verdict } from "../../../src/core/classify/kinds";
import { Household } from "../../../src/core/read/household";
import { makeHousehold } from "../../support/household";
import { monthIndex } from "../../../src/core/read/values";

const AS_OF = "2026-11-20";

const household = makeHousehold;

const owing = (months: number, over: Partial<Household> = {}) =>
  household({
    monthsOverdue: months,
    amountOverdue: months * 300,
    oldestUnpaid: monthIndex(2026, 10) - months + 1,
    ...over,
  });

const zh = (v: Verdict) => v.reasons.map((r) => r["zh-CN"]).join(" | ");

describe("the four kinds", () => {
  it("timely: nothing overdue", () => {
    const v = classify(household({}), AS_OF);
    expect(v.kind).toBe("timely");
    expect(v.inArrears).toBe(false);
    expect(zh(v)).toContain("无欠费 → 按时缴纳");
    expect(v.nextSteps[0]["zh-CN"]).toContain("致谢");
  });

  it("timely with a history of fewer than 3 late months; frequent with 3 or more", () => {
    const history = (n: number) => ({ lateOrMissed: n, monthsKnown: 12, lateMonths: [], missedMonths: [] });
    expect(classify(household({ history: history(2) }), AS_OF).kind).toBe("timely");
    const v = classify(household({ history: history(3) }), AS_OF);
    expect(v.kind).toBe("frequent");
    expect(zh(v)).toContain("近 12 个月有 3 个月逾期或欠缴 ≥ 3 → 经常拖欠");
  });

  it("frequent: a pattern — 2 to 5 months overdue now, or 3+ late months in the last 12", () => {
    for (const months of [2, 5]) expect(classify(owing(months), AS_OF).kind).toBe("frequent");
    expect(zh(classify(owing(3), AS_OF))).toContain("欠费 3 个月（2–5 个月），¥900.00 → 经常拖欠");
    expect(
      classify(owing(3), AS_OF)
        .nextSteps.map((s) => s["zh-CN"])
        .join(),
    ).toContain("上门拜访");
  });

  it("one late month after a clean history stays 按时缴纳, flagged 新近逾期, with the gentle reminder", () => {
    const clean = { lateOrMissed: 1, monthsKnown: 12, lateMonths: [], missedMonths: [monthIndex(2026, 10)] };
    const v = classify(owing(1, { amountOverdue: 187.5, history: clean }), AS_OF);
    expect(v.kind).toBe("timely");
    expect(v.flags).toContain("newlyOverdue");
    expect(zh(v)).toContain("尚无拖欠规律 → 按时缴纳（新近逾期）");
    const pattern = { ...clean, lateOrMissed: 3 };
    expect(classify(owing(1, { history: pattern }), AS_OF).kind).toBe("frequent");
  });

  it("long-term: 6 months or more", () => {
    const v = classify(owing(14), AS_OF);
    expect(v.kind).toBe("longTerm");
    expect(zh(v)).toContain("欠费 14 个月 ≥ 6 个月，¥4,200.00 → 长期拖欠");
    expect(v.nextSteps.map((s) => s["zh-CN"]).join()).toContain("律师函");
  });

  it("malicious: refusal again and again with no valid reason, above the legal minimum, in any script", () => {
    for (const notes of [
      "多次拒缴，称不想交",
      "屢次無理由拒繳",
      "Owner repeatedly refuses to pay",
      "恶意拖欠，多次拒不开门",
    ]) {
      const v = classify(owing(4, { notes }), AS_OF);
      expect([notes, v.kind]).toEqual([notes, "malicious"]);
    }
    expect(zh(classify(owing(8, { notes: "多次拒缴" }), AS_OF))).toContain("含“拒缴”且无正当理由 → 恶意拖欠");
  });

  it("one refusal, or refusals on a small debt, are not malice", () => {
    const once = classify(owing(8, { notes: "拒缴，称不想交" }), AS_OF);
    expect(once.kind).toBe("longTerm");
    expect(zh(once)).toContain("拒缴只记录一次，且无被置之不理的催告函 → 不认定恶意拖欠");
    const small = classify(owing(2, { notes: "多次拒缴" }), AS_OF);
    expect(small.kind).toBe("frequent");
    expect(zh(small)).toContain("欠费未达法律催告起点");
  });

  it("the amount alone never makes an owner malicious", () => {
    expect(classify(owing(60, { amountOverdue: 999_999 }), AS_OF).kind).toBe("longTerm");
  });

  it("a refusal with a dispute or hardship is not malice", () => {
    const leak = classify(owing(8, { notes: "因楼上漏水拒缴" }), AS_OF);
    expect(leak.kind).toBe("longTerm");
    expect(leak.flags).toContain("dispute");
    expect(zh(leak)).toContain("不认定恶意");
    const ill = classify(owing(2, { notes: "生病住院，拒交" }), AS_OF);
    expect(ill.kind).toBe("frequent");
    expect(ill.flags).toContain("hardship");
    // a charge the owner may lawfully refuse (never authorised, above the agreed rate, duplicated)
    expect(classify(owing(3, { notes: "认为重复收费，拒缴" }), AS_OF).kind).toBe("frequent");
  });

  it("a refusal note on a paid-up owner does not make them malicious", () => {
    expect(classify(household({ notes: "以前拒缴过" }), AS_OF).kind).toBe("timely");
  });

  it("an amount with no months and no fee is treated as frequent, and says why", () => {
    const v = classify(household({ monthsOverdue: null, amountOverdue: 500, monthlyFee: null }), AS_OF);
    expect(v.kind).toBe("frequent");
    expect(zh(v)).toContain("欠费月数不详");
  });

  it("thresholds are settable", () => {
    const strict = { ...DEFAULT_CLASSIFY_SETTINGS, longTermMonths: 3 };
    expect(classify(owing(3), AS_OF, strict).kind).toBe("longTerm");
  });
});

describe("flags", () => {
  it.each([
    ["dispute", "楼上漏水未修，业主投诉"],
    ["dispute", "投訴電梯維修不及時"],
    ["hardship", "失业，生活困难"],
    ["unreachable", "电话空号"],
    ["unreachable", "聯繫不上"],
    ["vacant", "房屋空置"],
  ])("%s from notes %p", (flag, notes) => {
    expect(classify(owing(2, { notes }), AS_OF).flags).toContain(flag);
  });

  it("unreachable when in arrears with no phone or address", () => {
    expect(classify(owing(2, { phone: "" }), AS_OF).flags).toContain("unreachable");
    expect(classify(household({ phone: "" }), AS_OF).flags).not.toContain("unreachable");
  });

  it("vacant when a month cell says so", () => {
    expect(classify(owing(1, { vacantMarked: true }), AS_OF).flags).toContain("vacant");
  });

  it("limitation risk when the oldest unpaid month is more than 30 months back", () => {
    const old = classify(owing(31), AS_OF);
    expect(old.flags).toContain("limitationRisk");
    expect(zh(old)).toContain("民法典第188条");
    expect(old.nextSteps.map((s) => s["zh-CN"]).join()).toContain("民法典第195条");
    expect(classify(owing(29), AS_OF).flags).not.toContain("limitationRisk");
  });

  it("dispute steps come before collecting", () => {
    const v = classify(owing(3, { notes: "漏水" }), AS_OF);
    expect(v.nextSteps[0]["zh-CN"]).toContain("先处理投诉");
  });
});

describe("the playbook stays inside the law (Civil Code art. 944)", () => {
  it("never suggests cutting water, power, heat or gas, in any kind and flag combination", () => {
    const utility = /停水|停电|停暖|停气|断水|断电|cut water|cut off|shut off/i;
    for (const kind of KINDS) {
      for (const flag of FLAGS) {
        const notes = { timely: "", frequent: "", longTerm: "", malicious: "拒缴" }[kind];
        const months = { timely: 0, frequent: 2, longTerm: 12, malicious: 12 }[kind];
        const flagNotes = {
          dispute: "投诉",
          hardship: "失业",
          unreachable: "空号",
          vacant: "空置",
          limitationRisk: "",
          newlyOverdue: "",
        }[flag];
        const v = classify(
          owing(flag === "limitationRisk" ? 40 : months, { notes: `${notes} ${flagNotes}` }),
          AS_OF,
        );
        for (const step of v.nextSteps) {
          for (const text of Object.values(step)) {
            if (utility.test(text)) expect(text).toMatch(/不得|never/i);
          }
        }
      }
    }
  });
});
