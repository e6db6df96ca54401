import { Deflate, Inflate, deflateSync, inflateSync } from "fflate";
import { Utf8Builder } from "./utf8-blocks";
import { CentralEntry, LOCAL, ZipDamage, crc32, entryData, readCentralDirectory } from "./zip-check";

/** Deflate levels: 6 for what is kept (the output's size), 1 for a package only handed on in memory. */
export type DeflateLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** A part deflated as it was made: only its compressed bytes are held. */
export interface DeflatedPart {
  readonly chunks: readonly Uint8Array[];
  readonly crc: number;
  readonly size: number;
  readonly compressedSize: number;
}

/**
 * A platform's own zlib, where there is one (Node's, given by the command line): deflate and CRC-32 run some
 * twice as fast as fflate's JavaScript. The browser page and the pane use fflate.
 */
export interface NativeZip {
  /**
   * Raw deflate of `bytes`. With `last` false the output ends at a byte boundary without closing the stream
   * (a sync flush), so that the next call's output continues it; `last` closes it.
   */
  deflateRaw(bytes: Uint8Array, level: DeflateLevel, last: boolean): Uint8Array;
  crc32(crc: number, bytes: Uint8Array): number;
}

let native: NativeZip | null = null;

/** Deflates and checks with the platform's zlib from now on (null: fflate again). */
export function useNativeZip(zip: NativeZip | null): void {
  native = zip;
}

/** Bytes given to the platform's deflate at a time: independent blocks cost a few bytes each. */
const NATIVE_BLOCK = 1 << 20;

/** A part's bytes deflated as they are pushed (each pushed array may be reused by the caller on return). */
export class PartDeflater {
  private readonly chunks: Uint8Array[] = [];
  private crc = 0;
  private size = 0;
  private compressedSize = 0;
  private readonly deflate: Deflate | null;
  private readonly native: NativeZip | null = native;
  private pending: Uint8Array | null = null;
  private pendingSize = 0;

  constructor(private readonly level: DeflateLevel = 6) {
    this.deflate = this.native ? null : new Deflate({ level }, (chunk) => this.out(chunk));
  }

  private out(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.compressedSize += chunk.length;
  }

  push(bytes: Uint8Array): void {
    this.size += bytes.length;
    if (this.deflate) {
      this.crc = crc32(this.crc, bytes);
      this.deflate.push(bytes, false);
      return;
    }
    const zip = this.native as NativeZip;
    this.crc = zip.crc32(this.crc, bytes);
    // Gathered into blocks of a megabyte, each deflated on its own: the window starts afresh at each.
    for (let at = 0; at < bytes.length;) {
      this.pending ??= new Uint8Array(NATIVE_BLOCK);
      const take = Math.min(bytes.length - at, NATIVE_BLOCK - this.pendingSize);
      this.pending.set(bytes.subarray(at, at + take), this.pendingSize);
      this.pendingSize += take;
      at += take;
      if (this.pendingSize === NATIVE_BLOCK) {
        this.out(zip.deflateRaw(this.pending, this.level, false));
        this.pendingSize = 0;
      }
    }
  }

  finish(): DeflatedPart {
    if (this.deflate) this.deflate.push(new Uint8Array(0), true);
    else {
      const rest = this.pending ? this.pending.subarray(0, this.pendingSize) : new Uint8Array(0);
      this.out((this.native as NativeZip).deflateRaw(rest, this.level, true));
      this.pending = null;
    }
    return { chunks: this.chunks, crc: this.crc, size: this.size, compressedSize: this.compressedSize };
  }
}

/** A part written as text and deflated as it is written (a sheet, a document's body): only its compressed bytes are held. */
export class DeflatedText extends Utf8Builder {
  private readonly deflater: PartDeflater;

  constructor(level: DeflateLevel = 6) {
    const deflater = new PartDeflater(level);
    super((bytes) => deflater.push(bytes));
    this.deflater = deflater;
  }

  /** The part's compressed bytes; nothing can be pushed after. */
  finish(): DeflatedPart {
    this.flush();
    return this.deflater.finish();
  }
}

