import { CellValue, SheetGrid, columnLetter } from "../read/grid";
import { OutputColumn, OutputSheet } from "../output";
import { Lang, Localized, localized, normalizeKey, speaker } from "../text";
import { cellText } from "../read/values";
import { findThreat } from "./templates";

/**
 * A sheet of texts the team edits in the workbook, keyed by a fixed id per row (催缴话术, 收费答疑): written with
 * the defaults on the first run, read back on every run. Each row has text fields in both languages; a blank
 * cell keeps the default; a cell that names an unknown placeholder or threatens what the law forbids is reported
 * in the 检查 column and the default is used.
 */
export interface TeamTextField {
  readonly id: string;
  readonly header: Localized;
  readonly lang: Lang;
  readonly width: number;
}

export interface TeamTextRow {
  readonly id: string;
  /** Read-only columns before the texts: what the row is for (shown, never read back). */
  readonly labels: readonly Localized[];
  /** The default text of each field, by field id. */
  readonly texts: Readonly<Record<string, string>>;
}

export interface TeamTextSpec {
  readonly sheetNames: Localized;
  readonly title: Localized;
  readonly note: Localized;
  readonly tableName: string;
  readonly labelHeaders: readonly { readonly header: Localized; readonly width: number }[];
  readonly fields: readonly TeamTextField[];
  readonly rows: readonly TeamTextRow[];
  /** Placeholder names a text may use, each in both languages: {欠费金额} or {amount}. */
  readonly placeholders: Readonly<Record<string, string>>;
}

export interface TeamTextProblem {
  readonly id: string;
  readonly field: string;
  readonly sheet: string;
  readonly cell: string;
  readonly message: Localized;
}

export interface TeamTextsReading {
  /** Text by row id, then field id: the team's where valid, else the default. */
  readonly texts: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly problems: readonly TeamTextProblem[];
  readonly found: boolean;
}

const ID_HEADER = localized("编号", "ID");
const CHECK_HEADER = localized("检查", "Check");
const PLACEHOLDER_PATTERN = /[{｛]([^{}｛｝]{1,20})[}｝]/g;

export function findSheet(sheets: readonly SheetGrid[], names: Localized): SheetGrid | undefined {
  return sheets.find((s) => s.name === names["zh-CN"] || s.name === names["en-US"]);
}

/** Placeholders a text names that the spec does not know, in order of appearance. */
export function unknownNames(text: string, placeholders: Readonly<Record<string, string>>): string[] {
  const known = new Set<string>();
  for (const [en, zh] of Object.entries(placeholders)) known.add(normalizeKey(en)).add(normalizeKey(zh));
  return [...text.matchAll(PLACEHOLDER_PATTERN)]
    .filter((m) => !known.has(normalizeKey(m[1])))
    .map((m) => m[0]);
}

/** Fills {名称} or {name} from values keyed by the English name; unknown names are left as they are. */
export function fillNamed(
  text: string,
  placeholders: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string>>,
): string {
  const byName = new Map<string, string>();
  for (const [en, zh] of Object.entries(placeholders)) {
    byName.set(normalizeKey(en), en);
    byName.set(normalizeKey(zh), en);
  }
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
    const key = byName.get(normalizeKey(name));
    return key !== undefined && values[key] !== undefined ? values[key] : whole;
  });
}

function defaults(spec: TeamTextSpec): Map<string, Record<string, string>> {
  return new Map(spec.rows.map((r) => [r.id, { ...r.texts }]));
}

