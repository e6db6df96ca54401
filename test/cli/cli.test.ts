import ExcelJS from "exceljs";
import JSZip from "jszip";
import * as fs from "fs";
import * as path from "path";
import { defaultOutputPath } from "../../src/cli/main";
import { SAMPLE, cli, sha, tmpDir } from "../support/cli";

async function ledger(file: string, rows: ExcelJS.CellValue[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("欠费台账");
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

describe("arrears-desk run", () => {
  it("runs the sample, never touches the input, and writes every output sheet beside it", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "sample.xlsx");
    fs.copyFileSync(SAMPLE, input);
    const before = sha(input);
    const ran = await cli("run", input, "--as-of", "2026-11-20");
    // Nothing on stderr but progress, which a slow machine shows after two seconds.
    expect(ran.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("… "))).toEqual([]);
    expect(ran.code).toBe(0);
    expect(sha(input)).toBe(before);
    const out = path.join(dir, "sample-催缴.xlsx");
    expect(defaultOutputPath(input)).toBe(out);
    const names = await sheetNames(out);
    expect(names).toEqual(
      expect.arrayContaining(["物业费台账", "催缴分类", "公告栏", "催缴看板", "催缴设置", "读取报告"]),
    );
    expect(ran.stdout).toContain("读取：工作表“物业费台账”，每月一列");
    expect(ran.stdout).toMatch(/恶意拖欠\s+\d+ 户/);
    expect(ran.stdout).toContain(`结果已写入：${out}`);
  });

  it("prints exactly one JSON object with --json", async () => {
    const dir = tmpDir();
    const out = path.join(dir, "o.xlsx");
    const ran = await cli("run", SAMPLE, "--as-of", "2026-11-20", "--json", "--out", out);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]);
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining(["sheet", "layout", "households", "arrears", "classes", "skipped"]),
    );
    expect(summary.layout).toBe("monthly");
    expect(summary.households).toBeGreaterThanOrEqual(300);
    for (const kind of ["timely", "frequent", "longTerm", "malicious"])
      expect(summary.classes[kind]).toBeGreaterThan(0);
    expect(summary.arrears.total).toBe(Math.round(summary.arrears.total * 100) / 100);
    expect(summary.skipped).toEqual(
      expect.arrayContaining([expect.objectContaining({ sheet: "物业费台账" })]),
    );
  });

  it("gives the same workbook when run twice, and reads its own output again", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "in.xlsx");
    await ledger(input, [
      ["房号", "业主", "欠费月数", "欠费金额"],
      ["1-101", "张伟", 0, 0],
      ["1-102", "=李娜", 8, 2400],
    ]);
    const a = path.join(dir, "a.xlsx");
    await cli("run", input, "--out", a, "--as-of", "2026-11-20");
    const b = path.join(dir, "b.xlsx");
    const again = await cli("run", a, "--out", b, "--as-of", "2026-11-20", "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).sheet).toBe("欠费台账");
    expect(await sheetNames(b)).toEqual(await sheetNames(a));
    const wa = new ExcelJS.Workbook();
    await wa.xlsx.readFile(a);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(b);
    for (const ws of wa.worksheets) {
      const other = wb.getWorksheet(ws.name) as ExcelJS.Worksheet;
      ws.eachRow((row, r) => {
        row.eachCell((cell, c) =>
          expect([ws.name, r, c, other.getCell(r, c).value]).toEqual([ws.name, r, c, cell.value]),
        );
      });
    }
    const cls = wb.getWorksheet("催缴分类") as ExcelJS.Worksheet;
    const owners: unknown[] = [];
    cls.eachRow((row) => owners.push(row.getCell(3).value));
    expect(owners).toContain("=李娜");
  });

  it("refuses what it cannot read with one line naming the file, and exit 1", async () => {
    const dir = tmpDir();
    const cases: [string, Buffer, RegExp][] = [
      [
        "old.xls",
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]),
        /old\.xls.*\.xlsx/,
      ],
      ["notes.xlsx", Buffer.from("these are not the droids"), /notes\.xlsx/],
      ["empty.xlsx", Buffer.alloc(0), /empty\.xlsx/],
    ];
    for (const [name, bytes, message] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const ran = await cli("run", file);
      expect([name, ran.code]).toEqual([name, 1]);
      expect(ran.stderr.trim().split("\n")).toHaveLength(1);
      expect(ran.stderr).toMatch(message);
      expect(ran.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = await cli("run", path.join(dir, "nope.xlsx"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.xlsx");
  });

  it("says when there is no arrears table, naming the sheet", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "people.xlsx");
    await ledger(input, [
      ["Name", "Age"],
      ["A", 3],
    ]);
    const ran = await cli("run", input, "--lang", "en-US");
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      'people.xlsx: no arrears table found in the first 30 rows of sheet "欠费台账"',
    );
  });

  it("exits 2 on bad usage", async () => {
    for (const argv of [
      ["frobnicate"],
      ["run"],
      ["run", "a.xlsx", "--as-of", "2026-13-01"],
      ["run", "a.xlsx", "--bogus"],
      ["run", "a.xlsx", "--column", "nonsense=B"],
    ]) {
      const ran = await cli(...argv);
      expect([argv.join(" "), ran.code]).toEqual([argv.join(" "), 2]);
      expect(ran.stderr).toContain("Usage:");
    }
    expect((await cli("--help")).stdout).toContain("Usage: arrears-desk run");
  });

  it("refuses to write over its input", async () => {
    const ran = await cli("run", SAMPLE, "--out", SAMPLE);
    expect(ran.code).toBe(2);
  });

  it("lets a column be taken by hand", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "in.xlsx");
    await ledger(input, [
      ["房号", "金额A", "应付款"],
      ["1", 10, 99],
    ]);
    const ran = await cli("run", input, "--column", "amount=B", "--layout", "household", "--json");
    expect(JSON.parse(ran.stdout).arrears.total).toBe(10);
  });
});

