/**
 * Strict UTF-8: text the client sent is decoded as exactly the bytes it sent, or refused. Node's decoders
 * replace ill-formed sequences with U+FFFD, which would store characters the client never sent; here they
 * are 400 MALFORMED_ENCODING naming the field and the offset of the first bad byte.
 */
import { isUtf8 } from 'node:buffer';
import { HttpError } from '../errors';

/** Second-byte range of a lead byte (Unicode 15 Table 3-7), continuation bytes after it are 80..BF. */
function sequence(lead: number): { length: number; min: number; max: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, min: 0x80, max: 0xbf };
  if (lead === 0xe0) return { length: 3, min: 0xa0, max: 0xbf };
  if (lead === 0xed) return { length: 3, min: 0x80, max: 0x9f }; // no UTF-16 surrogates
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, min: 0x80, max: 0xbf };
  if (lead === 0xf0) return { length: 4, min: 0x90, max: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, min: 0x80, max: 0xbf };
  if (lead === 0xf4) return { length: 4, min: 0x80, max: 0x8f }; // nothing above U+10FFFF
  return undefined;
}

/** Offset of the first byte of the first ill-formed sequence, or -1 when `bytes` is well-formed UTF-8. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const s = sequence(lead);
    if (s === undefined || i + s.length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < s.min || second > s.max) return i;
    for (let k = 2; k < s.length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += s.length;
  }
  return -1;
}

export function malformedUtf8(field: string, offset: number): HttpError {
  const message = `is not valid UTF-8 (first bad byte at offset ${offset})`;
  return HttpError.of('MALFORMED_ENCODING', `${field} ${message}`, [{ field, message }]);
}

/** The text of `bytes`, or 400 MALFORMED_ENCODING naming `field` and the offset. */
export function decodeUtf8(bytes: Buffer, field: string): string {
  const offset = invalidUtf8Offset(bytes);
  if (offset !== -1) throw malformedUtf8(field, offset);
  return bytes.toString('utf8');
}
