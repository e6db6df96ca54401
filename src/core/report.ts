import { FLAGS, FLAG_LABELS, KINDS, KIND_LABELS, Kind, Verdict } from "./classify/kinds";
import { FIELD_LABELS } from "./read/fields";
import { CellValue } from "./read/grid";
import { Layout } from "./read/household";
import { Block, OUTPUT_SHEETS, OutputSheet, singleTableSheet } from "./output";
import { playbookLegend, shortStep } from "./classify/playbook";
import { layoutReader } from "./read/layouts";
import { ReadResult } from "./read/reader";
import { Lang, Localized, formatYuan, naturalOrder, roundCents, speaker } from "./text";
import { formatMonth } from "./read/values";

/** The machine-readable summary of a run (the CLI's --json). */
export interface RunSummary {
  readonly sheet: string;
  readonly layout: Layout;
  /** Every sheet read: its layout, header row and households. */
  readonly sheets: readonly { sheet: string; layout: Layout; headerRow: number; households: number }[];
  readonly households: number;
  readonly arrears: { readonly total: number; readonly households: number };
  readonly classes: Readonly<Record<Kind, number>>;
  readonly skipped: readonly { sheet: string; row: number; reason: string }[];
  readonly problems: readonly { sheet: string; row: number; column: string; value: string; reason: string }[];
}

export function runSummary(result: ReadResult, verdicts: readonly Verdict[], lang: Lang): RunSummary {
  const classes = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  let total = 0;
  let inArrears = 0;
  for (const v of verdicts) {
    classes[v.kind]++;
    if (v.inArrears) {
      inArrears++;
      total += v.household.amountOverdue ?? 0;
    }
  }
  return {
    sheet: result.sheet,
    layout: result.layout,
    sheets: result.sheets.map((s) => ({
      sheet: s.sheet,
      layout: s.layout,
      headerRow: s.headerRow,
      households: s.households,
    })),
    households: verdicts.length,
    arrears: { total: roundCents(total), households: inArrears },
    classes,
    skipped: result.skipped.map((s) => ({ sheet: s.sheet, row: s.row, reason: s.reason[lang] })),
    problems: result.problems.map((p) => ({
      sheet: p.sheet,
      row: p.row,
      column: p.column,
      value: p.value,
      reason: p.reason[lang],
    })),
  };
}

const layoutLabel = (layout: Layout): Localized => layoutReader(layout).label;

