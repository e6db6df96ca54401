/**
 * Text built piece by piece as UTF-8 bytes, handed on a block at a time: a 400 MB part (the letters of 30,000
 * households, the notices sheet of 100,000) never exists as one JavaScript string, which would take twice its size
 * in memory, nor as a list of strings and their join besides. Each piece is encoded straight into a block of bytes
 * (`encodeInto`): joining a million small strings and encoding the result was most of the time of writing a big
 * part (a profile at 100,000 households: 25 s of 150 s; encoding piece by piece is about ten times sooner).
 */
export class Utf8Builder {
  private static readonly encoder = new TextEncoder();
  private readonly block = new Uint8Array(1 << 18);
  private at = 0;

  /** `sink` gets each full block and must be done with it on return (a deflater copies it): the block is reused. */
  constructor(private readonly sink: (bytes: Uint8Array) => void) {}

  push(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.block.length - this.at < text.length * 3) {
      this.flush();
      if (text.length * 3 > this.block.length) {
        this.sink(Utf8Builder.encoder.encode(text));
        return;
      }
    }
    this.at += Utf8Builder.encoder.encodeInto(text, this.block.subarray(this.at)).written;
  }

  /** Hands the sink what is left. */
  flush(): void {
    if (this.at === 0) return;
    this.sink(this.block.subarray(0, this.at));
    this.at = 0;
  }
}
