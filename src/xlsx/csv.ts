import { CellValue, SheetGrid } from "../core/read/grid";

/** A CSV file that cannot be read as it is, with the row; the caller adds the file's name. */
export class CsvError extends Error {
  constructor(
    message: string,
    /** The message in Chinese. */
    readonly zh: string,
  ) {
    super(message);
  }
}

/**
 * Text of a CSV file: UTF-16 with a byte-order mark (Excel's "Unicode text"), or without one when every other byte
 * of the text is zero; UTF-8 (with or without BOM); else GB18030, as Chinese Excel and WPS save CSV.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const utf16 = utf16Without(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** UTF-16 with no BOM: in its first bytes, one of each pair is zero (ASCII digits, commas, line ends). */
function utf16Without(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero === 0) return "utf-16le";
  if (evenZero > pairs * 0.6 && oddZero === 0) return "utf-16be";
  return null;
}

const DELIMITERS = [",", "\t", ";"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The separator of a CSV: the one found the same number of times (and at least once) on the most of its first lines,
 * quoted text left out — a comma, a tab (Excel's "Unicode text", many ERP exports) or a semicolon (European Excel).
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text
    .slice(0, 64 * 1024)
    .replace(/"(?:[^"]|"")*"/g, "")
    .split(/\r\n?|\n/)
    .filter((l) => l.trim() !== "")
    .slice(0, 20);
  let best: Delimiter = ",";
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const score = counts.filter((c) => c === first).length;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF; the separator detected unless
 * given. Empty fields are null. A quote never closed is refused with its row, rather than swallowing the rest of
 * the file into one cell.
 */
export function parseCsv(
  text: string,
  sheetName: string,
  delimiter: Delimiter = detectDelimiter(text),
): SheetGrid {
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let quoteLine = 0;
  let quoteColumn = 0;
  const endField = () => {
    row.push(field === "" && !wasQuoted ? null : field);
    field = "";
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
      quoteColumn = row.length + 1;
    } else if (ch === delimiter) endField();
    else if (ch === "\n") {
      line++;
      endRow();
    } else if (ch === "\r") {
      if (text[i + 1] === "\n") i++;
      line++;
      endRow();
    } else field += ch;
  }
  if (quoted)
    throw new CsvError(
      `line ${quoteLine}, field ${quoteColumn}: a quote (") is opened and never ` +
        "closed, so the rest of the file would be read as one cell; close the quote " +
        "(or save the sheet again as CSV) and run again",
      `第 ${quoteLine} 行第 ${quoteColumn} 个字段：引号（"）没有闭合，` +
        "文件其余部分会被读成一个单元格；请补上引号（或重新另存为 CSV）后再运行",
    );
  if (field !== "" || row.length > 0 || wasQuoted) endRow();
  while (rows.length > 0 && rows[rows.length - 1].every((c) => c === null)) rows.pop();
  return { name: sheetName, rows, firstRow: 1, firstColumn: 1 };
}
