import { isWorkingDay, workingDeadline } from "../../../src/core/campaign/calendar";

describe("the PRC holiday calendar", () => {
  it("knows the published holidays and the make-up working days of 2025 and 2026", () => {
    expect(isWorkingDay("2025-10-08")).toBe(false); // 国庆节、中秋节
    expect(isWorkingDay("2025-09-28")).toBe(true); // a Sunday worked
    expect(isWorkingDay("2026-02-17")).toBe(false); // 春节
    expect(isWorkingDay("2026-02-14")).toBe(true); // a Saturday worked
    expect(isWorkingDay("2026-11-28")).toBe(false); // a Saturday
    expect(isWorkingDay("2026-11-30")).toBe(true);
  });

  it("moves a deadline off weekends and holidays, and warns beyond the published schedules", () => {
    expect(workingDeadline("2026-02-10", 7)).toEqual({ date: "2026-02-24", warning: null });
    expect(workingDeadline("2026-11-24", 4)).toEqual({ date: "2026-11-30", warning: null });
    const spring = workingDeadline("2027-02-01", 4);
    expect(spring.date).toBe("2027-02-09");
    expect(spring.warning?.["en-US"]).toContain("2027 holiday schedule is not in the table");
    expect(workingDeadline("2028-03-01", 1).warning?.["zh-CN"]).toContain("不在节假日表内");
  });
});