/** The few lines a manager reads after a run; lists are cut at `limit` with a count of the rest. */
export function summaryLines(
  result: ReadResult,
  verdicts: readonly Verdict[],
  lang: Lang,
  limit = 15,
): string[] {
  const say = speaker(lang);
  const lines: string[] = [];
  const summary = runSummary(result, verdicts, lang);
  for (const sheet of result.sheets) {
    lines.push(
      say(
        `读取：工作表“${sheet.sheet}”，${layoutLabel(sheet.layout)[lang]}，` +
          `表头在第 ${sheet.headerRow} 行；${sheet.households} 户`,
        `Read: sheet "${sheet.sheet}", ${layoutLabel(sheet.layout)[lang]}, header ` +
          `at row ${sheet.headerRow}; ${sheet.households} households`,
      ),
    );
    const months = sheet.monthColumns;
    lines.push(
      say("列：", "Columns: ") +
        sheet.columns.map((c) => `${FIELD_LABELS[c.field][lang]}=${c.column}`).join(say("，", ", ")) +
        (months.length
          ? say(
              `；月份 ${months[0].column}–${months[months.length - 1].column}（${formatMonth(months[0].month)} ` +
                `至 ${formatMonth(months[months.length - 1].month)}）`,
              `; months ${months[0].column}–${months[months.length - 1].column} (${formatMonth(months[0].month)} ` +
                `to ${formatMonth(months[months.length - 1].month)})`,
            )
          : ""),
    );
  }
  if (result.sheets.length > 1)
    lines.push(
      say(
        `共 ${summary.households} 户（${result.sheets.length} 个工作表）`,
        `${summary.households} households on ${result.sheets.length} sheets`,
      ),
    );
  for (const n of result.sheetNotes.filter((n) => !n.read && n.headerRow !== null))
    lines.push(
      say(`未读取：工作表“${n.sheet}”：${n.note[lang]}`, `Not read: sheet "${n.sheet}": ${n.note[lang]}`),
    );
  lines.push(say(`分类（截至 ${result.asOf}）：`, `Classes (as of ${result.asOf}):`));
  for (const kind of KINDS) {
    const of = verdicts.filter((v) => v.kind === kind);
    const amount = of.reduce((sum, v) => sum + (v.household.amountOverdue ?? 0), 0);
    const label = KIND_LABELS[kind][lang];
    lines.push(
      `  ${say(label.padEnd(6, "　"), label.padEnd(18, " "))}${String(of.length).padStart(5)}` +
        `${say(" 户", "")}  ${formatYuan(amount)}`,
    );
  }
  lines.push(
    say(
      `欠费合计：${summary.arrears.households} 户，${formatYuan(summary.arrears.total)}`,
      `In arrears: ${summary.arrears.households} households, ${formatYuan(summary.arrears.total)}`,
    ),
  );
  const flagCounts = FLAGS.map(
    (f) => [f, verdicts.filter((v) => v.flags.includes(f)).length] as const,
  ).filter(([, n]) => n > 0);
  if (flagCounts.length) {
    lines.push(
      say("标记：", "Flags: ") +
        flagCounts.map(([f, n]) => `${FLAG_LABELS[f][lang]} ${n}`).join(say("，", ", ")),
    );
  }
  for (const w of result.warnings.slice(0, limit)) lines.push(say("注意：", "Note: ") + w[lang]);
  if (result.skipped.length) {
    lines.push(
      say(
        `未作为住户读取的行（${result.skipped.length}）：`,
        `Rows not read as households (${result.skipped.length}):`,
      ),
    );
    for (const s of result.skipped.slice(0, limit)) {
      lines.push(
        say(`  ${s.sheet} 第 ${s.row} 行：${s.reason[lang]}`, `  ${s.sheet} row ${s.row}: ${s.reason[lang]}`),
      );
    }
    if (result.skipped.length > limit)
      lines.push(
        say(`  ……另有 ${result.skipped.length - limit} 行`, `  … and ${result.skipped.length - limit} more`),
      );
  }
  if (result.problems.length) {
    lines.push(
      say(`无法识别的单元格（${result.problems.length}）：`, `Unreadable cells (${result.problems.length}):`),
    );
    for (const p of result.problems.slice(0, limit)) {
      lines.push(
        say(
          `  ${p.sheet} ${p.column}${p.row}（“${p.value}”）：${p.reason[lang]}`,
          `  ${p.sheet} ${p.column}${p.row} ("${p.value}"): ${p.reason[lang]}`,
        ),
      );
    }
    if (result.problems.length > limit)
      lines.push(
        say(
          `  ……另有 ${result.problems.length - limit} 个`,
          `  … and ${result.problems.length - limit} more`,
        ),
      );
  }
  return lines;
}

/** Sheet 催缴分类: one row per household with its verdict, evidence and next step. */
export function classificationSheet(
  result: ReadResult,
  verdicts: readonly Verdict[],
  lang: Lang,
): OutputSheet {
  const say = speaker(lang);
  // Most urgent first: malicious, long-term, frequent, timely; then the largest debts.
  const urgency = (v: Verdict) => KINDS.indexOf(v.kind);
  const sorted = [...verdicts].sort(
    (a, b) =>
      urgency(b) - urgency(a) ||
      (b.household.amountOverdue ?? 0) - (a.household.amountOverdue ?? 0) ||
      naturalOrder(a.household.label, b.household.label),
  );
  const rows: CellValue[][] = sorted.map((v) => {
    const h = v.household;
    return [
      h.building,
      h.label,
      h.owner,
      h.phone,
      KIND_LABELS[v.kind][lang],
      h.monthsOverdue,
      h.amountOverdue,
      v.flags.map((f) => FLAG_LABELS[f][lang]).join(say("、", ", ")),
      v.reasons.map((r) => r[lang]).join(say("；", "; ")),
      v.nextSteps.map((s) => shortStep(s)[lang]).join(say(" → ", " → ")),
      h.collector,
      result.sheets.length > 1 ? `${h.sheet} ${h.rows.join(", ")}` : h.rows.join(", "),
    ];
  });
  const sheet = singleTableSheet(
    OUTPUT_SHEETS.classification[lang],
    say("业主分类与下一步", "Owners by kind, with the next step"),
    say(
      `来源：工作表${result.sheets.map((s) => `“${s.sheet}”`).join("、")}，截至 ${result.asOf}；共 ${verdicts.length} 户。本表每次运行时重建，请勿在此录入。`,
      `Source: sheet${result.sheets.length > 1 ? "s" : ""} ${result.sheets.map((s) => `"${s.sheet}"`).join(", ")}, as of ${result.asOf}; ${verdicts.length} households. Rebuilt on every run: do not type here.`,
    ),
    {
      id: "classification",
      name: "ArrearsClassification",
      columns: [
        { header: say("楼栋", "Building"), format: "text" },
        { header: say("房号", "Unit"), format: "text" },
        { header: say("业主", "Owner"), format: "text" },
        { header: say("电话", "Phone"), format: "text" },
        { header: say("类别", "Kind"), format: "text" },
        { header: say("欠费月数", "Months overdue"), format: "months" },
        { header: say("欠费金额", "Amount overdue"), format: "money" },
        { header: say("标记", "Flags"), format: "text", wrap: true },
        { header: say("依据", "Reasons"), format: "text", wrap: true },
        { header: say("下一步", "Next steps"), format: "text", wrap: true },
        { header: say("催缴员", "Collector"), format: "text" },
        { header: say("来源行", "Source rows"), format: "text" },
      ],
      rows,
      emptyText: say("（没有读到住户）", "(no households read)"),
    },
    [8, 14, 12, 15, 12, 10, 14, 14, 50, 36, 10, 10],
    true,
  );
  // The next steps in full, once: the table's cells carry only their short labels.
  const legend: Block[] = [
    { kind: "blank" },
    { kind: "text", text: say("下一步说明", "The next steps in full"), style: "heading" },
    ...playbookLegend().map(({ short, full }): Block => ({
      kind: "text",
      text: `${short[lang]}${say("：", ": ")}${full[lang]}`,
      style: "note",
    })),
  ];
  return { ...sheet, blocks: [...sheet.blocks, ...legend] };
}

