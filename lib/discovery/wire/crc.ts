/**
 * CRC-32 (IEEE, poly 0xEDB88320) as used by hasCrc (12) packets (docs/gossip-wire-format.md#crc).
 * Node ≥ 20.15 has zlib.crc32; older runtimes get a table implementation with identical results.
 */
import * as zlib from 'node:zlib';

let table: Uint32Array | undefined;

/** Table-driven CRC-32, used only when zlib.crc32 is missing. Exported for tests. */
export function crc32Table(data: Uint8Array): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const native: ((data: Uint8Array) => number) | undefined =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data: Uint8Array) => (zlib as unknown as { crc32(d: Uint8Array): number }).crc32(data) >>> 0
    : undefined;

/** CRC-32 IEEE of the bytes, as an unsigned 32-bit number. */
export function crc32(data: Uint8Array): number {
  return native !== undefined ? native(data) : crc32Table(data);
}
