import { Round, smsSegmentLimit } from "./notices";
import { Settings } from "../settings/settings";
import { STAGE_NAMES } from "./stages";
import { Lang } from "../text";

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

/** sms.csv: one row per SMS of the round, for a bulk-SMS platform. */
export function smsCsv(round: Round): string {
  const zh = round.lang === "zh-CN";
  const rows: (string | number | null)[][] = [
    zh
      ? ["手机号", "短信内容", "字数", "检查", "房号", "业主", "阶段"]
      : ["Mobile", "Text", "Length", "Check", "Unit", "Owner", "Stage"],
  ];
  for (const n of round.notices) {
    if (n.sms === null) continue;
    const h = n.verdict.household;
    const mobile = mobileNumber(h.phone);
    const checks: string[] = [];
    if (mobile === null) checks.push(zh ? `“${h.phone}”不是手机号` : `"${h.phone}" is not a mobile number`);
    if (n.smsTooLong)
      checks.push(
        zh
          ? `超过 ${smsSegmentLimit(n.sms)} 字，将分条发送`
          : `over ${smsSegmentLimit(n.sms)} characters: sent as several messages`,
      );
    rows.push([
      mobile ?? h.phone,
      n.sms,
      n.smsLength,
      checks.join(zh ? "；" : "; "),
      h.label,
      h.owner,
      STAGE_NAMES[n.stage][round.lang],
    ]);
  }
  return csv(rows);
}

/** mailing.csv: the EMS list of the round's formal demands and lawyer's letters. */
export function mailingCsv(round: Round, settings: Settings): string {
  const lang: Lang = round.lang;
  const zh = lang === "zh-CN";
  const rows: (string | number | null)[][] = [
    zh
      ? ["收件人", "收件地址", "收件电话", "内件", "房号", "编号", "寄件人", "寄件地址", "寄件电话"]
      : [
          "Recipient",
          "Address",
          "Phone",
          "Enclosed",
          "Unit",
          "Reference",
          "Sender",
          "Sender address",
          "Sender phone",
        ],
  ];
  const sender = zh ? `${settings.estateName}物业服务中心` : `${settings.estateName} Service Centre`;
  for (const n of round.notices) {
    if (n.channel !== "ems") continue;
    const h = n.verdict.household;
    const address = h.address || [settings.estateName, h.label].filter(Boolean).join(" ");
    const enclosed = zh
      ? `${STAGE_NAMES[n.stage]["zh-CN"]}（${n.letter?.title ?? ""}）1 份`
      : `${STAGE_NAMES[n.stage]["en-US"]} ("${n.letter?.title ?? ""}"), 1 copy`;
    rows.push([
      h.owner,
      address,
      h.phone,
      enclosed,
      h.label,
      n.letter?.reference.replace(/^编号：|^Ref\. /, "") ?? "",
      sender,
      settings.serviceAddress,
      settings.servicePhone,
    ]);
  }
  return csv(rows);
}
