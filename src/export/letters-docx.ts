import { Letter, ReceiptSlip } from "../core/campaign/letter";
import { Lang } from "../core/text";
import {
  A4_PORTRAIT,
  Cell,
  GREY,
  LINE,
  NONE,
  RunOptions,
  TYPE,
  Type,
  docxPackage,
  documentBody,
  paragraph,
  run,
  sectionProperties,
  table,
  textWidth,
} from "./docx";

// One letter per A4 page, each its own section, in the stage's colours (the pieces are in ./docx).

const PAGE = A4_PORTRAIT;
const TEXT_WIDTH = textWidth(PAGE);
const SECTION = sectionProperties(PAGE);

function band(letter: Letter, type: Type, own: boolean): string {
  return table([TEXT_WIDTH], NONE, [
    [
      {
        width: TEXT_WIDTH,
        fill: letter.band.fill,
        margins: { top: 90, bottom: 90, left: 160, right: 160 },
        content: paragraph(run(letter.band.label, type, { bold: true, color: letter.band.text }, own)),
      },
    ],
  ]);
}

function factsTable(letter: Letter, type: Type, own: boolean): string {
  const labelWidth = Math.round(TEXT_WIDTH * 0.28);
  const cell = (text: string, width: number, label: boolean): Cell => ({
    width,
    center: true,
    fill: label ? "F2F2F2" : undefined,
    margins: { top: 30, bottom: 30, left: 100, right: 100 },
    content: paragraph(run(text, type, { size: type.body - 2, bold: label }, own), { line: 260 }),
  });
  return table(
    [labelWidth, TEXT_WIDTH - labelWidth],
    LINE,
    letter.facts.map(([label, value]) => [
      cell(label, labelWidth, true),
      cell(value, TEXT_WIDTH - labelWidth, false),
    ]),
    { cantSplit: true },
  );
}

function receipt(slip: ReceiptSlip, type: Type, lang: Lang, own: boolean, section: boolean): string {
  const third = Math.floor(TEXT_WIDTH / 3);
  const colon = lang === "zh-CN" ? "：" : ": ";
  return (
    paragraph(run(slip.cutLine, type, { size: type.small, color: GREY }, own), {
      before: 200,
      after: 80,
      align: "center",
      topBorder: { style: "dashed", size: 8, color: "7F7F7F", space: 4 },
    }) +
    paragraph(run(slip.title, type, { bold: true, size: type.body + 4 }, own), {
      align: "center",
      after: 60,
    }) +
    slip.lines
      .map((line) =>
        paragraph(run(line, type, { size: type.body - 1 }, own), {
          align: "both",
          after: 60,
          line: 280,
          firstLine: lang === "zh-CN" ? type.body * 20 : undefined,
        }),
      )
      .join("") +
    paragraph(
      slip.blanks
        .map((blank) => run(`${blank}${colon}____________`, type, { size: type.body - 1 }, own))
        .join("<w:r><w:tab/></w:r>"),
      { before: 160, tabs: [third, 2 * third], section: section ? SECTION : undefined },
    )
  );
}

/**
 * One letter. Unless it is the document's last, its last paragraph ends its section (one section a letter, so
 * each starts on a new page, with no extra paragraph that could spill onto a page of its own).
 */
function page(letter: Letter, documentLang: Lang, endsSection: boolean): string {
  const type = TYPE[letter.lang];
  const own = letter.lang !== documentLang;
  const zh = letter.lang === "zh-CN";
  const r = (text: string, options?: RunOptions) => run(text, type, options, own);
  let xml =
    band(letter, type, own) +
    paragraph(r(letter.sender, { bold: true, size: type.body + 4 }), {
      align: "center",
      before: 200,
      after: 40,
    }) +
    paragraph(r(letter.title, { bold: true, size: type.title }), { align: "center", after: 40 }) +
    paragraph(r(letter.reference, { size: type.small, color: GREY }), { align: "right", after: 120 }) +
    paragraph(r(letter.salutation, { bold: true }), { after: 80 }) +
    letter.paragraphs
      .map((text) =>
        paragraph(r(text), {
          align: "both",
          after: 80,
          line: 300,
          firstLine: zh ? type.body * 20 : undefined,
        }),
      )
      .join("") +
    paragraph("", { after: 40 }) +
    factsTable(letter, type, own);
  if (letter.legalBasis)
    xml += paragraph(r(letter.legalBasis, { size: type.small }), {
      before: 140,
      line: 250,
      align: "both",
      fill: "F2F2F2",
      leftBorder: { style: "single", size: 18, color: letter.band.fill, space: 6 },
    });
  letter.signature.forEach((line, i) => {
    const last = i === letter.signature.length - 1 && !letter.receipt;
    xml += paragraph(r(line), {
      align: "right",
      before: i === 0 ? 200 : 20,
      section: last && endsSection ? SECTION : undefined,
    });
  });
  if (letter.signature.length === 0 && !letter.receipt && endsSection)
    xml += paragraph("", { section: SECTION });
  if (letter.receipt) xml += receipt(letter.receipt, type, letter.lang, own, endsSection);
  return xml;
}

/**
 * The round's letters as one Word document, one letter per A4 page (a section each, so every letter starts on a
 * new page). Opens in Word, WPS and LibreOffice. No Node APIs: the browser page uses it too.
 */
export async function lettersDocx(
  letters: readonly Letter[],
  meta: { title: string; lang: Lang },
): Promise<Uint8Array> {
  const body = documentBody();
  // Every letter but the last ends its own section; the last one's is the body's.
  letters.forEach((letter, i) => body.push(page(letter, meta.lang, i < letters.length - 1)));
  if (letters.length === 0)
    body.push(
      paragraph(
        run(
          meta.lang === "zh-CN" ? "本轮没有需要打印的通知。" : "No letters in this round.",
          TYPE[meta.lang],
        ),
      ),
    );
  return docxPackage(body, { ...meta, page: PAGE });
}
