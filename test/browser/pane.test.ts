import ExcelJS from "exceljs";
import * as fs from "fs";
import * as http from "http";
import JSZip from "jszip";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { AddressInfo } from "net";
import type { Browser, Page } from "playwright-core";
import webpack from "webpack";

// The task pane in a real browser: Debian's Chromium driven by playwright-core, on the browser page (the same
// pane over ExcelJS), served from a local origin. Under CI=true a missing Chromium fails instead of skipping.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-arrears.xlsx");
const ROOT = path.join(__dirname, "..", "..");
/** SCREENSHOTS=1 refreshes the README's pictures in docs/; otherwise they go to a temporary folder. */
const SHOTS =
  process.env.SCREENSHOTS === "1" ? path.join(ROOT, "docs") : fs.mkdtempSync(path.join(os.tmpdir(), "pane-"));

const available = fs.existsSync(CHROMIUM);
const suite = available || process.env.CI === "true" ? describe : describe.skip;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require("../../webpack.config.js") as (
  env: Record<string, string>,
  argv: { mode: string },
) => webpack.Configuration[];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
};

suite(`the task pane in Chromium${available ? "" : " (skipped: no /usr/bin/chromium)"}`, () => {
  let outDir = "";
  let server: http.Server;
  let origin = "";
  let browser: Browser;
  const requests: string[] = [];

  beforeAll(async () => {
    // PANE_DIST=dir reuses a build (while working on the tests); the suite builds its own otherwise.
    if (process.env.PANE_DIST) outDir = path.resolve(process.env.PANE_DIST);
    else await build();
    server = http.createServer((req, res) => {
      const file = path.join(outDir, decodeURIComponent((req.url ?? "/").split("?")[0]));
      if (!file.startsWith(outDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function build(): Promise<void> {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "arrears-app-"));
    const stats = await new Promise<webpack.MultiStats>((resolve, reject) =>
      webpack(makeConfig({ only: "app", out: outDir }, { mode: "production" }), (error, result) =>
        error || !result ? reject(error) : resolve(result),
      ),
    );
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  }

  /** The browser page in a new context, the sample opened; the page's clock is pinned to `today` (local noon). */
  async function openPane(
    lang: "zh-CN" | "en-US",
    today = "2026-11-24",
  ): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({
      viewport: { width: 320, height: 900 },
      acceptDownloads: true,
      locale: lang,
    });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(`${today}T12:00:00`));
    const problems: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    await page.goto(`${origin}/browser.html?lang=${lang}`);
    await page.setInputFiles("input[type=file]", SAMPLE);
    return { page, problems };
  }

  /** Clicks a button and returns the file it downloads. */
  async function downloadFrom(page: Page, button: string | RegExp): Promise<{ name: string; bytes: Buffer }> {
    const [d] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: button }).click(),
    ]);
    const file = await d.path();
    return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
  }

  async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb;
  }

  /**
   * The five steps on the sample, with the page's clock pinned to `today`: the sample carries its own as-of date
   * (催缴设置 计至日期 2026-11-20), so its figures are the same whatever day the pane is opened.
   */
  async function fiveSteps(today: string, screenshots: boolean): Promise<void> {
    const { page, problems } = await openPane("zh-CN", today);
    try {
      await walkFiveSteps(page, problems, today, screenshots);
    } catch (error) {
      // What the pane showed when a step failed: its words say more than a timeout does.
      const shown = await page
        .locator("body")
        .innerText()
        .catch(() => "");
      throw new Error(`${String(error)}\n--- the pane showed:\n${shown.slice(0, 3000)}`);
    }
  }

  async function walkFiveSteps(
    page: Page,
    problems: string[],
    today: string,
    screenshots: boolean,
  ): Promise<void> {
    const shot = async (name: string) => {
      if (screenshots) await page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
    };

    // 1 Read: the layout, the households, the mapping and the skipped totals row.
    await page.getByText("共 400 户（2 个工作表）").waitFor({ timeout: 60_000 });
    await expect(page.getByText(/352 户/).count()).resolves.toBe(1);
    await expect(page.getByText(/二期欠费汇总.*48 户/).count()).resolves.toBe(1);
    await expect(page.getByText("每月一列").count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText("第 357 行").count()).resolves.toBe(1);
    await expect(page.getByLabel("业主", { exact: true }).inputValue()).resolves.toBe("D");
    await shot("pane-read-zh.png");

    // 2 Classify: counts per kind, a filter, and one household's reasons and next steps.
    await page.getByRole("tab", { name: "2 分类" }).click();
    const kinds = page.getByRole("table", { name: "类别" });
    await expect(kinds.getByRole("row", { name: /按时缴纳 247/ }).count()).resolves.toBe(1);
    await expect(kinds.getByRole("row", { name: /恶意拖欠 5/ }).count()).resolves.toBe(1);
    await page.getByRole("combobox", { name: "类别" }).selectOption({ label: "长期拖欠" });
    await page.getByText(/显示 90 \/ 90/).waitFor();
    await page.getByRole("table", { name: "2 分类" }).getByRole("row").nth(1).click();
    await page.getByText("依据").waitFor();
    await expect(page.getByText(/≥ 6 个月/).count()).resolves.toBeGreaterThan(0);
    await shot("pane-classify-zh.png");

    // 3 Bulletin and dashboard: masked names, write, download the workbook.
    await page.getByRole("tab", { name: "3 公告栏与看板" }).click();
    await page.getByLabel("姓名打码（张**）").check();
    await page.getByRole("button", { name: "写入全部结果工作表" }).click();
    await page.getByText(/^已写入：/).waitFor({ timeout: 60_000 });
    let workbook = await workbookOf((await downloadFrom(page, "下载结果工作簿")).bytes);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "物业费台账",
        "催缴分类",
        "公告栏",
        "催缴看板",
        "催缴通知",
        "催缴设置",
        "读取报告",
      ]),
    );
    expect(names).not.toContain("催缴记录"); // the bulletin step logs nothing
    const bulletinText = workbook.getWorksheet("公告栏")?.getSheetValues().flat().map(String).join(" ") ?? "";
    expect(bulletinText).toMatch(/\*\*/);
    expect(bulletinText).not.toMatch(/1[3-9]\d{9}/); // never a phone number

    // 4 Notices: write and log the round, export the letters, the SMS and the mailing list.
    await page.getByRole("tab", { name: "4 催缴通知" }).click();
    await page.getByText(/本轮通知：\d+ 户/).waitFor();
    await page.getByRole("button", { name: "写入催缴通知并登记到催缴记录" }).click();
    await page.getByText(/^已写入：.*催缴记录/).waitFor({ timeout: 60_000 });
    const letters = await downloadFrom(page, /导出通知书/);
    expect(letters.name).toMatch(/\.docx$/);
    const docx = await JSZip.loadAsync(letters.bytes);
    const documentXml = (await docx.file("word/document.xml")?.async("string")) ?? "";
    const lettersCount = Number(
      /导出通知书 \(\.docx\) · (\d+)/.exec(
        (await page.getByRole("button", { name: /导出通知书/ }).textContent()) ?? "",
      )?.[1],
    );
    expect(lettersCount).toBeGreaterThan(0);
    expect(documentXml.split("<w:sectPr").length - 1).toBe(lettersCount);
    const sms = await downloadFrom(page, /导出短信/);
    expect(sms.bytes.toString("utf8")).toMatch(/^\ufeff手机号,短信内容/);
    const mailing = await downloadFrom(page, /EMS/);
    expect(mailing.bytes.toString("utf8")).toMatch(/^\ufeff收件人,收件地址/);
    // The court bundle of one household picked in the dropdown: a .zip of the five draft documents.
    const bundles = page.getByLabel("诉讼材料（草稿，供律师审核）");
    const pick = await bundles.locator("option", { hasText: "2-2-402 冯志强" }).getAttribute("value");
    await bundles.selectOption(pick ?? "");
    const bundle = await downloadFrom(page, "下载诉讼材料");
    expect(bundle.name).toBe("诉讼材料-2-2-402-冯志强.zip");
    const bundleZip = await JSZip.loadAsync(bundle.bytes);
    expect(Object.keys(bundleZip.files).filter((f) => f.endsWith(".docx"))).toHaveLength(5);
    // The instalment agreements of the households offered instalments: a .zip of one .docx each.
    const agreements = await downloadFrom(page, /导出分期还款协议/);
    expect(agreements.name).toMatch(/-agreements\.zip$/);
    const agreementFiles = Object.keys((await JSZip.loadAsync(agreements.bytes)).files);
    expect(agreementFiles).toHaveLength(18);
    for (const name of agreementFiles) expect(name).toMatch(/^分期还款协议-.+\.docx$/);
    // The collectors' documents: the visit sheets, the scripts with the Q&A, a greeting for every household.
    const visits = await downloadFrom(page, /上门催缴登记表/);
    expect(visits.name).toMatch(/-visits\.docx$/);
    const visitsXml =
      (await (await JSZip.loadAsync(visits.bytes)).file("word/document.xml")?.async("string")) ?? "";
    expect(visitsXml).toContain("到访时间");
    const scripts = await downloadFrom(page, /催缴话术/);
    expect(scripts.name).toMatch(/-scripts\.docx$/);
    const cardsSms = await downloadFrom(page, /新年贺卡短信/);
    expect(cardsSms.bytes.toString("utf8")).toMatch(/^\ufeff手机号,短信内容,字数,检查,房号,业主,类型/);
    await shot("pane-notices-zh.png");
    // The team sent the letters: one click confirms the round, as 已发送 rows in the record.
    await page.getByRole("button", { name: "确认本轮已发送" }).click();
    // The pane is busy while it confirms (briefly: the wait for it may miss it), then idle again.
    await page
      .locator("main[aria-busy=true]")
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    await page.locator("main[aria-busy=false]").waitFor({ timeout: 60_000 });
    // The letters were posted: two EMS numbers typed into the mailing list, read back into the record.
    const filled = mailing.bytes
      .toString("utf8")
      .split("\r\n")
      .map((line, i) => {
        if (i === 0 || i > 2) return line;
        const cells = line.split(",");
        cells[6] = `EA00000000${i}CN`;
        return cells.join(",");
      })
      .join("\r\n");
    await page
      .locator('input[type=file][aria-label="读入已填邮件号的邮寄清单 (.csv)"]')
      .setInputFiles({ name: "mailing.csv", mimeType: "text/csv", buffer: Buffer.from(filled, "utf8") });
    await page.getByText(/^已登记 EMS 邮件号 2 个/).waitFor({ timeout: 60_000 });
    await page.locator("main[aria-busy=false]").waitFor({ timeout: 60_000 });

    // 5 Record: log a promise for one household.
    await page.getByRole("tab", { name: "5 催缴记录" }).click();
    const household = page.getByLabel("住户");
    const firstValue = await household.locator("option").nth(1).getAttribute("value");
    await household.selectOption(firstValue ?? "");
    // a promise is for a later day than the one it is logged on
    const promised = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("承诺日期").fill(promised);
    await page.getByLabel("凭证").fill("通话录音 001");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await page.getByText(/^已登记到催缴记录：/).waitFor({ timeout: 60_000 });
    await page.getByRole("tab", { name: "4 催缴通知" }).click();
    workbook = await workbookOf((await downloadFrom(page, "下载结果工作簿")).bytes);
    const record = workbook.getWorksheet("催缴记录");
    const rows = record?.getSheetValues().filter(Boolean) ?? [];
    const last = rows[rows.length - 1] as unknown[];
    expect(last).toContain("承诺缴费");
    expect(last).toContain("通话录音 001");
    const prepared = rows.filter((r) => (r as unknown[]).includes("待发送")).length;
    expect(prepared).toBeGreaterThan(100);
    const posted = rows.filter((r) => (r as unknown[]).some((v) => /^EA00000000[12]CN$/.test(String(v))));
    expect(posted).toHaveLength(2);
    expect(rows.filter((r) => (r as unknown[]).includes("已发送")).length).toBe(prepared + posted.length);

    // The round is dated on the page's today, and so is the record row.
    expect(
      rows.some((r) => (r as unknown[]).some((v) => v instanceof Date && v.toISOString().startsWith(today))),
    ).toBe(true);

    expect(problems).toEqual([]);
    await page.context().close();
  }

  it("goes through all five steps on the sample, in zh-CN at 320 px, and the downloads hold the results", async () => {
    await fiveSteps("2026-11-24", true);
  }, 300_000);

  it("gives the sample's figures whatever the date: the five steps again with the clock years ahead", async () => {
    await fiveSteps("2031-06-15", false);
  }, 300_000);

  it("keeps the Excel pane's first load small (gzip bytes of the scripts taskpane.html loads)", () => {
    const html = fs.readFileSync(path.join(outDir, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
      .map((m) => m[1])
      .filter((src) => !/^https?:/.test(src)); // office.js itself comes from Microsoft's CDN
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (n, src) => n + zlib.gzipSync(fs.readFileSync(path.join(outDir, src)), { level: 9 }).length,
      0,
    );
    process.stdout.write(`task pane first load: ${scripts.join(", ")} = ${gzipped} bytes gzip\n`);
    // React, Fluent UI's components and the core; ExcelJS and docx are not in it (docx loads on export).
    expect(gzipped).toBeLessThan(300_000);
    const text = scripts.map((src) => fs.readFileSync(path.join(outDir, src), "utf8")).join("");
    expect(text).not.toContain("ExcelJS");
  });

  it("speaks English when asked, and its screenshot fits 320 px", async () => {
    const { page, problems } = await openPane("en-US");
    await page.getByText("400 households on 2 sheets").waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(SHOTS, "pane-read-en.png"), fullPage: false });
    await page.getByRole("tab", { name: "2 Classify" }).click();
    await expect(page.getByRole("table", { name: "Kind" }).getByText("Pays on time").count()).resolves.toBe(
      1,
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
    await page.screenshot({ path: path.join(SHOTS, "pane-classify-en.png"), fullPage: false });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("escapes what cells hold, and asks nothing of any other origin", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("台账").addRows([
      ["房号", "业主", "电话", "欠费月数", "欠费金额"],
      ["1-101", '<img src=x onerror="window.__pwned=1">', "13800001111", 7, 2100],
      ["1-102", "<script>window.__pwned=2</script>", "13800002222", 2, 600],
    ]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xss-")), "xss.xlsx");
    await wb.xlsx.writeFile(file);
    const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date("2026-11-24T12:00:00"));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${origin}/browser.html?lang=zh-CN`);
    await page.setInputFiles("input[type=file]", file);
    await page.getByText("2 户").first().waitFor({ timeout: 60_000 });
    await page.getByRole("tab", { name: "2 分类" }).click();
    await page.getByRole("table", { name: "2 分类" }).getByRole("row").nth(1).click();
    await page
      .getByText("<script>window.__pwned=2</script>", { exact: false })
      .or(page.getByText(/onerror/))
      .first()
      .waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await context.close();
    const foreign = requests.filter(
      (u) => !u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:"),
    );
    expect(foreign).toEqual([]);
  }, 120_000);
});
