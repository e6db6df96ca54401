/** A household ledger with a title row, as people keep it: `n` households, some in arrears, some paid up. */
export function ledger(n: number, owner = (i: number) => `业主${i}`): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
    ["锦绣花园 物业费欠费台账", null, null, null, null, null],
    ["房号", "业主", "电话", "欠费月数", "欠费金额", "催缴员"],
  ];
  for (let i = 0; i < n; i++) {
    const months = i % 5 === 0 ? 0 : i % 7 === 0 ? 9 : (i % 4) + 1;
    rows.push([
      `${(i % 30) + 1}-${Math.floor(i / 30) + 1}01`,
      owner(i),
      `138${String(i).padStart(8, "0")}`,
      months,
      months * 300,
      `催缴员${i % 6}`,
    ]);
  }
  return rows;
}
