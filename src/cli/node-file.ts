import * as fs from "fs";
import * as path from "path";
import { OpenedWorkbook, WorkbookOpenError, openWorkbookFile } from "../xlsx/open";

/** Reads a workbook file from disk for the command line; every failure is a one-line WorkbookOpenError. */
export async function readWorkbookFile(filePath: string): Promise<OpenedWorkbook> {
  return openWorkbookFile(await readFileBytes(filePath), path.basename(filePath));
}

/** The bytes of a workbook file, refusing what is plainly not one (missing, a folder, an old .xls). */
export async function readFileBytes(filePath: string): Promise<Uint8Array> {
  const base = path.basename(filePath);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new WorkbookOpenError(`${filePath}: no such file`, `${filePath}：文件不存在`);
  }
  if (stat.isDirectory())
    throw new WorkbookOpenError(
      `${filePath}: is a folder, not a workbook`,
      `${filePath}：是文件夹，不是工作簿`,
    );
  if (/\.xls$/i.test(base) && stat.size > 0) {
    const head = Buffer.alloc(4);
    const fd = fs.openSync(filePath, "r");
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    if (head[0] !== 0x50 || head[1] !== 0x4b) {
      throw new WorkbookOpenError(
        `${base}: this is an old .xls workbook; open it in Excel, WPS or LibreOffice ` +
          "and save it as .xlsx (Excel Workbook), then run again",
        `${base}：这是旧版 .xls 工作簿；请用 Excel、WPS 或 LibreOffice 打开，` +
          "另存为 .xlsx（Excel 工作簿）后再运行",
      );
    }
  }
  return new Uint8Array(fs.readFileSync(filePath));
}
