import * as fs from "fs";
import * as path from "path";
import { openWorkbookFile } from "../../src/xlsx/open";
import { cellText } from "../../src/core/read/values";
import { SAMPLE, cli, tmpDir } from "../support/cli";

/** The record's rows as text, header first. */
async function recordRows(file: string): Promise<string[][]> {
  const opened = await openWorkbookFile(new Uint8Array(fs.readFileSync(file)), path.basename(file));
  const sheet = opened.grid.sheets.find((s) => s.name === "催缴记录");
  if (!sheet) throw new Error("no record");
  return sheet.rows.map((r) => r.map((c) => cellText(c)));
}

describe("EMS numbers read back from the filled mailing list (--ems)", () => {
  it("logs each number as 已发送 for the notice its 编号 names, once, and says what it could not use", async () => {
    const dir = tmpDir();
    const mailing = path.join(dir, "mailing.csv");
    const first = path.join(dir, "round1.xlsx");
    const r1 = await cli("run", SAMPLE, "--date", "2026-11-24", "--out", first, "--mailing", mailing);
    expect(r1.code).toBe(0);
    const lines = fs
      .readFileSync(mailing, "utf8")
      .replace(/^\ufeff/, "")
      .split("\r\n");
    const header = lines[0].split(",");
    expect(header.slice(4, 8)).toEqual(["房号", "编号", "邮件号", "寄件人"]);
    // The team posts the letters and types the numbers in: two good ones, one mistyped, one made up.
    const fill = (line: string, number: string) => {
      const cells = line.split(",");
      cells[6] = number;
      return cells.join(",");
    };
    const [a, b, c] = [lines[1], lines[2], lines[3]];
    const reference = (line: string) => line.split(",")[5];
    const room = (line: string) => line.split(",")[4];
    const filled = [
      lines[0],
      fill(a, "EA123456789CN"),
      fill(b, "1178 0123 45678"),
      fill(c, "1.17801E+12"),
      "x,y,z,w,9-9-909,20261124-9-9-909-12,EA000000001CN",
      ...lines.slice(4),
    ].join("\r\n");
    const back = path.join(dir, "mailing-filled.csv");
    fs.writeFileSync(back, `\ufeff${filled}`);

    const second = path.join(dir, "round2.xlsx");
    const r2 = await cli("run", first, "--date", "2026-11-26", "--out", second, "--ems", back);
    expect(r2.stderr).toBe("");
    expect(r2.code).toBe(0);
    expect(r2.stdout).toContain(`EMS 邮件号（${back}）：登记 2 个（催缴记录新增“已发送”行，凭证为邮件号）`);
    expect(r2.stdout).toContain(`${back} 第 4 行 G 列（“1.17801E+12”）：邮件号应为 13 位数字`);
    expect(r2.stdout).toContain(`${back} 第 5 行（“20261124-9-9-909-12”）：编号对不上本工作簿的任何通知`);
    const rows = await recordRows(second);
    const logged = rows.filter((r) => r.includes("EA123456789CN") || r.includes("1178012345678"));
    expect(logged.map((r) => [r[0], r[1], r[3], r[4], r[6], r[9]])).toEqual([
      ["2026-11-26", room(a), "催告函", "EMS 特快专递", "已发送", "EA123456789CN"],
      ["2026-11-26", room(b), "催告函", "EMS 特快专递", "已发送", "1178012345678"],
    ]);
    expect(logged[0][10]).toContain(`编号 ${reference(a)}`);
    // The prepared rows are not rewritten: each 待发送 row of round 1 is still there.
    expect(rows.filter((r) => r[1] === room(a) && r[6] === "待发送")).toHaveLength(1);

    // The list given again adds nothing.
    const r3 = await cli(
      "run",
      second,
      "--date",
      "2026-11-27",
      "--out",
      path.join(dir, "round3.xlsx"),
      "--ems",
      back,
    );
    expect(r3.code).toBe(0);
    expect(r3.stdout).toContain("登记 0 个（催缴记录新增“已发送”行，凭证为邮件号），2 个已登记过，未重复");
  });

  it("refuses a list without 编号 and 邮件号 columns, writing nothing", async () => {
    const dir = tmpDir();
    const list = path.join(dir, "other.csv");
    fs.writeFileSync(list, "房号,金额\r\n1-101,300\r\n");
    const out = path.join(dir, "o.xlsx");
    const ran = await cli("run", SAMPLE, "--out", out, "--ems", list);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("找不到“编号”和“邮件号”两列");
    expect(fs.existsSync(out)).toBe(false);
  });
});
