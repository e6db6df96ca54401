// Preloaded into the benchmark's child processes: writes the process's peak memory (max RSS, KB) on exit.
const fs = require("fs");
process.on("exit", () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
