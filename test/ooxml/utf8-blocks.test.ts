import { Utf8Builder } from "../../src/ooxml/utf8-blocks";

/** A builder whose sink keeps a copy of every block, as a deflater does. */
function collecting(): { builder: Utf8Builder; handed: Buffer[] } {
  const handed: Buffer[] = [];
  return { builder: new Utf8Builder((bytes) => handed.push(Buffer.from(bytes))), handed };
}

describe("text built as UTF-8 blocks", () => {
  it("gives the bytes of the text pushed, across blocks, with pieces larger than a block", () => {
    const { builder, handed } = collecting();
    const pieces: string[] = ["<x>"];
    for (let i = 0; i < 200_000; i++) pieces.push(`<c r="A${i}"><t>陈晨${i}号 €😀</t></c>`);
    pieces.splice(1000, 0, "长".repeat(3_000_000));
    pieces.push("</x>");
    for (const p of pieces) builder.push(p);
    builder.flush();
    expect(Buffer.concat(handed).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
    // Flushed: what is pushed next is handed on afresh.
    handed.length = 0;
    builder.push("a");
    builder.flush();
    expect(Buffer.concat(handed).toString("utf8")).toBe("a");
  });

  it("hands on the bytes a block at a time, in order, and holds none of them", () => {
    const { builder, handed } = collecting();
    const pieces: string[] = [];
    for (let i = 0; i < 50_000; i++) pieces.push(`<w:t>陈晨${i}号 €😀</w:t>`);
    pieces.splice(100, 0, "长".repeat(500_000));
    for (const p of pieces) builder.push(p);
    builder.flush();
    expect(handed.length).toBeGreaterThan(5);
    expect(Buffer.concat(handed).equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
  });
});
