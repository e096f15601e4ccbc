/**
 * Node weight for weighted balancing (docs/go-doudou-differences.md#node-weight, docs/go-doudou-differences.md#node-weight).
 * - Static: GDD_WEIGHT, else GDD_MEM_WEIGHT, default 1.
 * - Dynamic, only when weight ≤ 0 and the interval (GDD_MEM_WEIGHT_INTERVAL) > 0: every interval
 *   weight = round((awarenessMaxMultiplier − healthScore) × 0.6 + awarenessMaxMultiplier × cpuIdle × 0.4), at least 1 — go-doudou's
 *   formula (its comment says 0.5/0.5, the code uses 0.6/0.4). Healthy and idle = awarenessMaxMultiplier (8).
 *   go-doudou allows 0 here; we clamp to 1 so a loaded node still gets some traffic instead of none.
 */
import * as os from 'node:os';

/**
 * The weight clients balance with, by go-doudou's rule: the meta's weight, unless it is ≤ 0 and the node
 * gossiped a weight (type-14 message), which then counts. ts-doudou nodes publish their dynamic weight in the
 * meta, so the rule only matters for go-doudou nodes with dynamic weight.
 */
export function effectiveWeight(metaWeight: number, gossipedWeight: number | undefined): number {
  return metaWeight <= 0 && gossipedWeight !== undefined ? gossipedWeight : metaWeight;
}

/** go-doudou's dynamic weight (see file comment); inputs are clamped to their ranges. */
export function dynamicWeight(awarenessMaxMultiplier: number, healthScore: number, cpuIdle: number): number {
  const score = Math.min(Math.max(healthScore, 0), awarenessMaxMultiplier - 1);
  const idle = Math.min(Math.max(Number.isFinite(cpuIdle) ? cpuIdle : 0, 0), 1);
  return Math.max(1, Math.round((awarenessMaxMultiplier - score) * 0.6 + awarenessMaxMultiplier * idle * 0.4));
}

/**
 * Machine-wide CPU idle fraction (0…1) since the previous call, from os.cpus() time counters (gopsutil's
 * cpu.Percent(0) equivalent). The first call measures since boot.
 */
export function osCpuIdleSampler(): () => number {
  let previous = cpuTimes();
  let first = true;
  return () => {
    const current = cpuTimes();
    const base = first ? { idle: 0, total: 0 } : previous;
    first = false;
    previous = current;
    const total = current.total - base.total;
    return total > 0 ? (current.idle - base.idle) / total : 1;
  };
}

function cpuTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

export interface NodeWeigherOptions {
  /** Configured weight (config.mem.weight); ≤ 0 asks for dynamic weight. */
  weight: number;
  /** Dynamic weight period (config.mem.weightIntervalMs); 0 = off. */
  intervalMs: number;
  /** Lifeguard AwarenessMaxMultiplier (GDD_MEM_AWARENESS_MAX). Default 8. */
  awarenessMaxMultiplier?: number;
  /** Local health score (GossipNode.stats().healthScore). */
  healthScore: () => number;
  /** CPU idle fraction 0…1 since the last call. Default osCpuIdleSampler(). */
  cpuIdle?: () => number;
  /** Called with each new weight (only when it changed) and its timestamp (Unix ms). */
  onChange?: (weight: number, weightAt: number) => void;
  /** Clock for weightAt. Default Date.now. */
  now?: () => number;
}

/** Computes this node's weight: fixed when static, re-sampled every interval when dynamic. */
export class NodeWeigher {
  readonly dynamic: boolean;
  private current: number;
  private at?: number;
  private timer?: NodeJS.Timeout;
  private readonly cpuIdle: () => number;
  private readonly now: () => number;
  private readonly awarenessMaxMultiplier: number;

  constructor(private readonly options: NodeWeigherOptions) {
    this.dynamic = options.weight <= 0 && options.intervalMs > 0;
    this.awarenessMaxMultiplier = options.awarenessMaxMultiplier ?? 8;
    this.cpuIdle = options.cpuIdle ?? osCpuIdleSampler();
    this.now = options.now ?? Date.now;
    this.current = options.weight;
    // Dynamic: a first value at once (CPU idle since boot), so the node never advertises 0 = "no traffic".
    if (this.dynamic) this.compute();
  }

  /** The weight to publish. */
  get weight(): number {
    return this.current;
  }

  /** When the dynamic weight was last computed (Unix ms); undefined for a static weight. */
  get weightAt(): number | undefined {
    return this.at;
  }

  /** Re-sample every intervalMs (dynamic only; the timer is unref'd). Idempotent. */
  start(): void {
    if (!this.dynamic || this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.sample();
      } catch {
        // A failing publisher must not kill the process from a timer; it reports its own errors.
      }
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** One dynamic computation; calls onChange and returns true when the weight changed. */
  sample(): boolean {
    if (!this.dynamic) return false;
    const before = this.current;
    this.compute();
    if (this.current === before) return false;
    this.options.onChange?.(this.current, this.at ?? this.now());
    return true;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private compute(): void {
    this.current = dynamicWeight(this.awarenessMaxMultiplier, this.options.healthScore(), this.cpuIdle());
    this.at = this.now();
  }
}
