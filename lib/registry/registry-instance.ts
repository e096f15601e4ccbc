/**
 * One service instance as the registry sees it, and how its address is built from a node's metadata
 * (go-doudou's providers: docs/go-doudou-differences.md#instance-selection).
 */
import type { NodeMeta, ServiceInfo, ServiceType } from './node-meta';

/** Registry states of an instance: suspect instances stay on the registry page but get no traffic. */
export type InstanceState = 'alive' | 'suspect';

export interface InstanceNode {
  readonly name: string;
  /** Gossip address and port of the node. */
  readonly addr: string;
  readonly port: number;
}

/**
 * Satisfies lib/client's `ServiceInstance { id, baseUrl, weight }` structurally (lib/client may import
 * lib/registry, never the reverse).
 */
export interface RegistryInstance {
  /** The node name (go-doudou keys instances by node name). */
  readonly id: string;
  /** Registered service name as published: `usersvc_rest`. */
  readonly service: string;
  readonly type: ServiceType;
  /** REST: `http://host:port<routeRootPath>`; gRPC: `host:port`. */
  readonly baseUrl: string;
  readonly weight: number;
  readonly node: InstanceNode;
  readonly state: InstanceState;
  /** The node's whole metadata (all of its services). */
  readonly meta: NodeMeta;
  /** This instance's entry in meta.serviceInfo. */
  readonly serviceInfo: ServiceInfo;
  /** When this registry last saw the instance change (state, meta or weight). */
  readonly lastChange: Date;
  readonly registerAt?: Date;
}

/** `usersvc` → `usersvc_rest`; names already ending in `_rest`/`_grpc` (or another `_type`) stay as they are. */
export function registeredName(service: string, type: ServiceType = 'rest'): string {
  return /_(rest|grpc)$/.test(service) ? service : `${service}_${type}`;
}

/** The service name without its `_rest` / `_grpc` suffix. */
export function plainServiceName(registered: string): string {
  return registered.replace(/_(rest|grpc)$/, '');
}

/** Address clients call: go-doudou's `http://host:port/root` for REST, `host:port` for gRPC (docs/go-doudou-differences.md#instance-selection). */
export function baseUrlOf(service: ServiceInfo, fallbackHost: string): string {
  const rawHost = service.host || fallbackHost;
  const host = rawHost.includes(':') && !rawHost.startsWith('[') ? `[${rawHost}]` : rawHost;
  if (service.type === 'grpc') return `${host}:${service.port}`;
  const root = service.routeRootPath.replace(/\/+$/, '');
  const path = root && !root.startsWith('/') ? `/${root}` : root;
  return `http://${host}:${service.port}${path}`;
}
