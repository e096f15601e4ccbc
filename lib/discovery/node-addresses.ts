/**
 * Address resolution for a gossip node: the advertise IP (memberlist picks a private IP when bound to
 * 0.0.0.0; a DNS name is resolved once because the wire carries IP bytes, docs/gossip-wire-format.md#message-bodies alive.Addr) and seeds
 * (`host[:port]` or DNS names; every address a name resolves to is contacted, docs/gossip-wire-format.md#start-and-join).
 */
import { lookup } from 'node:dns/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import type { NodeAddress } from './wire/messages';
import { GossipNodeError } from './node-errors';
import { DEFAULT_GOSSIP_PORT } from './node-options';

const PRIVATE_V4 = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];

/** memberlist's GetPrivateIP, with fallbacks (any non-internal IPv4, then loopback) instead of failing. */
export function pickAdvertiseIp(): string {
  const all = Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i);
  const v4 = all.filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address);
  return v4.find((a) => PRIVATE_V4.some((re) => re.test(a))) ?? v4[0] ?? '127.0.0.1';
}

function isUnspecified(addr: string): boolean {
  return addr === '0.0.0.0' || addr === '::' || addr === '';
}

export async function resolveAdvertiseAddr(advertise: string | undefined, bindAddr: string): Promise<string> {
  const wanted = advertise ?? (isUnspecified(bindAddr) ? pickAdvertiseIp() : bindAddr);
  if (net.isIP(wanted)) return wanted;
  try {
    return (await lookup(wanted, { family: 4 })).address;
  } catch {
    try {
      return (await lookup(wanted)).address;
    } catch (err) {
      throw new GossipNodeError('GOSSIP_ADVERTISE_UNRESOLVED', `advertise address "${wanted}" does not resolve: ${String(err)}`, {
        cause: err,
      });
    }
  }
}

/** Split "host:port" / "[v6]:port" / "host" (default port). */
export function splitHostPort(seed: string, defaultPort = DEFAULT_GOSSIP_PORT): { host: string; port: number } {
  const s = seed.trim();
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) return { host: v6[1], port: v6[2] ? Number(v6[2]) : defaultPort };
  if (net.isIPv6(s)) return { host: s, port: defaultPort };
  const i = s.lastIndexOf(':');
  if (i < 0) return { host: s, port: defaultPort };
  const port = Number(s.slice(i + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new GossipNodeError('GOSSIP_SEED_UNRESOLVED', `seed "${seed}" has a bad port`);
  }
  return { host: s.slice(0, i), port };
}

/**
 * Every address the seeds resolve to, de-duplicated. Seeds that do not resolve are returned in
 * `failures` (join fails only if nothing at all can be contacted).
 */
export async function resolveSeeds(seeds: readonly string[]): Promise<{ addresses: NodeAddress[]; failures: string[] }> {
  const addresses: NodeAddress[] = [];
  const failures: string[] = [];
  const seen = new Set<string>();
  for (const seed of seeds) {
    try {
      const { host, port } = splitHostPort(seed);
      const ips = net.isIP(host) ? [host] : (await lookup(host, { all: true })).map((r) => r.address);
      for (const addr of ips) {
        const key = `${addr}:${port}`;
        if (seen.has(key)) continue;
        seen.add(key);
        addresses.push({ addr, port });
      }
    } catch (err) {
      failures.push(`${seed}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { addresses, failures };
}
