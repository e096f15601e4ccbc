/** The simulated network's rules: latency, loss and partitions over virtual time. */
import type { NodeAddress } from '../wire/messages';

/** One-way latency in ms for a packet or stream leg from `from` to `to`. */
export type LatencyModel = (from: string, to: string, random: () => number) => number;

/** Uniform latency in [min, max] ms. */
export function uniformLatency(min: number, max: number): LatencyModel {
  return (_from, _to, random) => min + random() * (max - min);
}

/** Two groups of node names that cannot reach each other between `from` and `until` (virtual ms). */
export interface Partition {
  readonly a: ReadonlySet<string>;
  readonly b: ReadonlySet<string>;
  readonly from: number;
  readonly until: number;
}

export function addressKey(a: NodeAddress): string {
  return `${a.addr}:${a.port}`;
}

export class NetworkModel {
  private readonly partitions: Partition[] = [];

  constructor(
    public latency: LatencyModel,
    /** Probability a UDP packet is lost (TCP streams are reliable unless partitioned). */
    public loss: number,
  ) {}

  addPartition(a: Iterable<string>, b: Iterable<string>, from: number, until: number): Partition {
    const p: Partition = { a: new Set(a), b: new Set(b), from, until };
    this.partitions.push(p);
    return p;
  }

  /** Whether nodes `x` and `y` are separated by a partition at time `now`. */
  separated(x: string, y: string, now: number): boolean {
    for (const p of this.partitions) {
      if (now < p.from || now >= p.until) continue;
      if ((p.a.has(x) && p.b.has(y)) || (p.b.has(x) && p.a.has(y))) return true;
    }
    return false;
  }
}
