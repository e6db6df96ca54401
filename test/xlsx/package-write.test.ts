import ExcelJS from "exceljs";
import JSZip from "jszip";
import { CellValue } from "../../src/core/read/grid";
import { ColumnFormat, OutputSheet } from "../../src/core/output";
import { JobOutputs } from "../../src/core/workbook";
import { relationships, relsPathOf, resolvePart } from "../../src/xlsx/package-read";
import { xmlText } from "../../src/xlsx/package-sheet";
import { PackageWorkbook, mergeRows } from "../../src/xlsx/package-workbook";
import { runOnWorkbookFile } from "../../src/xlsx/run";

const OPTIONS = { today: "2026-11-24", asOf: "2026-11-20", roundDate: "2026-11-24" };

async function userWorkbook(date1904 = false): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("欠费台账");
  ws.addRow(["房号", "业主", "电话", "欠费月数", "欠费金额", "备注"]);
  const owners = ["张伟", "李\u0001娜", "_x0041_王", "=SUM(A1)", "<b>陈</b> & 赵", " 周 "];
  owners.forEach((owner, i) =>
    ws.addRow([`1-${101 + i}`, owner, "13800001111", i % 4, (i % 4) * 300, i === 1 ? "拒缴" : null]),
  );
  ws.getCell("H2").value = { formula: "SUM(E2:E7)", result: 1800 };
  ws.getCell("E2").numFmt = "#,##0.00";
  wb.addWorksheet("备用", { state: "hidden" }).getCell("A1").value = "不要动我";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files))
    if (!zip.files[name].dir) out.set(name, await zip.files[name].async("string"));
  return out;
}