describe("the output sheets from the sample", () => {
  let wb: ExcelJS.Workbook;
  let out: string;
  beforeAll(async () => {
    out = path.join(tmpDir(), "sample-out.xlsx");
    const ran = await cli("run", SAMPLE, "--as-of", "2026-11-20", "--out", out);
    expect(ran.code).toBe(0);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
  });

  const texts = (name: string): string[] => {
    const out: string[] = [];
    wb.getWorksheet(name)?.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))));
    return out;
  };

  it("bulletin: title, message, both lists, total, phone-free, print-ready", () => {
    const all = texts("公告栏");
    expect(all[0]).toBe("锦绣花园物业费缴费公告");
    expect(all.join("\n")).toContain("按时缴纳物业费是每位业主的义务");
    expect(all.some((t) => /^缴费感谢名单（\d+ 户）$/.test(t))).toBe(true);
    expect(all.some((t) => /^合计：\d+ 户，¥[\d,]+\.\d\d$/.test(t))).toBe(true);
    expect(all.join("\n")).not.toMatch(/1[3-9]\d{9}/);
    const ws = wb.getWorksheet("公告栏") as ExcelJS.Worksheet;
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "portrait",
      fitToWidth: 1,
      fitToHeight: 0,
    });
  });

  it("dashboard: totals, kinds, aging, buildings, collectors, and two native charts in the package", async () => {
    const all = texts("催缴看板");
    for (const heading of [
      "总体",
      "按类别",
      "按标记",
      "账龄（欠费金额按欠费月数）",
      "按楼栋（欠费金额从高到低）",
      "按催缴员（本次回款从高到低，其次收缴率）",
    ]) {
      expect(all).toContain(heading);
    }
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(2);
  });

  it("settings: written with the values in force, the estate taken from the title", () => {
    const ws = wb.getWorksheet("催缴设置") as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push([row.getCell(1).value, row.getCell(2).value]));
    expect(rows).toEqual(
      expect.arrayContaining([
        ["小区名称", "锦绣花园"],
        ["长期拖欠起点（月）", 6],
        ["公示姓名方式", "仅房号"],
      ]),
    );
  });

  it("a failed run leaves the previous output as it was", async () => {
    const before = sha(out);
    const ran = await cli("run", SAMPLE, "--sheet", "没有这个表", "--out", out);
    expect(ran.code).toBe(1);
    expect(sha(out)).toBe(before);
  });
});

