import fc from "fast-check";
import { memoized } from "../../src/core/memo";
import { chineseOrder, formatYuan, naturalOrder, normalizeKey, tidy } from "../../src/core/text";

const collator = new Intl.Collator("zh-CN", { numeric: true }).compare;
const sign = (n: number) => Math.sign(n);

describe("orders and keys", () => {
  it("naturalOrder agrees with the collator on room numbers and on everything else", () => {
    const number = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 99_999 }));
    const hyphenated = fc.array(number, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("-"));
    const other = fc.constantFrom(
      "1栋",
      "10栋",
      "2栋",
      "A座",
      "B-101",
      "01-2",
      "1-02",
      "甲",
      "乙",
      "1 - 2",
      "",
    );
    const label = fc.oneof(hyphenated, hyphenated, other);
    fc.assert(
      fc.property(label, label, (a, b) => sign(naturalOrder(a, b)) === sign(collator(a, b))),
      { numRuns: 5_000 },
    );
    expect(["1-1-1001", "1-1-201", "1-10-1", "1-2-1", "1-2"].sort(naturalOrder)).toEqual([
      "1-1-201",
      "1-1-1001",
      "1-2",
      "1-2-1",
      "1-10-1",
    ]);
  });

  it("chineseOrder is the zh-CN collator", () => {
    expect(["王", "李", "张", "王"].sort(chineseOrder)).toEqual(["李", "王", "王", "张"]);
  });

  it("normalizeKey: full-width, traditional, case and spaces, the same on every call", () => {
    for (let i = 0; i < 2; i++) {
      expect(normalizeKey("業主 姓名")).toBe("业主姓名");
      expect(normalizeKey("ＲＯＯＭ　No.")).toBe("roomno.");
      expect(normalizeKey("1-2-301")).toBe("1-2-301");
      expect(normalizeKey("Room 1")).toBe("room1");
    }
  });

  it("formatYuan and tidy", () => {
    expect(formatYuan(1234567.891)).toBe("¥1,234,567.89");
    expect(formatYuan(-5)).toBe("-¥5.00");
    expect(formatYuan(0)).toBe("¥0.00");
    expect(tidy("  张\n\u3000三  ")).toBe("张 三");
    expect(tidy("张三")).toBe("张三");
  });

  it("memoized computes once per key, keeps null results, and empties itself when full", () => {
    const calls: number[] = [];
    const square = memoized((n: number) => (calls.push(n), n === 0 ? null : n * n), 3);
    expect([square(2), square(2), square(0), square(0)]).toEqual([4, 4, null, null]);
    expect(calls).toEqual([2, 0]);
    square(3);
    square(4); // the store was full: emptied, then 4 kept
    square(2);
    expect(calls).toEqual([2, 0, 3, 4, 2]);
  });
});
