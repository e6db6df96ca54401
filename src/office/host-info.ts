/** What the pane needs to know about the Office host before it starts. */

/** The newest requirement set the add-in needs (getRangeByIndexes, freezePanes, series.setXAxisValues). */
export const REQUIRED_EXCEL_API = "1.7";

/**
 * Whether this Excel lacks what the add-in needs (Excel 2016 volume licence has ExcelApi 1.1 only). The manifest
 * keeps the add-in off such hosts where Office honours <Requirements>; the pane says it in words elsewhere.
 */
export function lacksExcelApi(isSetSupported: (set: string, version: string) => boolean): boolean {
  try {
    return !isSetSupported("ExcelApi", REQUIRED_EXCEL_API);
  } catch {
    return true;
  }
}

/** Whether Office shows a dark theme: its own flag where the host gives it, else the pane background's lightness. */
export function isDarkOfficeTheme(
  theme: { readonly isDarkTheme?: boolean; readonly bodyBackgroundColor?: string } | undefined,
): boolean {
  if (!theme) return false;
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme;
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(theme.bodyBackgroundColor ?? "");
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}
