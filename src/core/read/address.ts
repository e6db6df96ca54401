import { normalizeKey } from "../text";

/** Where an address puts a household: building (楼栋, 弄…号), unit (单元) and room (室); "" where it does not say. */
export interface AddressPlace {
  readonly building: string;
  readonly unit: string;
  readonly room: string;
}

const CN_NUMBER = "[0-9０-９]+|[一二三四五六七八九十]+";

/**
 * Building, unit and room out of an address as utility and ERP lists write it: "示例路260弄2号804室" (lane 260,
 * building 2, room 804), "3栋2单元1201室", "5号楼1单元302", "B座1503", "Flat 12 - 3 West Gate".
 */
export function placeInAddress(address: string): AddressPlace {
  const text = address.normalize("NFKC").replace(/\s+/g, " ").trim();
  if (text === "") return { building: "", unit: "", room: "" };
  const english = /\b(?:flat|unit|apt\.?|apartment|suite|room|rm\.?)\s*#?\s*([0-9]+[A-Za-z]?)\b/i.exec(text);
  if (english) {
    const rest = (text.slice(0, english.index) + " " + text.slice(english.index + english[0].length))
      .replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, "")
      .replace(/\s*[,;]\s*/g, ", ")
      .trim();
    return { building: rest, unit: "", room: english[1] };
  }
  const unitMatch = new RegExp(`(${CN_NUMBER})\\s*单元`).exec(text);
  const laneMatch = /(\d+)\s*弄\s*(\d+[A-Za-z]?)\s*号(?!楼)/.exec(text);
  const buildingMatch =
    /([0-9A-Za-z]+)\s*(?:号楼|栋|幢|座|号院)/.exec(text) ??
    new RegExp(`(${CN_NUMBER})\\s*(?:号楼|栋|幢)`).exec(text);
  const building = laneMatch ? `${laneMatch[1]}弄${laneMatch[2]}号` : buildingMatch ? buildingMatch[1] : "";
  const unit = unitMatch ? unitMatch[1] : "";
  const roomMatch =
    /([0-9]+[A-Za-z]?)\s*(?:室|房)/.exec(text) ??
    /(?:单元|栋|幢|座|号楼|号)\s*[-—]?\s*([0-9]{3,5}[A-Za-z]?)\s*$/.exec(text) ??
    /(?:^|[^0-9])([0-9]{1,3})-([0-9]{1,2})-([0-9]{3,5})\s*$/.exec(text);
  if (roomMatch && roomMatch.length === 4) {
    return { building: building || roomMatch[1], unit: unit || roomMatch[2], room: roomMatch[3] };
  }
  return { building, unit, room: roomMatch ? roomMatch[1] : "" };
}

const COMPANY_WORDS = [
  "公司",
  "大厦",
  "集团",
  "中心",
  "商行",
  "工作室",
  "事务所",
  "银行",
  "医院",
  "学校",
  "酒店",
  "餐厅",
  "超市",
  "药房",
  "研究院",
  "委员会",
  "合作社",
  "门市",
  "店",
];
const COMPANY_EN = /\b(?:ltd|limited|inc|llc|plc|corp|corporation|company|co\.|gmbh|holdings|group)\b\.?/i;

/** Whether an owner's name is a company or institution (…公司, …大厦, Ltd) rather than a person. */
export function isCompanyName(name: string): boolean {
  const key = normalizeKey(name);
  if (key.length < 3 && !COMPANY_EN.test(name)) return false;
  return (
    COMPANY_WORDS.some((w) => key.endsWith(w) || key.includes(`${w}(`)) ||
    COMPANY_EN.test(name) ||
    /有限|股份/.test(key)
  );
}
