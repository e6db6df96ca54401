import { IsoDate } from "../read/values";
import { Lang, Localized, localized } from "../text";
import { ReceiptSlip } from "./letter";
import { RecordEntry } from "./record";
import { NoticeStage, STAGES, isLadder } from "./stages";

/**
 * Proof of delivery (送达回执): what the receipt slip of a signed-for notice leaves room for, and which record rows
 * prove that a demand reached the owner — the proof that interrupts the limitation period and starts it again
 * (Civil Code art. 195; domain.md, Proof).
 */

/** The slip's room for the person delivering and for a refusal in front of a witness (留置送达). */
export function proofOfDelivery(lang: Lang): Pick<ReceiptSlip, "delivery" | "refusal"> {
  if (lang === "zh-CN")
    return {
      delivery: ["送达人（签字）", "送达日期"],
      refusal: {
        title: "□ 拒收（留置送达）",
        text: "业主拒绝签收的，送达人在见证人在场时将本通知留置于业主住所，由见证人签字。",
        blanks: ["拒收事由", "见证人签字", "见证人电话", "留置日期"],
      },
    };
  return {
    delivery: ["Delivered by (signature)", "Date delivered"],
    refusal: {
      title: "□ Refused (left with a witness)",
      text: "If the owner refuses to sign, the notice is left at the home in front of a witness, who signs.",
      blanks: ["Reason", "Witness", "Witness phone", "Date left"],
    },
  };
}

const WITNESSED = /见证|证人|留置|witness/i;

/** How a demand is proven to have reached the owner. */
export type DeliveryProof =
  /** An EMS item signed for (妥投/已签收), its number in 凭证. */
  | "ems"
  /** The slip signed by the owner (from the sixth reminder on). */
  | "signed"
  /** Refused in front of a witness, noted by the person delivering (留置送达). */
  | "witnessed"
  /** The owner agreed in writing to pay by instalments (同意分期): an acknowledgement (art. 195 (2)). */
  | "acknowledged";

export interface DeliveredDemand {
  readonly date: IsoDate;
  /** The notice delivered (null: a row that names no stage, with its proof). */
  readonly stage: NoticeStage | null;
  /** What stands as proof: the EMS number, the witness noted, or the record row. */
  readonly proof: string;
  readonly how: DeliveryProof;
  /** The record row it is read from. */
  readonly row: number;
  /** In words, for a limitation check: "2027-01-08 催告函 EMS EA123456789CN 妥投（催缴记录第 12 行）". */
  readonly basis: Localized;
}

const HOW: Readonly<Record<DeliveryProof, Localized>> = {
  ems: localized("EMS 妥投", "EMS delivered"),
  signed: localized("业主签收回执", "receipt signed by the owner"),
  witnessed: localized("留置送达（见证人在场）", "left with a witness"),
  acknowledged: localized("业主书面同意分期还款", "the owner agreed in writing to pay by instalments"),
};

/**
 * Every demand the record proves reached the owner, oldest first: a row 已签收/妥投 with its EMS or receipt
 * number, a refusal in front of a witness (留置送达), a signed slip of a stage that carries one, and an instalment
 * agreement (the owner's written acknowledgement of the debt). A row that says only 已发送 proves nothing: a
 * notice sent is not a notice received, and a notice on the bulletin board does not count.
 */
export function deliveredDemands(entries: readonly RecordEntry[]): DeliveredDemand[] {
  const out: DeliveredDemand[] = [];
  for (const e of entries) {
    let how: DeliveryProof | null = null;
    if (e.result === "instalmentAgreed" && e.plan) how = "acknowledged";
    else if (e.result === "delivered") {
      const payment = e.stage === null || isLadder(e.stage) || e.stage === "instalmentReminder";
      if (!payment) continue;
      if (WITNESSED.test(e.note) || WITNESSED.test(e.proof)) how = "witnessed";
      else if (e.proof !== "")
        how = e.channel === "ems" || /^[A-Z]{2}\d{9}[A-Z]{2}$/i.test(e.proof) ? "ems" : "signed";
      else if (e.stage !== null && STAGES[e.stage].receipt) how = "signed";
    }
    if (how === null) continue;
    const proof = how === "witnessed" ? e.note || e.proof : how === "acknowledged" ? "" : e.proof;
    const stage = e.stage;
    const name = stage === null ? localized("", "") : STAGES[stage].name;
    out.push({
      date: e.date,
      stage,
      proof,
      how,
      row: e.row,
      basis: localized(
        `${e.date} ${name["zh-CN"]}${name["zh-CN"] ? " " : ""}${HOW[how]["zh-CN"]}${proof ? `（${proof}）` : ""}` +
          `（催缴记录第 ${e.row} 行）`,
        `${e.date} ${name["en-US"]}${name["en-US"] ? ": " : ""}${HOW[how]["en-US"]}${proof ? ` (${proof})` : ""} ` +
          `(collection record row ${e.row})`,
      ),
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row));
}

/** The latest proven demand on or before a day: where the limitation period starts again. */
export function lastDeliveredDemand(
  entries: readonly RecordEntry[],
  onOrBefore: IsoDate,
): DeliveredDemand | null {
  const proven = deliveredDemands(entries).filter((d) => d.date <= onOrBefore);
  return proven.length > 0 ? proven[proven.length - 1] : null;
}