/** Sheet 读取报告: which column was taken for which field, and every row or cell that was not read. */
export function readReportSheet(result: ReadResult, lang: Lang): OutputSheet {
  const say = speaker(lang);
  const rows: CellValue[][] = [
    ...result.sheetNotes.map((n): CellValue[] => [
      say("工作表", "Sheet"),
      n.sheet,
      n.headerRow,
      null,
      n.read ? say("已读取", "read") : say("未读取", "not read"),
      n.note[lang],
    ]),
    ...result.sheets.flatMap((sheet) => [
      ...sheet.columns.map((c): CellValue[] => [
        say("列", "Column"),
        sheet.sheet,
        sheet.headerRow,
        c.column,
        c.header,
        `${say("读作", "read as")} ${FIELD_LABELS[c.field][lang]}`,
      ]),
      ...sheet.monthColumns.map((c): CellValue[] => [
        say("月份列", "Month column"),
        sheet.sheet,
        sheet.headerRow,
        c.column,
        c.header,
        `${say("读作", "read as")} ${formatMonth(c.month)}`,
      ]),
    ]),
    ...result.warnings.map((w): CellValue[] => [
      say("注意", "Note"),
      result.sheet,
      null,
      null,
      null,
      w[lang],
    ]),
    ...result.skipped.map((s): CellValue[] => [
      say("未读取的行", "Row not read"),
      s.sheet,
      s.row,
      null,
      null,
      s.reason[lang],
    ]),
    ...result.problems.map((p): CellValue[] => [
      say("无法识别的单元格", "Unreadable cell"),
      p.sheet,
      p.row,
      p.column,
      p.value,
      p.reason[lang],
    ]),
  ];
  return singleTableSheet(
    OUTPUT_SHEETS.readReport[lang],
    say("读取报告", "Read report"),
    result.sheets
      .map((s) =>
        say(
          `工作表“${s.sheet}”：${layoutLabel(s.layout)[lang]}，表头第 ${s.headerRow} ` +
            `行，${s.households} 户。`,
          `Sheet "${s.sheet}": ${layoutLabel(s.layout)[lang]}, header at row ${s.headerRow}, ` +
            `${s.households} households. `,
        ),
      )
      .join("") +
      say(
        "可用命令行 --column 字段=列 更正列的识别，--sheet 工作表名（可重复）指定读取的工作表。",
        "Correct a column with --column field=LETTER; choose the sheets with --sheet NAME (repeatable).",
      ),
    {
      id: "readReport",
      name: "ArrearsReadReport",
      columns: [
        { header: say("类型", "Type"), format: "text" },
        { header: say("工作表", "Sheet"), format: "text" },
        { header: say("行", "Row"), format: "integer" },
        { header: say("列", "Column"), format: "text" },
        { header: say("内容", "Content"), format: "text" },
        { header: say("说明", "Explanation"), format: "text", wrap: true },
      ],
      rows,
      emptyText: say("（无）", "(none)"),
    },
    [16, 16, 8, 8, 24, 70],
  );
}
