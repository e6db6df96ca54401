import ExcelJS from "exceljs";
import JSZip from "jszip";
import * as fs from "fs";
import * as path from "path";
import { SAMPLE, cli, sha, tmpDir } from "../support/cli";

async function documentXml(file: string): Promise<string> {
  return (
    (await (await JSZip.loadAsync(fs.readFileSync(file))).file("word/document.xml")?.async("string")) ?? ""
  );
}

describe("arrears-desk run: visits, scripts, greetings and the daily report", () => {
  it("writes the visit sheets, the scripts and the greetings beside the round, and logs no greeting", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "estate.xlsx");
    fs.copyFileSync(SAMPLE, input);
    const [visits, scripts, cards, texts] = ["visits.docx", "scripts.docx", "cards.docx", "cards.csv"].map(
      (f) => path.join(dir, f),
    );
    const plain = await cli(
      "run",
      input,
      "--date",
      "2026-11-24",
      "--json",
      "--out",
      path.join(dir, "plain.xlsx"),
    );
    const ran = await cli(
      "run",
      input,
      "--date",
      "2026-11-24",
      "--json",
      "--visits",
      visits,
      "--scripts",
      scripts,
      "--greetings",
      "newYear",
      "--greeting-letters",
      cards,
      "--greeting-sms",
      texts,
    );
    expect(ran.code).toBe(0);
    const summary = JSON.parse(ran.stdout);
    // Greetings are courtesy, not notices: the round and its record rows are the same as without them.
    expect(summary.round).toEqual(JSON.parse(plain.stdout).round);
    expect(summary.exports).toEqual([
      expect.stringMatching(/visits\.docx \(18\)$/),
      expect.stringMatching(/scripts\.docx \(12\)$/),
      expect.stringMatching(/cards\.docx \(400\)$/),
      expect.stringMatching(/cards\.csv \(\d+\)$/),
    ]);
    // The sample's round visits the 18 hardship households in person (分期协商).
    const visitsXml = await documentXml(visits);
    expect(visitsXml).toContain("上门催缴登记表");
    expect(visitsXml.match(/分期协商/g)?.length).toBe(18);
    expect(await documentXml(scripts)).toContain("收费答疑");
    expect((await documentXml(cards)).match(/<w:sectPr/g)).toHaveLength(400);
    const csv = fs.readFileSync(texts, "utf8").split("\r\n");
    expect(csv[0]).toBe("\ufeff手机号,短信内容,字数,检查,房号,业主,类型");
    expect(csv[1]).toContain("新年贺卡");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary.output);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(["催缴日报", "催缴话术", "收费答疑"]),
    );
    const record = wb.getWorksheet("催缴记录");
    expect(record?.actualRowCount).toBe(1 + summary.round.recordRowsAdded);
    expect(
      wb
        .getWorksheet("催缴设置")
        ?.getSheetValues()
        .flat()
        .some((v) => v === "服务中心负责人"),
    ).toBe(true);
  }, 120_000);

  it("refuses a greeting without its kind or its file, and an export over the input or another export", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "estate.xlsx");
    fs.copyFileSync(SAMPLE, input);
    const before = sha(input);
    expect((await cli("run", input, "--greeting-letters", path.join(dir, "c.docx"))).code).toBe(2);
    expect((await cli("run", input, "--greetings", "newYear")).code).toBe(2);
    expect(
      (await cli("run", input, "--greetings", "easter", "--greeting-sms", path.join(dir, "c.csv"))).code,
    ).toBe(2);
    expect((await cli("run", input, "--visits", path.join(dir, "v.pdf"))).code).toBe(2);
    expect(
      (await cli("run", input, "--scripts", input.replace(/\.xlsx$/, ".docx"), "--visits", input)).code,
    ).toBe(2);
    const same = await cli(
      "run",
      input,
      "--visits",
      path.join(dir, "x.docx"),
      "--scripts",
      path.join(dir, "x.docx"),
    );
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("--visits");
    expect(sha(input)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(["estate.xlsx"]);
  });
});
