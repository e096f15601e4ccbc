/**
 * go-doudou v2 node metadata (docs/gossip-wire-format.md#node-metadata; docs/go-doudou-differences.md#registry-metadata): the msgpack map every node puts
 * into its memberlist `Meta`, listing the services it serves. Go nodes decode it with go-msgpack's default
 * handle, so what we write must be readable there:
 * - keys are the Go `json` tags (`serviceInfo`, `registerAt`, …), written in alphabetical order like Go;
 * - `registerAt` is a **msgpack timestamp extension** (-1). Go decodes that into its `*time.Time` (it also
 *   accepts its own "raw string holding the timestamp payload" form, which is what Go writes). An ISO string
 *   would make a Go peer fail to decode the meta — and go-doudou panics on undecodable meta.
 * - `goVer` carries the Node.js runtime (`node v20.11.1`): the column is "runtime version" in practice.
 * - `weightAt` (Unix ms) and `version` (GDD_SERVICE_VERSION) are ts-doudou additions; Go ignores unknown keys.
 *   go-doudou sends dynamic weight in a separate gossip message (type 14) — we republish the meta instead,
 *   with `weightAt` so readers can tell newer from older; Go clients re-read `weight` on every meta update.
 */
import { Decoder, Encoder } from '@msgpack/msgpack';
import { META_MAX_SIZE } from '../config/gossip-options';
import { NodeMetaTooLargeError, RegistryError } from './registry-errors';
import { WrongType, asInt, asText, asTime, isMap, toMetaValue } from './meta-values';

/** A JSON-like value in a service's custom `data` map. */
export type MetaValue = string | number | boolean | null | readonly MetaValue[] | { readonly [key: string]: MetaValue };

/** 'rest' or 'grpc' for go-doudou; other strings are kept as received. */
export type ServiceType = 'rest' | 'grpc' | (string & Record<never, never>);

/** One service a node serves (go-doudou `ServiceInfo`). */
export interface ServiceInfo {
  /** Registered name: `<GDD_SERVICE_NAME>_rest` or `_grpc` (what go-doudou providers look up). */
  readonly name: string;
  /** Address clients use (the node's advertise address). */
  readonly host: string;
  readonly port: number;
  /** GDD_ROUTE_ROOT_PATH ('' when none); REST only. */
  readonly routeRootPath: string;
  readonly type: ServiceType;
  /** User-supplied extras; omitted on the wire when empty. */
  readonly data?: Readonly<Record<string, MetaValue>>;
}

/** go-doudou v2 `NodeMeta` plus ts-doudou's `version` and `weightAt`. */
export interface NodeMeta {
  readonly serviceInfo: readonly ServiceInfo[];
  /** When the node registered (uptime on the registry page). Undefined when absent (Go nil). */
  readonly registerAt?: Date;
  /** Runtime version: Go's `go1.22.1`, ours `node v20.11.1`. */
  readonly goVer: string;
  /** Framework version: go-doudou's `v2.5.0`, ours the ts-doudou package version. */
  readonly gddVer: string;
  readonly buildUser: string;
  readonly buildTime: string;
  /** Balancing weight (GDD_WEIGHT / GDD_MEM_WEIGHT, default 1; dynamic: 1…awarenessMax). */
  readonly weight: number;
  /** Unix ms of the last dynamic weight computation; newest wins. */
  readonly weightAt?: number;
  /** GDD_SERVICE_VERSION; omitted on the wire when empty. */
  readonly version?: string;
}

const encoder = new Encoder({ sortKeys: true, ignoreUndefined: true });
// rawStrings: Go writes byte payloads (registerAt!) as msgpack str; decode every str as bytes (map keys stay text).
const decoder = new Decoder({ rawStrings: true, maxStrLength: 65_536, maxBinLength: 65_536, maxArrayLength: 1024, maxMapLength: 1024 });

