/**
 * Gossip health on /go-doudou/prometheus (micro mode), read from the node when Prometheus scrapes — no
 * bookkeeping on the gossip path. The node's counters are totals since start, exposed as counters.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { GossipNodeStats } from '../discovery/node';
import type { MemberInfo } from '../discovery/core/types';
import { totalDrops } from '../discovery/transport/counters';

/** What the metrics read from a GossipNode (a GossipNode satisfies it). */
export interface GossipStatsSource {
  stats(): GossipNodeStats;
  members(): readonly MemberInfo[];
}

export const GOSSIP_MEMBERS = 'go_doudou_gossip_members';
export const GOSSIP_HEALTH_SCORE = 'go_doudou_gossip_health_score';
export const GOSSIP_COUNTERS = Object.freeze({
  probes: 'go_doudou_gossip_probes_total',
  probesFailed: 'go_doudou_gossip_probes_failed_total',
  suspicions: 'go_doudou_gossip_suspicions_total',
  deathsDeclared: 'go_doudou_gossip_deaths_declared_total',
  refutations: 'go_doudou_gossip_refutations_total',
  packetsDropped: 'go_doudou_gossip_packets_dropped_total',
});

/** Registers the gossip metrics of `node` on `registry` (once per registry). */
export function registerGossipMetrics(registry: Registry, node: GossipStatsSource): void {
  if (registry.getSingleMetric(GOSSIP_MEMBERS)) return;
  const registers = [registry];
  new Gauge({
    name: GOSSIP_MEMBERS,
    help: 'Members this node knows, by state (alive, suspect), itself included.',
    labelNames: ['state'],
    registers,
    collect() {
      const counts: Record<string, number> = { alive: 0, suspect: 0 };
      for (const m of node.members()) counts[m.state] = (counts[m.state] ?? 0) + 1;
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: GOSSIP_HEALTH_SCORE,
    help: "memberlist's awareness health score of this node: 0 is healthy, higher means its probes are failing.",
    registers,
    collect() {
      this.set(node.stats().healthScore);
    },
  });
  const read: Record<keyof typeof GOSSIP_COUNTERS, (s: GossipNodeStats) => number> = {
    probes: (s) => s.swim.probes,
    probesFailed: (s) => s.swim.probesFailed,
    suspicions: (s) => s.swim.suspicions,
    deathsDeclared: (s) => s.swim.deathsDeclared,
    refutations: (s) => s.swim.refutations,
    packetsDropped: (s) => totalDrops(s.transport.packetsDropped),
  };
  for (const [key, name] of Object.entries(GOSSIP_COUNTERS) as Array<[keyof typeof GOSSIP_COUNTERS, string]>) {
    new Counter({
      name,
      help: `Gossip ${key} since this node started.`,
      registers,
      collect() {
        // the node keeps the total; the counter shows it
        this.reset();
        this.inc(read[key](node.stats()));
      },
    });
  }
}
