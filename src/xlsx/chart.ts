import { ZipPackage } from "../ooxml/zip-package";
import { columnLetter } from "../core/read/grid";
import {
  partText,
  relsPathOf,
  resolvePart,
  withContentType,
  withRelationship,
  workbookSheets,
} from "./package-read";

/**
 * Native Excel charts for workbooks saved by ExcelJS, which cannot write charts: the DrawingML chart parts, a
 * drawing that anchors them, and their relationships and content types are added to the saved package.
 */
export interface ChartSpec {
  readonly sheetName: string;
  readonly type: "bar" | "column" | "pie";
  readonly title: string;
  readonly seriesName: string;
  /** 1-based inclusive rows of one column on the same sheet. */
  readonly categories: { readonly firstRow: number; readonly lastRow: number; readonly column: number };
  readonly values: { readonly firstRow: number; readonly lastRow: number; readonly column: number };
  /** Cached values, so viewers that do not recalculate still draw the chart. */
  readonly categoryLabels: readonly string[];
  readonly numbers: readonly number[];
  readonly numberFormat?: string;
  /** 0-based cell coordinates of the chart's corners. */
  readonly anchor: {
    readonly fromColumn: number;
    readonly fromRow: number;
    readonly toColumn: number;
    readonly toRow: number;
  };
}

const NS = {
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  drawingType: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chartType: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
};

/** Worksheet children that must come after <drawing> (ECMA-376 CT_Worksheet order). */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** 'Sheet name'!$A$1:$A$5, with quotes doubled inside the name. */
export function rangeFormula(sheetName: string, range: ChartSpec["values"]): string {
  const col = columnLetter(range.column);
  return `'${sheetName.replace(/'/g, "''")}'!$${col}$${range.firstRow}:$${col}$${range.lastRow}`;
}

function nextFree(zip: ZipPackage, pattern: (n: number) => string): number {
  let n = 1;
  while (zip.has(pattern(n))) n++;
  return n;
}

/** Adds a relationship to a .rels part (created if missing); returns its id. */
async function addRelationship(
  zip: ZipPackage,
  relsPath: string,
  type: string,
  target: string,
): Promise<string> {
  const xml =
    (await partText(zip, relsPath)) ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}"></Relationships>`;
  const added = withRelationship(xml, type, target);
  zip.put(relsPath, added.xml);
  return added.id;
}

async function addContentType(zip: ZipPackage, part: string, type: string): Promise<void> {
  const xml = (await partText(zip, "[Content_Types].xml")) ?? "";
  zip.put("[Content_Types].xml", withContentType(xml, `/${part}`, type));
}

/** The worksheet part of a sheet name, through the workbook and its relationships. */
async function sheetPart(zip: ZipPackage, sheetName: string): Promise<string | null> {
  const sheet = (await workbookSheets(zip)).sheets.find((s) => s.name === sheetName);
  return sheet ? sheet.part : null;
}

