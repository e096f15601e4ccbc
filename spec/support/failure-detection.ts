/**
 * How long a memberlist member may take, at worst, to declare a silent peer (crashed, or shut down without
 * leave) dead on its own — the deadline for specs that wait for that, derived from the protocol timings
 * instead of guessed (docs/gossip-wire-format.md#suspicion-timeout).
 */
import { GOSSIP_DEFAULTS, type GossipTimings } from '../../lib/config/gossip-options';
import { expectedConfirmations, suspicionTimeout } from '../../lib/discovery/core/suspicion';

export interface SilentPeerDetection {
  /** The observer's protocol timings (a Go peer's profile: memberlist's config of that name). */
  timings: GossipTimings;
  /** Nodes in the observer's list, itself and not yet reaped dead ones included (memberlist's estNumNodes). */
  known: number;
  /** Peers the observer still probes (alive or suspect, the silent one included). */
  probed: number;
}

/**
 * Upper bound (ms, from the moment the peer went silent) for the observer to mark it dead, with no help from
 * anyone: suspicion confirmations and dead notices are ordinary broadcasts, spent on whichever gossip targets
 * come first — in a small cluster often on the dead — so a spec must not count on them.
 * - Reaching the peer: one probe per probe interval, round-robin, reshuffled each round; if the peer was
 *   probed just before going silent it may come last in the next round, after 2 × probed − 1 ticks (probes
 *   of peers that answer end with their ack, so each costs one tick).
 * - Its failed probe lasts the probe interval scaled by Lifeguard's health, which on a loaded machine can
 *   reach awarenessMaxMultiplier (missed nacks and refuted suspicions raise it).
 * - Then the suspicion timer: it starts at its maximum whenever confirmations are expected (k ≥ 1) and only
 *   a confirmation or a dead notice cuts it short; health does not scale it.
 */
export function silentPeerDeadWithinMs({ timings, known, probed }: SilentPeerDetection): number {
  const interval = timings.probeIntervalMs;
  const reach = (2 * probed - 1) * interval;
  const failedProbe = GOSSIP_DEFAULTS.awarenessMaxMultiplier * interval;
  const min = suspicionTimeout(timings.suspicionMult, known, interval);
  const suspicion = expectedConfirmations(timings.suspicionMult, known) >= 1 ? timings.suspicionMaxTimeoutMult * min : min;
  return reach + failedProbe + suspicion;
}
