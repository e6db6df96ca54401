import fc from "fast-check";
import { normalizeRoom } from "../../../src/core/campaign/record";

describe("a room as the record writes it", () => {
  it("is the same key however it is written", () => {
    for (const written of [
      "1-2-301",
      "1栋2单元301室",
      "１－２－３０１",
      "1#2-301",
      "1 栋 2 单元 301",
      "1/2/301",
    ])
      expect([written, normalizeRoom(written)]).toEqual([written, "1-2-301"]);
    expect(normalizeRoom("A座-1201")).toBe("a-1201");
  });

  it("a plain room (taken as its own key) gets the key the full normalisation gives it", () => {
    const plain = fc
      .array(fc.stringMatching(/^[0-9a-z]{1,5}$/), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join("-"));
    // "室" at the end sends the text through the full normalisation, which drops it.
    fc.assert(fc.property(plain, (room) => normalizeRoom(room) === normalizeRoom(`${room}室`)));
  });
});
