import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

function which(command: string): boolean {
  try {
    execFileSync("which", [command], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** LibreOffice and poppler are here: documents can be printed to PDF and their pages counted. */
export const canPrint = which("soffice") && which("pdfinfo") && which("pdftotext");

/**
 * `it` for a test that prints a document with LibreOffice. Where soffice or poppler is missing (a user's
 * machine) it is skipped and says so; under CI=true (.ci/run installs them) it runs and fails instead.
 */
export function itPrints(name: string, body: () => Promise<void>, timeout = 240_000): void {
  if (canPrint || process.env.CI === "true") it(name, body, timeout);
  else it.skip(`${name} (skipped: soffice/pdfinfo not installed)`, () => undefined);
}

/** LibreOffice converting `file` in `dir` with a fresh profile there: `to` is its --convert-to target. */
function convert(dir: string, file: string, to: string): void {
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", to, "--outdir", dir, file],
    { stdio: "ignore", timeout: 120_000 },
  );
}

/** The document printed to PDF by LibreOffice, in a fresh folder with its own profile; the PDF's path. */
export function pdfOf(document: Uint8Array, name: string, extension = "docx"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "print-"));
  const file = path.join(dir, `${name}.${extension}`);
  fs.writeFileSync(file, document);
  convert(dir, file, "pdf");
  return path.join(dir, `${name}.pdf`);
}

/**
 * Each sheet of a workbook as LibreOffice reads it, saved as CSV (UTF-8, comma, values as shown): sheet name →
 * CSV text. What a team on LibreOffice would see in the cells.
 */
export function sheetsAsCsv(workbook: Uint8Array, name: string): Map<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csv-"));
  const file = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(file, workbook);
  // Comma, double quote, UTF-8, from line 1; the last token (-1) writes every sheet as NAME-SHEET.csv.
  convert(dir, file, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1");
  const sheets = new Map<string, string>();
  for (const f of fs.readdirSync(dir))
    if (f.startsWith(`${name}-`) && f.endsWith(".csv"))
      sheets.set(f.slice(name.length + 1, -4), fs.readFileSync(path.join(dir, f), "utf8"));
  return sheets;
}

export function pdfPages(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

export function pdfText(pdf: string): string {
  return execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
}
