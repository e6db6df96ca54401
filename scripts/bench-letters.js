// The round's letters document alone, in a child of the benchmark: opens the workbook and plans the round (not
// timed), then makes every letter and the .docx (timed). Prints {"ms", "letters", "rssBeforeMb", "peakRssMb"}: the
// peak RSS is the process's high-water mark after the letters; the letters' own share is at most peak − before.
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const build = path.join(__dirname, "..", "build");
const { PackageWorkbook } = require(path.join(build, "xlsx", "package-workbook"));
const { runJob } = require(path.join(build, "core", "job"));
const { lettersDocx } = require(path.join(build, "export", "letters-docx"));

async function main() {
  const [input, output, asOf, roundDate] = process.argv.slice(2);
  const workbook = await PackageWorkbook.open(new Uint8Array(fs.readFileSync(input)), path.basename(input));
  const outcome = runJob(await workbook.readGrid(), { today: roundDate, asOf, roundDate });
  if (!outcome.ok) throw new Error("the workbook was not read");
  const round = outcome.result.round;
  if (global.gc) global.gc();
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const letters = round.notices.flatMap((n) => (n.letter ? [n.letter] : []));
  const bytes = await lettersDocx(letters, { title: `催缴通知 ${round.date}`, lang: outcome.result.lang });
  const ms = performance.now() - start;
  fs.writeFileSync(output, bytes);
  process.stdout.write(
    JSON.stringify({
      ms,
      letters: letters.length,
      bytes: bytes.length,
      rssBeforeMb: rssBefore / 2 ** 20,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