/** Every relationship points at a part that is there, every part has its content type, tables are unique. */
function checkPackage(files: Map<string, string>): void {
  const types = files.get("[Content_Types].xml") ?? "";
  for (const m of types.matchAll(/PartName="\/([^"]+)"/g))
    expect([m[1], files.has(m[1])]).toEqual([m[1], true]);
  for (const [name, xml] of files) {
    if (!name.endsWith(".rels")) continue;
    const source = name.replace(/_rels\/([^/]+)\.rels$/, "$1");
    for (const rel of relationships(xml)) {
      if (rel.external) continue;
      const target = name === "_rels/.rels" ? rel.target.replace(/^\//, "") : resolvePart(source, rel.target);
      expect([name, target, files.has(target)]).toEqual([name, target, true]);
    }
  }
  const tables = [...files.keys()].filter((n) => /^xl\/tables\/.*\.xml$/.test(n));
  const ids = tables.map((t) => /\sid="(\d+)"/.exec(files.get(t) ?? "")?.[1]);
  const names = tables.map((t) => /\sname="([^"]+)"/.exec(files.get(t) ?? "")?.[1]);
  expect(new Set(ids).size).toBe(tables.length);
  expect(new Set(names).size).toBe(tables.length);
  // Each table belongs to exactly one sheet: none is left behind by a replaced sheet.
  const referenced = [...files.entries()]
    .filter(([n]) => /^xl\/worksheets\/_rels\//.test(n))
    .flatMap(([n, xml]) =>
      relationships(xml)
        .filter((r) => r.type.endsWith("/table"))
        .map((r) => resolvePart(n.replace(/_rels\/([^/]+)\.rels$/, "$1"), r.target)),
    );
  expect(referenced.sort()).toEqual(tables.sort());
}

/** 催缴分类 as a one-column table of these values. */
function columnSheet(header: string, format: ColumnFormat, values: readonly CellValue[]): OutputSheet {
  return {
    name: "催缴分类",
    widths: [12],
    blocks: [
      {
        kind: "table",
        id: "t",
        name: "Values",
        columns: [{ header, format }],
        rows: values.map((v) => [v]),
        emptyText: "",
      },
    ],
  };
}

/** Outputs of these sheets alone, with nothing for the record. */
function outputsOf(...sheets: OutputSheet[]): JobOutputs {
  return {
    sheets,
    lang: "zh-CN",
    newRecord: null,
    append: {
      sheetName: "催缴记录",
      exists: false,
      layout: null,
      lastRow: 0,
      tableName: "",
      columns: [],
      widths: [],
      rows: [],
      alreadyLogged: 0,
    },
  };
}

describe("writing the add-in's sheets into the package", () => {
  it("keeps every part of the user's own byte for byte, and the package whole, run after run", async () => {
    const input = await userWorkbook();
    const first = await runOnWorkbookFile(input, "ledger.xlsx", OPTIONS);
    if (!first.ok) throw new Error(first.error["en-US"]);
    const second = await runOnWorkbookFile(first.output, "ledger.xlsx", {
      ...OPTIONS,
      today: "2026-11-28",
      roundDate: "2026-11-28",
    });
    if (!second.ok) throw new Error(second.error["en-US"]);
    const before = await parts(input);
    for (const output of [first.output, second.output]) {
      const after = await parts(output);
      checkPackage(after);
      for (const name of [
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/sharedStrings.xml",
        "xl/theme/theme1.xml",
      ])
        expect([name, after.get(name)]).toEqual([name, before.get(name)]);
      // The user's cell styles keep their places; ours come after them.
      const xfs = (xml: string) => /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
      expect(xfs(after.get("xl/styles.xml") ?? "").startsWith(xfs(before.get("xl/styles.xml") ?? ""))).toBe(
        true,
      );
    }
    const sheetsOf = (files: Map<string, string>) =>
      [...(files.get("xl/workbook.xml") ?? "").matchAll(/<sheet\b[^>]*name="([^"]+)"/g)].map((m) => m[1]);
    // The second run replaces the sheets in place: the same sheets, in the same order, none doubled.
    expect(sheetsOf(await parts(second.output))).toEqual(sheetsOf(await parts(first.output)));
    expect(sheetsOf(await parts(first.output)).slice(0, 2)).toEqual(["欠费台账", "备用"]);
  });

  it("writes text exactly: control characters, _x0041_, markup, line ends and spaces come back as they were", async () => {
    const texts = ["李\u0001娜", "_x0041_王", "=SUM(A1)", "<b>陈</b> & 赵", " 周 ", "一\r\n二\n三", "\uffff"];
    const workbook = await PackageWorkbook.open(await userWorkbook(), "ledger.xlsx");
    await workbook.writeOutputs(outputsOf(columnSheet("文本", "text", texts)));
    const bytes = await workbook.save();
    const direct = await (await PackageWorkbook.open(bytes, "out.xlsx")).readGrid();
    expect(
      direct.sheets
        .find((s) => s.name === "催缴分类")
        ?.rows.slice(1)
        .map((r) => r[0]),
    ).toEqual(texts);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("催缴分类") as ExcelJS.Worksheet;
    // ExcelJS does not undo _xHHHH_ escapes in inline strings (Excel and LibreOffice do): compare the rest.
    const plain = texts
      .map((t, i) => [i, t] as const)
      .filter(([, t]) => !(t.includes("\u0001") || t.includes("\uffff") || t.includes("_x0041_")));
    expect(plain.map(([i]) => ws.getCell(i + 2, 1).value)).toEqual(plain.map(([, t]) => t));
  });

  it("the whole run never writes a name as a formula", async () => {
    const outcome = await runOnWorkbookFile(await userWorkbook(), "ledger.xlsx", OPTIONS);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    const files = await parts(outcome.output);
    const written = [...files.entries()].filter(([name]) =>
      /^xl\/worksheets\/sheet([3-9]|\d\d)\.xml$/.test(name),
    );
    expect(written.length).toBeGreaterThan(5);
    for (const [, xml] of written) expect(xml).not.toContain("<f>");
    expect(written.some(([, xml]) => xml.includes("=SUM(A1)"))).toBe(true);
  });

  it("keeps dates right in a 1904 workbook", async () => {
    const workbook = await PackageWorkbook.open(await userWorkbook(true), "ledger.xlsx");
    const outputs = outputsOf(columnSheet("日期", "date", [new Date(Date.UTC(2026, 10, 24))]));
    await workbook.writeOutputs(outputs);
    const grid = await (await PackageWorkbook.open(await workbook.save(), "out.xlsx")).readGrid();
    expect(grid.date1904).toBe(true);
    expect(grid.sheets.find((s) => s.name === "催缴分类")?.rows[1][0]).toEqual(
      new Date(Date.UTC(2026, 10, 24)),
    );
  });

  it("a failure in the middle of writing leaves the package as it was", async () => {
    const input = await userWorkbook();
    const first = await runOnWorkbookFile(input, "ledger.xlsx", OPTIONS);
    if (!first.ok) throw new Error(first.error["en-US"]);
    const workbook = await PackageWorkbook.open(first.output, "ledger.xlsx");
    const before = await parts(await workbook.save());
    const good: OutputSheet = {
      name: "催缴分类",
      widths: [10],
      blocks: [{ kind: "text", text: "新的", style: "title" }],
    };
    const broken = {
      name: "公告栏",
      widths: [10],
      get blocks(): never {
        throw new Error("disk full");
      },
    } as unknown as OutputSheet;
    const outputs = outputsOf(good, broken);
    await expect(workbook.writeOutputs(outputs)).rejects.toThrow("disk full");
    const after = await parts(await workbook.save());
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, xml] of before) expect([name, after.get(name) === xml]).toEqual([name, true]);
  });

  it("an .xlsm's copy is a plain .xlsx: the macros stay in the input, and the run says so", async () => {
    const zip = await JSZip.loadAsync(await userWorkbook());
    zip.file("xl/vbaProject.bin", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    zip.file(
      "[Content_Types].xml",
      types
        .replace(
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
          "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
        .replace(
          "</Types>",
          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
        ),
    );
    const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
    zip.file(
      "xl/_rels/workbook.xml.rels",
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
      ),
    );
    const input = await zip.generateAsync({ type: "uint8array" });
    const outcome = await runOnWorkbookFile(input, "ledger.xlsm", OPTIONS);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    expect(outcome.warnings.join(" ")).toMatch(/macros/);
    const files = await parts(outcome.output);
    checkPackage(files);
    expect(files.has("xl/vbaProject.bin")).toBe(false);
    expect(files.get("[Content_Types].xml")).not.toContain("macroEnabled");
    expect(files.get("xl/_rels/workbook.xml.rels")).not.toContain("vbaProject");
  });

  it("escapes what XML cannot hold", () => {
    expect(xmlText('a\u0001b_x0041_c&<>"\r')).toBe("a_x0001_b_x005F_x0041_c&amp;&lt;&gt;&quot;&#13;");
    expect(xmlText("plain 文本")).toBe("plain 文本");
    expect(relsPathOf("xl/worksheets/sheet1.xml")).toBe("xl/worksheets/_rels/sheet1.xml.rels");
  });
});