export function readTeamTexts(spec: TeamTextSpec, sheet: SheetGrid | undefined): TeamTextsReading {
  const texts = defaults(spec);
  if (!sheet) return { texts, problems: [], found: false };
  const idKeys = [normalizeKey(ID_HEADER["zh-CN"]), normalizeKey(ID_HEADER["en-US"])];
  const headerIndex = sheet.rows.findIndex((row) =>
    row.some((c) => idKeys.includes(normalizeKey(cellText(c)))),
  );
  if (headerIndex < 0) return { texts, problems: [], found: true };
  const header = sheet.rows[headerIndex].map((c) => normalizeKey(cellText(c)));
  const col = (label: Localized) =>
    header.findIndex((h) => h === normalizeKey(label["zh-CN"]) || h === normalizeKey(label["en-US"]));
  const idCol = col(ID_HEADER);
  const fieldCols = spec.fields.map((f) => [f, col(f.header)] as const);
  const problems: TeamTextProblem[] = [];
  for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    const id = cellText(row[idCol] ?? null).trim();
    const current = texts.get(id);
    if (!current) continue;
    for (const [field, c] of fieldCols) {
      if (c < 0) continue;
      const raw: CellValue = row[c] ?? null;
      const text = typeof raw === "string" ? raw.replace(/\r\n?/g, "\n").trim() : cellText(raw);
      if (text === "") continue;
      const cell = `${columnLetter(sheet.firstColumn + c)}${sheet.firstRow + r}`;
      const where = localized(
        `工作表“${sheet.name}”${cell}（${id}，${field.header["zh-CN"]}）`,
        `sheet "${sheet.name}" ${cell} (${id}, ${field.header["en-US"]})`,
      );
      const unknown = unknownNames(text, spec.placeholders);
      const threat = findThreat(text);
      if (unknown.length > 0) {
        const known = (lang: Lang) =>
          Object.entries(spec.placeholders)
            .map(([en, zh]) => `{${lang === "zh-CN" ? zh : en}}`)
            .join(lang === "zh-CN" ? "" : " ");
        problems.push({
          id,
          field: field.id,
          sheet: sheet.name,
          cell,
          message: localized(
            `${where["zh-CN"]}：未知占位符 ${unknown.join("、")}，已使用默认文本；可用的占位符：${known("zh-CN")}`,
            `${where["en-US"]}: unknown placeholder ${unknown.join(", ")}; the default text is used. ` +
              `Known: ${known("en-US")}`,
          ),
        });
      } else if (threat) {
        problems.push({
          id,
          field: field.id,
          sheet: sheet.name,
          cell,
          message: localized(
            `${where["zh-CN"]}：含“${threat}”——不得以停水、停电、停暖、停气或限制公共设施催缴` +
              "（民法典第944条），已使用默认文本",
            `${where["en-US"]}: says "${threat}" — fees may not be collected by cutting water, power, heat ` +
              "or gas or restricting facilities (Civil Code art. 944); the default text is used",
          ),
        });
      } else current[field.id] = text;
    }
  }
  return { texts, problems, found: true };
}

/** The sheet as read (the team's edits kept), with each row's problems in its 检查 column. */
export function teamTextsSheet(spec: TeamTextSpec, reading: TeamTextsReading, lang: Lang): OutputSheet {
  const say = speaker(lang);
  const columns: OutputColumn[] = [
    { header: ID_HEADER[lang], format: "text" },
    ...spec.labelHeaders.map((l) => ({ header: l.header[lang], format: "text" as const, wrap: true })),
    ...spec.fields.map((f) => ({ header: f.header[lang], format: "text" as const, wrap: true })),
    { header: CHECK_HEADER[lang], format: "text", wrap: true },
  ];
  const rows: CellValue[][] = spec.rows.map((r) => {
    const texts = reading.texts.get(r.id) ?? r.texts;
    const mine = reading.problems.filter((p) => p.id === r.id);
    return [
      r.id,
      ...r.labels.map((l) => l[lang]),
      ...spec.fields.map((f) => texts[f.id] ?? ""),
      mine.map((p) => p.message[lang]).join("\n") || null,
    ];
  });
  const known = Object.entries(spec.placeholders)
    .map(([en, zh]) => say(`{${zh}}`, `{${en}}`))
    .join(say("", " "));
  return {
    name: spec.sheetNames[lang],
    widths: [20, ...spec.labelHeaders.map((l) => l.width), ...spec.fields.map((f) => f.width), 30],
    landscape: true,
    freezeRows: 4,
    blocks: [
      { kind: "text", text: spec.title[lang], style: "title" },
      { kind: "text", text: spec.note[lang], style: "note" },
      {
        kind: "text",
        text: say("可用的占位符（中英文均可）：", "Placeholders (Chinese or English names): ") + known,
        style: "note",
      },
      {
        kind: "table",
        id: spec.tableName,
        name: spec.tableName,
        columns,
        rows,
        emptyText: "",
        repeatHeader: true,
      },
    ],
  };
}
