/**
 * Draws the add-in's ribbon and store icons (assets/icon-16.png … icon-128.png): a ledger page with a red
 * "overdue" bar, in plain RGBA, encoded as PNG with Node's zlib. Run: npx ts-node --transpile-only scripts/make-icons.ts
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

const SIZES = [16, 32, 64, 80, 128];

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const at = y * (size * 4 + 1) + 1 + x * 4;
      raw[at] = r;
      raw[at + 1] = g;
      raw[at + 2] = b;
      raw[at + 3] = a;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function icon(size: number): Buffer {
  const u = size / 16;
  return png(size, (x, y) => {
    const fx = x / u;
    const fy = y / u;
    const page = fx >= 2 && fx < 14 && fy >= 1 && fy < 15;
    if (!page) return [0, 0, 0, 0];
    const border = fx < 2.9 || fx >= 13.1 || fy < 1.9 || fy >= 14.1;
    if (border) return [0x1f, 0x4e, 0x79, 255];
    const overdue = fy >= 10 && fy < 12 && fx >= 4 && fx < 12;
    if (overdue) return [0xc0, 0x39, 0x2b, 255];
    const line = (fy >= 4 && fy < 5) || (fy >= 7 && fy < 8);
    if (line && fx >= 4 && fx < 12) return [0x2e, 0x75, 0xb6, 255];
    return [255, 255, 255, 255];
  });
}

for (const size of SIZES) {
  fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${size}.png`), icon(size));
}
console.log(`wrote ${SIZES.map((s) => `assets/icon-${s}.png`).join(", ")}`);
