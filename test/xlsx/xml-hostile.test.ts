import ExcelJS from "exceljs";
import JSZip from "jszip";
import { WorkbookOpenError } from "../../src/xlsx/open";
import { openFileWorkbook } from "../../src/xlsx/run";
import { xmlDamage, xmlPartText } from "../../src/xlsx/xml-check";

/** A package with two sheets (a ledger and a second one), its first sheet's XML replaceable. */
async function base(): Promise<JSZip> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("台账").addRow(["x"]);
  wb.addWorksheet("其他").addRows([
    ["房号", "业主", "欠费金额"],
    ["9-101", "王五", 100],
  ]);
  return JSZip.loadAsync(await wb.xlsx.writeBuffer());
}

/** The sheet XML of a household ledger of `n` households (inline strings), as Excel lays it out. */
function ledgerXml(n: number): string {
  const rows = [
    `<row r="1"><c r="A1" t="inlineStr"><is><t>房号</t></is></c><c r="B1" t="inlineStr"><is><t>业主</t></is></c><c r="C1" t="inlineStr"><is><t>欠费月数</t></is></c><c r="D1" t="inlineStr"><is><t>欠费金额</t></is></c></row>`,
  ];
  for (let i = 0; i < n; i++) {
    const r = i + 2;
    rows.push(
      `<row r="${r}" spans="1:4"><c r="A${r}" t="inlineStr"><is><t>${1 + (i % 9)}-${100 + i}</t></is></c><c r="B${r}" t="inlineStr"><is><t>业主${i}</t></is></c><c r="C${r}"><v>${i % 7}</v></c><c r="D${r}" s="0"><v>${(i % 7) * 300}</v></c></row>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D${n + 1}"/><sheetData>${rows.join("")}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

async function withSheet(xml: string, part = "xl/worksheets/sheet1.xml"): Promise<Uint8Array> {
  const zip = await base();
  zip.file(part, xml);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 1 } });
}

/** Opens the bytes: a workbook, or a one-line refusal naming the file; never anything else. */
async function outcome(
  bytes: Uint8Array,
): Promise<{ ok: true; warnings: readonly string[] } | { ok: false; message: string }> {
  try {
    const wb = await openFileWorkbook(bytes, "hostile.xlsx");
    await wb.readGrid();
    return { ok: true, warnings: wb.warnings };
  } catch (error) {
    if (!(error instanceof WorkbookOpenError)) throw error;
    expect(error.message).not.toContain("\n");
    expect(error.message.startsWith("hostile.xlsx: ")).toBe(true);
    return { ok: false, message: error.message };
  }
}

/** A seeded generator, so every run tries the same cases. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("9. malformed sheet XML costs its length, never more", () => {
  const households = 20_000;
  const good = ledgerXml(households);
  const rand = random(14);
  const cut = (xml: string, at: number) => xml.slice(0, at);
  const cases: [string, string][] = [
    ["every </c> removed", good.split("</c>").join("")],
    ["every </row> removed", good.split("</row>").join("")],
    ["every </t> removed", good.split("</t>").join("")],
    ["every </v> removed", good.split("</v>").join("")],
    ["</sheetData> removed", good.replace("</sheetData>", "")],
    ["cut at a third", cut(good, Math.floor(good.length / 3))],
    ["cut inside a tag", cut(good, good.indexOf('<c r="C900"') + 5)],
    ["a stray </c> in every row", good.replace(/<\/row>/g, "</c></row>")],
    [
      "unclosed <c> elements",
      good.replace(/<c r="B(\d+)" t="inlineStr"><is><t>(.*?)<\/t><\/is><\/c>/g, '<c r="B$1">'),
    ],
    ["attributes without values", good.replace(/ r="/g, " r ").replace(/ spans="1:4"/g, " spans")],
    ["a row numbered 99999999999", good.replace('<row r="3"', '<row r="99999999999"')],
    [
      "a row numbered 99999999999 with cells without references",
      good.replace("</sheetData>", '<row r="99999999999"><c><v>1</v></c></row></sheetData>'),
    ],
    ["a row numbered -1", good.replace('<row r="3"', '<row r="-1"')],
    ["a row numbered abc", good.replace('<row r="3"', '<row r="abc"')],
    ["a cell beyond column XFD", good.replace('<c r="C3">', '<c r="ZZZ3">')],
    [
      "rows out of order",
      good.replace(/<row r="(\d+)"/g, (_m, r: string) => `<row r="${households + 2 - Number(r)}"`),
    ],
    ["every < unescaped in text", good.replace(/<t>业主/g, "<t><业主")],
    ["random bytes deleted", [...good].filter(() => rand() > 0.0005).join("")],
    ["random < and > deleted", good.replace(/[<>]/g, (ch) => (rand() < 0.001 ? "" : ch))],
    [
      "a DOCTYPE with entities",
      good.replace("<worksheet", '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet'),
    ],
  ];

  it.each(cases)(
    "%s: read or refused in words within the time budget",
    async (_name, xml) => {
      const bytes = await withSheet(xml);
      const started = Date.now();
      const result = await outcome(bytes);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(result).toBeDefined();
    },
    30_000,
  );

  it("the well-formed sheet is read whole, for comparison", async () => {
    const result = await outcome(await withSheet(good));
    expect(result.ok).toBe(true);
  });
});

describe("9. memory bounded by the sheet's bytes", () => {
  it("20,000 rows each with a value in column XFD are refused, not expanded into 300 million grid cells", async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 20_000; r++)
      rows.push(`<row r="${r}"><c r="A${r}"><v>1</v></c><c r="XFD${r}"><v>1</v></c></row>`);
    const xml = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
    const started = Date.now();
    const result = await outcome(await withSheet(xml));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("far beyond any arrears table");
    expect(Date.now() - started).toBeLessThan(5000);
  }, 30_000);
});

describe("12. a damaged part is reported, never read around", () => {
  it("a truncated sheet is refused naming the part and the sheet, not skipped for another sheet", async () => {
    const xml = ledgerXml(50);
    const result = await outcome(await withSheet(xml.slice(0, Math.floor(xml.length / 2))));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain("xl/worksheets/sheet1.xml");
      expect(result.message).toContain('"台账"');
      expect(result.message).toContain("damaged");
    }
  });

  it("an unclosed sheet (no </sheetData>) is refused", async () => {
    const result = await outcome(await withSheet(ledgerXml(50).replace("</sheetData>", "")));
    expect(result.ok).toBe(false);
  });

  it("a damaged part the reader does not read is refused too, not copied into the output", async () => {
    const result = await outcome(
      await withSheet("<a:theme><a:themeElements></a:theme>", "xl/theme/theme1.xml"),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("xl/theme/theme1.xml");
  });

  it("a custom XML part in UTF-16 (Power Query's DataMashup, as Excel writes it) is well-formed, not damaged", async () => {
    const xml =
      '<?xml version="1.0" encoding="utf-16"?><DataMashup xmlns="http://schemas.microsoft.com/DataMashup">AAAA</DataMashup>';
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) utf16[2 + i * 2] = xml.charCodeAt(i);
    const zip = await base();
    zip.file("customXml/item1.xml", utf16);
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expect(await outcome(bytes)).toEqual(expect.objectContaining({ ok: true }));
    expect(xmlDamage(xmlPartText(utf16))).toBeNull();
  });

  it("xmlDamage says what is wrong", () => {
    expect(xmlDamage("<a><b></a>")).toContain("closed by");
    expect(xmlDamage("<a><b/>")).toContain("cut short");
    expect(xmlDamage("<a x='1>2'/>")).toBeNull();
    expect(xmlDamage("<?xml version='1.0'?><a><!-- c --><![CDATA[<x>]]></a>")).toBeNull();
  });
});

describe("17. a shared-string index the file does not have is reported", () => {
  it.each(["999999", "-1", "abc"])("index %s: the cell is named in a warning", async (index) => {
    const xml = ledgerXml(3).replace(
      '<c r="B3" t="inlineStr"><is><t>业主1</t></is></c>',
      `<c r="B3" t="s"><v>${index}</v></c>`,
    );
    const result = await outcome(await withSheet(xml));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.join("\n")).toMatch(/B3.*refer to text the file does not have/);
  });
});
