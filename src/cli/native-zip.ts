import * as zlib from "zlib";
import { crc32 } from "../ooxml/zip-check";
import { NativeZip } from "../ooxml/zip-package";

/** Node's zlib for the package layer: deflate and CRC-32 in C (zlib.crc32 is Node 20.15 and later). */
export const NODE_ZIP: NativeZip = {
  deflateRaw: (bytes, level, last) =>
    zlib.deflateRawSync(bytes, {
      level,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
    }),
  crc32: typeof zlib.crc32 === "function" ? (crc, bytes) => zlib.crc32(bytes, crc) : crc32,
};
