import JSZip from "jszip";
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  PAGE_BREAK,
  TYPE,
  docxPackage,
  documentBody,
  gridTable,
  paragraph,
  run,
} from "../../src/export/docx";
import { itPrints, pdfOf, pdfPages, pdfText } from "../support/pdf";

async function parts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (file) out[name] = await file.async("string");
  }
  return out;
}

/** A landscape list long enough to run onto a second page, with a header and page numbers. */
async function longList(): Promise<Uint8Array> {
  const type = TYPE["zh-CN"];
  const body = documentBody();
  body.push(
    paragraph(run("上门催缴登记表 <1栋> & 2栋", type, { bold: true, size: type.title }), { align: "center" }),
  );
  const rows = Array.from({ length: 40 }, (_, i) => [`1-${101 + i}`, `业主${i + 1}`, "¥1,234.50", ""]);
  body.push(
    gridTable(
      type,
      [
        { header: "房号", weight: 2 },
        { header: "业主", weight: 2 },
        { header: "欠费金额", weight: 2, align: "right" },
        { header: "签名", weight: 3 },
      ],
      rows,
      { page: A4_LANDSCAPE, rowHeight: 500 },
    ),
  );
  body.push(paragraph(PAGE_BREAK + run("最后一页", type)));
  return docxPackage(body, {
    title: "测试",
    lang: "zh-CN",
    page: A4_LANDSCAPE,
    header: "草稿（供律师审核）",
    footer: "第 {page} 页 共 {pages} 页",
  });
}

describe("the shared Word document builder", () => {
  it("packages a header and a footer with page-number fields only when asked", async () => {
    const withFurniture = await parts(await longList());
    expect(withFurniture["word/header1.xml"]).toContain("草稿（供律师审核）");
    expect(withFurniture["word/footer1.xml"]).toContain(" PAGE ");
    expect(withFurniture["word/footer1.xml"]).toContain(" NUMPAGES ");
    expect(withFurniture["word/_rels/document.xml.rels"]).toContain('Target="footer1.xml"');
    expect(withFurniture["[Content_Types].xml"]).toContain("/word/header1.xml");
    expect(withFurniture["word/document.xml"]).toContain('w:orient="landscape"');
    expect(withFurniture["word/document.xml"]).toContain("&lt;1栋&gt; &amp; 2栋");
    expect(withFurniture["word/document.xml"]).toContain("<w:tblHeader/>");

    const body = documentBody();
    body.push(paragraph(run("x", TYPE["en-US"])));
    const plain = await parts(await docxPackage(body, { title: "t", lang: "en-US", page: A4_PORTRAIT }));
    expect(plain["word/header1.xml"]).toBeUndefined();
    expect(plain["word/document.xml"]).not.toContain("headerReference");
  });

  itPrints("prints: the header row and the furniture on every page, the page numbers filled in", async () => {
    const pdf = pdfOf(await longList(), "list");
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = pdfText(pdf);
    expect(text.split("草稿（供律师审核）")).toHaveLength(pages + 1);
    expect(text.split("房号")).toHaveLength(pages); // every page but the last (a page of its own) repeats it
    expect(text).toMatch(new RegExp(`第\\s*${pages}\\s*页\\s*共\\s*${pages}\\s*页`));
  });
});