type Source =
  /** An entry of the file read, kept compressed: copied as it is unless the run changes it. */
  | { readonly kind: "zip"; readonly entry: CentralEntry; readonly data: Uint8Array }
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  /** Kept as they are, not deflated: a .docx inside a .zip is compressed already. */
  | { readonly kind: "stored"; readonly bytes: Uint8Array }
  | { readonly kind: "deflated"; readonly part: DeflatedPart };

/** Compressed bytes pushed to the inflater at a time: a part that lies about its size is stopped within a few MB. */
const INFLATE_STEP = 1 << 16;
/** Most bytes a part may inflate to when the package was not checked whole first (checkEntries). */
const DEFAULT_PART_LIMIT = 200 * 1024 * 1024;

/**
 * A .xlsx package (a zip) on fflate, without Node APIs (the browser page runs it): entries are read from the
 * central directory and inflated only when asked for, their size and CRC-32 checked; a save copies every entry the
 * run did not change as its original compressed bytes and deflates only the changed and new parts.
 */
export class ZipPackage {
  private entries = new Map<string, Source>();
  /** Entries inflated once and found as declared: read again straight into an array of their size. */
  private readonly checked = new Set<Source>();
  /** Bytes kept from checking (the XML parts, read right after) and texts read, until `release`. */
  private readonly kept = new Map<Source, Uint8Array>();
  private readonly texts = new Map<Source, string>();
  private keeping = false;

  private constructor() {}

  /** Throws ZipFormatError when the bytes are not a zip this reader reads. */
  static read(bytes: Uint8Array): ZipPackage {
    const pkg = new ZipPackage();
    for (const entry of readCentralDirectory(bytes))
      pkg.entries.set(entry.name, { kind: "zip", entry, data: entryData(bytes, entry) });
    return pkg;
  }

  static empty(): ZipPackage {
    return new ZipPackage();
  }

  /** Every name, folders included, in order. */
  allNames(): string[] {
    return [...this.entries.keys()];
  }

  /** The files' names (not folders), in order. */
  names(): string[] {
    return [...this.entries].filter(([, s]) => !(s.kind === "zip" && s.entry.dir)).map(([n]) => n);
  }

  isDir(name: string): boolean {
    const source = this.entries.get(name);
    return source?.kind === "zip" && source.entry.dir;
  }

  /** Whether a file (not a folder) of that name is in the package. */
  has(name: string): boolean {
    const source = this.entries.get(name);
    return source !== undefined && !(source.kind === "zip" && source.entry.dir);
  }

  /** The size an entry of the file declares (0 for the run's own parts). */
  declaredSize(name: string): number {
    const source = this.entries.get(name);
    return source?.kind === "zip" ? source.entry.size : 0;
  }

  /** From now until `release`, texts read are kept, and checking keeps the bytes of the XML parts. */
  keep(): void {
    this.keeping = true;
  }

  release(): void {
    this.keeping = false;
    this.kept.clear();
    this.texts.clear();
  }

  /**
   * Inflates an entry of the file once, stopping as soon as it passes `limit` bytes; returns how many bytes it
   * made (more than `limit` when stopped). Throws ZipDamage when it cannot be unpacked, unpacks to a size other
   * than the declared one, or fails its CRC-32.
   */
  check(name: string, limit: number): number {
    const source = this.entries.get(name);
    if (!source || source.kind !== "zip" || source.entry.dir || this.checked.has(source)) return 0;
    const keep = this.keeping && /\.(xml|rels)$/i.test(name);
    const result = this.inflateChecked(name, source, limit, keep);
    if (result.size <= limit && result.bytes) this.kept.set(source, result.bytes);
    return result.size;
  }

