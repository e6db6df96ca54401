import JSZip from "jszip";
import { Utf8Builder } from "../ooxml/utf8-blocks";
import { Letter, ReceiptSlip } from "../core/campaign/letter";
import { Lang } from "../core/text";

// The letters are written as WordprocessingML directly, as strings: a round of thousands of letters takes a
// second and little memory (an object-model library took 28 s and 2 GB for 3,000 letters).

// Twentieths of a point: A4 is 11906 × 16838; 1.8 cm margins leave a 17.4 cm text block.
const PAGE = { width: 11906, height: 16838, margin: 1020 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

interface Type {
  readonly font: { ascii: string; hAnsi: string; eastAsia: string; cs: string };
  /** Half-points. */
  readonly body: number;
  readonly small: number;
  readonly title: number;
}

const TYPE: Readonly<Record<Lang, Type>> = {
  "zh-CN": {
    font: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "SimSun", cs: "Times New Roman" },
    body: 22,
    small: 18,
    title: 34,
  },
  "en-US": {
    font: { ascii: "Calibri", hAnsi: "Calibri", eastAsia: "SimSun", cs: "Calibri" },
    body: 21,
    small: 17,
    title: 32,
  },
};

const GREY = "595959";
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** Text as XML character data: escaped, and without the control characters XML cannot hold. */
function escape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 cannot hold
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

function fonts(type: Type): string {
  const f = type.font;
  return `<w:rFonts w:ascii="${f.ascii}" w:hAnsi="${f.hAnsi}" w:eastAsia="${f.eastAsia}" w:cs="${f.cs}"/>`;
}

interface RunOptions {
  readonly bold?: boolean;
  readonly size?: number;
  readonly color?: string;
}

/** A run of text; fonts come from the document's defaults unless the letter is in another language. */
function run(text: string, type: Type, options: RunOptions = {}, ownFonts = false): string {
  const size = options.size ?? type.body;
  const props =
    (ownFonts ? fonts(type) : "") +
    (options.bold ? "<w:b/><w:bCs/>" : "") +
    (options.color ? `<w:color w:val="${options.color}"/>` : "") +
    // The document's default size (styles.xml) is not repeated on every run of a letter in its language.
    (ownFonts || size !== type.body ? `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>` : "");
  const pieces = text.split("\n").map((line) => `<w:t xml:space="preserve">${escape(line)}</w:t>`);
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}${pieces.join("<w:br/>")}</w:r>`;
}

interface ParagraphOptions {
  readonly align?: "center" | "right" | "both";
  readonly before?: number;
  readonly after?: number;
  readonly line?: number;
  readonly firstLine?: number;
  readonly fill?: string;
  readonly topBorder?: { style: string; size: number; color: string; space: number };
  readonly leftBorder?: { style: string; size: number; color: string; space: number };
  /** Left tab stops (twips). */
  readonly tabs?: readonly number[];
  /** Ends a section here: the letter's page settings. */
  readonly section?: boolean;
}

function paragraph(runs: string, o: ParagraphOptions = {}): string {
  const border = (side: string, b: ParagraphOptions["topBorder"]) =>
    b ? `<w:${side} w:val="${b.style}" w:sz="${b.size}" w:space="${b.space}" w:color="${b.color}"/>` : "";
  const borders =
    o.topBorder || o.leftBorder
      ? `<w:pBdr>${border("top", o.topBorder)}${border("left", o.leftBorder)}</w:pBdr>`
      : "";
  const shading = o.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${o.fill}"/>` : "";
  const spacing =
    o.before !== undefined || o.after !== undefined || o.line !== undefined
      ? `<w:spacing${o.before !== undefined ? ` w:before="${o.before}"` : ""}${o.after !== undefined ? ` w:after="${o.after}"` : ""}${o.line !== undefined ? ` w:line="${o.line}" w:lineRule="auto"` : ""}/>`
      : "";
  const indent = o.firstLine ? `<w:ind w:firstLine="${o.firstLine}"/>` : "";
  const align = o.align ? `<w:jc w:val="${o.align}"/>` : "";
  const tabs = o.tabs?.length
    ? `<w:tabs>${o.tabs.map((t) => `<w:tab w:val="left" w:pos="${t}"/>`).join("")}</w:tabs>`
    : "";
  const props = borders + shading + tabs + spacing + indent + align + (o.section ? SECTION : "");
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}${runs}</w:p>`;
}

interface Border {
  readonly val: string;
  readonly size: number;
  readonly color: string;
}

const LINE: Border = { val: "single", size: 4, color: "A6A6A6" };
const NONE: Border = { val: "nil", size: 0, color: "auto" };

function tableBorders(b: Border): string {
  const one = (side: string) =>
    b.val === "nil"
      ? `<w:${side} w:val="nil"/>`
      : `<w:${side} w:val="${b.val}" w:sz="${b.size}" w:space="0" w:color="${b.color}"/>`;
  return `<w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(one).join("")}</w:tblBorders>`;
}

interface Cell {
  readonly width: number;
  readonly content: string;
  readonly fill?: string;
  readonly margins: { top: number; bottom: number; left: number; right: number };
  readonly center?: boolean;
}

function table(
  widths: readonly number[],
  borders: Border,
  rows: readonly (readonly Cell[])[],
  cantSplit = false,
): string {
  const grid = widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("");
  const margins = (m: Cell["margins"], element: string) =>
    `<w:${element}><w:top w:w="${m.top}" w:type="dxa"/><w:left w:w="${m.left}" w:type="dxa"/>` +
    `<w:bottom w:w="${m.bottom}" w:type="dxa"/><w:right w:w="${m.right}" w:type="dxa"/></w:${element}>`;
  // The cells' margins once for the table when they are all the same (a letter's facts table: 20 cells), not on
  // every cell: 100,000 households' letters are a third smaller.
  const first = rows[0]?.[0]?.margins;
  const shared =
    first &&
    rows.every((r) =>
      r.every(
        (c) =>
          c.margins.top === first.top &&
          c.margins.bottom === first.bottom &&
          c.margins.left === first.left &&
          c.margins.right === first.right,
      ),
    )
      ? first
      : null;
  const cell = (c: Cell) =>
    `<w:tc><w:tcPr><w:tcW w:w="${c.width}" w:type="dxa"/>` +
    (c.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${c.fill}"/>` : "") +
    (shared ? "" : margins(c.margins, "tcMar")) +
    (c.center ? '<w:vAlign w:val="center"/>' : "") +
    `</w:tcPr>${c.content}</w:tc>`;
  const body = rows
    .map((r) => `<w:tr>${cantSplit ? "<w:trPr><w:cantSplit/></w:trPr>" : ""}${r.map(cell).join("")}</w:tr>`)
    .join("");
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/>${tableBorders(borders)}` +
    `<w:tblLayout w:type="fixed"/>${shared ? margins(shared, "tblCellMar") : ""}</w:tblPr><w:tblGrid>${grid}</w:tblGrid>${body}</w:tbl>`
  );
}

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
    true,
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
      { before: 160, tabs: [third, 2 * third], section },
    )
  );
}

const SECTION =
  '<w:sectPr><w:type w:val="nextPage"/>' +
  `<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
  `<w:pgMar w:top="${PAGE.margin}" w:right="${PAGE.margin}" w:bottom="${PAGE.margin}" w:left="${PAGE.margin}" w:header="567" w:footer="567" w:gutter="0"/>` +
  "</w:sectPr>";

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
    xml += paragraph(r(line), { align: "right", before: i === 0 ? 200 : 20, section: last && endsSection });
  });
  if (letter.signature.length === 0 && !letter.receipt && endsSection)
    xml += paragraph("", { section: true });
  if (letter.receipt) xml += receipt(letter.receipt, type, letter.lang, own, endsSection);
  return xml;
}

