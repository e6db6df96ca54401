import { Round, serviceCentreName, smsSegmentLimit } from "./notices";
import { Settings } from "../settings/settings";
import { STAGE_NAMES } from "./stages";
import { Lang, Localized, localized, speaker } from "../text";
import { Household } from "../read/household";
import { EMS_NUMBER_HEADER } from "./ems";

/** UTF-8 with a byte-order mark and CRLF line ends: Excel (and WPS) open it with the Chinese intact. */
const BOM = "\ufeff";

/** A CSV field: quoted when needed; text that a spreadsheet would take for a formula gets a leading apostrophe. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: readonly (readonly (string | number | null)[])[]): string {
  return BOM + rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** The first mainland mobile number in a phone cell ("138 0000 1111 / 010-1234"), or null. */
export function mobileNumber(phone: string): string | null {
  const digits = phone.replace(/[\s\-()（）]/g, "");
  const m = /(?:\+?86)?(1[3-9]\d{9})(?!\d)/.exec(digits);
  return m ? m[1] : null;
}

/** One text message to send, and what the list's last column calls it (the stage, or the greeting). */
export interface SmsLine {
  readonly household: Household;
  readonly sms: string;
  readonly smsLength: number;
  readonly smsTooLong: boolean;
  readonly kind: string;
}

/**
 * An SMS list for a bulk-SMS platform: 手机号, 短信内容, 字数, 检查, 房号, 业主 and the kind of message under
 * `kindHeader`; a phone that is not a mobile number, or a text over one message, said in 检查.
 */
export function smsListCsv(lines: readonly SmsLine[], lang: Lang, kindHeader: Localized): string {
  const say = speaker(lang);
  const rows: (string | number | null)[][] = [
    [
      say("手机号", "Mobile"),
      say("短信内容", "Text"),
      say("字数", "Length"),
      say("检查", "Check"),
      say("房号", "Unit"),
      say("业主", "Owner"),
      kindHeader[lang],
    ],
  ];
  for (const line of lines) {
    const h = line.household;
    const mobile = mobileNumber(h.phone);
    const checks: string[] = [];
    if (mobile === null) checks.push(say(`“${h.phone}”不是手机号`, `"${h.phone}" is not a mobile number`));
    if (line.smsTooLong)
      checks.push(
        say(
          `超过 ${smsSegmentLimit(line.sms)} 字，将分条发送`,
          `over ${smsSegmentLimit(line.sms)} characters: sent as several messages`,
        ),
      );
    rows.push([
      mobile ?? h.phone,
      line.sms,
      line.smsLength,
      checks.join(say("；", "; ")),
      h.label,
      h.owner,
      line.kind,
    ]);
  }
  return csv(rows);
}

/** sms.csv: one row per SMS of the round. */
export function smsCsv(round: Round): string {
  const lines: SmsLine[] = [];
  for (const n of round.notices)
    if (n.sms !== null)
      lines.push({
        household: n.verdict.household,
        sms: n.sms,
        smsLength: n.smsLength,
        smsTooLong: n.smsTooLong,
        kind: STAGE_NAMES[n.stage][round.lang],
      });
  return smsListCsv(lines, round.lang, localized("阶段", "Stage"));
}

/** A phone the team has already found dead (空号, 停机) is not printed on an envelope. */
const DEAD_PHONE = /空号|停机|号码错误|电话错误|wrong number|disconnected/i;

/**
 * mailing.csv: the EMS list of the round's formal demands and lawyer's letters. The owner's own mailing address
 * (通讯地址) where the sheet has one, else the estate's address and the room; a vacant or unreachable household
 * with no other address is listed for checking, not mailed at the empty flat.
 */
export function mailingCsv(round: Round, settings: Settings): string {
  const lang: Lang = round.lang;
  const say = speaker(lang);
  const rows: (string | number | null)[][] = [
    [
      say("收件人", "Recipient"),
      say("收件地址", "Address"),
      say("收件电话", "Phone"),
      say("内件", "Enclosed"),
      say("房号", "Unit"),
      say("编号", "Reference"),
      // Left empty, to fill in from the EMS receipts; the filled list is read back into the record (ems.ts).
      EMS_NUMBER_HEADER[lang],
      say("寄件人", "Sender"),
      say("寄件地址", "Sender address"),
      say("寄件电话", "Sender phone"),
      say("检查", "Check"),
    ],
  ];
  const centre = serviceCentreName(settings, lang);
  const sender = settings.companyName ? `${settings.companyName} ${centre}` : centre;
  for (const n of round.notices) {
    if (n.channel !== "ems") continue;
    const h = n.verdict.household;
    const away = n.verdict.flags.includes("vacant") || n.verdict.flags.includes("unreachable");
    const own = h.address.trim();
    const estate = settings.estateAddress || settings.estateName;
    const check =
      own === "" && away
        ? say(
            "空置或联系不上，且无其他通讯地址：先核实地址，不要寄往空置房",
            "vacant or unreachable with no other address: check the address first; " +
              "do not mail the empty flat",
          )
        : "";
    const address = check ? "" : own || [estate, h.label].filter(Boolean).join(" ");
    const enclosed = say(
      `${STAGE_NAMES[n.stage]["zh-CN"]}（${n.letter?.title ?? ""}）1 份`,
      `${STAGE_NAMES[n.stage]["en-US"]} ("${n.letter?.title ?? ""}"), 1 copy`,
    );
    rows.push([
      h.owner,
      address,
      DEAD_PHONE.test(h.notes) ? "" : h.phone,
      enclosed,
      h.label,
      n.letter?.reference.replace(/^编号：|^Ref\. /, "") ?? "",
      null,
      sender,
      settings.serviceAddress,
      settings.servicePhone,
      check,
    ]);
  }
  return csv(rows);
}
