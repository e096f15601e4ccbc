/**
 * msgpack values as go-doudou's Go decoder reads them into node metadata fields: text from str or bin, any
 * integer width, go-doudou's forms of a time, and free-form `data` values. A value of a type Go would refuse
 * throws WrongType, which makes the whole meta unusable (as it would for Go).
 */
import { decodeTimestampToTimeSpec } from '@msgpack/msgpack';
import type { MetaValue } from './node-meta';

const utf8 = new TextDecoder();

/** A field present with a type Go's decoder would refuse: the whole meta is unusable. */
export class WrongType extends Error {}

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);
}

/** str/bin → text; nil/absent → undefined. */
export function asText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Uint8Array) return utf8.decode(v);
  if (typeof v === 'string') return v;
  throw new WrongType('text');
}

/** Any msgpack integer width (docs/gossip-wire-format.md#encoding-conventions); nil/absent → undefined. */
export function asInt(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  throw new WrongType('integer');
}

/**
 * go-doudou's registerAt (docs/gossip-wire-format.md#node-metadata): nil; a str/bin holding the 4/8/12-byte msgpack timestamp payload (what
 * go-msgpack v1.1.5 writes); the proper timestamp extension (decoded to Date by the library); or, leniently,
 * ISO text. Sub-millisecond precision is dropped.
 */
export function asTime(v: unknown): Date | undefined {
  if (v === undefined || v === null) return undefined;
  let date: Date | undefined;
  if (v instanceof Date) date = v;
  else if (v instanceof Uint8Array && (v.length === 4 || v.length === 8 || v.length === 12)) {
    const { sec, nsec } = decodeTimestampToTimeSpec(v);
    date = new Date(sec * 1000 + Math.floor(nsec / 1e6));
  } else if (v instanceof Uint8Array) date = new Date(utf8.decode(v));
  if (!date || Number.isNaN(date.getTime())) throw new WrongType('registerAt');
  return date;
}

/** Custom data values as JSON-like values: byte strings become text, timestamps ISO text, extensions dropped to null. */
export function toMetaValue(v: unknown): MetaValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Uint8Array) return utf8.decode(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Array.isArray(v)) return v.map(toMetaValue);
  if (isMap(v)) {
    const out: Record<string, MetaValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toMetaValue(x);
    return out;
  }
  return null;
}
