/**
 * The kill -9 timeline of one gossip profile, measured on real processes (the ts gossip-node cli, one
 * process per node on 127.0.0.1): a cluster of `nodes` forms, one node is SIGKILLed, and every survivor's
 * event stream says when it suspected the node and when it declared it dead; then a replacement with
 * the same name on another address starts, and "reclaim" is when every survivor accepted it.
 */
import { LAN_TIMINGS } from '../../sample/lan-timings';
import { freePort } from '../../spec/support/free-port';
import type { PeerEvent } from '../../spec/support/json-process';
import { TsCliPeer } from '../../spec/support/ts-peer';
import { waitFor } from '../../spec/support/wait-for';

export interface DetectionProfile {
  name: string;
  /** DeadNodeReclaimTime of the profile: 0 = a dead node's name stays taken until the node is reaped. */
  reclaimMs: number;
  /** GDD_MEM_* of the nodes on top of loopback addresses. */
  env: Record<string, string>;
  /** Longest wait for every survivor to declare the node dead, and for the replacement to be accepted (ms). */
  deadlineMs: number;
}

export const DETECTION_PROFILES: readonly DetectionProfile[] = [
  { name: 'sample (go-doudou + LAN timings)', reclaimMs: 3000, env: { GDD_MEM_PROFILE: 'go-doudou', ...LAN_TIMINGS }, deadlineMs: 90_000 },
  { name: 'lan', reclaimMs: 0, env: { GDD_MEM_PROFILE: 'lan' }, deadlineMs: 90_000 },
  { name: 'go-doudou (default)', reclaimMs: 3000, env: { GDD_MEM_PROFILE: 'go-doudou' }, deadlineMs: 180_000 },
  { name: 'wan', reclaimMs: 0, env: { GDD_MEM_PROFILE: 'wan' }, deadlineMs: 180_000 },
];

export interface Spread {
  min: number;
  max: number;
}

export interface DetectionResult {
  profile: string;
  nodes: number;
  /** From the SIGKILL to each survivor's first `suspect` event (survivors that learned `dead` directly are left out). */
  suspectMs: Spread | null;
  /** From the SIGKILL to each survivor's `dead` event. */
  deadMs: Spread;
  /**
   * A replacement of the same name on a new address (a rescheduled pod), started once the dead node may be
   * reclaimed (dead + reclaim time; at once when the profile never reclaims): from the SIGKILL, and from
   * its own start, to every survivor accepting it. Null when not within the deadline.
   */
  replacementStartedMs: number;
  reclaimMs: number | null;
  acceptedAfterStartMs: number | null;
}

const spread = (values: number[]): Spread | null =>
  values.length === 0 ? null : { min: Math.round(Math.min(...values)), max: Math.round(Math.max(...values)) };

function eventAt(peer: TsCliPeer, match: (e: PeerEvent) => boolean): number | undefined {
  const e = peer.events.find(match);
  return e && typeof e.ts === 'string' ? Date.parse(e.ts) : undefined;
}

export async function measureDetection(profile: DetectionProfile, nodes = 4): Promise<DetectionResult> {
  const peers: TsCliPeer[] = [];
  const base = { GDD_MEM_BIND_ADDR: '127.0.0.1', GDD_MEM_HOST: '127.0.0.1', GDD_MEM_LOG_DISABLE: 'true', ...profile.env };
  try {
    const seedPort = await freePort();
    const seed = `127.0.0.1:${seedPort}`;
    peers.push(await TsCliPeer.start('n1', { ...base, GDD_MEM_PORT: String(seedPort), GDD_MEM_SEED: '' }));
    for (let i = 2; i <= nodes; i++) peers.push(await TsCliPeer.start(`n${i}`, { ...base, GDD_MEM_PORT: '0', GDD_MEM_SEED: seed }));
    const names = peers.map((p) => p.name);
    await waitFor(() => peers.every((p) => names.every((n) => n === p.name || p.sees(n))), {
      timeoutMs: 60_000,
      message: 'cluster formed',
    });

    const victim = peers[peers.length - 1]!;
    const survivors = peers.slice(0, -1);
    const killedAt = Date.now();
    await victim.kill();
    const isVictim = (type: string) => (e: PeerEvent) => e.event === type && e.name === victim.name;
    await waitFor(() => survivors.every((p) => eventAt(p, isVictim('dead')) !== undefined), {
      timeoutMs: profile.deadlineMs,
      intervalMs: 100,
      message: `${profile.name}: every survivor declares ${victim.name} dead`,
    });
    const suspect = survivors.map((p) => eventAt(p, isVictim('suspect'))).filter((t): t is number => t !== undefined);
    const dead = survivors.map((p) => eventAt(p, isVictim('dead'))!);

    // the same name from another address (a rescheduled pod): accepted once the dead node may be reclaimed
    const reclaimableAt = Math.max(...dead) + profile.reclaimMs;
    await waitFor(() => Date.now() > reclaimableAt, { timeoutMs: profile.reclaimMs + 5000, intervalMs: 50 });
    const replacementStartedAt = Date.now();
    const replacement = await TsCliPeer.start(victim.name, { ...base, GDD_MEM_PORT: '0', GDD_MEM_SEED: seed });
    peers.push(replacement);
    const newPort = (replacement.events.find((e) => e.event === 'start')?.port as number | undefined) ?? -1;
    const acceptedNew = (e: PeerEvent): boolean => e.event === 'join' && e.name === victim.name && e.port === newPort;
    let acceptedAt: number | null = null;
    try {
      await waitFor(() => survivors.every((p) => p.events.some(acceptedNew)), {
        timeoutMs: profile.deadlineMs,
        intervalMs: 100,
        message: 'replacement accepted',
      });
      acceptedAt = Math.max(...survivors.map((p) => eventAt(p, acceptedNew)!));
    } catch {
      acceptedAt = null;
    }
    return {
      profile: profile.name,
      nodes,
      suspectMs: spread(suspect.map((t) => t - killedAt)),
      deadMs: spread(dead.map((t) => t - killedAt))!,
      replacementStartedMs: replacementStartedAt - killedAt,
      reclaimMs: acceptedAt === null ? null : acceptedAt - killedAt,
      acceptedAfterStartMs: acceptedAt === null ? null : acceptedAt - replacementStartedAt,
    };
  } finally {
    await Promise.all(peers.map((p) => p.kill()));
  }
}
