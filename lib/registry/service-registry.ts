/**
 * ServiceRegistry: gossip membership + node metadata → service instances (go-doudou's memberlist providers,
 * docs/go-doudou-differences.md#instance-selection), for clients (`instances(service)`) and for the /go-doudou/registry page (`view()`).
 *
 * - join / update / alive: (re-)read the node's meta; its services' instances are up.
 * - suspect: the node's instances leave `instances()` at once (clients stop calling a node that may be down
 *   before it is declared dead) but stay on the registry page as "suspect"; alive brings them back.
 * - leave / dead: removed.
 * - weight: a go-doudou node gossiped a newer dynamic weight; it counts only when the meta's weight is ≤ 0
 *   (go-doudou's rule, docs/go-doudou-differences.md#node-weight).
 * Meta of every go-doudou generation is read (meta-generations.ts). A node whose meta is not v2 is logged once,
 * at warn, with what it is; meta that is no go-doudou meta at all (a Serf node's tags, a plain memberlist node's
 * bytes, garbage) is also counted and the node listed without services; empty meta is a node without services.
 */
import { EventEmitter } from 'node:events';
import type { MemberInfo, MembershipEventType } from '../discovery/core/types';
import type { RegistryView } from '../http/manage/registry-page';
import { describeMeta, readNodeMeta, type MetaKind } from './meta-generations';
import type { NodeMeta } from './node-meta';
import { effectiveWeight } from './node-weight';
import { baseUrlOf, InstanceState, RegistryInstance, registeredName } from './registry-instance';
import { registryView, type DepartedInstance } from './registry-view';

/** What the registry needs from a GossipNode (a GossipNode satisfies it). */
export interface MembershipSource {
  /** Alive and suspect members, self included. */
  members(): readonly MemberInfo[];
  /** This node, when the source knows it (a GossipNode does): never warned about. */
  readonly localNode?: MemberInfo;
  on(event: MembershipEventType, listener: (member: MemberInfo) => void): unknown;
  off(event: MembershipEventType, listener: (member: MemberInfo) => void): unknown;
}

export interface ServiceRegistryOptions {
  /** Clock for lastChange and uptime (ms). Default Date.now. */
  now?: () => number;
  /** How long instances that died or left stay on the registry page (as dead/left). Default 10 000 ms. */
  departedRetentionMs?: number;
  /** Told once per node whose meta is not go-doudou v2 (older generation or foreign), with what it is. Default: ignored. */
  warn?: (message: string) => void;
}

/** Emitted on 'change' whenever instances of some services appeared, changed or went away. */
export interface RegistryChange {
  /** The node whose instances changed. */
  readonly node: string;
  /** The membership event that caused it ('join' … 'dead'). */
  readonly cause: MembershipEventType;
  /** Registered names (`usersvc_rest`) whose instance lists changed. */
  readonly services: readonly string[];
}

export interface ServiceRegistryStats {
  /** Nodes currently tracked (alive or suspect), with or without services. */
  readonly nodes: number;
  /** Tracked nodes whose meta is not go-doudou NodeMeta (ignored). */
  readonly ignoredNodes: number;
  /** How many distinct metas failed to decode since start. */
  readonly undecodableMeta: number;
}

export interface ServiceRegistryEvents {
  change: [RegistryChange];
}

interface NodeRecord {
  readonly member: MemberInfo;
  readonly state: InstanceState;
  readonly meta?: NodeMeta;
  readonly undecodable: boolean;
  readonly instances: readonly RegistryInstance[];
}

const EVENTS: readonly MembershipEventType[] = ['join', 'update', 'alive', 'suspect', 'leave', 'dead', 'weight'];

export class ServiceRegistry extends EventEmitter<ServiceRegistryEvents> {
  private readonly nodes = new Map<string, NodeRecord>();
  /** Up (alive) instances per registered name, computed on first use after a change. */
  private readonly upCache = new Map<string, readonly RegistryInstance[]>();
  private readonly subscriptions = new Map<MembershipEventType, (m: MemberInfo) => void>();
  private readonly now: () => number;
  private undecodableMeta = 0;
  /** Nodes already warned about (once per node). */
  private readonly warned = new Set<string>();
  private readonly warn?: (message: string) => void;
  private closed = false;
  /** Node name → its instances that just died or left (page only: never handed to clients). */
  private readonly departed = new Map<string, readonly DepartedInstance[]>();
  private readonly departedRetentionMs: number;

  constructor(
    private readonly source: MembershipSource,
    options: ServiceRegistryOptions = {},
  ) {
    super();
    this.now = options.now ?? Date.now;
    this.departedRetentionMs = options.departedRetentionMs ?? 10_000;
    this.warn = options.warn;
    for (const member of source.members()) this.onMember('join', member);
    for (const type of EVENTS) {
      const listener = (member: MemberInfo): void => this.onMember(type, member);
      this.subscriptions.set(type, listener);
      source.on(type, listener);
    }
  }

  /**
   * Up instances of a service, sorted by node name: `usersvc` means `usersvc_rest`; full registered names
   * (`usersvc_grpc`) are taken as they are. The same frozen array is returned until something changes, so
   * calling it per request is cheap. (lib/client's InstanceSource.)
   */
  instances(service: string): readonly RegistryInstance[] {
    const name = registeredName(service);
    let list = this.upCache.get(name);
    if (!list) {
      list = Object.freeze(this.collect(name).filter((i) => i.state === 'alive'));
      this.upCache.set(name, list);
    }
    return list;
  }

  /** Alive and suspect instances of a service (or of every service), for display. */
  allInstances(service?: string): RegistryInstance[] {
    return this.collect(service === undefined ? undefined : registeredName(service));
  }

