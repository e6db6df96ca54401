import { ZipPackage } from "../ooxml/zip-package";
import { SheetGrid, columnLetter } from "../core/read/grid";
import { NS_REL } from "./package-read";
import { SPREADSHEETML, cellXml, xmlText } from "./package-sheet";

const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";

/**
 * A .csv's rows as a new .xlsx package of one sheet (text as text, numbers as typed stay text), so that a .csv is run
 * and written by the same package reader and writer as any workbook.
 */
export async function csvPackage(sheet: SheetGrid): Promise<Uint8Array> {
  const rows: string[] = [];
  sheet.rows.forEach((row, r) => {
    const excelRow = sheet.firstRow + r;
    let cells = "";
    let previous = -2;
    row.forEach((value, c) => {
      if (value === null) return;
      cells += cellXml(
        c === previous + 1 ? null : `${columnLetter(sheet.firstColumn + c)}${excelRow}`,
        value,
        0,
        false,
      );
      previous = c;
    });
    if (cells) rows.push(`<row r="${excelRow}">${cells}</row>`);
  });
  const zip = ZipPackage.empty();
  zip.put(
    "[Content_Types].xml",
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `</Types>`,
  );
  zip.put(
    "_rels/.rels",
    `${XML_HEAD}<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" ` +
      `Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.put(
    "xl/workbook.xml",
    `${XML_HEAD}<workbook xmlns="${SPREADSHEETML}" xmlns:r="${NS_REL}"><sheets><sheet ` +
      `name="${xmlText(sheet.name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.put(
    "xl/_rels/workbook.xml.rels",
    `${XML_HEAD}<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${NS_REL}/worksheet" ` +
      `Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  zip.put(
    "xl/worksheets/sheet1.xml",
    `${XML_HEAD}<worksheet xmlns="${SPREADSHEETML}" xmlns:r="${NS_REL}"><sheetData>${rows.join("")}</sheetData></worksheet>`,
  );
  return Promise.resolve(zip.save(1));
}
