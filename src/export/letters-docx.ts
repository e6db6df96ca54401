import { Letter, ReceiptSlip } from "../core/campaign/letter";
import { Lang } from "../core/text";
import {
  A4_PORTRAIT,
  Cell,
  GREY,
  LINE,
  NONE,
  RunOptions,
  TAB,
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
/** A section must end in a paragraph: after a table, one a point high, so it never spills onto a page of its own. */
const SECTION_AFTER_TABLE =
  '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>' +
  `<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>${SECTION}</w:pPr></w:p>`;

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
      {
        before: 160,
        after: slip.delivery || slip.refusal ? 80 : undefined,
        tabs: [third, 2 * third],
        section: section && !slip.delivery && !slip.refusal ? SECTION : undefined,
      },
    ) +
    proofOfDelivery(slip, type, colon, own, section)
  );
}

/**
 * From the sixth reminder on, one box under the owner's blanks: who delivered it and when, and a refusal left
 * in front of a witness (留置送达) — kept to three short lines so the letter stays on one page.
 */
function proofOfDelivery(
  slip: ReceiptSlip,
  type: Type,
  colon: string,
  own: boolean,
  section: boolean,
): string {
  if (!slip.delivery && !slip.refusal) return "";
  const half = Math.floor(TEXT_WIDTH / 2);
  const quarter = Math.floor((TEXT_WIDTH - 240) / 4);
  const size = type.small;
  const blanks = (list: readonly string[], line: string) =>
    list.map((blank) => run(`${blank}${colon}${line}`, type, { size }, own)).join(TAB);
  const box = slip.refusal;
  let content = slip.delivery
    ? paragraph(blanks(slip.delivery, "______________"), { tabs: [half], after: 40 })
    : "";
  if (box)
    content +=
      paragraph(
        run(box.title, type, { size, bold: true }, own) +
          run(`  ${box.text}`, type, { size, color: GREY }, own),
        { after: 40, line: 240 },
      ) + paragraph(blanks(box.blanks, "______"), { tabs: [quarter, 2 * quarter, 3 * quarter] });
  return (
    table(
      [TEXT_WIDTH],
      LINE,
      [[{ width: TEXT_WIDTH, margins: { top: 40, bottom: 40, left: 120, right: 120 }, content }]],
      { cantSplit: true },
    ) + (section ? SECTION_AFTER_TABLE : "")
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
