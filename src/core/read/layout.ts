import { isCompanyName } from "./address";
import { CellValue, SheetGrid } from "./grid";
import { Household } from "./household";
import { TableHeader } from "./header";
import { RowContext, RowReading, householdKey, mergeHouseholds, roomLabel } from "./row";
import { Localized, localized } from "../text";
import { IsoDate, MonthIndex, monthEnd, monthOfDate } from "./values";

/** A month column of a monthly sheet, as the report shows it. */
export interface MonthColumn {
  readonly column: string;
  readonly month: MonthIndex;
  readonly header: string;
}

/** What a layout is given to read one sheet's rows. */
export interface LayoutContext extends RowContext {
  readonly header: TableHeader;
  readonly monthColumns: readonly MonthColumn[];
  readonly asOf: IsoDate;
  /** Months looked back for paying habits. */
  readonly historyMonths: number;
  readonly warnings: Localized[];
}

/** Reads the rows of one sheet into households. */
export interface LayoutBuilder {
  /** Adds one row (its common columns already read); returns a reason when the row cannot be taken at all. */
  addRow(row: readonly CellValue[], reading: RowReading): Localized | null;
  finish(): Household[];
}

/**
 * One way a ledger can say what is owed. The registry asks each layout in turn whether a table fits it; adding a
 * layout is a new module with one of these and a line in the registry.
 */
export interface LayoutReader<Name extends string = string> {
  readonly name: Name;
  readonly label: Localized;
  /** Whether the table under this header is laid out this way. */
  fits(sheet: SheetGrid, header: TableHeader, date1904: boolean): boolean;
  /** Whether the status column is a bill's paid/unpaid state rather than a note about the owner. */
  readonly statusIsBillState?: boolean;
  start(ctx: LayoutContext): LayoutBuilder;
}

/** The last month whose fee is due on the as-of date (its month end has passed). */
export function lastDueMonth(asOf: IsoDate): MonthIndex {
  const month = monthOfDate(asOf);
  return monthEnd(month) < asOf ? month : month - 1;
}

export type HouseholdFigures = Omit<
  Household,
  keyof RowReading | "key" | "sheet" | "rows" | "label" | "account" | "ownerIsCompany"
>;

/** A household from a row's common columns and the figures a layout read. */
export function makeHousehold(ctx: RowContext, reading: RowReading, figures: HouseholdFigures): Household {
  return {
    key: householdKey(reading),
    sheet: ctx.sheet.name,
    rows: [reading.excelRow],
    building: reading.building,
    unit: reading.unit,
    room: reading.room,
    ...(reading.account ? { account: reading.account } : {}),
    label: roomLabel(reading),
    owner: reading.owner,
    ...(reading.owner && isCompanyName(reading.owner) ? { ownerIsCompany: true } : {}),
    phone: reading.phone,
    address: reading.address,
    collector: reading.collector,
    consent: reading.consent,
    notes: reading.notes,
    area: reading.area,
    monthlyFee: reading.monthlyFee,
    problems: reading.problems,
    ...figures,
  };
}

/** Households of a layout with one row per household: a room met twice is one household, its amounts added. */
export class RowHouseholds {
  private readonly byKey = new Map<string, Household>();
  private readonly order: string[] = [];

  constructor(private readonly warnings: Localized[]) {}

  add(household: Household): void {
    const existing = this.byKey.get(household.key);
    if (!existing) {
      this.byKey.set(household.key, household);
      this.order.push(household.key);
      return;
    }
    const byAccount = household.key.startsWith("#");
    this.warnings.push(
      localized(
        `${byAccount ? "户号" : "房号"} ${household.label} 出现在第 ${existing.rows.join("、")} ` +
          `行和第 ${household.rows.join("、")} 行：已合并为一户，金额相加`,
        `${byAccount ? "account" : "room"} ${household.label} appears in rows ${existing.rows.join(", ")} ` +
          `and ${household.rows.join(", ")}: combined into one household, amounts ` +
          "added",
      ),
    );
    this.byKey.set(household.key, mergeHouseholds(existing, household));
  }

  all(): Household[] {
    return this.order.map((k) => this.byKey.get(k) as Household);
  }
}
