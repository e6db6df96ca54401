/**
 * Text built piece by piece and kept as UTF-8 bytes, encoded a block at a time: a 400 MB part (the letters of
 * 30,000 households, the notices sheet of 100,000) never exists as one JavaScript string, which would take twice
 * its size in memory, nor as a list of strings and their join besides.
 */
export class Utf8Builder {
  private static readonly encoder = new TextEncoder();
  private static readonly BLOCK = 1 << 20;
  private readonly chunks: Uint8Array[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private size = 0;

  push(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= Utf8Builder.BLOCK) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = Utf8Builder.encoder.encode(this.pending.join(""));
    this.chunks.push(bytes);
    this.size += bytes.length;
    this.pending = [];
    this.pendingLength = 0;
  }

  /** The bytes so far, as one array, between `before` and `after`; the builder is emptied. */
  toBytes(before = "", after = ""): Uint8Array {
    this.flush();
    const head = Utf8Builder.encoder.encode(before);
    const tail = Utf8Builder.encoder.encode(after);
    const out = new Uint8Array(head.length + this.size + tail.length);
    out.set(head, 0);
    let at = head.length;
    while (this.chunks.length > 0) {
      const chunk = this.chunks.shift() as Uint8Array;
      out.set(chunk, at);
      at += chunk.length;
    }
    out.set(tail, at);
    this.size = 0;
    return out;
  }
}
