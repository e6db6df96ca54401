// The benchmark's floor: ExcelJS opening a workbook and saving it untouched — the least I/O a run can do.
const ExcelJS = require("exceljs");

async function main() {
  const [input, output] = process.argv.slice(2);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  await workbook.xlsx.writeFile(output);
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
