import { ZipPackage } from "../ooxml/zip-package";
import { Agreement, AgreementTable } from "../core/campaign/agreement";
import {
  A4_PORTRAIT,
  GREY,
  NONE,
  TYPE,
  Type,
  docxPackage,
  documentBody,
  gridTable,
  paragraph,
  run,
  table,
  textWidth,
} from "./docx";

const PAGE = A4_PORTRAIT;

function agreementTable(t: AgreementTable, type: Type): string {
  return gridTable(
    type,
    t.columns.map((header, i) => ({
      header,
      weight: t.weights[i] ?? 1,
      align: i === 0 ? undefined : "center",
    })),
    t.rows,
    { page: PAGE, totalRow: t.totalRow, rowHeight: 400 },
  );
}

/** The agreement's pages: title, parties, recital, clauses with their tables, and the two signature blocks. */
function body(a: Agreement): string {
  const type = TYPE[a.lang];
  const zh = a.lang === "zh-CN";
  const r = (text: string, o: Parameters<typeof run>[2] = {}) => run(text, type, o);
  const prose = (text: string) =>
    paragraph(r(text), { align: "both", after: 80, line: 320, firstLine: zh ? type.body * 20 : undefined });
  let xml =
    paragraph(r(a.title, { bold: true, size: type.title }), { align: "center", after: 60 }) +
    paragraph(r(a.reference, { size: type.small, color: GREY }), { align: "right", after: 160 });
  for (const party of a.parties) {
    xml += paragraph(r(party.label, { bold: true }), { before: 60, keepNext: true });
    for (const line of party.lines) xml += paragraph(r(line), { indent: 420, line: 300 });
  }
  xml += paragraph("", { after: 60 }) + prose(a.recital);
  for (const clause of a.clauses) {
    xml += paragraph(r(clause.heading, { bold: true }), { before: 140, after: 60, keepNext: true });
    for (const p of clause.paragraphs) xml += prose(p);
    if (clause.table) xml += agreementTable(clause.table, type) + paragraph("", { after: 60 });
  }
  const width = textWidth(PAGE);
  const half = Math.floor(width / 2);
  const block = (lines: readonly string[]) =>
    lines.map((line, i) => paragraph(r(line, { bold: i === 0 }), { before: i === 0 ? 0 : 200 })).join("");
  xml +=
    paragraph("", { before: 240 }) +
    table(
      [half, width - half],
      NONE,
      [
        a.signatures.map((lines, i) => ({
          width: i === 0 ? half : width - half,
          margins: { top: 80, bottom: 80, left: 80, right: 80 },
          content: block(lines),
        })),
      ],
      { cantSplit: true },
    );
  return xml;
}

/** One household's agreement as a Word document (A4, opens in Word, WPS and LibreOffice). */
export async function agreementDocx(a: Agreement): Promise<Uint8Array> {
  const document = documentBody();
  document.push(body(a));
  return docxPackage(document, {
    title: `${a.title} ${a.room}`,
    lang: a.lang,
    page: PAGE,
    footer:
      a.lang === "zh-CN"
        ? `${a.reference}\u3000第 {page} 页，共 {pages} 页`
        : `${a.reference} · page {page} of {pages}`,
  });
}

/** The file name of a household's agreement: "分期还款协议-3-1-502.docx" (nothing a file system refuses). */
export function agreementFileName(a: Agreement): string {
  const room = a.room.replace(/[\\/:*?"<>|\s]+/g, "-").replace(/^-+|-+$/g, "") || "x";
  return `${a.lang === "zh-CN" ? "分期还款协议" : "instalment-agreement"}-${room}.docx`;
}

/** Several agreements as a .zip of one .docx per household, each to be signed and filed on its own. */
export async function agreementsZip(agreements: readonly Agreement[]): Promise<Uint8Array> {
  const zip = ZipPackage.empty();
  const names = new Set<string>();
  for (const a of agreements) {
    let name = agreementFileName(a);
    for (let k = 2; names.has(name); k++) name = agreementFileName(a).replace(/\.docx$/, `-${k}.docx`);
    names.add(name);
    // Word documents are zips already: stored, not deflated again.
    zip.store(name, await agreementDocx(a));
  }
  return zip.save();
}
