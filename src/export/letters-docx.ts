import {
  AlignmentType,
  BorderStyle,
  Document,
  IBorderOptions,
  ISectionOptions,
  Packer,
  Paragraph,
  SectionType,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { Letter, ReceiptSlip } from "../core/letter";
import { Lang } from "../core/text";

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
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "A6A6A6" };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };

function run(
  text: string,
  type: Type,
  options: { bold?: boolean; size?: number; color?: string } = {},
): TextRun {
  return new TextRun({
    text,
    font: type.font,
    size: options.size ?? type.body,
    bold: options.bold,
    color: options.color,
  });
}

function band(letter: Letter, type: Type): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    borders: {
      top: NONE,
      bottom: NONE,
      left: NONE,
      right: NONE,
      insideHorizontal: NONE,
      insideVertical: NONE,
    },
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            shading: { type: ShadingType.CLEAR, color: "auto", fill: letter.band.fill },
            margins: { top: 90, bottom: 90, left: 160, right: 160 },
            children: [
              new Paragraph({
                children: [run(letter.band.label, type, { bold: true, color: letter.band.text })],
              }),
            ],
          }),
        ],
      }),
    ],
  });
}

function factsTable(letter: Letter, type: Type): Table {
  const labelWidth = Math.round(TEXT_WIDTH * 0.28);
  const cell = (text: string, width: number, label: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      shading: label ? { type: ShadingType.CLEAR, color: "auto", fill: "F2F2F2" } : undefined,
      margins: { top: 30, bottom: 30, left: 100, right: 100 },
      children: [
        new Paragraph({
          spacing: { line: 260 },
          children: [run(text, type, { size: type.body - 2, bold: label })],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, TEXT_WIDTH - labelWidth],
    borders: {
      top: LINE,
      bottom: LINE,
      left: LINE,
      right: LINE,
      insideHorizontal: LINE,
      insideVertical: LINE,
    },
    rows: letter.facts.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [cell(label, labelWidth, true), cell(value, TEXT_WIDTH - labelWidth, false)],
        }),
    ),
  });
}

function receipt(slip: ReceiptSlip, type: Type, lang: Lang): (Paragraph | Table)[] {
  const third = Math.floor(TEXT_WIDTH / 3);
  const colon = lang === "zh-CN" ? "：" : ": ";
  return [
    new Paragraph({
      spacing: { before: 200, after: 80 },
      alignment: AlignmentType.CENTER,
      border: { top: { style: BorderStyle.DASHED, size: 8, color: "7F7F7F", space: 4 } },
      children: [run(slip.cutLine, type, { size: type.small, color: GREY })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 60 },
      children: [run(slip.title, type, { bold: true, size: type.body + 4 })],
    }),
    ...slip.lines.map(
      (line) =>
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: { after: 60, line: 280 },
          indent: lang === "zh-CN" ? { firstLine: type.body * 20 } : undefined,
          children: [run(line, type, { size: type.body - 1 })],
        }),
    ),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [third, third, TEXT_WIDTH - 2 * third],
      borders: {
        top: NONE,
        bottom: NONE,
        left: NONE,
        right: NONE,
        insideHorizontal: NONE,
        insideVertical: NONE,
      },
      rows: [
        new TableRow({
          children: slip.blanks.map(
            (blank, i) =>
              new TableCell({
                width: { size: i < 2 ? third : TEXT_WIDTH - 2 * third, type: WidthType.DXA },
                margins: { top: 160, bottom: 40, left: 0, right: 100 },
                children: [
                  new Paragraph({
                    children: [run(`${blank}${colon}____________`, type, { size: type.body - 1 })],
                  }),
                ],
              }),
          ),
        }),
      ],
    }),
  ];
}

function page(letter: Letter): ISectionOptions {
  const type = TYPE[letter.lang];
  const zh = letter.lang === "zh-CN";
  const children: (Paragraph | Table)[] = [
    band(letter, type),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 200, after: 40 },
      children: [run(letter.sender, type, { bold: true, size: type.body + 4 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 40 },
      children: [run(letter.title, type, { bold: true, size: type.title })],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { after: 120 },
      children: [run(letter.reference, type, { size: type.small, color: GREY })],
    }),
    new Paragraph({ spacing: { after: 80 }, children: [run(letter.salutation, type, { bold: true })] }),
    ...letter.paragraphs.map(
      (text) =>
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: { after: 80, line: 300 },
          indent: zh ? { firstLine: type.body * 20 } : undefined,
          children: [run(text, type)],
        }),
    ),
    new Paragraph({ spacing: { after: 40 }, children: [] }),
    factsTable(letter, type),
  ];
  if (letter.legalBasis) {
    children.push(
      new Paragraph({
        spacing: { before: 140, line: 250 },
        alignment: AlignmentType.JUSTIFIED,
        shading: { type: ShadingType.CLEAR, color: "auto", fill: "F2F2F2" },
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: letter.band.fill, space: 6 } },
        children: [run(letter.legalBasis, type, { size: type.small })],
      }),
    );
  }
  letter.signature.forEach((line, i) =>
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { before: i === 0 ? 200 : 20 },
        children: [run(line, type)],
      }),
    ),
  );
  if (letter.receipt) children.push(...receipt(letter.receipt, type, letter.lang));
  return {
    properties: {
      type: SectionType.NEXT_PAGE,
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
      },
    },
    children,
  };
}

/**
 * The round's letters as one Word document, one letter per A4 page (a section each, so every letter starts on a
 * new page). Opens in Word, WPS and LibreOffice. No Node APIs: the browser page uses it too.
 */
export async function lettersDocx(
  letters: readonly Letter[],
  meta: { title: string; lang: Lang },
): Promise<Uint8Array> {
  const type = TYPE[meta.lang];
  const doc = new Document({
    title: meta.title,
    creator: "Arrears Desk",
    styles: {
      default: {
        document: {
          run: {
            font: type.font,
            size: type.body,
            language: { value: meta.lang, eastAsia: "zh-CN" },
          },
        },
      },
    },
    sections:
      letters.length > 0
        ? letters.map(page)
        : [
            {
              children: [
                new Paragraph({
                  children: [
                    run(
                      meta.lang === "zh-CN" ? "本轮没有需要打印的通知。" : "No letters in this round.",
                      type,
                    ),
                  ],
                }),
              ],
            },
          ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