describe("arrears-desk run: the round's notices and the collection record", () => {
  it("writes letters.docx, sms.csv and mailing.csv, and logs the round; a rerun the same day adds nothing", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "estate.xlsx");
    fs.copyFileSync(SAMPLE, input);
    const files = ["letters.docx", "sms.csv", "mailing.csv"].map((f) => path.join(dir, f));
    const first = await cli(
      "run",
      input,
      "--as-of",
      "2026-11-20",
      "--date",
      "2026-11-24",
      "--json",
      "--letters",
      files[0],
      "--sms",
      files[1],
      "--mailing",
      files[2],
    );
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.round).toMatchObject({ date: "2026-11-24", alreadyLogged: 0 });
    expect(summary.round.recordRowsAdded).toBe(summary.round.notices);
    expect(summary.round.byStage["12"]).toBeGreaterThan(0);
    const docx = await JSZip.loadAsync(fs.readFileSync(files[0]));
    const xml = (await docx.file("word/document.xml")?.async("string")) ?? "";
    const letters =
      summary.round.notices - (summary.round.byChannel.sms ?? 0) - (summary.round.byChannel.phone ?? 0);
    expect(xml.match(/<w:sectPr/g)).toHaveLength(letters);
    const sms = fs.readFileSync(files[1], "utf8");
    expect(sms.charCodeAt(0)).toBe(0xfeff);
    expect(sms.split("\r\n")[0]).toBe("\ufeff手机号,短信内容,字数,检查,房号,业主,阶段");
    const mailing = fs.readFileSync(files[2], "utf8").trim().split("\r\n");
    expect(mailing).toHaveLength(1 + summary.round.byChannel.ems);
    const out = path.join(dir, "estate-催缴.xlsx");
    expect(await sheetNames(out)).toEqual(expect.arrayContaining(["催缴通知", "通知模板", "催缴记录"]));

    // The next round runs on the output; its default output is the next file of the series.
    expect(defaultOutputPath(out)).toBe(path.join(dir, "estate-催缴-2.xlsx"));
    const again = await cli("run", out, "--as-of", "2026-11-20", "--date", "2026-11-24", "--json");
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.output).toBe(path.join(dir, "estate-催缴-2.xlsx"));
    expect(second.round).toMatchObject({ notices: summary.round.notices, recordRowsAdded: 0 });
    expect(second.round.alreadyLogged).toBe(summary.round.notices);

    // Once the team confirms the round as sent, a week later the first reminders become second reminders.
    const later = await cli(
      "run",
      second.output,
      "--as-of",
      "2026-11-20",
      "--date",
      "2026-12-01",
      "--confirm-sent",
      "--json",
    );
    const third = JSON.parse(later.stdout);
    expect(third.round.confirmed).toBe(summary.round.notices);
    expect(third.round.byStage["2"]).toBe(summary.round.byStage["1"]);
    expect(third.round.byStage["1"]).toBeUndefined();
    expect(third.round.byStage.thanks).toBeUndefined();
  }, 60_000);

  it("refuses an export path that is the input, and a letters file that is not .docx", async () => {
    const dir = tmpDir();
    const input = path.join(dir, "estate.xlsx");
    fs.copyFileSync(SAMPLE, input);
    expect((await cli("run", input, "--letters", path.join(dir, "x.pdf"))).code).toBe(2);
    expect((await cli("run", input, "--date", "2026-13-01")).code).toBe(2);
  });
});

describe("arrears-desk run --sheet", () => {
  it("reads every arrears sheet by default, only the sheets named when --sheet is repeated", async () => {
    const dir = tmpDir();
    const all = await cli("run", SAMPLE, "--out", path.join(dir, "all.xlsx"), "--json");
    expect(JSON.parse(all.stdout).sheets.map((s: { sheet: string }) => s.sheet)).toEqual([
      "物业费台账",
      "二期欠费汇总",
    ]);
    expect(JSON.parse(all.stdout).households).toBe(400);
    const one = await cli(
      "run",
      SAMPLE,
      "--sheet",
      "二期欠费汇总",
      "--out",
      path.join(dir, "one.xlsx"),
      "--json",
    );
    expect(JSON.parse(one.stdout).households).toBe(48);
    const two = await cli(
      "run",
      SAMPLE,
      "--sheet",
      "二期欠费汇总",
      "--sheet",
      "物业费台账",
      "--out",
      path.join(dir, "two.xlsx"),
      "--json",
    );
    expect(JSON.parse(two.stdout).households).toBe(400);
  });
});