function styles(lang: Lang): string {
  const type = TYPE[lang];
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}><w:docDefaults><w:rPrDefault><w:rPr>` +
    `${fonts(type)}<w:sz w:val="${type.body}"/><w:szCs w:val="${type.body}"/><w:lang w:val="${lang}" w:eastAsia="zh-CN"/>` +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>' +
    '</w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>' +
    '<w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>' +
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>'
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  "</Types>";

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  "</Relationships>";

const DOCUMENT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  "</Relationships>";

function core(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties ' +
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<dc:title>${escape(title)}</dc:title><dc:creator>Arrears Desk</dc:creator></cp:coreProperties>`
  );
}

/**
 * The round's letters as one Word document, one letter per A4 page (a section each, so every letter starts on a
 * new page). Opens in Word, WPS and LibreOffice. No Node APIs: the browser page uses it too.
 */
export async function lettersDocx(
  letters: readonly Letter[],
  meta: { title: string; lang: Lang },
): Promise<Uint8Array> {
  const document = new Utf8Builder();
  document.push(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>`);
  // Every letter but the last ends its own section; the last one's is the body's.
  letters.forEach((letter, i) => document.push(page(letter, meta.lang, i < letters.length - 1)));
  if (letters.length === 0)
    document.push(
      paragraph(
        run(
          meta.lang === "zh-CN" ? "本轮没有需要打印的通知。" : "No letters in this round.",
          TYPE[meta.lang],
        ),
      ),
    );
  document.push(`${SECTION}</w:body></w:document>`);
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("_rels/.rels", ROOT_RELS);
  zip.file("docProps/core.xml", core(meta.title));
  zip.file("word/_rels/document.xml.rels", DOCUMENT_RELS);
  zip.file("word/styles.xml", styles(meta.lang));
  // The letters are nearly all of the bytes: deflated fast.
  zip.file("word/document.xml", document.toBytes(), {
    compression: "DEFLATE",
    compressionOptions: { level: 1 },
  });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