  private inflateChecked(
    name: string,
    source: Extract<Source, { kind: "zip" }>,
    limit: number,
    keep: boolean,
  ): { size: number; bytes: Uint8Array | null } {
    const { entry, data } = source;
    if (entry.size > limit) return { size: entry.size, bytes: null };
    const out = keep ? new Uint8Array(entry.size) : null;
    let size = 0;
    let crc = 0;
    const take = (chunk: Uint8Array) => {
      if (size > limit) return;
      if (out && size + chunk.length <= out.length) out.set(chunk, size);
      size += chunk.length;
      if (size <= limit) crc = crc32(crc, chunk);
    };
    if (entry.method === 0) take(data);
    else {
      const inflater = new Inflate(take);
      try {
        for (let at = 0; at < data.length && size <= limit; at += INFLATE_STEP)
          inflater.push(data.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= data.length);
      } catch {
        throw new ZipDamage(`the part ${name} cannot be unpacked`);
      }
    }
    if (size > limit) return { size, bytes: null };
    if (size !== entry.size)
      throw new ZipDamage(`the part ${name} unpacks to a size other than the one the file declares`);
    if (crc !== entry.crc) throw new ZipDamage(`the part ${name} fails its checksum (CRC-32)`);
    this.checked.add(source);
    return { size, bytes: out };
  }

  /** A file's bytes (not to be changed: they may be the package's own), or null when there is none. */
  bytes(name: string): Uint8Array | null {
    const source = this.entries.get(name);
    if (!source || (source.kind === "zip" && source.entry.dir)) return null;
    if (source.kind === "bytes" || source.kind === "stored") return source.bytes;
    if (source.kind === "deflated") {
      const { part } = source;
      return inflateSync(join(part.chunks, part.compressedSize), { out: new Uint8Array(part.size) });
    }
    const kept = this.kept.get(source);
    if (kept) {
      this.kept.delete(source);
      return kept;
    }
    if (!this.checked.has(source)) {
      const { size, bytes } = this.inflateChecked(name, source, DEFAULT_PART_LIMIT, true);
      if (size > DEFAULT_PART_LIMIT || !bytes)
        throw new ZipDamage(`the part ${name} unpacks to more than ${DEFAULT_PART_LIMIT / 1024 / 1024} MB`);
      return bytes;
    }
    if (source.entry.method === 0) return source.data;
    return inflateSync(source.data, { out: new Uint8Array(source.entry.size) });
  }

  /** A file's text as UTF-8 (a byte-order mark kept), or null when there is none. */
  text(name: string): string | null {
    const source = this.entries.get(name);
    if (!source) return null;
    const known = this.texts.get(source);
    if (known !== undefined) return known;
    const bytes = this.bytes(name);
    if (bytes === null) return null;
    const text = utf8.decode(bytes);
    if (this.keeping) this.texts.set(source, text);
    return text;
  }

  /** Puts a part in (in place of one of that name, or last); text is written as UTF-8. */
  put(name: string, content: string | Uint8Array | DeflatedPart): void {
    const source: Source =
      typeof content === "string"
        ? { kind: "bytes", bytes: new TextEncoder().encode(content) }
        : content instanceof Uint8Array
          ? { kind: "bytes", bytes: content }
          : { kind: "deflated", part: content };
    this.entries.set(name, source);
  }

  /** Puts a part in that is stored as it is, not deflated (a document that is a zip itself; a folder's entry). */
  store(name: string, bytes: Uint8Array): void {
    this.entries.set(name, { kind: "stored", bytes });
  }

  remove(name: string): void {
    this.entries.delete(name);
  }

  /** Moves an entry to another name (last), its compressed bytes as they were. */
  rename(from: string, to: string): void {
    const source = this.entries.get(from);
    if (!source) return;
    this.entries.delete(from);
    this.entries.delete(to);
    this.entries.set(to, source);
  }

  /** What the package holds now, to go back to with `restore`. */
  snapshot(): ReadonlyMap<string, unknown> {
    return new Map(this.entries);
  }

  restore(snapshot: ReadonlyMap<string, unknown>): void {
    this.entries = new Map(snapshot as ReadonlyMap<string, Source>);
  }

