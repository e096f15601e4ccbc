/**
 * An isolated test network of namespaces, each run with its own name prefix so concurrent runs never
 * touch each other's: `<prefix>-hub` holds a bridge, `<prefix>-n1..N` each get eth0 = 198.18.1.<i>/24.
 * Loss and partitions are silent drops in the bridge (nftables), i.e. the wire loses packets and
 * senders notice nothing. Deleting the namespaces removes every link and rule with them.
 */
import { execFileSync } from 'node:child_process';

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

function nft(ns: string, ...args: string[]): void {
  execFileSync('ip', ['netns', 'exec', ns, 'nft', ...args], { stdio: 'pipe' });
}

export class TestNetwork {
  readonly hub: string;
  private created: string[] = [];

  constructor(
    readonly prefix: string,
    readonly size: number,
  ) {
    this.hub = `${prefix}-hub`;
  }

  ns(i: number): string {
    return `${this.prefix}-n${i}`;
  }

  address(i: number): string {
    return `198.18.1.${i}`;
  }

  /** Remove namespaces left by an earlier, killed run of this suite (prefix `tsd<pid>` with a dead pid). */
  static removeStale(): void {
    const list = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    for (const line of list.split('\n')) {
      const name = line.split(' ')[0];
      const m = /^tsd(\d+)-(hub|n\d+)$/.exec(name);
      if (!m) continue;
      const pid = Number(m[1]);
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (!alive) {
        try {
          ip('netns', 'del', name);
        } catch {
          /* already gone */
        }
      }
    }
  }

  setup(): void {
    ip('netns', 'add', this.hub);
    this.created.push(this.hub);
    ip('-n', this.hub, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', this.hub, 'link', 'set', 'br0', 'up');
    ip('-n', this.hub, 'link', 'set', 'lo', 'up');
    for (let i = 1; i <= this.size; i++) {
      const ns = this.ns(i);
      ip('netns', 'add', ns);
      this.created.push(ns);
      ip('link', 'add', `tsdv${i}`, 'netns', this.hub, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
      ip('-n', this.hub, 'link', 'set', `tsdv${i}`, 'master', 'br0', 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'addr', 'add', `${this.address(i)}/24`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
    }
  }

  /** `pct`% random silent loss of everything node i sends (0 removes it). */
  loss(i: number, pct: number): void {
    const table = `tsd_loss_${i}`;
    try {
      nft(this.hub, 'delete', 'table', 'bridge', table);
    } catch {
      /* not there */
    }
    if (pct <= 0) return;
    nft(this.hub, 'add', 'table', 'bridge', table);
    nft(this.hub, 'add', 'chain', 'bridge', table, 'f', '{ type filter hook forward priority 0; policy accept; }');
    nft(
      this.hub,
      'add',
      'rule',
      'bridge',
      table,
      'f',
      'iifname',
      `tsdv${i}`,
      'numgen',
      'random',
      'mod',
      '100',
      '<',
      String(pct),
      'counter',
      'drop',
    );
  }

  /** Packets the loss rule for node i has dropped so far. */
  lossDropped(i: number): number {
    try {
      const out = execFileSync('ip', ['netns', 'exec', this.hub, 'nft', 'list', 'table', 'bridge', `tsd_loss_${i}`], { encoding: 'utf8' });
      const m = /packets (\d+)/.exec(out);
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  }

  /** Cut node i off silently in both directions (on) or heal (off). */
  partition(i: number, on: boolean): void {
    const table = `tsd_part_${i}`;
    try {
      nft(this.hub, 'delete', 'table', 'bridge', table);
    } catch {
      /* not there */
    }
    if (!on) return;
    nft(this.hub, 'add', 'table', 'bridge', table);
    nft(this.hub, 'add', 'chain', 'bridge', table, 'cut', '{ type filter hook forward priority 0; policy accept; }');
    nft(this.hub, 'add', 'rule', 'bridge', table, 'cut', 'iifname', `tsdv${i}`, 'drop');
    nft(this.hub, 'add', 'rule', 'bridge', table, 'cut', 'oifname', `tsdv${i}`, 'drop');
  }

  /** Silently drop every UDP datagram to or from node i (TCP still passes), or stop doing so. */
  blockUdp(i: number, on: boolean): void {
    const table = `tsd_udp_${i}`;
    try {
      nft(this.hub, 'delete', 'table', 'bridge', table);
    } catch {
      /* not there */
    }
    if (!on) return;
    nft(this.hub, 'add', 'table', 'bridge', table);
    nft(this.hub, 'add', 'chain', 'bridge', table, 'f', '{ type filter hook forward priority 0; policy accept; }');
    nft(this.hub, 'add', 'rule', 'bridge', table, 'f', 'iifname', `tsdv${i}`, 'meta', 'l4proto', 'udp', 'counter', 'drop');
    nft(this.hub, 'add', 'rule', 'bridge', table, 'f', 'oifname', `tsdv${i}`, 'meta', 'l4proto', 'udp', 'counter', 'drop');
  }

  /** UDP datagrams the blockUdp rules for node i have dropped so far. */
  udpDropped(i: number): number {
    try {
      const out = execFileSync('ip', ['netns', 'exec', this.hub, 'nft', 'list', 'table', 'bridge', `tsd_udp_${i}`], { encoding: 'utf8' });
      return [...out.matchAll(/packets (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    } catch {
      return 0;
    }
  }

  teardown(): void {
    for (const ns of this.created.reverse()) {
      try {
        ip('netns', 'del', ns);
      } catch {
        /* already gone */
      }
    }
    this.created = [];
  }
}
