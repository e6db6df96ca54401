import { isDarkOfficeTheme, lacksExcelApi } from "../../src/office/host-info";
import { selectCell } from "../../src/office/selection";
import { FakeExcel } from "../support/excel-fake";

describe("what the pane learns from the Office host", () => {
  it("10. says the host lacks ExcelApi 1.7 (Excel 2016 volume licence), and not where it has it", () => {
    const upTo = (minor: number) => (set: string, version: string) =>
      set === "ExcelApi" && Number(version.split(".")[1]) <= minor;
    const excel2016 = upTo(1);
    const microsoft365 = upTo(17);
    expect(lacksExcelApi(excel2016)).toBe(true);
    expect(lacksExcelApi(microsoft365)).toBe(false);
    expect(
      lacksExcelApi(() => {
        throw new Error("no requirements API");
      }),
    ).toBe(true);
  });

  it("11. follows Office's theme: dark when Office says so, or when the pane's background is dark", () => {
    expect(isDarkOfficeTheme({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe(true);
    expect(isDarkOfficeTheme({ isDarkTheme: false, bodyBackgroundColor: "#262626" })).toBe(false);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#262626" })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#F3F2F1" })).toBe(false);
    expect(isDarkOfficeTheme(undefined)).toBe(false);
  });

  it("selects a cell on its sheet (the pane's 'go to'), even while the user is editing a cell", async () => {
    const fake = new FakeExcel();
    fake.addSheet("说明", [["x"]]);
    const ledger = fake.addSheet("台账", [["房号"], ["1-101"]]);
    fake.cellEditing = true;
    await selectCell("台账", 2, "A", fake.run);
    expect(fake.activeSheet).toBe(ledger);
  });
});
