import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { SAMPLE, cli, tmpDir } from "../support/cli";

async function documentText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await (zip.file("word/document.xml") as JSZip.JSZipObject).async("string");
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|<\/w:p>/g)].map((m) => m[1] ?? "\n").join("");
}

describe("instalment agreements from the command line", () => {
  it("writes one agreement per household offered instalments, and one for a room the manager picks", async () => {
    const dir = tmpDir();
    const agreements = path.join(dir, "agreements");
    const ran = await cli(
      "run",
      SAMPLE,
      "--date",
      "2026-11-24",
      "--out",
      path.join(dir, "o.xlsx"),
      "--agreements",
      agreements,
      "--agreement-for",
      "A4-401",
      "--instalments",
      "4",
    );
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const files = fs.readdirSync(agreements).sort();
    // The sample's 18 hardship households (分期协商 this round) and the one picked, a formal demand's household.
    expect(files).toHaveLength(19);
    expect(files).toContain("分期还款协议-A4-401.docx");
    expect(ran.stdout).toContain(`${agreements} (19)`);
    expect(ran.stdout).toMatch(
      /分期还款协议 19 份：双方签字盖章后，在催缴记录中记结果“同意分期”，备注写分期计划，如“分期 4 期：2026-12-15 /,
    );
    const text = await documentText(path.join(agreements, "分期还款协议-A4-401.docx"));
    expect(text).toContain("乙方（业主）\n吴华");
    expect(text).toContain("乙方分 4 期按月缴清上述款项");
    expect(text).toContain("第 4 期\n2027年3月15日");
  });

  it("refuses a room it cannot find, writing nothing, and a pick or a count it cannot take", async () => {
    const dir = tmpDir();
    const out = path.join(dir, "o.xlsx");
    const unknown = await cli(
      "run",
      SAMPLE,
      "--out",
      out,
      "--agreements",
      path.join(dir, "a"),
      "--agreement-for",
      "99-9-909",
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("--agreement-for 99-9-909：台账中找不到此房号");
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(path.join(dir, "a"))).toBe(false);
    const alone = await cli("run", SAMPLE, "--out", out, "--agreement-for", "A4-401");
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--agreement-for needs --agreements DIR");
    const count = await cli("run", SAMPLE, "--out", out, "--agreements", dir, "--instalments", "24");
    expect(count.code).toBe(2);
    expect(count.stderr).toContain("--instalments takes a whole number from 2 to 12");
  });
});