  /** Registered names (`usersvc_rest`, …) with at least one alive or suspect instance, sorted. */
  services(): string[] {
    const names = new Set<string>();
    for (const rec of this.nodes.values()) for (const inst of rec.instances) names.add(inst.service);
    return [...names].sort();
  }

  /** /go-doudou/registry rows: one per (node, service), the local node included. */
  view(): RegistryView {
    const now = this.now();
    const departed: DepartedInstance[] = [];
    for (const [name, list] of this.departed) {
      if (list.length === 0 || now - list[0]!.at.getTime() >= this.departedRetentionMs) this.departed.delete(name);
      else departed.push(...list);
    }
    return registryView(this.collect(undefined), now, departed);
  }

  stats(): ServiceRegistryStats {
    let ignoredNodes = 0;
    for (const rec of this.nodes.values()) if (rec.undecodable) ignoredNodes++;
    return { nodes: this.nodes.size, ignoredNodes, undecodableMeta: this.undecodableMeta };
  }

  /** Stop listening to the membership (the registry keeps its last state). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const [type, listener] of this.subscriptions) this.source.off(type, listener);
    this.subscriptions.clear();
    this.removeAllListeners();
  }

  private collect(service: string | undefined): RegistryInstance[] {
    const out: RegistryInstance[] = [];
    for (const rec of this.nodes.values()) {
      for (const inst of rec.instances) if (service === undefined || inst.service === service) out.push(inst);
    }
    return out.sort((a, b) => (a.service === b.service ? cmp(a.id, b.id) : cmp(a.service, b.service)));
  }

  private onMember(type: MembershipEventType, member: MemberInfo): void {
    if (type === 'leave' || type === 'dead' || member.state === 'dead' || member.state === 'left') {
      this.remove(type, member.name);
      return;
    }
    const state: InstanceState = type === 'suspect' || member.state === 'suspect' ? 'suspect' : 'alive';
    this.upsert(type, member, state);
  }

  private remove(cause: MembershipEventType, name: string): void {
    const old = this.nodes.get(name);
    if (!old) return;
    this.nodes.delete(name);
    if (this.departedRetentionMs > 0) {
      const at = new Date(this.now());
      const state = cause === 'leave' ? 'left' : 'dead';
      this.departed.set(
        name,
        old.instances.map((instance) => ({ instance, state, at })),
      );
    }
    this.changed(cause, name, old.instances, []);
  }

  private upsert(cause: MembershipEventType, member: MemberInfo, state: InstanceState): void {
    this.departed.delete(member.name); // back again
    const old = this.nodes.get(member.name);
    const sameMeta = old !== undefined && bytesEqual(old.member.meta, member.meta);
    const sameWeight = old !== undefined && old.member.gossipedWeight === member.gossipedWeight;
    if (sameMeta && sameWeight && old.state === state && old.member.addr === member.addr && old.member.port === member.port) {
      this.nodes.set(member.name, { ...old, member });
      return;
    }
    const meta = sameMeta ? old.meta : this.read(member);
    const undecodable = meta === undefined && member.meta.length > 0;
    if (undecodable && !sameMeta) this.undecodableMeta++;
    const lastChange = new Date(this.now());
    const instances = meta ? buildInstances(member, meta, state, lastChange) : [];
    this.nodes.set(member.name, { member, state, meta, undecodable, instances });
    this.changed(cause, member.name, old?.instances ?? [], instances);
  }

  /** The node's meta in any generation; warns once per node about meta that is not v2. */
  private read(member: MemberInfo): NodeMeta | undefined {
    const { kind, meta } = readNodeMeta(member.meta);
    if (kind !== 'v2' && kind !== 'empty' && !this.warned.has(member.name) && member.name !== this.source.localNode?.name) {
      this.warned.add(member.name);
      this.warn?.(foreignMetaMessage(member, kind, meta));
    }
    return meta;
  }

  private changed(cause: MembershipEventType, node: string, before: readonly RegistryInstance[], after: readonly RegistryInstance[]): void {
    const services = [...new Set([...before, ...after].map((i) => i.service))].sort();
    if (services.length === 0) return;
    for (const s of services) this.upCache.delete(s);
    if (!this.closed) this.emit('change', { node, cause, services });
  }
}

function buildInstances(member: MemberInfo, meta: NodeMeta, state: InstanceState, lastChange: Date): RegistryInstance[] {
  const seen = new Set<string>();
  const out: RegistryInstance[] = [];
  for (const info of meta.serviceInfo) {
    if (!info.name || seen.has(info.name)) continue; // go-doudou's providers match the first entry by name
    seen.add(info.name);
    out.push(
      Object.freeze({
        id: member.name,
        service: info.name,
        type: info.type,
        baseUrl: baseUrlOf(info, member.addr),
        weight: effectiveWeight(meta.weight, member.gossipedWeight),
        node: Object.freeze({ name: member.name, addr: member.addr, port: member.port }),
        state,
        meta,
        serviceInfo: info,
        lastChange,
        ...(meta.registerAt ? { registerAt: meta.registerAt } : {}),
      }),
    );
  }
  return out;
}

function foreignMetaMessage(member: MemberInfo, kind: MetaKind, meta: NodeMeta | undefined): string {
  const what = describeMeta(member.meta, kind);
  if (kind === 'unknown' || !meta) {
    return `gossip: node ${member.name} (${member.addr}:${member.port}) has meta that is not go-doudou's: ${what}; it is listed without services`;
  }
  const services = meta.serviceInfo.map((s) => s.name).join(', ') || 'no service';
  return (
    `gossip: node ${member.name} (${member.addr}:${member.port}) gossips ${what}; read as ${services}. ` +
    `Nodes of that go-doudou version do not see v2 meta: set GDD_MEM_META_FORMAT=${kind} for this node to serve them`
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
