import { ZipPackage } from "../ooxml/zip-package";
import { CourtBlock, CourtBundle, CourtDocument } from "../core/campaign/court";
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  Cell,
  GREY,
  LINE,
  PageSetup,
  TYPE,
  Type,
  docxPackage,
  documentBody,
  paragraph,
  run,
  table,
  textWidth,
} from "./docx";

// The court bundle (诉讼材料) of one household as a .zip of Word documents, one per document of the bundle, each
// page headed as a draft for the company's lawyer. No Node APIs: the browser page and the pane use it too.

const MARKED = "FCE4D6";

function blockTable(block: Extract<CourtBlock, { kind: "table" }>, type: Type, page: PageSetup): string {
  const width = textWidth(page);
  const weights = block.columns.reduce((a, c) => a + c.width, 0);
  const widths = block.columns.map((c) => Math.floor((width * c.width) / weights));
  const size = type.body - 2;
  const margins = { top: 40, bottom: 40, left: 80, right: 80 };
  const marked = new Set(block.marked ?? []);
  const cell = (text: string, i: number, o: { header?: boolean; bold?: boolean; fill?: string }): Cell => ({
    width: widths[i],
    center: true,
    fill: o.header ? "E7E6E6" : o.fill,
    margins,
    content: paragraph(run(text, type, { size, bold: o.header || o.bold }), {
      align: o.header ? "center" : block.columns[i].numeric ? "right" : undefined,
      line: 260,
    }),
  });
  const rows: Cell[][] = [
    block.columns.map((c, i) => cell(c.header, i, { header: true })),
    ...block.rows.map((r, k) =>
      block.columns.map((_, i) => cell(r[i] ?? "", i, { fill: marked.has(k) ? MARKED : undefined })),
    ),
  ];
  if (block.total) rows.push(block.columns.map((_, i) => cell(block.total?.[i] ?? "", i, { bold: true })));
  return table(widths, LINE, rows, { cantSplit: true, headerRow: true });
}

function blockXml(block: CourtBlock, type: Type, page: PageSetup, zh: boolean): string {
  switch (block.kind) {
    case "title":
      return paragraph(run(block.text, type, { bold: true, size: type.title }), {
        align: "center",
        after: 240,
      });
    case "heading":
      return paragraph(run(block.text, type, { bold: true, size: type.body + 2 }), {
        before: 200,
        after: 80,
        keepNext: true,
      });
    case "text":
      return paragraph(
        run(block.text, type, {
          size: block.small ? type.small : undefined,
          color: block.small ? GREY : undefined,
          bold: block.bold,
        }),
        {
          align: block.align ?? (block.indent ? "both" : undefined),
          firstLine: block.indent && zh ? type.body * 20 : undefined,
          before: block.small ? 120 : undefined,
          after: 80,
          line: 300,
        },
      );
    case "table":
      return blockTable(block, type, page) + paragraph("", { after: 80 });
  }
}

/** One document of the bundle as a Word document: A4 (landscape for the wide tables), the draft mark on every page. */
export async function courtDocumentDocx(document: CourtDocument, bundle: CourtBundle): Promise<Uint8Array> {
  const type = TYPE[bundle.lang];
  const page = document.landscape ? A4_LANDSCAPE : A4_PORTRAIT;
  const body = documentBody();
  for (const block of document.blocks) body.push(blockXml(block, type, page, bundle.lang === "zh-CN"));
  const footer =
    bundle.lang === "zh-CN"
      ? `${bundle.household.label} ${document.title} · 第 {page} 页 / 共 {pages} 页`
      : `Unit ${bundle.household.label} · ${document.title} · page {page} of {pages}`;
  return docxPackage(body, {
    title: document.title,
    lang: bundle.lang,
    page,
    header: bundle.draftMark,
    footer,
  });
}

/** The bundle as a .zip: a folder named like the .zip, holding its documents (01-起诉状草稿.docx …). */
export async function courtBundleZip(bundle: CourtBundle): Promise<Uint8Array> {
  const zip = ZipPackage.empty();
  const folder = bundle.file.replace(/\.zip$/, "");
  // The folder's own entry: unzipped anywhere, the documents land in one folder named like the .zip.
  zip.store(`${folder}/`, new Uint8Array(0));
  // Word documents are zips already: stored, not deflated again.
  for (const document of bundle.documents)
    zip.store(`${folder}/${document.file}`, await courtDocumentDocx(document, bundle));
  return zip.save();
}
