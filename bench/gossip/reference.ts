/** Published figures and formulae the benchmark compares against (docs/gossip-wire-format.md#suspicion-timeout, docs/gossip-wire-format.md#reference-figures). */
import { expectedConfirmations, suspicionTimeout } from '../../lib/discovery/core/suspicion';

/**
 * Serf convergence model (docs/gossip-wire-format.md#reference-figures): fraction informed after r rounds = 1 / (1 + (n+1)·e^(−(fanout/2)·(1−loss)·r)).
 * Rounds until `fraction` is informed.
 */
export function serfModelRounds(n: number, fanout: number, fraction: number, loss = 0): number {
  return Math.log((n + 1) / (1 / fraction - 1)) / ((fanout / 2) * (1 - loss));
}

/** Serf's bandwidth ceiling (docs/gossip-wire-format.md#reference-figures): 1400 B × fanout × rounds/s × 2, in bytes per second. */
export function serfModelMaxBytesPerSecond(fanout: number, gossipIntervalMs: number): number {
  return 1400 * fanout * (1000 / gossipIntervalMs) * 2;
}

/** SWIM paper: expected protocol periods to the first detection of a crash, 1/(1 − e^(−1)) ≈ 1.58. */
export const SWIM_FIRST_DETECTION_PERIODS = 1 / (1 - Math.exp(-1));

/** Lifeguard suspicion bounds for n nodes (docs/gossip-wire-format.md#suspicion-timeout): [min, max] ms and expected confirmations k. */
export function suspicionBounds(
  n: number,
  suspicionMult: number,
  maxMult: number,
  probeInterval: number,
): {
  min: number;
  max: number;
  k: number;
} {
  const min = suspicionTimeout(suspicionMult, n, probeInterval);
  return { min, max: maxMult * min, k: expectedConfirmations(suspicionMult, n) };
}

/** Our loopback measurement with 3 Go 0.2.2 nodes, local config: dead 4.2 s after the kill (docs/gossip-wire-format.md#reference-figures). */
export const GO_LOOPBACK_DEAD_MS = 4200;
