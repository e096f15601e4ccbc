/**
 * IP text ↔ the byte form memberlist puts in Addr / SourceAddr / Target (docs/gossip-wire-format.md#message-bodies alive).
 * Send IPv4 as 4 bytes (what Go does with an explicit advertise address), IPv6 as 16; accept 4 bytes,
 * 16 bytes, and IPv4-mapped 16 bytes (`::ffff:a.b.c.d`, sent by Go nodes that auto-detect their address).
 *
 * go-doudou's fork (docs/gossip-wire-format.md#the-go-doudou-fork) writes the address as text instead; `AddressEncoding` 'text' selects that.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { WireDecodeError, WireEncodeError } from './errors';

/** 'ip-bytes' = hashicorp memberlist, Serf, Consul; 'text' = go-doudou's memberlist fork (docs/gossip-wire-format.md#the-go-doudou-fork). */
export type AddressEncoding = 'ip-bytes' | 'text';

/** Options shared by every encoder/decoder of message bodies. */
export interface CodecOptions {
  /** How address fields travel; default 'ip-bytes' (hashicorp). 'text' for go-doudou's fork (docs/gossip-wire-format.md#the-go-doudou-fork). */
  addrEncoding?: AddressEncoding;
}

const utf8Enc = new TextEncoder();
const utf8Dec = new TextDecoder('utf-8');

function ipv4Bytes(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map((p) => Number(p)));
}

function ipv6Bytes(text: string): Uint8Array {
  const zone = text.indexOf('%');
  let s = zone >= 0 ? text.slice(0, zone) : text;
  const out = new Uint8Array(16);
  // An embedded dotted IPv4 tail occupies the last two groups.
  let tail: Uint8Array | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) >= 0) {
    tail = ipv4Bytes(s.slice(lastColon + 1));
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = s.includes('::') ? s.split('::') : [s, undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups =
    rest === undefined
      ? headGroups
      : [...headGroups, ...new Array<string>(8 - headGroups.length - restGroups.length).fill('0'), ...restGroups];
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  if (tail !== undefined) out.set(tail, 12);
  return out;
}

function isV4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

/** Address text → wire bytes; '' → undefined (a nil byte slice). */
export function encodeAddress(text: string, encoding: AddressEncoding = 'ip-bytes'): Uint8Array | undefined {
  if (text === '') return undefined;
  if (encoding === 'text') return utf8Enc.encode(text);
  if (isIPv4(text)) return ipv4Bytes(text);
  if (isIPv6(text)) {
    const b = ipv6Bytes(text);
    return isV4Mapped(b) ? b.slice(12) : b;
  }
  throw new WireEncodeError('BAD_ADDRESS', `not an IP address: '${text}'`);
}

/** Wire bytes → address text; nil/empty → ''. Wrong length in 'ip-bytes' mode → BAD_VALUE. */
export function decodeAddress(bytes: Uint8Array | undefined, encoding: AddressEncoding = 'ip-bytes'): string {
  if (bytes === undefined || bytes.length === 0) return '';
  if (encoding === 'text') return utf8Dec.decode(bytes);
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.length === 16) {
    if (isV4Mapped(bytes)) return bytes.subarray(12).join('.');
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
    return compressIPv6(groups);
  }
  throw new WireDecodeError('BAD_VALUE', `address of ${bytes.length} bytes (expected 4 or 16)`);
}

/** RFC 5952 text: the longest run (≥ 2) of zero groups becomes '::'. */
function compressIPv6(groups: string[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLen).join(':')}`;
}
