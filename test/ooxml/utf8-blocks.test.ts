import { Utf8Builder } from "../../src/ooxml/utf8-blocks";

describe("text built as UTF-8 blocks", () => {
  it("gives the bytes of the text pushed, across blocks, with pieces larger than a block", () => {
    const builder = new Utf8Builder();
    const pieces: string[] = [];
    for (let i = 0; i < 200_000; i++) pieces.push(`<c r="A${i}"><t>陈晨${i}号 €😀</t></c>`);
    pieces.splice(1000, 0, "长".repeat(3_000_000));
    for (const p of pieces) builder.push(p);
    const bytes = builder.toBytes("<x>", "</x>");
    expect(Buffer.from(bytes).equals(Buffer.from(`<x>${pieces.join("")}</x>`, "utf8"))).toBe(true);
    // Emptied: the next use starts afresh.
    builder.push("a");
    expect(new TextDecoder().decode(builder.toBytes())).toBe("a");
  });
});

describe("text built into a sink", () => {
  it("hands on the same bytes a block at a time, in order, and holds none of them", () => {
    const handed: Buffer[] = [];
    // The sink must be done with a block on return: it gets a copy here, as a deflater makes one.
    const builder = new Utf8Builder((bytes) => handed.push(Buffer.from(bytes)));
    const pieces: string[] = [];
    for (let i = 0; i < 50_000; i++) pieces.push(`<w:t>陈晨${i}号 €😀</w:t>`);
    pieces.splice(100, 0, "长".repeat(500_000));
    for (const p of pieces) builder.push(p);
    builder.flush();
    expect(handed.length).toBeGreaterThan(5);
    expect(Buffer.concat(handed).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
    expect(() => builder.toBytes()).toThrow(/sink/);
  });
});
