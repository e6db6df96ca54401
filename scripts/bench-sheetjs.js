// The benchmark's peer: SheetJS (a dev dependency of the bench only) reading the same workbook, every sheet to rows
// of values — what the fastest JavaScript reader spends only reading, with no classification and nothing written.
const XLSX = require("xlsx");

const workbook = XLSX.readFile(process.argv[2]);
let rows = 0;
for (const name of workbook.SheetNames)
  rows += XLSX.utils.sheet_to_json(workbook.Sheets[name], { header: 1 }).length;
if (rows === 0) process.exitCode = 1;
