import { OWNED_SHEET_MARKER, jobOutputs, runJobOnWorkbook } from "../../src/core/workbook";
import { runJob } from "../../src/core/job";
import { OfficeWorkbook } from "../../src/office/workbook";
import { FakeExcel, FakeSheet } from "../support/excel-fake";
import { ledger } from "../support/ledger";

// The add-in in a workbook a team co-authors (issue 13): each finding's test, on a fake as strict as Excel.

const LIMIT = 5 * 1024 * 1024;
const OPTIONS = { today: "2026-11-24", asOf: "2026-11-20", roundDate: "2026-11-24" };
/** Four days later, the first round confirmed as sent (as the pane's button does): the ladder moves on. */
const LATER = { today: "2026-11-28", asOf: "2026-11-20", roundDate: "2026-11-28", confirmSent: "2026-11-24" };

/** A clock for the run lock: waiting advances it, and lets the other session run meanwhile. */
function testClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function session(fake: FakeExcel, name = "a", clock = testClock()): OfficeWorkbook {
  return new OfficeWorkbook({ run: fake.run, supports: () => true, clock, session: name });
}

const snapshot = (s: FakeSheet) =>
  JSON.stringify([s.name, s.visibility, s.values(), s.tables.map((t) => [t.name, t.rect])]);
const marked = (s: FakeSheet) => s.names.find((n) => n.name === OWNED_SHEET_MARKER)?.formula ?? null;
const rowOf = (sheet: FakeSheet, first: string) => sheet.values().findIndex((r) => r[0] === first);