function chartXml(spec: ChartSpec): string {
  const format = escapeXml(spec.numberFormat ?? "General");
  const count = spec.categoryLabels.length;
  const strPoints = spec.categoryLabels
    .map((label, i) => `<c:pt idx="${i}"><c:v>${escapeXml(label)}</c:v></c:pt>`)
    .join("");
  const numPoints = spec.numbers.map((n, i) => `<c:pt idx="${i}"><c:v>${n}</c:v></c:pt>`).join("");
  const labels =
    `<c:dLbls><c:numFmt formatCode="${format}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    `<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
    `<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;
  const series =
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${escapeXml(spec.seriesName)}</c:v></c:tx>` +
    (spec.type === "pie"
      ? ""
      : `<c:spPr><a:solidFill><a:srgbClr val="2E75B6"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`) +
    labels +
    `<c:cat><c:strRef><c:f>${escapeXml(rangeFormula(spec.sheetName, spec.categories))}</c:f>` +
    `<c:strCache><c:ptCount val="${count}"/>${strPoints}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeXml(rangeFormula(spec.sheetName, spec.values))}</c:f>` +
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${count}"/>${numPoints}</c:numCache></c:numRef></c:val></c:ser>`;
  const horizontal = spec.type === "bar";
  const plot =
    spec.type === "pie"
      ? `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`
      : `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
        `<c:gapWidth val="80"/><c:axId val="500001"/><c:axId val="500002"/></c:barChart>` +
        `<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
        `<c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/>` +
        `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500002"/>` +
        `<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
        `<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
        `<c:axPos val="${horizontal ? "b" : "l"}"/><c:majorGridlines/><c:numFmt formatCode="${format}" sourceLinked="0"/>` +
        `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500001"/>` +
        `<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ` +
    `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS.rel}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1300" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" sz="1300" b="1"/><a:t>${escapeXml(spec.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea>` +
    (spec.type === "pie" ? `<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>` : "") +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function anchorXml(spec: ChartSpec, shapeId: number, relId: string): string {
  const { fromColumn, fromRow, toColumn, toRow } = spec.anchor;
  const point = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${point("from", fromColumn, fromRow)}${point("to", toColumn, toRow)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="${escapeXml(spec.title)}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${relId}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** The sheet's drawing part, created and linked from the sheet when it has none. */
async function drawingFor(zip: ZipPackage, sheet: string): Promise<string> {
  const xml = (await partText(zip, sheet)) ?? "";
  const existing = /<drawing\b[^>]*\br:id="([^"]+)"/.exec(xml)?.[1];
  const sheetRels = relsPathOf(sheet);
  if (existing) {
    const rels = (await partText(zip, sheetRels)) ?? "";
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
      .map((r) => r[0])
      .find((r) => r.includes(`Id="${existing}"`));
    const target = rel ? /\bTarget="([^"]*)"/.exec(rel)?.[1] : undefined;
    if (target) return resolvePart(sheet, target);
  }
  const n = nextFree(zip, (i) => `xl/drawings/drawing${i}.xml`);
  const drawing = `xl/drawings/drawing${n}.xml`;
  zip.put(
    drawing,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ` +
      `xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ` +
      `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS.rel}"></xdr:wsDr>`,
  );
  await addContentType(zip, drawing, NS.drawingType);
  const id = await addRelationship(zip, sheetRels, NS.drawingRel, `../drawings/drawing${n}.xml`);
  let sheetXml = xml;
  if (!/<worksheet\b[^>]*xmlns:r=/.test(sheetXml))
    sheetXml = sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.rel}"`);
  const tag = `<drawing r:id="${id}"/>`;
  const before = AFTER_DRAWING.map((name) => sheetXml.search(new RegExp(`<${name}[\\s>/]`))).filter(
    (i) => i >= 0,
  );
  const at = before.length > 0 ? Math.min(...before) : sheetXml.lastIndexOf("</worksheet>");
  zip.put(sheet, sheetXml.slice(0, at) + tag + sheetXml.slice(at));
  return drawing;
}

export async function addCharts(xlsx: Uint8Array, charts: readonly ChartSpec[]): Promise<Uint8Array> {
  if (charts.length === 0) return xlsx;
  const zip = ZipPackage.read(xlsx);
  await addChartsToZip(zip, charts);
  return zip.save();
}

/** Adds the charts' parts to a package in memory. */
export async function addChartsToZip(zip: ZipPackage, charts: readonly ChartSpec[]): Promise<void> {
  for (const spec of charts) {
    const sheet = await sheetPart(zip, spec.sheetName);
    // A chart whose sheet is not a worksheet in the package (a chart sheet of that name, say) is left out.
    if (sheet === null) continue;
    const drawing = await drawingFor(zip, sheet);
    const n = nextFree(zip, (i) => `xl/charts/chart${i}.xml`);
    const chart = `xl/charts/chart${n}.xml`;
    zip.put(chart, chartXml(spec));
    await addContentType(zip, chart, NS.chartType);
    const relId = await addRelationship(zip, relsPathOf(drawing), NS.chartRel, `../charts/chart${n}.xml`);
    const drawingXml = (await partText(zip, drawing)) ?? "";
    const shapeId = (drawingXml.match(/<xdr:cNvPr\b/g)?.length ?? 0) + 2;
    zip.put(drawing, drawingXml.replace("</xdr:wsDr>", `${anchorXml(spec, shapeId, relId)}</xdr:wsDr>`));
  }
}