  /** The package as zip bytes: the file's entries copied compressed as they were, the run's parts deflated. */
  save(level: DeflateLevel = 6): Uint8Array {
    const pieces: Uint8Array[] = [];
    const central: Uint8Array[] = [];
    let offset = 0;
    const encoder = new TextEncoder();
    const now = dosDateTime(new Date());
    for (const [name, source] of this.entries) {
      const nameBytes = encoder.encode(name);
      let method: number;
      let crc: number;
      let size: number;
      let data: readonly Uint8Array[];
      let compressedSize: number;
      let time = now.time;
      let date = now.date;
      if (source.kind === "zip") {
        ({ method, crc, size, compressedSize, time, date } = source.entry);
        data = [source.data];
      } else if (source.kind === "deflated") {
        method = 8;
        ({ crc, size, compressedSize } = source.part);
        data = source.part.chunks;
      } else if (source.kind === "stored") {
        method = 0;
        crc = crc32(0, source.bytes);
        size = compressedSize = source.bytes.length;
        data = [source.bytes];
      } else {
        const bytes = source.bytes;
        const deflated = native ? native.deflateRaw(bytes, level, true) : deflateSync(bytes, { level });
        method = 8;
        crc = native ? native.crc32(0, bytes) : crc32(0, bytes);
        size = bytes.length;
        compressedSize = deflated.length;
        data = [deflated];
      }
      if (size > 0xfffffffe || compressedSize > 0xfffffffe || offset > 0xfffffffe)
        throw new Error(`zip part ${name} is too big to write`);
      // UTF-8 names are flagged (bit 11); sizes are in the header, so no data descriptor follows.
      const ascii = /^[\x20-\x7e]*$/.test(name);
      const flags = ascii ? 0 : 0x0800;
      const extra = ascii ? new Uint8Array(0) : unicodePath(nameBytes);
      const local = new Uint8Array(30 + nameBytes.length + extra.length);
      const lv = new DataView(local.buffer);
      lv.setUint32(0, LOCAL, true);
      lv.setUint16(4, 20, true);
      lv.setUint16(6, flags, true);
      lv.setUint16(8, method, true);
      lv.setUint16(10, time, true);
      lv.setUint16(12, date, true);
      lv.setUint32(14, crc, true);
      lv.setUint32(18, compressedSize, true);
      lv.setUint32(22, size, true);
      lv.setUint16(26, nameBytes.length, true);
      lv.setUint16(28, extra.length, true);
      local.set(nameBytes, 30);
      local.set(extra, 30 + nameBytes.length);
      const entry = new Uint8Array(46 + nameBytes.length + extra.length);
      const cv = new DataView(entry.buffer);
      cv.setUint32(0, 0x02014b50, true);
      cv.setUint16(4, 20, true);
      cv.setUint16(6, 20, true);
      cv.setUint16(8, flags, true);
      cv.setUint16(10, method, true);
      cv.setUint16(12, time, true);
      cv.setUint16(14, date, true);
      cv.setUint32(16, crc, true);
      cv.setUint32(20, compressedSize, true);
      cv.setUint32(24, size, true);
      cv.setUint16(28, nameBytes.length, true);
      cv.setUint16(30, extra.length, true);
      cv.setUint32(38, name.endsWith("/") ? 0x10 : 0, true);
      cv.setUint32(42, offset, true);
      entry.set(nameBytes, 46);
      entry.set(extra, 46 + nameBytes.length);
      pieces.push(local, ...data);
      central.push(entry);
      offset += local.length + compressedSize;
    }
    if (this.entries.size > 0xfffe) throw new Error("too many zip parts to write");
    const centralSize = central.reduce((n, e) => n + e.length, 0);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, this.entries.size, true);
    ev.setUint16(10, this.entries.size, true);
    ev.setUint32(12, centralSize, true);
    ev.setUint32(16, offset, true);
    return join([...pieces, ...central, end], offset + centralSize + end.length);
  }
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Info-ZIP's Unicode Path field (0x7075) for a name outside ASCII: the UTF-8 flag alone is not read by every
 * unzip (Debian's unzip shows such names garbled without it), the field is, as JSZip wrote it.
 */
function unicodePath(nameBytes: Uint8Array): Uint8Array {
  const field = new Uint8Array(9 + nameBytes.length);
  const view = new DataView(field.buffer);
  view.setUint16(0, 0x7075, true);
  view.setUint16(2, 5 + nameBytes.length, true);
  field[4] = 1;
  view.setUint32(5, crc32(0, nameBytes), true);
  field.set(nameBytes, 9);
  return field;
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0].length === size) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** MS-DOS time and date fields, in UTC as JSZip wrote them. */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((Math.max(1980, d.getUTCFullYear()) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}
