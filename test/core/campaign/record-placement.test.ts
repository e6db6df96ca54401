import {
  RECORD_TABLE_NAME,
  RecordAppend,
  recordColumns,
  recordPlacement,
} from "../../../src/core/campaign/record";

function append(layout: RecordAppend["layout"], lastRow: number): RecordAppend {
  return {
    sheetName: "催缴记录",
    exists: true,
    layout,
    lastRow,
    tableName: RECORD_TABLE_NAME,
    columns: recordColumns("zh-CN"),
    widths: [],
    rows: [],
    alreadyLogged: 0,
  };
}

describe("where a round's rows go on the record sheet", () => {
  it("below the last row, in the record's columns, with the missing fields added to their right", () => {
    const p = recordPlacement(append({ headerRow: 2, columns: { date: 2, room: 3 }, lastRow: 9 }, 12), true);
    expect(p.headerRow).toBe(2);
    expect(p.firstRow).toBe(13);
    expect(p.columns.date).toBe(2);
    expect(p.columns.room).toBe(3);
    expect(p.columns.owner).toBe(4);
    expect(p.newHeaders[0]).toEqual({ column: 4, header: "业主" });
    expect(p.newHeaders).toHaveLength(9);
  });

  it("an Excel table fixes the columns: nothing is added", () => {
    const p = recordPlacement(append({ headerRow: 1, columns: { date: 1, room: 2 }, lastRow: 5 }, 5), false);
    expect(p.newHeaders).toEqual([]);
    expect(p.columns).toEqual({ date: 1, room: 2 });
    expect(p.firstRow).toBe(6);
  });

  it("no readable header: a header two rows below everything, the rows under it", () => {
    const p = recordPlacement(append(null, 3), true);
    expect(p.headerRow).toBe(5);
    expect(p.firstRow).toBe(6);
    expect(Object.keys(p.columns)).toHaveLength(11);
  });
});
