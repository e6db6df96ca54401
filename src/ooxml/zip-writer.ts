import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from "fflate";

/** Deflate levels (0 stores): the big generated parts fast, the small ones small. */
export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export const FAST: DeflateLevel = 1;
export const SMALL: DeflateLevel = 6;

/** An entry whose bytes are pushed as they are made, deflated as they come. */
export interface ZipEntry {
  push(content: string | Uint8Array): void;
  end(): void;
}

/**
 * A .zip written as it is made (fflate): a part pushed a block at a time is deflated block by block, so a
 * 400 MB document never exists uncompressed in memory — only the compressed archive grows. Entries come out in the
 * order they were added; an entry added before another is finished waits (compressed) for it. No Node APIs: the
 * pane and the browser page use it too.
 */
export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private failure: Error | null = null;
  private done = false;
  private readonly zip = new Zip((error, data, final) => {
    if (error) {
      this.failure = error;
      return;
    }
    this.chunks.push(data);
    this.size += data.length;
    if (final) this.done = true;
  });

  /** An entry to push bytes into; `level` 0 stores them (a .docx inside a .zip is deflated already). */
  entry(name: string, level: DeflateLevel = SMALL): ZipEntry {
    const file = level === 0 ? new ZipPassThrough(name) : new ZipDeflate(name, { level });
    this.zip.add(file);
    let ended = false;
    return {
      push: (content) => {
        if (ended) throw new Error(`zip entry ${name} is already ended`);
        // A deflater copies what it is given before returning; a stored entry keeps it, so it gets a copy: either
        // way the caller may reuse its buffer.
        const bytes =
          typeof content === "string" ? strToU8(content) : level === 0 ? content.slice() : content;
        file.push(bytes, false);
      },
      end: () => {
        if (ended) return;
        ended = true;
        file.push(new Uint8Array(0), true);
      },
    };
  }

  /** A whole entry at once. */
  file(name: string, content: string | Uint8Array, level: DeflateLevel = SMALL): void {
    const entry = this.entry(name, level);
    entry.push(content);
    entry.end();
  }

  /** The archive's bytes; every entry must be ended. */
  finish(): Uint8Array {
    this.zip.end();
    if (this.failure) throw this.failure;
    if (!this.done) throw new Error("zip entries were left unfinished");
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    this.chunks.length = 0;
    return out;
  }
}
