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
