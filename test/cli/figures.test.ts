import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli } from "../support/cli";

async function ledger(file: string, rows: ExcelJS.CellValue[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("欠费台账");
  ws.addRow(["房号", "业主", "电话", "欠费月数", "欠费金额", "地址", "催缴员"]);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

function run(dir: string, input: string, ...more: string[]) {
  return cli(
    "run",
    input,
    "--as-of",
    "2026-11-20",
    "--date",
    "2026-11-24",
    "--out",
    path.join(dir, "out.xlsx"),
    "--sms",
    path.join(dir, "sms.csv"),
    "--mailing",
    path.join(dir, "mailing.csv"),
    "--letters",
    path.join(dir, "letters.docx"),
    "--json",
    ...more,
  );
}

describe("figures from hostile cells", () => {
  it("8 and 15: a billion months, a phone number as months and ¥1e308 are reported cells; the run completes", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arrears-figures-"));
    const input = path.join(dir, "台账.xlsx");
    await ledger(input, [
      ["1-101", "张伟", "13800001111", 1_000_000_000, 900, "1号楼101", "小王"],
      ["1-102", "李娜", "13900002222", 13800001111, 600, "1号楼102", "小王"],
      ["1-103", "王芳", "13700003333", 3, 1e308, "1号楼103", "小王"],
      ["1-104", "赵六", "13600004444", 3, 900, "1号楼104", "小王"],
    ]);
    const ran = await run(dir, input);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const summary = JSON.parse(ran.stdout);
    const cells = summary.problems.map((p: { column: string; row: number }) => `${p.column}${p.row}`);
    expect(cells).toEqual(expect.arrayContaining(["D2", "D3", "E4"]));
    for (const file of ["sms.csv", "mailing.csv"])
      expect(fs.readFileSync(path.join(dir, file), "utf8")).not.toMatch(/Infinity|NaN|e\+/);
    expect(JSON.stringify([summary.arrears, summary.round])).not.toMatch(/Infinity|NaN|e\+/);
  }, 60_000);

  it("14: the bulletin's total is the sum of the amounts it prints", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arrears-figures-"));
    const input = path.join(dir, "台账.xlsx");
    await ledger(input, [
      ["1-101", "张伟", "13800001111", 1, 1.005, "1号楼101", "小王"],
      ["1-102", "李娜", "13900002222", 1, 2.675, "1号楼102", "小王"],
      ["1-103", "王芳", "13700003333", 1, 1234.565, "1号楼103", "小王"],
    ]);
    const ran = await run(dir, input);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout).arrears.total).toBe(1238.26);
    const sms = fs.readFileSync(path.join(dir, "sms.csv"), "utf8");
    expect(sms).toContain("¥1.01");
    expect(sms).toContain("¥2.68");
    expect(sms).toContain("¥1,234.57");
  }, 60_000);

  it("16: a formal demand is not sent with no amount: a household whose amount cannot be read is held back", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arrears-figures-"));
    const input = path.join(dir, "台账.xlsx");
    await ledger(input, [
      ["1-101", "张伟", "13800001111", 30, "待核", "1号楼101", "小王"],
      ["1-102", "李娜", "13900002222", 30, 9000, "1号楼102", "小王"],
    ]);
    const ran = await run(dir, input);
    expect(ran.code).toBe(0);
    const round = JSON.parse(ran.stdout).round;
    expect(round.byChannel.ems).toBe(1);
    const mailing = fs.readFileSync(path.join(dir, "mailing.csv"), "utf8");
    expect(mailing).toContain("1-102");
    expect(mailing).not.toContain("1-101");
    expect(round.held).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
