import { SheetGrid } from "./grid";
import { TableHeader } from "./header";
import { billLayout } from "./layout-bill";
import { householdLayout } from "./layout-household";
import { LayoutReader } from "./layout";
import { monthlyLayout } from "./layout-monthly";
import { statusBillLayout } from "./layout-status-bill";

/**
 * Every layout the reader knows, in the order a table is tried against them: the first that fits reads it, and
 * one row per household takes whatever no other layout claims. Adding a layout: a module and a line here.
 */
export const LAYOUT_READERS = [monthlyLayout, statusBillLayout, billLayout, householdLayout] as const;

export type Layout = (typeof LAYOUT_READERS)[number]["name"];

export const LAYOUTS: readonly Layout[] = LAYOUT_READERS.map((l) => l.name);

export function layoutReader(name: Layout): LayoutReader {
  return (LAYOUT_READERS as readonly LayoutReader[]).find((l) => l.name === name) as LayoutReader;
}

export function detectLayout(sheet: SheetGrid, header: TableHeader, date1904: boolean): LayoutReader {
  return (
    (LAYOUT_READERS as readonly LayoutReader[]).find((l) => l.fits(sheet, header, date1904)) ??
    householdLayout
  );
}
