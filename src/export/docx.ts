import { DeflatedText, ZipPackage } from "../ooxml/zip-package";
import { Lang } from "../core/text";

// Word documents written as WordprocessingML directly, as strings: thousands of pages take a second and little
// memory (an object-model library took 28 s and 2 GB for 3,000 letters). Every document the product prints
// (letters, agreements, the court bundle, visit sheets, scripts) is built from these pieces. No Node APIs: the
// browser page uses them too.

/** Page size and margins in twentieths of a point. */
export interface PageSetup {
  readonly width: number;
  readonly height: number;
  readonly margin: number;
  readonly landscape?: boolean;
}

/** A4 with 1.8 cm margins: a 17.4 cm text block. */
export const A4_PORTRAIT: PageSetup = { width: 11906, height: 16838, margin: 1020 };
export const A4_LANDSCAPE: PageSetup = { width: 16838, height: 11906, margin: 850, landscape: true };

export function textWidth(page: PageSetup): number {
  return page.width - 2 * page.margin;
}

export interface Type {
  readonly font: { ascii: string; hAnsi: string; eastAsia: string; cs: string };
  /** Half-points. */
  readonly body: number;
  readonly small: number;
  readonly title: number;
}

export const TYPE: Readonly<Record<Lang, Type>> = {
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

export const GREY = "595959";
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Text as XML character data: escaped, and without the control characters XML cannot hold. */
export function escape(text: string): string {
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

export interface RunOptions {
  readonly bold?: boolean;
  /** Half-points; the type's body size unless given. */
  readonly size?: number;
  readonly color?: string;
  readonly underline?: boolean;
}

/**
 * A run of text (line breaks kept); fonts come from the document's defaults unless `ownFonts` (a text in
 * another language than the document's).
 */
export function run(text: string, type: Type, options: RunOptions = {}, ownFonts = false): string {
  const size = options.size ?? type.body;
  const props =
    (ownFonts ? fonts(type) : "") +
    (options.bold ? "<w:b/><w:bCs/>" : "") +
    (options.underline ? '<w:u w:val="single"/>' : "") +
    (options.color ? `<w:color w:val="${options.color}"/>` : "") +
    // The document's default size (styles.xml) is not repeated on every run in the document's language.
    (ownFonts || size !== type.body ? `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>` : "");
  const pieces = text.split("\n").map((line) => `<w:t xml:space="preserve">${escape(line)}</w:t>`);
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}${pieces.join("<w:br/>")}</w:r>`;
}

/** A tab inside a paragraph with tab stops. */
export const TAB = "<w:r><w:tab/></w:r>";

/** A page break inside a paragraph. */
export const PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>';

export interface ParagraphBorder {
  readonly style: string;
  readonly size: number;
  readonly color: string;
  readonly space: number;
}

export interface ParagraphOptions {
  readonly align?: "center" | "right" | "both";
  readonly before?: number;
  readonly after?: number;
  readonly line?: number;
  readonly firstLine?: number;
  readonly indent?: number;
  readonly fill?: string;
  readonly topBorder?: ParagraphBorder;
  readonly bottomBorder?: ParagraphBorder;
  readonly leftBorder?: ParagraphBorder;
  /** Left tab stops (twips). */
  readonly tabs?: readonly number[];
  readonly keepNext?: boolean;
  /** Ends a section here: the section's properties (`sectionProperties`). */
  readonly section?: string;
}

export function paragraph(runs: string, o: ParagraphOptions = {}): string {
  const border = (side: string, b: ParagraphBorder | undefined) =>
    b ? `<w:${side} w:val="${b.style}" w:sz="${b.size}" w:space="${b.space}" w:color="${b.color}"/>` : "";
  const borders =
    o.topBorder || o.leftBorder || o.bottomBorder
      ? `<w:pBdr>${border("top", o.topBorder)}${border("left", o.leftBorder)}${border("bottom", o.bottomBorder)}</w:pBdr>`
      : "";
  const shading = o.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${o.fill}"/>` : "";
  const spacing =
    o.before !== undefined || o.after !== undefined || o.line !== undefined
      ? `<w:spacing${o.before !== undefined ? ` w:before="${o.before}"` : ""}${o.after !== undefined ? ` w:after="${o.after}"` : ""}${o.line !== undefined ? ` w:line="${o.line}" w:lineRule="auto"` : ""}/>`
      : "";
  const indent =
    o.firstLine || o.indent
      ? `<w:ind${o.indent ? ` w:left="${o.indent}"` : ""}${o.firstLine ? ` w:firstLine="${o.firstLine}"` : ""}/>`
      : "";
  const align = o.align ? `<w:jc w:val="${o.align}"/>` : "";
  const tabs = o.tabs?.length
    ? `<w:tabs>${o.tabs.map((t) => `<w:tab w:val="left" w:pos="${t}"/>`).join("")}</w:tabs>`
    : "";
  const props =
    (o.keepNext ? "<w:keepNext/>" : "") +
    borders +
    shading +
    tabs +
    spacing +
    indent +
    align +
    (o.section ?? "");
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}${runs}</w:p>`;
}

export interface Border {
  readonly val: string;
  readonly size: number;
  readonly color: string;
}

export const LINE: Border = { val: "single", size: 4, color: "A6A6A6" };
export const DARK_LINE: Border = { val: "single", size: 6, color: "404040" };
export const NONE: Border = { val: "nil", size: 0, color: "auto" };

function tableBorders(b: Border): string {
  const one = (side: string) =>
    b.val === "nil"
      ? `<w:${side} w:val="nil"/>`
      : `<w:${side} w:val="${b.val}" w:sz="${b.size}" w:space="0" w:color="${b.color}"/>`;
  return `<w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(one).join("")}</w:tblBorders>`;
}

export interface Cell {
  readonly width: number;
  /** Paragraphs (a cell must hold at least one). */
  readonly content: string;
  readonly fill?: string;
  readonly margins: { top: number; bottom: number; left: number; right: number };
  readonly center?: boolean;
  /** Columns this cell spans. */
  readonly span?: number;
}

export interface TableOptions {
  /** Rows never broken across pages. */
  readonly cantSplit?: boolean;
  /** The first row repeated at the top of every page the table runs onto. */
  readonly headerRow?: boolean;
  /** As many first rows repeated (a title row above the column headers); overrides `headerRow`. */
  readonly headerRows?: number;
  /** Minimum row height (twips), e.g. room to write by hand. */
  readonly rowHeight?: number;
}

export function table(
  widths: readonly number[],
  borders: Border,
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): string {
  const total = widths.reduce((a, b) => a + b, 0);
  const grid = widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("");
  const margins = (m: Cell["margins"], element: string) =>
    `<w:${element}><w:top w:w="${m.top}" w:type="dxa"/><w:left w:w="${m.left}" w:type="dxa"/>` +
    `<w:bottom w:w="${m.bottom}" w:type="dxa"/><w:right w:w="${m.right}" w:type="dxa"/></w:${element}>`;
  // The cells' margins once for the table when they are all the same (a letter's facts table: 20 cells), not on
  // every cell: the letters of 100,000 households are a third smaller.
  const first = rows[0]?.[0]?.margins;
  const same = (m: Cell["margins"]) =>
    !!first &&
    m.top === first.top &&
    m.bottom === first.bottom &&
    m.left === first.left &&
    m.right === first.right;
  const shared = first && rows.every((r) => r.every((c) => same(c.margins))) ? first : null;
  const cell = (c: Cell) =>
    `<w:tc><w:tcPr><w:tcW w:w="${c.width}" w:type="dxa"/>` +
    (c.span && c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : "") +
    (c.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${c.fill}"/>` : "") +
    (shared ? "" : margins(c.margins, "tcMar")) +
    (c.center ? '<w:vAlign w:val="center"/>' : "") +
    `</w:tcPr>${c.content}</w:tc>`;
  const headerRows = options.headerRows ?? (options.headerRow ? 1 : 0);
  const body = rows
    .map((r, i) => {
      const props =
        (options.cantSplit ? "<w:cantSplit/>" : "") +
        (i < headerRows ? "<w:tblHeader/>" : "") +
        (options.rowHeight && i >= headerRows
          ? `<w:trHeight w:val="${options.rowHeight}" w:hRule="atLeast"/>`
          : "");
      return `<w:tr>${props ? `<w:trPr>${props}</w:trPr>` : ""}${r.map(cell).join("")}</w:tr>`;
    })
    .join("");
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/>${tableBorders(borders)}` +
    `<w:tblLayout w:type="fixed"/>${shared ? margins(shared, "tblCellMar") : ""}</w:tblPr>` +
    `<w:tblGrid>${grid}</w:tblGrid>${body}</w:tbl>`
  );
}

export interface GridColumn {
  readonly header: string;
  /** A share of the text width; the shares are scaled to fill it. */
  readonly weight: number;
  readonly align?: "center" | "right";
}

export interface GridOptions {
  readonly page: PageSetup;
  /** Half-points; the type's body size less one step unless given. */
  readonly size?: number;
  readonly rowHeight?: number;
  /** A last row in bold (totals). */
  readonly totalRow?: boolean;
  readonly ownFonts?: boolean;
}

/**
 * A table of text: a shaded header row repeated on every page, thin lines, rows never split across pages —
 * schedules, statements, lists and sheets filled in by hand.
 */
export function gridTable(
  type: Type,
  columns: readonly GridColumn[],
  rows: readonly (readonly string[])[],
  options: GridOptions,
): string {
  const width = textWidth(options.page);
  const weights = columns.reduce((a, c) => a + c.weight, 0);
  const widths = columns.map((c) => Math.floor((width * c.weight) / weights));
  const size = options.size ?? type.body - 2;
  const margins = { top: 40, bottom: 40, left: 80, right: 80 };
  const cell = (text: string, i: number, header: boolean, bold: boolean): Cell => ({
    width: widths[i],
    center: true,
    fill: header ? "E7E6E6" : undefined,
    margins,
    content: paragraph(run(text, type, { size, bold }, options.ownFonts), {
      align: header ? "center" : columns[i].align,
      line: 260,
    }),
  });
  return table(
    widths,
    LINE,
    [
      columns.map((c, i) => cell(c.header, i, true, true)),
      ...rows.map((r, k) =>
        columns.map((_, i) => cell(r[i] ?? "", i, false, !!options.totalRow && k === rows.length - 1)),
      ),
    ],
    { cantSplit: true, headerRow: true, rowHeight: options.rowHeight },
  );
}

/** What every page of a document carries besides its body. */
export interface PageFurniture {
  /** Printed at the top of every page (e.g. 草稿（供律师审核）). */
  readonly header?: string;
  /** Printed at the bottom of every page; `{page}` and `{pages}` become the page numbers. */
  readonly footer?: string;
}

/** A section's properties: its page, and the document's header and footer if it has them. */
export function sectionProperties(page: PageSetup, furniture: PageFurniture = {}): string {
  return (
    '<w:sectPr><w:type w:val="nextPage"/>' +
    (furniture.header ? '<w:headerReference w:type="default" r:id="rIdHeader"/>' : "") +
    (furniture.footer ? '<w:footerReference w:type="default" r:id="rIdFooter"/>' : "") +
    `<w:pgSz w:w="${page.width}" w:h="${page.height}"${page.landscape ? ' w:orient="landscape"' : ""}/>` +
    `<w:pgMar w:top="${page.margin}" w:right="${page.margin}" w:bottom="${page.margin}" w:left="${page.margin}" w:header="567" w:footer="567" w:gutter="0"/>` +
    "</w:sectPr>"
  );
}

function field(instruction: string, type: Type, size: number): string {
  const props = `<w:rPr><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
  return (
    `<w:r>${props}<w:fldChar w:fldCharType="begin"/></w:r>` +
    `<w:r>${props}<w:instrText xml:space="preserve"> ${instruction} </w:instrText></w:r>` +
    `<w:r>${props}<w:fldChar w:fldCharType="separate"/></w:r>` +
    `<w:r>${props}<w:t>1</w:t></w:r>` +
    `<w:r>${props}<w:fldChar w:fldCharType="end"/></w:r>`
  );
}

