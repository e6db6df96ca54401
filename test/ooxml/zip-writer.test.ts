import JSZip from "jszip";
import { ZipWriter } from "../../src/ooxml/zip-writer";

describe("a zip written as it is made", () => {
  it("holds every entry with its bytes and CRC, in the order added, whatever order they were finished in", async () => {
    const zip = new ZipWriter();
    const late = zip.entry("[Content_Types].xml");
    const big = zip.entry("word/document.xml", 1);
    const block = new Uint8Array(1 << 16);
    const expected: number[] = [];
    for (let i = 0; i < 40; i++) {
      // The same buffer each time, changed between pushes: each push is taken as it was then.
      block.fill(i % 7);
      new TextEncoder().encodeInto(`第${i}封`, block);
      big.push(block);
      expected.push(...block);
    }
    big.end();
    zip.file("stored/a.docx", new Uint8Array([80, 75, 3, 4, 1, 2, 3]), 0);
    late.push("<Types/>");
    late.end();
    const bytes = zip.finish();

    const read = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual(["[Content_Types].xml", "word/document.xml", "stored/a.docx"]);
    expect(await read.file("[Content_Types].xml")?.async("string")).toBe("<Types/>");
    const body = await read.file("word/document.xml")?.async("uint8array");
    expect(body?.length).toBe(expected.length);
    expect(Buffer.from(body ?? []).equals(Buffer.from(expected))).toBe(true);
    expect([...((await read.file("stored/a.docx")?.async("uint8array")) ?? [])]).toEqual([
      80, 75, 3, 4, 1, 2, 3,
    ]);
  });

  it("a stored entry keeps what was pushed, not what the buffer later holds", async () => {
    const zip = new ZipWriter();
    const entry = zip.entry("a.bin", 0);
    const buffer = new Uint8Array([1, 2, 3]);
    entry.push(buffer);
    buffer.fill(9);
    entry.push(buffer);
    entry.end();
    const read = await JSZip.loadAsync(zip.finish(), { checkCRC32: true });
    expect([...((await read.file("a.bin")?.async("uint8array")) ?? [])]).toEqual([1, 2, 3, 9, 9, 9]);
  });

  it("names outside ASCII come back as they were", async () => {
    const zip = new ZipWriter();
    zip.file("诉讼材料-2-2-402-冯志强/01-起诉状草稿.docx", "x", 0);
    const read = await JSZip.loadAsync(zip.finish());
    expect(Object.keys(read.files)).toContain("诉讼材料-2-2-402-冯志强/01-起诉状草稿.docx");
  });

  it("refuses to finish with an entry left open, and to push into an ended one", () => {
    const zip = new ZipWriter();
    const open = zip.entry("open.xml");
    open.push("<a/>");
    expect(() => zip.finish()).toThrow(/unfinished/);
    const other = new ZipWriter().entry("x.xml");
    other.end();
    expect(() => other.push("more")).toThrow(/ended/);
  });
});
