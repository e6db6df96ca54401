import type JSZip from "jszip";

/**
 * Checks of a zip that do not trust what it declares: the names in its central directory (a name twice means two
 * different parts could be read for one), and each entry inflated once — the bytes actually produced counted
 * against a budget, stopped as soon as it is passed, and their CRC-32 compared with the one stored.
 */

/** Why a zip is refused, in words for the message after the file name. */
export class ZipDamage extends Error {}

/** The file names of the zip's central directory, in order (null when it cannot be found, or is zip64). */
export function centralDirectoryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) return null;
  const names: string[] = [];
  const decoder = new TextDecoder("utf-8");
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)).replace(/\\/g, "/"));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Names that occur more than once in the central directory. */
export function duplicateNames(bytes: Uint8Array): string[] {
  const names = centralDirectoryNames(bytes) ?? [];
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (seen.has(key)) twice.add(name);
    seen.add(key);
  }
  return [...twice];
}

let CRC_TABLE: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (CRC_TABLE) return CRC_TABLE;
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  CRC_TABLE = table;
  return table;
}

/** CRC-32 (as zip uses it) continued over one more chunk; start from 0. */
export function crc32(crc: number, chunk: Uint8Array): number {
  const table = crcTable();
  let c = ~crc;
  for (let i = 0; i < chunk.length; i++) c = table[(c ^ chunk[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

interface CompressedData {
  readonly crc32?: number;
  readonly uncompressedSize?: number;
}

interface ChunkStream {
  on(event: "data", fn: (chunk: Uint8Array) => void): ChunkStream;
  on(event: "error", fn: (error: unknown) => void): ChunkStream;
  on(event: "end", fn: () => void): ChunkStream;
  resume(): ChunkStream;
  pause(): ChunkStream;
}

export interface InflateBudget {
  /** Most bytes one entry may inflate to. */
  readonly part: number;
  /** Most bytes all entries together may inflate to. */
  readonly total: number;
}

/**
 * Inflates every entry once, counting the bytes produced and checking each against its stored CRC-32 and declared
 * size. Throws ZipDamage naming the entry, or returns "budget" (with the entry) as soon as the budget is passed.
 */
export async function checkEntries(
  zip: JSZip,
  budget: InflateBudget,
): Promise<{ over: "part" | "total"; entry: string } | null> {
  let total = 0;
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    const data = (entry as unknown as { _data?: CompressedData })._data;
    // An entry put in by a repair holds its bytes already: nothing declared to check against.
    if (!data || typeof data.crc32 !== "number") continue;
    let size = 0;
    let crc = 0;
    let over: "part" | "total" | null = null;
    await new Promise<void>((resolve, reject) => {
      let stream: ChunkStream;
      try {
        stream = (entry as unknown as { internalStream(type: string): ChunkStream }).internalStream(
          "uint8array",
        );
      } catch {
        reject(new ZipDamage(`the part ${name} cannot be unpacked`));
        return;
      }
      let done = false;
      stream
        .on("data", (chunk) => {
          if (done) return;
          size += chunk.length;
          total += chunk.length;
          if (size > budget.part || total > budget.total) {
            over = size > budget.part ? "part" : "total";
            done = true;
            stream.pause();
            resolve();
            return;
          }
          crc = crc32(crc, chunk);
        })
        .on("error", (error) => {
          if (done) return;
          done = true;
          const mismatch = error instanceof Error && /size mismatch/.test(error.message);
          reject(
            new ZipDamage(
              mismatch
                ? `the part ${name} unpacks to a size other than the one the file declares`
                : `the part ${name} cannot be unpacked`,
            ),
          );
        })
        .on("end", () => {
          if (done) return;
          done = true;
          resolve();
        })
        .resume();
    });
    if (over) return { over, entry: name };
    if (size !== data.uncompressedSize)
      throw new ZipDamage(`the part ${name} unpacks to a size other than the one the file declares`);
    if (crc !== data.crc32 >>> 0) throw new ZipDamage(`the part ${name} fails its checksum (CRC-32)`);
  }
  return null;
}
