/**
 * The add-in's cell styles, appended to the workbook's own styles part: the user's fonts, fills, borders and
 * cell formats keep their indices (every existing cell keeps its look), ours come after them.
 */

export interface FontSpec {
  readonly bold?: boolean;
  readonly size?: number;
  /** ARGB, e.g. FF1F4E79. */
  readonly color?: string;
}

export interface CellStyleSpec {
  readonly font?: FontSpec;
  /** Solid fill, ARGB. */
  readonly fill?: string;
  readonly border?: boolean;
  readonly numberFormat?: string | null;
  readonly horizontal?: "left" | "center" | "right";
  readonly vertical?: "top" | "center";
  readonly wrap?: boolean;
}

const BORDER_COLOR = "FFBFBFBF";

const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

function escapeAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

interface Section {
  readonly existing: number;
  readonly added: string[];
  readonly byKey: Map<string, number>;
}

function section(xml: string, tag: string, child: string): Section {
  const body = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1] ?? "";
  const existing = body.match(new RegExp(`<${child}[\\s>/]`, "g"))?.length ?? 0;
  return { existing, added: [], byKey: new Map() };
}

function add(s: Section, key: string, xml: string): number {
  const known = s.byKey.get(key);
  if (known !== undefined) return known;
  const index = s.existing + s.added.length;
  s.added.push(xml);
  s.byKey.set(key, index);
  return index;
}

/** Puts the added children at the end of a section (created when absent, before `before`) and fixes its count. */
function extend(xml: string, tag: string, s: Section, before: readonly string[]): string {
  if (s.added.length === 0) return xml;
  const count = s.existing + s.added.length;
  const open = new RegExp(`<${tag}\\b([^>]*?)(/?)>`).exec(xml);
  if (open) {
    const attrs = open[1].replace(/\s+count="\d*"/, "");
    const head = `<${tag}${attrs} count="${count}">`;
    if (open[2] === "/") return xml.replace(open[0], `${head}${s.added.join("")}</${tag}>`);
    const close = xml.indexOf(`</${tag}>`, open.index);
    return (
      xml.slice(0, open.index) +
      head +
      xml.slice(open.index + open[0].length, close) +
      s.added.join("") +
      xml.slice(close)
    );
  }
  const element = `<${tag} count="${count}">${s.added.join("")}</${tag}>`;
  for (const next of before) {
    const at = xml.search(new RegExp(`<${next}[\\s>/]`));
    if (at >= 0) return xml.slice(0, at) + element + xml.slice(at);
  }
  return xml.replace("</styleSheet>", `${element}</styleSheet>`);
}

const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"];

export class StyleBook {
  private readonly xml: string;
  private readonly fonts: Section;
  private readonly fills: Section;
  private readonly borders: Section;
  private readonly xfs: Section;
  private readonly numFmts = new Map<string, number>();
  private readonly addedNumFmts: string[] = [];
  private nextNumFmt: number;
  /** The workbook's default font's name and character set, so our text looks like the rest of the workbook. */
  private readonly fontFace: string;

  constructor(stylesXml: string | null) {
    this.xml = stylesXml ?? MINIMAL_STYLES;
    this.fonts = section(this.xml, "fonts", "font");
    this.fills = section(this.xml, "fills", "fill");
    this.borders = section(this.xml, "borders", "border");
    this.xfs = section(this.xml, "cellXfs", "xf");
    let maxId = 163;
    for (const m of this.xml.matchAll(/<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"/g)) {
      maxId = Math.max(maxId, Number(m[1]));
      this.numFmts.set(m[2], Number(m[1]));
    }
    this.nextNumFmt = maxId + 1;
    const firstFont = /<fonts\b[^>]*>\s*<font\b[^>]*>([\s\S]*?)<\/font>/.exec(this.xml)?.[1] ?? "";
    this.fontFace = [/<name\b[^>]*\/>/, /<family\b[^>]*\/>/, /<charset\b[^>]*\/>/, /<scheme\b[^>]*\/>/]
      .map((re) => re.exec(firstFont)?.[0] ?? "")
      .join("");
  }

  private numFmtId(code: string): number {
    if (code === "0") return 1;
    if (code === "0.00") return 2;
    const escaped = escapeAttr(code);
    const known = this.numFmts.get(escaped);
    if (known !== undefined) return known;
    const id = this.nextNumFmt++;
    this.numFmts.set(escaped, id);
    this.addedNumFmts.push(`<numFmt numFmtId="${id}" formatCode="${escaped}"/>`);
    return id;
  }

  private font(spec: FontSpec | undefined): number {
    if (!spec) return 0;
    const key = JSON.stringify(spec);
    return add(
      this.fonts,
      key,
      `<font>${spec.bold ? "<b/>" : ""}<sz val="${spec.size ?? 11}"/>` +
        `${spec.color ? `<color rgb="${spec.color}"/>` : ""}${this.fontFace}</font>`,
    );
  }

  private fill(argb: string | undefined): number {
    if (!argb) return 0;
    return add(
      this.fills,
      argb,
      `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor ` +
        `indexed="64"/></patternFill></fill>`,
    );
  }

  private border(on: boolean | undefined): number {
    if (!on) return 0;
    const side = (name: string) => `<${name} style="thin"><color rgb="${BORDER_COLOR}"/></${name}>`;
    return add(
      this.borders,
      "thin",
      `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border>`,
    );
  }

  /** The cellXfs index of a style, added on first use. */
  style(spec: CellStyleSpec): number {
    const key = JSON.stringify(spec);
    const known = this.xfs.byKey.get(key);
    if (known !== undefined) return known;
    const numFmtId = spec.numberFormat ? this.numFmtId(spec.numberFormat) : 0;
    const fontId = this.font(spec.font);
    const fillId = this.fill(spec.fill);
    const borderId = this.border(spec.border);
    const alignment =
      spec.horizontal || spec.vertical || spec.wrap
        ? `<alignment${spec.horizontal ? ` horizontal="${spec.horizontal}"` : ""}` +
          `${spec.vertical ? ` vertical="${spec.vertical}"` : ""}${spec.wrap ? ' wrapText="1"' : ""}/>`
        : "";
    const xf =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}` +
      `${borderId ? ' applyBorder="1"' : ""}${alignment ? ' applyAlignment="1"' : ""}` +
      (alignment ? `>${alignment}</xf>` : "/>");
    return add(this.xfs, key, xf);
  }

  /** The styles part with every style used so far. */
  toXml(): string {
    let xml = this.xml;
    if (this.addedNumFmts.length > 0) {
      const numFmts: Section = {
        existing: section(xml, "numFmts", "numFmt").existing,
        added: this.addedNumFmts,
        byKey: new Map(),
      };
      xml = extend(xml, "numFmts", numFmts, ORDER.slice(1));
    }
    xml = extend(xml, "fonts", this.fonts, ORDER.slice(2));
    xml = extend(xml, "fills", this.fills, ORDER.slice(3));
    xml = extend(xml, "borders", this.borders, ORDER.slice(4));
    return extend(xml, "cellXfs", this.xfs, ORDER.slice(6));
  }

  get changed(): boolean {
    return this.xfs.added.length > 0;
  }
}