describe("cell references in the sheets the add-in writes", () => {
  it("are written only where a cell does not follow the one before it; every reader puts each value in its column", async () => {
    const values = Array.from({ length: 30 }, (_, i) => `1-${101 + i}`);
    const sheet: OutputSheet = {
      name: "催缴分类",
      widths: [12, 12, 12],
      blocks: [
        {
          kind: "table",
          id: "t",
          name: "Values",
          columns: [
            { header: "房号", format: "text" },
            { header: "金额", format: "money" },
            { header: "备注", format: "text" },
          ],
          rows: values.map((v, i) => [v, i * 10, i % 2 ? "拒缴" : ""]),
          emptyText: "",
        },
      ],
    };
    const workbook = await PackageWorkbook.open(await userWorkbook(), "ledger.xlsx");
    await workbook.writeOutputs(outputsOf(sheet));
    const bytes = await workbook.save();
    const files = await parts(bytes);
    const xml = [...files.values()].find((x) => x.includes("1-130")) as string;
    const rows = [...xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)].map((m) => m[1]);
    for (const row of rows.filter((r) => r.includes("1-1"))) {
      // Three cells, one reference: the row's first.
      expect((row.match(/<c\b/g) ?? []).length).toBe(3);
      expect((row.match(/<c r="/g) ?? []).length).toBe(1);
      expect(row.startsWith('<c r="A')).toBe(true);
    }
    const direct = (await (await PackageWorkbook.open(bytes, "out.xlsx")).readGrid()).sheets.find(
      (s) => s.name === "催缴分类",
    );
    // (A row's trailing empty cells are trimmed by the reader.)
    expect(direct?.rows.slice(1, 4)).toEqual([
      ["1-101", 0],
      ["1-102", 10, "拒缴"],
      ["1-103", 20],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("催缴分类") as ExcelJS.Worksheet;
    expect([ws.getCell("A31").value, ws.getCell("B31").value, ws.getCell("C31").value]).toEqual([
      "1-130",
      290,
      "拒缴",
    ]);
  });

  it("a row merged into keeps its cells without references in their columns", () => {
    const xml =
      `<worksheet><sheetData><row r="3"><c r="B3" t="inlineStr"><is><t>甲</t></is></c>` +
      `<c t="inlineStr"><is><t>乙</t></is></c><c s="2"/></row><row r="9"/></sheetData></worksheet>`;
    const added = new Map([
      [
        3,
        [
          { column: 3, xml: "<c><v>2</v></c>" },
          { column: 1, xml: "<c><v>1</v></c>" },
        ],
      ],
      [
        4,
        [
          { column: 4, xml: "<c><v>5</v></c>" },
          { column: 1, xml: "<c><v>3</v></c>" },
          { column: 2, xml: "<c><v>4</v></c>" },
        ],
      ],
    ]);
    const out = mergeRows(xml, added);
    // Row 3: A new, B kept, C replaced by the new cell, D (the implicit one after C) kept with its reference.
    expect(/<row r="3">([\s\S]*?)<\/row>/.exec(out)?.[1]).toBe(
      `<c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t>甲</t></is></c><c r="C3"><v>2</v></c><c r="D3" s="2"/>`,
    );
    // Row 4 is new, before row 9: B follows A and has no reference, D after a gap has one.
    expect(out).toContain(
      `<row r="4"><c r="A4"><v>3</v></c><c><v>4</v></c><c r="D4"><v>5</v></c></row><row r="9"/>`,
    );
    // Below every row: appended after them.
    const below = mergeRows(xml, new Map([[12, [{ column: 2, xml: "<c><v>7</v></c>" }]]]));
    expect(below).toContain(`<row r="9"/><row r="12"><c r="B12"><v>7</v></c></row></sheetData>`);
  });
});
