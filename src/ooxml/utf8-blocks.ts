/**
 * Text built piece by piece and kept as UTF-8 bytes: a 400 MB part (the letters of 30,000 households, the notices
 * sheet of 100,000) never exists as one JavaScript string, which would take twice its size in memory, nor as a
 * list of strings and their join besides. Each piece is encoded straight into a block of bytes (`encodeInto`):
 * joining a million small strings and encoding the result was most of the time of writing a big part (a profile
 * at 100,000 households: 25 s of 150 s; encoding piece by piece is about ten times sooner).
 */
export class Utf8Builder {
  private static readonly encoder = new TextEncoder();
  private static readonly BLOCK = 1 << 22;
  private readonly chunks: Uint8Array[] = [];
  private block: Uint8Array;
  private at = 0;
  private size = 0;

  /**
   * With a `sink`, each full block is handed to it (which must be done with it on return: a deflater copying
   * it) and the block is used again: the text is never held whole. `flush` hands it the rest.
   */
  constructor(private readonly sink?: (bytes: Uint8Array) => void) {
    this.block = new Uint8Array(sink ? 1 << 18 : Utf8Builder.BLOCK);
  }

  push(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.block.length - this.at < text.length * 3) {
      this.seal();
      if (text.length * 3 > this.block.length) {
        const bytes = Utf8Builder.encoder.encode(text);
        if (this.sink) this.sink(bytes);
        else this.chunks.push(bytes);
        this.size += bytes.length;
        return;
      }
    }
    this.at += Utf8Builder.encoder.encodeInto(text, this.block.subarray(this.at)).written;
  }

  private seal(): void {
    if (this.at === 0) return;
    if (this.sink) {
      this.sink(this.block.subarray(0, this.at));
      this.size += this.at;
      this.at = 0;
      return;
    }
    this.chunks.push(this.block.subarray(0, this.at));
    this.size += this.at;
    this.block = new Uint8Array(Utf8Builder.BLOCK);
    this.at = 0;
  }

  /** Hands what is left to the sink. */
  flush(): void {
    this.seal();
  }

  /** The bytes so far, as one array, between `before` and `after`; the builder is emptied. */
  toBytes(before = "", after = ""): Uint8Array {
    if (this.sink) throw new Error("a builder with a sink has handed its bytes on");
    this.seal();
    const head = Utf8Builder.encoder.encode(before);
    const tail = Utf8Builder.encoder.encode(after);
    const out = new Uint8Array(head.length + this.size + tail.length);
    out.set(head, 0);
    let at = head.length;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    this.chunks.length = 0;
    out.set(tail, at);
    this.size = 0;
    return out;
  }
}
