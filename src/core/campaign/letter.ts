import { Lang } from "../text";

/** A colour as six hex digits, RRGGBB (no #), as Word and Excel take it. */
export type HexColour = string;

/** The band across the top of a notice: its colour goes from light to dark as the ladder climbs. */
export interface ColourBand {
  readonly fill: HexColour;
  /** Text on the band: dark on the light stages, white on the dark ones. */
  readonly text: HexColour;
  /** What the band says, e.g. "第 6 次催缴通知 · 请签收". */
  readonly label: string;
}

/** The tear-off slip (回执) the owner signs and returns, from the sixth notice on. */
export interface ReceiptSlip {
  /** The cut line's words, e.g. "请沿此线剪下，签字后交回物业服务中心". */
  readonly cutLine: string;
  readonly title: string;
  /** What the owner acknowledges, with the room, stage and amounts. */
  readonly lines: readonly string[];
  /** Blanks to fill in by hand: "业主签字", "联系电话", "签收日期". */
  readonly blanks: readonly string[];
  /** Blanks for the person delivering it (送达人, 送达日期): who carried the notice to the owner, and when. */
  readonly delivery?: readonly string[];
  /**
   * The box for a refusal (留置送达): the owner would not sign, so the notice was left at the home in front of a
   * witness (见证人), noted by the person delivering. A delivered or witnessed-refused notice is the proof of a
   * demand that restarts the limitation period (Civil Code art. 195).
   */
  readonly refusal?: { readonly title: string; readonly text: string; readonly blanks: readonly string[] };
}

/**
 * One letter to one household, as plain data: the docx edge lays it out on one A4 page. Everything the letter
 * says is here, already in the letter's language; the edge adds no words of its own.
 */
export interface Letter {
  readonly lang: Lang;
  /** The room and owner, to name the letter in lists (never printed for anyone but the household). */
  readonly room: string;
  readonly owner: string;
  readonly band: ColourBand;
  /** "翠湖花园物业服务中心". */
  readonly sender: string;
  readonly title: string;
  /** "编号：20261124-3-2-1201-06": to match the signed slip to the record. */
  readonly reference: string;
  /** "尊敬的 3-2-1201 房 张三 业主：". */
  readonly salutation: string;
  /** The body from the stage's template, placeholders filled, one string per paragraph. */
  readonly paragraphs: readonly string[];
  /** The facts every letter holds, as label and value: room, months, amount, late fee, deadline, how to pay… */
  readonly facts: readonly (readonly [string, string])[];
  /** The legal basis (from the formal demand on), or null. */
  readonly legalBasis: string | null;
  /** Lines at the foot, right-aligned: the sender and the date. */
  readonly signature: readonly string[];
  readonly receipt: ReceiptSlip | null;
}