/** Encode; throws NodeMetaTooLargeError (code META_TOO_LARGE) above 512 bytes, RegistryError META_INVALID on bad fields. */
export function encodeNodeMeta(meta: NodeMeta): Uint8Array {
  const services = meta.serviceInfo.map((s, i) => {
    if (!Number.isInteger(s.port) || s.port < 0 || s.port > 65_535) invalid(`serviceInfo[${i}].port must be 0…65535, got ${s.port}`);
    if (!s.name) invalid(`serviceInfo[${i}].name must not be empty`);
    const entry: Record<string, unknown> = { host: s.host, name: s.name, port: s.port, routeRootPath: s.routeRootPath, type: s.type };
    if (s.data && Object.keys(s.data).length > 0) entry.data = s.data;
    return entry;
  });
  if (!Number.isInteger(meta.weight)) invalid(`weight must be an integer, got ${meta.weight}`);
  if (meta.weightAt !== undefined && !Number.isInteger(meta.weightAt)) invalid(`weightAt must be integer Unix ms, got ${meta.weightAt}`);
  if (meta.registerAt !== undefined && Number.isNaN(meta.registerAt.getTime())) invalid('registerAt is an invalid Date');
  const wire: Record<string, unknown> = {
    buildTime: meta.buildTime,
    buildUser: meta.buildUser,
    gddVer: meta.gddVer,
    goVer: meta.goVer,
    registerAt: meta.registerAt ?? null,
    serviceInfo: services,
    weight: meta.weight,
  };
  if (meta.weightAt !== undefined) wire.weightAt = meta.weightAt;
  if (meta.version) wire.version = meta.version;
  return encodeMetaValue(wire);
}

export function invalid(what: string): never {
  throw new RegistryError('META_INVALID', `node metadata ${what}`);
}

/**
 * Decode a peer's meta. Never throws: garbage, a Serf node's tags (0xff + msgpack), a plain memberlist
 * node's arbitrary bytes or fields of the wrong type give undefined. Like Go's decoder, unknown keys are
 * ignored and missing ones take the zero value; empty meta (a node without services) is undefined too.
 */
export function decodeNodeMeta(buf: Uint8Array): NodeMeta | undefined {
  const raw = decodeMetaMsgpack(buf);
  if (raw === undefined || (isMap(raw) && '_meta' in raw)) return undefined; // no meta, or go-doudou v1's
  try {
    return toNodeMeta(raw);
  } catch {
    return undefined;
  }
}

/** The msgpack value of a meta, str values as bytes (what Go's decoder sees); undefined when it is not msgpack. */
export function decodeMetaMsgpack(buf: Uint8Array): unknown {
  if (buf.length === 0) return undefined;
  try {
    return decoder.decode(buf);
  } catch {
    return undefined;
  }
}

/** Encodes any meta-shaped value the way encodeNodeMeta does (sorted keys), refusing more than 512 bytes. */
export function encodeMetaValue(value: Record<string, unknown>): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = encoder.encode(value);
  } catch (err) {
    return invalid(`cannot be encoded: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (bytes.length > META_MAX_SIZE) throw new NodeMetaTooLargeError(bytes.length, META_MAX_SIZE);
  return bytes;
}

function toNodeMeta(raw: unknown): NodeMeta {
  if (!isMap(raw)) throw new WrongType('meta is not a map');
  const list = raw.serviceInfo;
  if (list !== undefined && list !== null && !Array.isArray(list)) throw new WrongType('serviceInfo');
  const services = ((list ?? []) as unknown[]).map(toService);
  const registerAt = asTime(raw.registerAt);
  const weightAt = asInt(raw.weightAt);
  const version = asText(raw.version);
  return {
    serviceInfo: services,
    goVer: asText(raw.goVer) ?? '',
    gddVer: asText(raw.gddVer) ?? '',
    buildUser: asText(raw.buildUser) ?? '',
    buildTime: asText(raw.buildTime) ?? '',
    weight: asInt(raw.weight) ?? 0,
    ...(registerAt !== undefined ? { registerAt } : {}),
    ...(weightAt !== undefined ? { weightAt } : {}),
    ...(version ? { version } : {}),
  };
}

function toService(item: unknown): ServiceInfo {
  if (!isMap(item)) throw new WrongType('serviceInfo entry');
  let data: Record<string, MetaValue> | undefined;
  if (item.data !== undefined && item.data !== null) {
    if (!isMap(item.data)) throw new WrongType('data');
    data = {};
    for (const [k, v] of Object.entries(item.data)) data[k] = toMetaValue(v);
  }
  return {
    name: asText(item.name) ?? '',
    host: asText(item.host) ?? '',
    port: asInt(item.port) ?? 0,
    routeRootPath: asText(item.routeRootPath) ?? '',
    type: asText(item.type) ?? '',
    ...(data && Object.keys(data).length > 0 ? { data } : {}),
  };
}
