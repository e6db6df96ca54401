import { VISIT_COLUMNS, VisitColumn, VisitSheets } from "../core/campaign/visits";
import {
  A4_LANDSCAPE,
  Cell,
  GREY,
  LINE,
  PAGE_BREAK,
  TYPE,
  docxPackage,
  documentBody,
  paragraph,
  run,
  table,
  textWidth,
} from "./docx";

// The visit sheets: A4 landscape, one collector and building per page group (a new page each), the group's
// collector and building in a title row repeated on every page of it, rows tall enough to write in by hand.

const PAGE = A4_LANDSCAPE;

/** Share of the width per column: the hand-filled ones wide enough for a name, a result, a signature. */
const WEIGHTS: Readonly<Record<VisitColumn, number>> = {
  number: 4,
  room: 6,
  owner: 6,
  phone: 10,
  amount: 7,
  months: 5,
  stage: 7,
  bring: 12,
  time: 7,
  met: 7,
  result: 9,
  promisedDate: 7,
  signature: 8,
};

/** About 1.3 cm a row: room to write. */
const ROW_HEIGHT = 740;

export async function visitSheetsDocx(sheets: VisitSheets): Promise<Uint8Array> {
  const type = TYPE[sheets.lang];
  const width = textWidth(PAGE);
  const total = VISIT_COLUMNS.reduce((s, c) => s + WEIGHTS[c], 0);
  const widths = VISIT_COLUMNS.map((c) => Math.floor((width * WEIGHTS[c]) / total));
  const margins = { top: 40, bottom: 40, left: 70, right: 70 };
  const size = type.small;
  const cell = (text: string, i: number, o: { fill?: string; bold?: boolean } = {}): Cell => ({
    width: widths[i],
    center: true,
    fill: o.fill,
    margins,
    content: paragraph(run(text, type, { size, bold: o.bold }), { line: 250 }),
  });
  const body = documentBody();
  if (sheets.groups.length === 0)
    body.push(
      paragraph(run(sheets.title, type, { bold: true, size: type.title }), { align: "center", after: 240 }) +
        paragraph(
          run(sheets.lang === "zh-CN" ? "本轮没有上门催缴。" : "No home visits in this round.", type),
        ),
    );
  sheets.groups.forEach((group, g) => {
    const titleRow: Cell[] = [
      {
        width: widths.reduce((a, b) => a + b, 0),
        span: VISIT_COLUMNS.length,
        margins: { top: 80, bottom: 80, left: 100, right: 100 },
        content:
          paragraph(run(sheets.title, type, { bold: true, size: type.body + 6 }), { align: "center" }) +
          paragraph(run(group.heading, type, { bold: true }), { align: "center", before: 60 }),
      },
    ];
    const headerRow = VISIT_COLUMNS.map((c, i) => cell(sheets.headers[c], i, { fill: "E7E6E6", bold: true }));
    const rows = group.rows.map((r) => VISIT_COLUMNS.map((c, i) => cell(r.cells[c], i)));
    body.push(
      (g > 0 ? paragraph(PAGE_BREAK) : "") +
        table(widths, LINE, [titleRow, headerRow, ...rows], {
          cantSplit: true,
          headerRows: 2,
          rowHeight: ROW_HEIGHT,
        }) +
        paragraph(run(sheets.howToLog, type, { size: type.small - 2, color: GREY }), { before: 120 }) +
        paragraph(run(sheets.signOff, type), { before: 360 }),
    );
  });
  return docxPackage(body, { title: sheets.title, lang: sheets.lang, page: PAGE, footer: sheets.footer });
}