describe("the add-in in a shared workbook (issue 13)", () => {
  it("1. never deletes or writes over a user's sheet named like an output: writes beside it and says so", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(10));
    const mine = fake.addSheet("公告栏", [["本周值班：王师傅"], ["电梯维保 12 月 3 日"]]);
    const before = snapshot(mine);
    const office = session(fake);
    await runJobOnWorkbook(office, OPTIONS);
    expect(fake.sheets).toContain(mine);
    expect(snapshot(mine)).toBe(before);
    expect(marked(mine)).toBeNull();
    const ours = fake.sheet("公告栏 (2)");
    expect(marked(ours)).toBe('="bulletin"');
    expect(ours.values()[0][0]).toMatch(/公告|锦绣花园/);
    expect(
      office
        .writeNotes()
        .map((n) => n["zh-CN"])
        .join(),
    ).toMatch(/“公告栏”.*保持不变.*“公告栏 \(2\)”/);
    // The next run finds its own sheet by the marker: the same (2), no (3), the user's still untouched.
    await runJobOnWorkbook(office, LATER);
    expect(fake.sheet("公告栏 (2)")).toBe(ours);
    expect(fake.sheetNames().filter((n) => n.startsWith("公告栏"))).toEqual(["公告栏", "公告栏 (2)"]);
    expect(snapshot(mine)).toBe(before);
  });

  it("2. team-edited sheets are updated in place (a colleague's edit during the run and notes beside the table stay), rebuilt sheets keep their identity", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    const office = session(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const sheets = new Map(fake.sheets.map((s) => [s.name, s]));
    const settings = fake.sheet("催缴设置");
    settings.type("G4", "组长备注：电话改了再跑一次"); // a note beside the table
    const grid = await office.readGrid();
    // While the run works, a colleague types the service phone into the settings.
    const phoneRow = rowOf(settings, "客服电话");
    expect(phoneRow).toBeGreaterThan(0);
    settings.type(`B${phoneRow + 1}`, "0571-88886666");
    const outcome = runJob(grid, LATER);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    await office.writeOutputs(jobOutputs(outcome.result));
    // Every sheet is the same sheet as before (a formula pointing at 公告栏 would still point at it).
    for (const [name, sheet] of sheets) expect(fake.sheet(name)).toBe(sheet);
    expect(fake.sheet("催缴设置").cell(`B${phoneRow + 1}`)?.value).toBe("0571-88886666");
    expect(fake.sheet("催缴设置").cell("G4")?.value).toBe("组长备注：电话改了再跑一次");
    expect(fake.sheet("公告栏").values()[0][0]).not.toMatch(/^⚠/);
  });

  it("3. a run abandoned between two syncs blocks nothing: the next run completes and leaves nothing hidden", async () => {
    // How many syncs the run makes: it is abandoned at each of them in turn.
    const probe = new FakeExcel();
    probe.addSheet("台账", ledger(12));
    await runJobOnWorkbook(session(probe, "a"), OPTIONS);
    const first = probe.syncs;
    await runJobOnWorkbook(session(probe, "a"), LATER);
    const syncs = probe.syncs - first;
    expect(syncs).toBeGreaterThan(3);
    for (let k = 1; k <= syncs; k++) {
      const fake = new FakeExcel();
      fake.addSheet("台账", ledger(12));
      await runJobOnWorkbook(session(fake, "a"), OPTIONS);
      // The pane closes at the k-th sync of the next run (in the middle of its writes, or at their end).
      fake.abandonAtSync = fake.syncs + k;
      await expect(runJobOnWorkbook(session(fake, "a"), LATER)).rejects.toThrow();
      // A colleague's session runs next, and again.
      const next = session(fake, "b");
      const outcome = await runJobOnWorkbook(next, LATER);
      expect(outcome.ok).toBe(true);
      await runJobOnWorkbook(next, LATER);
      expect(fake.sheets.every((s) => s.visibility === "Visible")).toBe(true);
      expect(fake.names).toEqual([]);
      expect(fake.sheets.some((s) => String(s.values()[0]?.[0]).startsWith("⚠"))).toBe(false);
      const grid = await next.readGrid();
      expect([k, grid.sheets.filter((s) => s.rows.length > 0).map((s) => s.name)]).toEqual([
        k,
        ["台账", "催缴记录", "通知模板", "催缴设置", "催缴话术", "收费答疑"],
      ]);
    }
  });

  it("4. a sheet a co-author adds under an output's name between two syncs is never deleted", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    const office = session(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const start = fake.syncs;
    let theirs: FakeSheet | null = null;
    // Just after this run has read the workbook, a co-author deletes 公告栏 and makes a sheet of their own under it.
    fake.between = (sync) => {
      if (sync !== start + 4) return;
      fake.deleteSheet("公告栏");
      theirs = fake.addSheet("公告栏", [["我的公告：周六停车场清洗"]]);
    };
    await runJobOnWorkbook(office, LATER).catch(() => undefined);
    fake.between = null;
    await runJobOnWorkbook(office, LATER);
    expect(theirs).not.toBeNull();
    expect(fake.sheets).toContain(theirs);
    expect(fake.sheet("公告栏").values()).toEqual([["我的公告：周六停车场清洗"]]);
    expect(marked(fake.sheet("公告栏 (2)"))).toBe('="bulletin"');
  });

  it("4. the lock's request loads the sheets the read found, by id: one a co-author deletes, renames or adds just before it is seen as it is now", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    const office = session(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const bulletin = fake.sheet("公告栏");
    const grid = await office.readGrid();
    const outcome = runJob(grid, LATER);
    if (!outcome.ok) throw new Error(outcome.error["en-US"]);
    // Just before the write's first request: ours renamed, ours deleted and a sheet of the user's in its name.
    const at = fake.syncs + 1;
    let theirs: FakeSheet | null = null;
    fake.between = (sync) => {
      if (sync !== at) return;
      bulletin.name = "旧公告";
      fake.deleteSheet("催缴日报");
      theirs = fake.addSheet("催缴日报", [["我的日报：今天收了 3 户"]]);
    };
    await office.writeOutputs(jobOutputs(outcome.result));
    fake.between = null;
    expect(theirs).not.toBeNull();
    expect(fake.sheets).toContain(theirs);
    expect(fake.sheet("催缴日报").values()).toEqual([["我的日报：今天收了 3 户"]]);
    expect(marked(fake.sheet("催缴日报"))).toBeNull();
    expect(marked(fake.sheet("催缴日报 (2)"))).not.toBeNull();
    // Ours, found by its marker under the name the co-author gave it, rebuilt in place: no second bulletin.
    expect(fake.sheets).toContain(bulletin);
    expect(marked(bulletin)).toBe('="bulletin"');
    expect(fake.sheets.filter((s) => marked(s) === '="bulletin"')).toEqual([bulletin]);
    expect(fake.sheetNames().some((n) => n.startsWith("公告栏"))).toBe(false);
    expect(fake.names).toEqual([]);
    expect(fake.sheets.some((s) => String(s.values()[0]?.[0]).startsWith("⚠"))).toBe(false);
    // Nothing deleted this time (the lock's request goes through): a sheet added and one renamed are loaded then.
    const again = runJob(await office.readGrid(), LATER);
    if (!again.ok) throw new Error(again.error["en-US"]);
    const next = fake.syncs + 1;
    let added: FakeSheet | null = null;
    fake.between = (sync) => {
      if (sync !== next) return;
      bulletin.name = "公告栏（旧）";
      added = fake.addSheet("公告栏", [["周六停水"]]);
    };
    await office.writeOutputs(jobOutputs(again.result));
    fake.between = null;
    expect(fake.sheet("公告栏")).toBe(added);
    expect(fake.sheet("公告栏").values()).toEqual([["周六停水"]]);
    expect(fake.sheets.filter((s) => marked(s) === '="bulletin"')).toEqual([bulletin]);
    expect(bulletin.name).toBe("公告栏（旧）");
    expect(fake.names).toEqual([]);
  });

  it("5. sheet names are case-insensitive: a user's 'dashboard' stays, ours goes beside it", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Ledger", ledger(10));
    const user = fake.addSheet("dashboard", [["my own numbers"], [42]]);
    const office = session(fake);
    const outcome = await runJobOnWorkbook(office, { ...OPTIONS, lang: "en-US" });
    expect(outcome.ok).toBe(true);
    expect(snapshot(user)).toBe(JSON.stringify(["dashboard", "Visible", [["my own numbers"], [42]], []]));
    expect(marked(fake.sheets.find((s) => s.name === "Dashboard (2)") as FakeSheet)).toBe('="dashboard"');
    expect(fake.sheets.every((s) => s.visibility === "Visible")).toBe(true);
    expect(
      office
        .writeNotes()
        .map((n) => n["en-US"])
        .join(),
    ).toMatch(/"dashboard".*"Dashboard \(2\)"/);
  });

  it("6. rooms such as 5-12 and 0101 are appended to the record as text, never as a date or a number", async () => {
    const fake = new FakeExcel();
    const rows = ledger(12);
    rows[3][0] = "5-12";
    rows[4][0] = "0101";
    fake.addSheet("台账", rows);
    const office = session(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const first = fake.sheet("催缴记录").values().length;
    await runJobOnWorkbook(office, LATER);
    const record = fake.sheet("催缴记录");
    const added = record.values().slice(first);
    const room = record.values()[0].indexOf("房号");
    expect(added.map((r) => r[room])).toEqual(expect.arrayContaining(["5-12", "0101"]));
    expect(record.cells.flat().some((c) => c?.formula)).toBe(false);
  });

  it("7. the first read is budgeted by bytes (a stray cell in column XFD), and text that looks like a formula costs no operation per cell", async () => {
    const fake = new FakeExcel();
    for (const name of ["台账", "备用", "草稿"]) {
      const rows: (string | number | null)[][] = ledger(120);
      rows[5] = [...rows[5], ...Array(16_382).fill(null), "x"];
      fake.addSheet(name, rows);
    }
    const grid = await session(fake).readGrid();
    expect(fake.maxResponseBytes).toBeLessThan(LIMIT);
    expect(grid.sheets[0].rows).toHaveLength(122);

    const big = new FakeExcel();
    big.addSheet(
      "台账",
      ledger(20_000, (i) => `-业主${i}`),
    );
    await runJobOnWorkbook(session(big), OPTIONS);
    expect(big.maxRequestBytes).toBeLessThan(LIMIT);
    const owners = big.sheet("催缴分类").cells.flat();
    expect(owners.some((c) => c?.formula)).toBe(false);
    expect(owners.some((c) => typeof c?.value === "string" && c.value.startsWith("-业主"))).toBe(true);
  }, 120_000);

  it("8. a print setting Excel refuses costs that setting only: the data, the charts and the other sheets are whole", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    fake.refuseOperations = /^pageLayout\.zoom$/;
    const office = session(fake);
    const outcome = await runJobOnWorkbook(office, OPTIONS);
    expect(outcome.ok).toBe(true);
    expect(fake.sheets.some((s) => String(s.values()[0]?.[0]).startsWith("⚠"))).toBe(false);
    expect(fake.sheet("催缴看板").charts.length).toBeGreaterThan(0);
    expect(fake.sheet("催缴看板").charts.length).toBe(
      new Set(fake.sheet("催缴看板").charts.map((c) => c.title)).size,
    );
    expect(fake.sheet("公告栏").printTitleRows).toMatch(/^\$\d+:\$\d+$/);
    expect(
      office
        .writeNotes()
        .map((n) => n["zh-CN"])
        .join(),
    ).toMatch(/未接受/);
  });

  it("8. a part Excel refuses in the run's last request is tried again alone; the titles, the record's rows (none twice, a collector's kept) and the release still go in", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    const office = session(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const first = fake.sheet("催缴记录").values();
    fake.refuseOperations = /^pageLayout\.zoom$/;
    // A collector types a record row just before every sync of the run, after the first refused request too.
    const start = fake.syncs;
    let typed = 0;
    fake.between = (sync) => {
      if (sync <= start + 3) return;
      const record = fake.sheet("催缴记录");
      const row = record.values().length + 1;
      record.type(`B${row}`, `9-9${String(++typed).padStart(2, "0")}`);
      record.type(`G${row}`, "已缴费");
    };
    const outcome = await runJobOnWorkbook(office, LATER);
    fake.between = null;
    expect(outcome.ok).toBe(true);
    expect(typed).toBeGreaterThan(3);
    expect(fake.names).toEqual([]);
    expect(fake.sheets.some((s) => String(s.values()[0]?.[0]).startsWith("⚠"))).toBe(false);
    expect(fake.sheet("公告栏").printTitleRows).toMatch(/^\$\d+:\$\d+$/);
    expect(fake.sheet("催缴看板").charts.length).toBe(
      new Set(fake.sheet("催缴看板").charts.map((c) => c.title)).size,
    );
    expect(
      office
        .writeNotes()
        .map((n) => n["en-US"])
        .join(),
    ).toMatch(/refused.*fit to page/);
    const record = fake.sheet("催缴记录").values();
    expect(record.slice(0, first.length)).toEqual(first);
    const rooms = record.filter((r) => /^9-9\d\d$/.test(String(r[1]))).map((r) => r[1]);
    expect(rooms).toHaveLength(typed);
    const logged = record
      .slice(first.length)
      .filter((r) => !/^9-9/.test(String(r[1])))
      .map((r) => `${r[0]} ${r[1]} ${r[3]}`);
    expect(logged.length).toBeGreaterThan(0);
    expect(new Set(logged).size).toBe(logged.length);
  });

  it("8. a colleague's run that takes the lock between a refused last request and its retry is left to it: the run ends with its data whole and says which parts are missing", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    const office = session(fake);
    await runJobOnWorkbook(office, OPTIONS);
    fake.refuseOperations = /^pageLayout\.zoom$/;
    const lockOf = () => fake.names.find((n) => n.name === "ArrearsDesk_Run");
    let held = false;
    let beat = 0;
    fake.between = () => {
      const lock = lockOf();
      if (lock && !lock.formula.startsWith('="colleague:')) held = true;
      // Our run's last request released the lock (and was refused after it): a colleague's run takes it, alive.
      else if (held && !lock)
        fake.names.push({ name: "ArrearsDesk_Run", formula: '="colleague:0"', visible: false });
      else if (lock) lock.formula = `="colleague:${++beat}"`;
    };
    const outcome = await runJobOnWorkbook(office, LATER);
    fake.between = null;
    expect(outcome.ok).toBe(true);
    expect(lockOf()?.formula).toMatch(/^="colleague:/);
    expect(fake.sheets.some((s) => String(s.values()[0]?.[0]).startsWith("⚠"))).toBe(false);
    expect(
      office
        .writeNotes()
        .map((n) => n["zh-CN"])
        .join(),
    ).toMatch(/未接受.*公告栏/);
  });

  it("9. waits while the user edits a cell, reads the 1904 date system, and puts tables on their own sheet whichever is active", async () => {
    const fake = new FakeExcel();
    const sheet = fake.addSheet("月度", [
      ["房号", 44196, 44227],
      ["1-101", 300, 300],
    ]);
    sheet.numberFormats.push({ rect: { row: 0, column: 1, rows: 1, columns: 2 }, format: "yyyy-mm" });
    fake.use1904DateSystem = true;
    fake.cellEditing = true;
    const grid = await session(fake).readGrid();
    expect(grid.date1904).toBe(true);
    expect(grid.sheets[0].rows[0][1]).toEqual(new Date("2025-01-01T00:00:00Z"));

    const other = new FakeExcel();
    const user = other.addSheet("台账", ledger(10));
    other.activeSheet = user;
    other.cellEditing = true;
    await runJobOnWorkbook(session(other), OPTIONS);
    expect(user.tables).toEqual([]);
    expect(other.sheet("催缴分类").tables).toHaveLength(1);
  });

  it("two sessions on one workbook, interleaved, with a colleague typing meanwhile, lose nothing of either's or the user's", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(30));
    await runJobOnWorkbook(session(fake, "setup"), OPTIONS);
    const ledgerBefore = snapshot(fake.sheet("台账"));
    const recordBefore = fake.sheet("催缴记录").values();
    const sheets = [...fake.sheets];
    const settings = fake.sheet("催缴设置");
    const phoneRow = rowOf(settings, "客服电话");
    // The colleague types into the settings and adds a record row by hand while both runs are under way.
    const start = fake.syncs;
    fake.between = (sync) => {
      if (sync === start + 5) settings.type(`B${phoneRow + 1}`, "0571-88886666");
      if (sync === start + 7) {
        const record = fake.sheet("催缴记录");
        const row = record.values().length;
        record.type(`A${row + 1}`, "2026-11-27");
        record.type(`B${row + 1}`, "9-901");
        record.type(`G${row + 1}`, "承诺缴费");
      }
    };
    const clock = testClock();
    const [a, b] = await Promise.all([
      runJobOnWorkbook(session(fake, "a", clock), LATER),
      runJobOnWorkbook(session(fake, "b", clock), LATER),
    ]);
    fake.between = null;
    expect(a.ok && b.ok).toBe(true);
    // They did overlap: one found the other writing and waited for it.
    expect(clock.now()).toBeGreaterThan(0);
    expect(snapshot(fake.sheet("台账"))).toBe(ledgerBefore);
    expect(fake.sheets).toEqual(sheets);
    expect(fake.names).toEqual([]);
    expect(settings.cell(`B${phoneRow + 1}`)?.value).toBe("0571-88886666");
    const record = fake.sheet("催缴记录").values();
    expect(record.slice(0, recordBefore.length)).toEqual(recordBefore);
    expect(record.some((r) => r[1] === "9-901" && r[6] === "承诺缴费")).toBe(true);
    // The round is logged once: no notice twice, none lost.
    const logged = record
      .slice(recordBefore.length)
      .filter((r) => r[0] !== "2026-11-27")
      .map((r) => `${r[0]} ${r[1]} ${r[3]}`);
    expect(logged.length).toBeGreaterThan(0);
    expect(new Set(logged).size).toBe(logged.length);
    const single = new FakeExcel();
    single.addSheet("台账", ledger(30));
    await runJobOnWorkbook(session(single), OPTIONS);
    const singleBefore = single.sheet("催缴记录").values().length;
    await runJobOnWorkbook(session(single), LATER);
    expect(logged.length).toBe(single.sheet("催缴记录").values().length - singleBefore);
    expect(fake.sheets.some((s) => String(s.values()[0]?.[0]).startsWith("⚠"))).toBe(false);
  });

  it("two sessions running the very first round at once make one record, each notice in it once", async () => {
    const fake = new FakeExcel();
    // Enough households for the first writer's data to take two requests: the second finds it still writing.
    fake.addSheet("台账", ledger(9_000));
    const clock = testClock();
    const sa = session(fake, "a", clock),
      sb = session(fake, "b", clock);
    // Both read before either writes (neither finds a record), then both write at once: one waits for the other.
    const [a, b] = (await Promise.all([sa.readGrid(), sb.readGrid()])).map((grid) => runJob(grid, OPTIONS));
    if (!a.ok || !b.ok) throw new Error("the job failed");
    await Promise.all([sa.writeOutputs(jobOutputs(a.result)), sb.writeOutputs(jobOutputs(b.result))]);
    expect(clock.now()).toBeGreaterThan(0);
    expect(fake.sheetNames().filter((n) => n.startsWith("催缴记录"))).toEqual(["催缴记录"]);
    const rows = fake.sheet("催缴记录").values().slice(1);
    const keys = rows.map((r) => `${r[0]} ${r[1]} ${r[3]}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    expect(fake.sheetNames().some((n) => n.endsWith("(2)"))).toBe(false);
  }, 60_000);

  it("a sheet an earlier version wrote (no marker, the add-in's table in it) is adopted and rebuilt in place, not duplicated", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    await runJobOnWorkbook(session(fake), OPTIONS);
    for (const sheet of fake.sheets) sheet.names.splice(0); // as an earlier version left them
    const classification = fake.sheet("催缴分类");
    await runJobOnWorkbook(session(fake), LATER);
    expect(fake.sheet("催缴分类")).toBe(classification);
    expect(marked(classification)).toBe('="classification"');
    expect(fake.sheetNames().some((n) => n.endsWith("(2)"))).toBe(false);
  });

  it("4. a run that finds a colleague's run writing waits for it, and says so when it does not finish", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    await runJobOnWorkbook(session(fake, "a"), OPTIONS);
    // A colleague's run holds the lock and is alive: its value moves with every request it makes.
    fake.names.push({ name: "ArrearsDesk_Run", formula: '="colleague:0"', visible: false });
    let beat = 0;
    fake.between = () => {
      const lock = fake.names.find((n) => n.name === "ArrearsDesk_Run");
      if (lock) lock.formula = `="colleague:${++beat}"`;
    };
    const before = fake.sheets.map(snapshot);
    await expect(runJobOnWorkbook(session(fake, "b"), LATER)).rejects.toThrow(/另一位同事正在此工作簿上运行/);
    expect(fake.sheets.map(snapshot)).toEqual(before);
    // The colleague's run ends: the next try goes through.
    fake.between = null;
    fake.names.splice(0);
    expect((await runJobOnWorkbook(session(fake, "b"), LATER)).ok).toBe(true);
  });

  it("2. a row a colleague inserted by hand inside the settings table is never written over", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    const office = session(fake);
    await runJobOnWorkbook(office, OPTIONS);
    const settings = fake.sheet("催缴设置");
    const phoneRow = rowOf(settings, "客服电话");
    // Excel's "insert row" above 客服电话: everything below moves down one.
    settings.cells.splice(phoneRow, 0, [{ value: "注意" }, { value: "下周换号码" }]);
    const typed = settings.values();
    await runJobOnWorkbook(office, LATER);
    expect(settings.values()[phoneRow].slice(0, 2)).toEqual(["注意", "下周换号码"]);
    for (let r = 0; r < typed.length; r++)
      for (let c = 0; c < typed[r].length; c++)
        if (typed[r][c] !== "" && r !== 0)
          expect([r, c, settings.values()[r]?.[c]]).toEqual([r, c, typed[r][c]]);
  });

  it("a run in the other language rebuilds the same sheets under that language's names, none twice", async () => {
    const fake = new FakeExcel();
    fake.addSheet("台账", ledger(12));
    await runJobOnWorkbook(session(fake), OPTIONS);
    const bulletin = fake.sheet("公告栏");
    await runJobOnWorkbook(session(fake), { ...LATER, lang: "en-US" });
    expect(bulletin.name).toBe("Bulletin");
    expect(fake.sheets).toContain(bulletin);
    expect(fake.sheetNames().some((n) => n.endsWith("(2)"))).toBe(false);
  });

  it("2. a row a collector types into the record at any point of a run, up to its last request, is kept", async () => {
    // How many syncs the run makes: the row is typed before each of them in turn, the last one included (the
    // request that carries the record's rows).
    const probe = new FakeExcel();
    probe.addSheet("台账", ledger(12));
    await runJobOnWorkbook(session(probe), OPTIONS);
    const first = probe.syncs;
    await runJobOnWorkbook(session(probe), LATER);
    const syncs = probe.syncs - first;
    expect(syncs).toBeGreaterThan(4);
    for (let k = 1; k <= syncs; k++) {
      const fake = new FakeExcel();
      fake.addSheet("台账", ledger(12));
      const office = session(fake);
      await runJobOnWorkbook(office, OPTIONS);
      const start = fake.syncs;
      fake.between = (sync) => {
        if (sync !== start + k) return;
        const record = fake.sheet("催缴记录");
        const row = record.values().length + 1;
        record.type(`B${row}`, "9-901");
        record.type(`G${row}`, "已缴费");
      };
      await runJobOnWorkbook(office, LATER);
      fake.between = null;
      const kept = fake
        .sheet("催缴记录")
        .values()
        .filter((r) => r[1] === "9-901" && r[6] === "已缴费");
      expect([k, kept.length]).toEqual([k, 1]);
    }
  });
});
