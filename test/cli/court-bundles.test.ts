import ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { SAMPLE, cli, sha, tmpDir } from "../support/cli";

/**
 * A ledger of three owners in arrears and a collection record in which 1-2-301's lawyer's letter went out on
 * 2026-12-01 and was signed for, with no answer since; 1-2-302's got a promise after it.
 */
async function workbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRows([
    ["锦绣花园 物业费台账"],
    ["房号", "业主", "电话", "欠费月数", "欠费金额", "催缴员"],
    ["1-2-301", "张伟", "13800001111", 12, 3600, "小王"],
    ["1-2-302", "李娜", "13900002222", 12, 3600, "小王"],
    ["1-2-303", "王芳", "13700003333", 8, 2400, "小王"],
  ]);
  const settings = wb.addWorksheet("催缴设置");
  settings.addRows([
    ["设置", "值"],
    ["计至日期", "2026-11-20"],
    ["物业服务企业", "杭州锦绣物业服务有限公司"],
    ["律师事务所", "浙江示例律师事务所"],
  ]);
  const record = wb.addWorksheet("催缴记录");
  record.addRows([
    ["日期", "房号", "业主", "阶段", "渠道", "催缴员", "结果", "承诺日期", "收款金额", "凭证", "备注"],
    ["2026-10-20", "1-2-301", "张伟", "催告函", "EMS", "小王", "已发送", null, null, "", ""],
    ["2026-10-23", "1-2-301", "张伟", "催告函", "EMS", "小王", "已签收", null, null, "EA100000001CN", ""],
    ["2026-12-01", "1-2-301", "张伟", "律师函", "EMS", "小王", "已发送", null, null, "", ""],
    ["2026-12-04", "1-2-301", "张伟", "律师函", "EMS", "小王", "妥投", null, null, "EA100000002CN", ""],
    ["2026-12-01", "1-2-302", "李娜", "律师函", "EMS", "小王", "已发送", null, null, "", ""],
    ["2026-12-05", "1-2-302", "李娜", "", "电话", "小王", "承诺缴费", "2027-01-10", null, "", ""],
  ]);
  await wb.xlsx.writeFile(file);
}

async function zipNames(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return Object.keys(zip.files).sort();
}

describe("arrears-desk run --bundles", () => {
  it("writes a court bundle for each unanswered lawyer's letter, and one for each room picked", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "ledger.xlsx");
    await workbook(input);
    const before = sha(input);
    const bundles = path.join(dir, "诉讼");
    const ran = await cli(
      "run",
      input,
      "--date",
      "2026-12-28",
      "--out",
      path.join(dir, "out.xlsx"),
      "--bundles",
      bundles,
      "--bundle-for",
      "1栋2单元303",
    );
    expect(ran.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("… "))).toEqual([]);
    expect(ran.code).toBe(0);
    expect(sha(input)).toBe(before);
    expect(fs.readdirSync(bundles).sort()).toEqual([
      "诉讼材料-1-2-301-张伟.zip",
      "诉讼材料-1-2-303-王芳.zip",
    ]);
    expect(ran.stdout).toContain(`${bundles} (2)`);
    expect(await zipNames(path.join(bundles, "诉讼材料-1-2-301-张伟.zip"))).toEqual([
      "诉讼材料-1-2-301-张伟/",
      "诉讼材料-1-2-301-张伟/01-起诉状草稿.docx",
      "诉讼材料-1-2-301-张伟/02-证据目录.docx",
      "诉讼材料-1-2-301-张伟/03-欠费明细.docx",
      "诉讼材料-1-2-301-张伟/04-催缴记录摘录.docx",
      "诉讼材料-1-2-301-张伟/05-诉讼时效核对.docx",
    ]);
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(bundles, "诉讼材料-1-2-301-张伟.zip")));
    const claim = await JSZip.loadAsync(
      (await zip.file("诉讼材料-1-2-301-张伟/01-起诉状草稿.docx")?.async("uint8array")) as Uint8Array,
    );
    const xml = (await claim.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("杭州锦绣物业服务有限公司");
    expect(xml).toContain("EA100000002CN");
    expect(xml).toContain("2026年12月28日");
    // No temporary left behind.
    expect(fs.readdirSync(bundles).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes the English bundle with --lang en-US", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "ledger.xlsx");
    await workbook(input);
    const bundles = path.join(dir, "b");
    const ran = await cli("run", input, "--date", "2026-12-28", "--lang", "en-US", "--bundles", bundles);
    expect(ran.code).toBe(0);
    expect(fs.readdirSync(bundles)).toEqual(["court-bundle-1-2-301-张伟.zip"]);
    expect((await zipNames(path.join(bundles, "court-bundle-1-2-301-张伟.zip")))[1]).toBe(
      "court-bundle-1-2-301-张伟/01-statement-of-claim-draft.docx",
    );
  });

  it("refuses a room the ledger does not know in one line naming it, and writes nothing", async () => {
    const dir = tmpDir();
    const bundles = path.join(dir, "b");
    const out = path.join(dir, "out.xlsx");
    const ran = await cli("run", SAMPLE, "--out", out, "--bundles", bundles, "--bundle-for", "9-9-999");
    expect(ran.code).toBe(1);
    expect(ran.stderr.trim().split("\n")).toHaveLength(1);
    expect(ran.stderr).toContain("--bundle-for 9-9-999");
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(bundles)).toBe(false);
    const en = await cli(
      "run",
      SAMPLE,
      "--lang",
      "en-US",
      "--out",
      out,
      "--bundles",
      bundles,
      "--bundle-for",
      "X9",
    );
    expect(en.stderr).toMatch(
      /^arrears-desk: --bundle-for X9: no household in the arrears sheet has this unit/,
    );
  });

  it("writes a bundle for a picked household of the sample, which has no record yet", async () => {
    const dir = tmpDir();
    const bundles = path.join(dir, "b");
    const ran = await cli(
      "run",
      SAMPLE,
      "--out",
      path.join(dir, "o.xlsx"),
      "--bundles",
      bundles,
      "--bundle-for",
      "2-2-402",
    );
    expect(ran.code).toBe(0);
    expect(fs.readdirSync(bundles)).toEqual(["诉讼材料-2-2-402-冯志强.zip"]);
  });

  it("needs --bundles for --bundle-for, and refuses the input as the folder", async () => {
    expect((await cli("run", SAMPLE, "--bundle-for", "2-2-402")).code).toBe(2);
    const ran = await cli("run", SAMPLE, "--bundles", SAMPLE);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split("\n")).toHaveLength(1);
  });
});
