/**
 * LocalRegistration: this process's entry in the registry. Builds the go-doudou NodeMeta for the services the
 * App serves (several in monolith mode), publishes it through the gossip node (updateMeta → incarnation + 1,
 * alive broadcast, peers emit 'update': docs/gossip-wire-format.md#start-and-join) and, with dynamic weighting, republishes it
 * whenever the weight changes (weight + weightAt; the newer incarnation wins everywhere).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MemberInfo } from '../discovery/core/types';
import { encodeMeta, type MetaFormat } from './meta-generations';
import { MetaValue, NodeMeta, ServiceInfo, ServiceType } from './node-meta';
import { NodeWeigher } from './node-weight';
import { registeredName } from './registry-instance';

/** What LocalRegistration needs from a GossipNode (a GossipNode satisfies it). */
export interface MetaPublisher {
  readonly localNode: MemberInfo;
  updateMeta(meta: Uint8Array): void;
  stats(): { readonly healthScore: number };
}

export interface LocalServiceOptions {
  /** GDD_SERVICE_NAME (`usersvc`, published as `usersvc_rest`) or a full registered name. */
  name: string;
  /** GDD_PORT: the port clients call. */
  port: number;
  /** GDD_ROUTE_ROOT_PATH. Default ''. */
  routeRootPath?: string;
  /** Address clients use. Default: the gossip node's advertise address. */
  host?: string;
  /** Default 'rest'. */
  type?: ServiceType;
  /** Extras for this service (merged over LocalRegistrationOptions.data). */
  data?: Readonly<Record<string, MetaValue>>;
}

export interface LocalRegistrationOptions {
  services: readonly LocalServiceOptions[];
  /** config.mem.weight (GDD_WEIGHT / GDD_MEM_WEIGHT). Default 1; ≤ 0 with weightIntervalMs > 0 = dynamic. */
  weight?: number;
  /** config.mem.weightIntervalMs (GDD_MEM_WEIGHT_INTERVAL). Default 0. */
  weightIntervalMs?: number;
  /** config.mem.awarenessMaxMultiplier. Default 8. */
  awarenessMaxMultiplier?: number;
  /** GDD_SERVICE_VERSION. */
  version?: string;
  /**
   * GDD_MEM_META_FORMAT: which go-doudou generation's meta to write — 'v2' (default), 'v1-msgpack' (go-doudou
   * v1.0.5–v1.3.7) or 'v1-json' (v0.5.6–v1.0.0); the v1 formats carry one REST service.
   */
  metaFormat?: MetaFormat;
  /** Extras published with every service (go-doudou's registry data). Keep the whole meta under 512 bytes. */
  data?: Readonly<Record<string, MetaValue>>;
  buildUser?: string;
  buildTime?: string;
  /** Default: the installed ts-doudou version. */
  gddVer?: string;
  /** Runtime version shown in go-doudou's goVer column. Default `node ${process.version}`. */
  goVer?: string;
  /** Default: when the LocalRegistration is created. */
  registerAt?: Date;
  /** CPU idle sampler for dynamic weight (tests inject one). Default: os.cpus() deltas. */
  cpuIdle?: () => number;
  /** Called when a republish fails (e.g. the node was shut down). Default: ignored. */
  onError?: (err: Error) => void;
}

export class LocalRegistration {
  /** This node's weight (static, or dynamic and re-sampled every weightIntervalMs). */
  readonly weigher: NodeWeigher;
  private current: NodeMeta;
  private registerAt?: Date;
  private closed = false;

  /** Builds and encodes the meta once, so a too-large or, in a v1 format, a multi-service meta fails here, at start-up. */
  constructor(
    private readonly node: MetaPublisher,
    private readonly options: LocalRegistrationOptions,
  ) {
    this.weigher = new NodeWeigher({
      weight: options.weight ?? 1,
      intervalMs: options.weightIntervalMs ?? 0,
      awarenessMaxMultiplier: options.awarenessMaxMultiplier,
      healthScore: () => node.stats().healthScore,
      cpuIdle: options.cpuIdle,
      onChange: () => this.republish(),
    });
    this.current = this.build();
    this.encode();
  }

  /** The meta as last built. */
  get meta(): NodeMeta {
    return this.current;
  }

  /** Publish the meta now and, with dynamic weight, keep republishing on change until close(). */
  start(): void {
    this.publish();
    this.weigher.start();
  }

  /** Rebuild the meta (current weight) and hand it to the gossip node. Throws on a too-large meta. */
  publish(): void {
    this.current = this.build();
    this.node.updateMeta(this.encode());
  }

  private encode(): Uint8Array {
    return encodeMeta(this.current, this.options.metaFormat ?? 'v2');
  }

  /** Stop dynamic weighting (the node keeps its last meta until it leaves). */
  close(): void {
    this.closed = true;
    this.weigher.close();
  }

  private republish(): void {
    if (this.closed) return;
    try {
      this.publish();
    } catch (err) {
      this.options.onError?.(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private build(): NodeMeta {
    const o = this.options;
    const services: ServiceInfo[] = o.services.map((s) => {
      const type = s.type ?? 'rest';
      const data = { ...(o.data ?? {}), ...(s.data ?? {}) };
      return {
        name: registeredName(s.name, type),
        host: s.host || this.node.localNode.addr,
        port: s.port,
        routeRootPath: type === 'rest' ? (s.routeRootPath ?? '') : '',
        type,
        ...(Object.keys(data).length > 0 ? { data } : {}),
      };
    });
    const weightAt = this.weigher.weightAt;
    return {
      serviceInfo: services,
      registerAt: (this.registerAt ??= o.registerAt ?? new Date()),
      goVer: o.goVer ?? `node ${process.version}`,
      gddVer: o.gddVer ?? frameworkVersion(),
      buildUser: o.buildUser ?? '',
      buildTime: o.buildTime ?? '',
      weight: this.weigher.weight,
      ...(weightAt !== undefined ? { weightAt } : {}),
      ...(o.version ? { version: o.version } : {}),
    };
  }
}

let cachedVersion: string | undefined;

/** The installed ts-doudou version (gddVer), found by walking up from this file to its package.json. */
export function frameworkVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ts-doudou' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // not in this directory; keep walking up
    }
    dir = path.dirname(dir);
  }
  return (cachedVersion = 'unknown');
}
