/**
 * Micro mode's membership: the gossip node, the registry built on it and this process's registration.
 * App binds the node before building services (so injected clients have a registry to pick from), and
 * only once HTTP listens registers the served services and joins the cluster: peers never see an
 * instance whose port is not open. On shutdown — or a start-up failure after the join — it leaves
 * before anything else, so peers stop routing here at once (go-doudou only shut down, and peers had to
 * detect a failure).
 */
import type { Logger } from 'winston';
import type { Config } from './config';
import { GossipNode, optionsFromMemConfig } from './discovery';
import { SeedJoin } from './discovery/seed-join';
import { LocalRegistration, ServiceRegistry } from './registry';

export interface ServedService {
  name: string;
  /** HTTP port this process answers on. */
  port: number;
  /** GDD_ROUTE_ROOT_PATH: clients prefix it to every route. */
  routeRootPath: string;
}

export class MicroNode {
  private registration: LocalRegistration | undefined;
  private seedJoin: SeedJoin | undefined;
  private stopped = false;
  private joined = false;

  private constructor(
    readonly node: GossipNode,
    readonly registry: ServiceRegistry,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  /** Binds the gossip sockets; nobody knows this node until join(). */
  static async bind(config: Config, logger: Logger): Promise<MicroNode> {
    const log = logger.child({ module: 'gossip' });
    const node = await GossipNode.create(optionsFromMemConfig(config.mem));
    const registry = new ServiceRegistry(node, { warn: (message) => log.warn(message) });
    const micro = new MicroNode(node, registry, config, log);
    if (!config.mem.logDisable) {
      node.on('join', (m) => log.info(`gossip: ${m.name} joined (${m.addr}:${m.port})`));
      node.on('suspect', (m) => log.warn(`gossip: ${m.name} is suspect`));
      node.on('alive', (m) => log.info(`gossip: ${m.name} is alive again`));
      node.on('leave', (m) => log.info(`gossip: ${m.name} left`));
      node.on('dead', (m) => log.warn(`gossip: ${m.name} is dead`));
    }
    // Two nodes with one name never see each other (memberlist drops the second); say so loudly, once per address.
    const reported = new Set<string>();
    node.on('conflict', (c) => {
      const key = `${c.name} ${c.other.addr}:${c.other.port}`;
      if (reported.has(key)) return;
      reported.add(key);
      const mine = c.name === config.mem.name;
      log.error(
        mine
          ? `gossip: another node at ${c.other.addr}:${c.other.port} uses this node's name "${c.name}": the cluster sees only one of the two, and calls to the other's services fail. Names must be unique: give each instance its own GDD_MEM_NAME (default: the hostname)`
          : `gossip: two nodes use the name "${c.name}" (${c.known.addr}:${c.known.port} and ${c.other.addr}:${c.other.port}); only the first is seen. Names must be unique: give each instance its own GDD_MEM_NAME`,
      );
    });
    const { addr, port } = node.localNode;
    log.info(`gossip node ${config.mem.name} listening on ${addr}:${port}`);
    return micro;
  }

  /** Joins GDD_MEM_SEED (none: a new cluster). A failed join is retried every GDD_MEM_REJOIN_INTERVAL (seed-join.ts). */
  async join(): Promise<void> {
    const { config, logger } = this;
    this.joined = true;
    if (config.mem.seeds.length === 0) {
      logger.info('No seed found (GDD_MEM_SEED is empty): this node starts a new gossip cluster');
      return;
    }
    this.seedJoin = new SeedJoin(this.node, { seeds: config.mem.seeds, retryEveryMs: config.mem.rejoinIntervalMs, logger });
    await this.seedJoin.start();
  }

  /** Publishes the served services in this node's metadata (META_TOO_LARGE above 512 bytes). */
  register(services: readonly ServedService[]): void {
    const mem = this.config.mem;
    this.registration = new LocalRegistration(this.node, {
      services: services.map((s) => ({ name: s.name, port: s.port, routeRootPath: s.routeRootPath, host: this.node.localNode.addr })),
      weight: mem.weight,
      weightIntervalMs: mem.dynamicWeight ? mem.weightIntervalMs : 0,
      awarenessMaxMultiplier: mem.awarenessMaxMultiplier,
      metaFormat: mem.metaFormat,
      version: this.config.service.version || undefined,
      // GDD_SERVICE_GROUP, for Prometheus discovery's `group` label
      ...(this.config.service.group ? { data: { group: this.config.service.group } } : {}),
      onError: (err) => this.logger.warn(`gossip: republishing metadata failed: ${err.message}`),
    });
    this.registration.start();
    this.logger.info(`registered ${services.map((s) => s.name).join(', ')} in the gossip cluster`);
  }

  /** Tells the cluster this node is going away; peers drop it from their instance lists at once. */
  async leave(): Promise<void> {
    if (this.stopped || !this.joined) return;
    this.seedJoin?.close();
    this.registration?.close();
    try {
      await this.node.leave();
      this.logger.info('left the gossip cluster');
    } catch (err) {
      this.logger.warn(`gossip leave did not complete: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.seedJoin?.close();
    this.registration?.close();
    this.registry.close();
    await this.node.shutdown();
  }
}
