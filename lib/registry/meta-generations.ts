/**
 * go-doudou's three generations of node metadata (docs/gossip-wire-format.md#meta-generations): v2's NodeMeta
 * (node-meta.ts), and the single-service `{_meta: {…}, data}` of v1 — msgpack from v1.0.5 to v1.3.7, JSON from
 * v0.5.6 to v1.0.0. Every generation is read, always, into the same NodeMeta; which one this node writes is
 * GDD_MEM_META_FORMAT (docs/go-doudou-differences.md#meta-generations). What a peer's meta is, when it is not
 * v2, is described for the one warning the registry logs about that node.
 */
import type { MetaFormat } from '../config/types';
import { asInt, asText, asTime, isMap, toMetaValue } from './meta-values';
import { decodeMetaMsgpack, decodeNodeMeta, encodeMetaValue, encodeNodeMeta, invalid, type MetaValue, type NodeMeta } from './node-meta';
import { plainServiceName, registeredName } from './registry-instance';
import { NodeMetaTooLargeError } from './registry-errors';
import { META_MAX_SIZE } from '../config/gossip-options';

/** What this node writes: go-doudou v2 (default), v1.0.5–v1.3.7 (msgpack `_meta`) or v0.5.6–v1.0.0 (JSON `_meta`). */
export type { MetaFormat };
export const META_FORMATS: readonly MetaFormat[] = ['v2', 'v1-msgpack', 'v1-json'];

/** What a peer's meta turned out to be. */
export type MetaKind = MetaFormat | 'empty' | 'unknown';

export interface ReadMeta {
  readonly kind: MetaKind;
  /** The services it lists, whatever the generation; undefined for empty or unknown meta. */
  readonly meta?: NodeMeta;
}

/** Which go-doudou versions write each format (for messages and docs). */
export const META_FORMAT_ORIGIN: Readonly<Record<MetaFormat, string>> = {
  v2: 'go-doudou v2 NodeMeta (msgpack)',
  'v1-msgpack': 'go-doudou v1.0.5–v1.3.7 meta (msgpack {_meta…})',
  'v1-json': 'go-doudou v0.5.6–v1.0.0 meta (JSON {"_meta"…})',
};

/** Reads a peer's meta in any generation. Never throws. */
export function readNodeMeta(buf: Uint8Array): ReadMeta {
  if (buf.length === 0) return { kind: 'empty' };
  if (buf[0] === 0x7b) {
    const json = parseJson(buf);
    if (isMap(json) && isMap(json._meta)) {
      const meta = fromV1(json._meta, json.data, jsonTime);
      return meta ? { kind: 'v1-json', meta } : { kind: 'unknown' };
    }
  }
  const raw = decodeMetaMsgpack(buf);
  if (isMap(raw) && '_meta' in raw) {
    const meta = isMap(raw._meta) ? fromV1(raw._meta, raw.data, asTime) : undefined;
    return meta ? { kind: 'v1-msgpack', meta } : { kind: 'unknown' };
  }
  const meta = decodeNodeMeta(buf);
  return meta ? { kind: 'v2', meta } : { kind: 'unknown' };
}

/** Encodes this node's meta in `format`; v1 formats carry one REST service (META_INVALID otherwise). */
export function encodeMeta(meta: NodeMeta, format: MetaFormat): Uint8Array {
  if (format === 'v2') return encodeNodeMeta(meta);
  const services = meta.serviceInfo;
  if (services.length > 1 || services.some((s) => s.type !== 'rest')) {
    invalid(
      `in GDD_MEM_META_FORMAT=${format} carries one REST service per node (go-doudou v1 has no more); ` +
        `this node serves ${services.map((s) => s.name).join(', ')}`,
    );
  }
  const service = services[0];
  const inner: Record<string, unknown> = {
    buildTime: meta.buildTime,
    buildUser: meta.buildUser,
    gddVer: meta.gddVer,
    goVer: meta.goVer,
    port: service?.port ?? 0,
    routeRootPath: service?.routeRootPath ?? '',
    service: service ? plainServiceName(service.name) : '',
    weight: meta.weight,
  };
  const data = service?.data;
  if (format === 'v1-json') {
    // Go's encoding/json reads time.Time as RFC 3339 text.
    if (meta.registerAt) inner.registerAt = meta.registerAt.toISOString();
    const bytes = new TextEncoder().encode(JSON.stringify(data ? { _meta: inner, data } : { _meta: inner }));
    return encodeMetaValueChecked(bytes);
  }
  // msgpack: registerAt is left out — how a time.Time reads differs between the old codec versions, and a Go
  // node panics on meta it cannot decode; a missing key is a zero time.
  return encodeMetaValue(data ? { _meta: inner, data } : { _meta: inner });
}

/** What a meta that is not v2 looks like, in a few words, for the registry's warning. */
export function describeMeta(buf: Uint8Array, kind: MetaKind): string {
  if (kind !== 'unknown' && kind !== 'empty') return META_FORMAT_ORIGIN[kind];
  if (kind === 'empty') return 'no meta';
  if (buf[0] === 0xff && decodeMetaMsgpack(buf.subarray(1)) !== undefined) return `Serf tags (${buf.length} bytes)`;
  const text = Buffer.from(buf).toString('utf8');
  // eslint-disable-next-line no-control-regex -- control bytes are what marks binary meta
  const printable = !text.includes('\uFFFD') && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
  if (printable) return `text ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)} (${buf.length} bytes)`;
  return `${buf.length} bytes starting ${Buffer.from(buf.subarray(0, 8)).toString('hex')}`;
}

function parseJson(buf: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf)) as unknown;
  } catch {
    return undefined;
  }
}

function jsonTime(v: unknown): Date | undefined {
  if (v === undefined || v === null) return undefined;
  const date = typeof v === 'string' ? new Date(v) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new TypeError('registerAt');
  return date;
}

/** v1's `_meta` + `data` as NodeMeta: one REST service, its host the node's address (left empty here). */
function fromV1(inner: Record<string, unknown>, data: unknown, time: (v: unknown) => Date | undefined): NodeMeta | undefined {
  try {
    const service = asText(inner.service) ?? '';
    const extras: Record<string, MetaValue> = {};
    if (isMap(data)) for (const [k, v] of Object.entries(data)) extras[k] = toMetaValue(v);
    const registerAt = time(inner.registerAt);
    return {
      serviceInfo: service
        ? [
            {
              name: registeredName(service, 'rest'),
              host: '',
              port: asInt(inner.port) ?? 0,
              routeRootPath: asText(inner.routeRootPath) ?? '',
              type: 'rest',
              ...(Object.keys(extras).length > 0 ? { data: extras } : {}),
            },
          ]
        : [],
      goVer: asText(inner.goVer) ?? '',
      gddVer: asText(inner.gddVer) ?? '',
      buildUser: asText(inner.buildUser) ?? '',
      buildTime: asText(inner.buildTime) ?? '',
      weight: asInt(inner.weight) ?? 0,
      ...(registerAt ? { registerAt } : {}),
    };
  } catch {
    return undefined;
  }
}

function encodeMetaValueChecked(bytes: Uint8Array): Uint8Array {
  if (bytes.length > META_MAX_SIZE) throw new NodeMetaTooLargeError(bytes.length, META_MAX_SIZE);
  return bytes;
}
