import {
  dateFromSerial,
  formatMonth,
  monthIndex,
  parseAmount,
  parseDate,
  parseMonthCount,
  parseMonthHeading,
} from "../../../src/core/read/values";

const amount = (cell: Parameters<typeof parseAmount>[0]) => {
  const p = parseAmount(cell);
  return p.kind === "value" ? p.value : p.kind;
};

describe("parseAmount: amounts as people type them", () => {
  it.each([
    [1234.5, 1234.5],
    ["1234.5", 1234.5],
    ["¥1,234.50", 1234.5],
    ["￥312.50", 312.5],
    ["312.5元", 312.5],
    ["３１２．５", 312.5],
    ["１，２３４．００元", 1234],
    ["RMB 88", 88],
    ["1.2万", 12000],
    ["(100.00)", -100],
    ["-50", -50],
    ["1,96", 1.96],
    ["1 234.50", 1234.5],
    ["无", 0],
  ])("%p → %p", (cell, expected) => {
    expect(amount(cell)).toBe(expected);
  });

  it.each([[null], [""], ["-"], ["—"], ["  "], ["/"]])("%p is empty", (cell) => {
    expect(amount(cell)).toBe("empty");
  });

  it("reports text, error values, booleans and dates with a reason", () => {
    for (const cell of ["三百元", { error: "#N/A" }, true, new Date(Date.UTC(2025, 0, 1))]) {
      const p = parseAmount(cell);
      expect(p.kind).toBe("problem");
      if (p.kind === "problem") expect(p.reason.length).toBeGreaterThan(5);
    }
    const na = parseAmount({ error: "#N/A" });
    expect(na.kind === "problem" && na.reason).toContain("#N/A");
  });
});

describe("parseMonthCount", () => {
  it.each([
    [14, 14],
    ["14", 14],
    ["14个月", 14],
    ["14 個月", 14],
    ["14 months", 14],
    ["1年2个月", 14],
    ["２年", 24],
  ])("%p → %p", (cell, expected) => {
    const p = parseMonthCount(cell);
    expect(p.kind === "value" && p.value).toBe(expected);
  });
  it("reports nonsense", () => {
    expect(parseMonthCount("很久").kind).toBe("problem");
    expect(parseMonthCount(-3).kind).toBe("problem");
  });
});

describe("dates", () => {
  const d = (cell: Parameters<typeof parseDate>[0], date1904 = false) => {
    const p = parseDate(cell, { date1904 });
    return p.kind === "value" ? p.value : p.kind;
  };
  it("converts 1900 serials across the phantom 29 Feb 1900", () => {
    expect(dateFromSerial(1, false)).toBe("1900-01-01");
    expect(dateFromSerial(59, false)).toBe("1900-02-28");
    expect(dateFromSerial(61, false)).toBe("1900-03-01");
    expect(dateFromSerial(45658, false)).toBe("2025-01-01");
    expect(d(42370)).toBe("2016-01-01");
  });
  it("converts 1904 serials", () => {
    expect(dateFromSerial(0, true)).toBe("1904-01-01");
    expect(dateFromSerial(45658 - 1462, true)).toBe("2025-01-01");
    expect(d(45658 - 1462, true)).toBe("2025-01-01");
  });
  it.each([
    ["2025年3月5日", "2025-03-05"],
    ["2025/3/5", "2025-03-05"],
    ["2025-03-05", "2025-03-05"],
    ["2025.3.5", "2025-03-05"],
    ["20250305", "2025-03-05"],
    ["03/05/2025", "2025-03-05"],
    ["25/12/2024", "2024-12-25"],
    ["２０２５年３月５日", "2025-03-05"],
    ["2025-03-05 14:30:00", "2025-03-05"],
  ])("%p → %p", (cell, expected) => {
    expect(d(cell)).toBe(expected);
  });
  it("reads date cells as calendar dates and refuses impossible ones", () => {
    expect(d(new Date(Date.UTC(2025, 2, 5)))).toBe("2025-03-05");
    expect(d("2025-02-30")).toBe("problem");
    expect(d("tomorrow")).toBe("problem");
  });
});

describe("month headings", () => {
  const month = (cell: Parameters<typeof parseMonthHeading>[0], serials = false) => {
    const h = parseMonthHeading(cell, false, serials);
    if (h === null) return null;
    return h.kind === "month" ? formatMonth(h.month) : `month ${h.monthOfYear}`;
  };
  it.each([
    ["2025年1月", "2025-01"],
    ["2025年01月份", "2025-01"],
    ["2025-01", "2025-01"],
    ["2025/1", "2025-01"],
    ["202501", "2025-01"],
    ["Jan-25", "2025-01"],
    ["Jan 2025", "2025-01"],
    ["January 2025", "2025-01"],
    ["2025 Jan", "2025-01"],
    ["2025年1月\n(元)", "2025-01"],
    ["1月", "month 1"],
    ["十二月", "month 12"],
    ["Mar", "month 3"],
  ])("%p → %p", (cell, expected) => {
    expect(month(cell)).toBe(expected);
  });
  it("reads date cells and, where allowed, serials", () => {
    expect(month(new Date(Date.UTC(2025, 4, 1)))).toBe("2025-05");
    expect(month(45658)).toBeNull();
    expect(month(45658, true)).toBe("2025-01");
  });
  it("is not fooled by ordinary headers", () => {
    for (const cell of ["房号", "Amount", "欠费月数", 12, "2025", "备注"]) expect(month(cell)).toBeNull();
  });
  it("indexes months for arithmetic", () => {
    expect(monthIndex(2025, 1) - monthIndex(2024, 12)).toBe(1);
  });
});
