import { ScriptBook } from "../core/campaign/scripts";
import { speaker } from "../core/text";
import {
  A4_PORTRAIT,
  Cell,
  GREY,
  LINE,
  PAGE_BREAK,
  TYPE,
  docxPackage,
  documentBody,
  paragraph,
  run,
  table,
  textWidth,
} from "./docx";

// The phone scripts and the fee Q&A as one printable document: A4 portrait, one table per kind and band (never
// split across pages), the Q&A after them on a new page.

const PAGE = A4_PORTRAIT;

export async function scriptsDocx(book: ScriptBook): Promise<Uint8Array> {
  const type = TYPE[book.lang];
  const say = speaker(book.lang);
  const width = textWidth(PAGE);
  const labelWidth = Math.round(width * 0.24);
  const margins = { top: 50, bottom: 50, left: 100, right: 100 };
  const cell = (text: string, w: number, label: boolean): Cell => ({
    width: w,
    fill: label ? "F2F2F2" : undefined,
    margins,
    content: paragraph(run(text, type, { size: type.body - 1, bold: label }), { line: 280 }),
  });
  const body = documentBody();
  body.push(
    paragraph(run(book.title, type, { bold: true, size: type.title }), { align: "center", after: 60 }) +
      paragraph(run(book.subtitle, type, { size: type.small, color: GREY }), {
        align: "center",
        after: 160,
      }) +
      paragraph(run(book.rule, type, { bold: true, size: type.body - 1 }), {
        fill: "FDE9E7",
        leftBorder: { style: "single", size: 18, color: "C00000", space: 6 },
        after: 200,
        line: 260,
      }),
  );
  for (const s of book.scripts) {
    const rows: [string, string][] = [
      [say("开场", "Opening"), s.opening],
      [say("说明欠费", "The amount"), s.amount],
      ...s.objections.map((o): [string, string] => [o.label, o.answer]),
      [say("结束：约定日期", "Closing: a date"), s.closing],
    ];
    body.push(
      paragraph(run(s.heading, type, { bold: true, size: type.body + 4 }), {
        before: 240,
        after: 80,
        keepNext: true,
      }) +
        table(
          [labelWidth, width - labelWidth],
          LINE,
          rows.map(([label, text]) => [cell(label, labelWidth, true), cell(text, width - labelWidth, false)]),
          { cantSplit: true },
        ),
    );
  }
  body.push(
    paragraph(PAGE_BREAK) +
      paragraph(run(book.faqTitle, type, { bold: true, size: type.title }), { align: "center", after: 200 }),
  );
  book.faq.forEach((f, i) => {
    body.push(
      paragraph(run(`${i + 1}. ${f.question}`, type, { bold: true }), {
        before: 160,
        after: 60,
        keepNext: true,
      }) + paragraph(run(f.answer, type), { line: 300, align: "both", indent: 360 }),
    );
  });
  return docxPackage(body, {
    title: book.title,
    lang: book.lang,
    page: PAGE,
    footer: say(`${book.title}\u3000第 {page} 页，共 {pages} 页`, `${book.title}   page {page} of {pages}`),
  });
}
