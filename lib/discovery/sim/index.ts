/**
 * `ts-doudou/testing`: the deterministic gossip simulator. Hundreds of SWIM cores in one process on a
 * virtual clock, with seeded randomness, latency, loss, partitions, crashes and restarts — for testing
 * membership behaviour (convergence, false positives) without sockets. Same seed, same trace.
 */
export { Simulation, type SimulationOptions, type SimNode, type ObservedEvent } from './simulation';
export { NetworkModel, uniformLatency, type LatencyModel, type Partition } from './network-model';
export type { SwimOptions, SwimProfile, MemberInfo, MembershipEventType } from '../core/types';