/** Header or footer text with {page} and {pages} as Word fields. */
function furnitureParagraph(text: string, type: Type): string {
  const size = type.small;
  const runs = text
    .split(/(\{page\}|\{pages\})/)
    .filter((piece) => piece !== "")
    .map((piece) =>
      piece === "{page}"
        ? field("PAGE", type, size)
        : piece === "{pages}"
          ? field("NUMPAGES", type, size)
          : run(piece, type, { size, color: GREY }),
    )
    .join("");
  return paragraph(runs, { align: "center" });
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

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const RELS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
const OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML = "application/vnd.openxmlformats-officedocument.wordprocessingml";

function contentTypes(furniture: PageFurniture): string {
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${WML}.document.main+xml"/>` +
    `<Override PartName="/word/styles.xml" ContentType="${WML}.styles+xml"/>` +
    (furniture.header ? `<Override PartName="/word/header1.xml" ContentType="${WML}.header+xml"/>` : "") +
    (furniture.footer ? `<Override PartName="/word/footer1.xml" ContentType="${WML}.footer+xml"/>` : "") +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    "</Types>"
  );
}

const ROOT_RELS =
  `${XML}<Relationships ${RELS}>` +
  `<Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  "</Relationships>";

function documentRels(furniture: PageFurniture): string {
  return (
    `${XML}<Relationships ${RELS}>` +
    `<Relationship Id="rId1" Type="${OFFICE_REL}/styles" Target="styles.xml"/>` +
    (furniture.header
      ? `<Relationship Id="rIdHeader" Type="${OFFICE_REL}/header" Target="header1.xml"/>`
      : "") +
    (furniture.footer
      ? `<Relationship Id="rIdFooter" Type="${OFFICE_REL}/footer" Target="footer1.xml"/>`
      : "") +
    "</Relationships>"
  );
}

function coreProperties(title: string): string {
  return (
    `${XML}<cp:coreProperties ` +
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<dc:title>${escape(title)}</dc:title><dc:creator>Arrears Desk</dc:creator></cp:coreProperties>`
  );
}

export interface DocumentMeta extends PageFurniture {
  readonly title: string;
  /** The document's language: its default fonts and sizes. */
  readonly lang: Lang;
  /** The last section's page (earlier sections end in their own paragraphs). */
  readonly page: PageSetup;
}

/**
 * A document's body, deflated as it is written: the letters of 100,000 households are some 500 MB of
 * WordprocessingML, never held whole. Made by `documentBody`, packaged by `docxPackage`.
 */
export type DocumentBody = DeflatedText;

/** The body's opening; push the paragraphs and tables after it, then pass it to `docxPackage`. */
export function documentBody(): DocumentBody {
  // Level 6: on letters' repetitive XML as fast as level 1, and a third of its size.
  const body = new DeflatedText(6);
  body.push(`${XML}<w:document ${W} ${R}><w:body>`);
  return body;
}

/**
 * A Word document from a body begun by `documentBody`: closes it with the last section's properties and
 * packages it. Opens in Word, WPS and LibreOffice.
 */
export async function docxPackage(body: DocumentBody, meta: DocumentMeta): Promise<Uint8Array> {
  body.push(`${sectionProperties(meta.page, meta)}</w:body></w:document>`);
  const type = TYPE[meta.lang];
  const zip = ZipPackage.empty();
  // The content types first, as Word writes them (tools that sniff a package look there).
  zip.put("[Content_Types].xml", contentTypes(meta));
  zip.put("_rels/.rels", ROOT_RELS);
  zip.put("docProps/core.xml", coreProperties(meta.title));
  zip.put("word/_rels/document.xml.rels", documentRels(meta));
  zip.put("word/styles.xml", styles(meta.lang));
  if (meta.header)
    zip.put("word/header1.xml", `${XML}<w:hdr ${W} ${R}>${furnitureParagraph(meta.header, type)}</w:hdr>`);
  if (meta.footer)
    zip.put("word/footer1.xml", `${XML}<w:ftr ${W} ${R}>${furnitureParagraph(meta.footer, type)}</w:ftr>`);
  zip.put("word/document.xml", body.finish());
  return zip.save();
}
