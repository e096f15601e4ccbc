/**
 * Sample services as real micro-mode processes on 127.0.0.1, finding each other by gossip: the first one
 * started is the seed. Used by the micro-mode and Prometheus discovery specs.
 */
import { AppProcess } from './app-process';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

/** Fast gossip so failures are detected within a few seconds on loopback. */
export const GOSSIP_ENV: Record<string, string> = {
  GDD_MODE: 'micro',
  GDD_MEM_HOST: '127.0.0.1',
  GDD_MEM_BIND_ADDR: '127.0.0.1',
  GDD_MEM_PROBE_INTERVAL: '300ms',
  GDD_MEM_PROBE_TIMEOUT: '150ms',
  GDD_MEM_SUSPICION_MULT: '2',
  GDD_MEM_GOSSIP_INTERVAL: '50',
  GDD_MEM_SYNC_INTERVAL: '5s',
  GDD_MEM_TCP_TIMEOUT: '2s',
  GDD_GRACE_TIMEOUT: '5s',
};

export interface Member {
  name: string;
  process: AppProcess;
  port: number;
}

export interface RegistryRows {
  rows: Array<{ svcName: string; hostname: string; status: string; weight: number }>;
}

export class MicroCluster {
  readonly members: Member[] = [];
  seed = '';

  /** Basic auth for /go-doudou/* when the members run with GDD_MANAGE_USER/PASS. */
  constructor(private readonly manageAuth: string | undefined = undefined) {}

  async start(name: string, script: string, env: Record<string, string>): Promise<Member> {
    const memPort = this.seed === '' ? await freePort() : 0;
    const proc = new AppProcess(script, {
      ...GOSSIP_ENV,
      GDD_MEM_NAME: name,
      GDD_MEM_PORT: String(memPort),
      GDD_MEM_SEED: this.seed,
      ...env,
    });
    const port = Number((await proc.waitForLine(/ready: http:\/\/localhost:(\d+)/))[1]);
    if (this.seed === '') this.seed = `127.0.0.1:${memPort}`;
    const member = { name, process: proc, port };
    this.members.push(member);
    return member;
  }

  async registry(member: Member): Promise<RegistryRows['rows']> {
    const headers: Record<string, string> = this.manageAuth ? { authorization: this.manageAuth } : {};
    const res = await fetch(`http://127.0.0.1:${member.port}/go-doudou/registry?format=json`, { headers });
    return ((await res.json()) as RegistryRows).rows;
  }

  /** Resolves when `member`'s registry lists exactly these node names for the user service. */
  async waitForUsers(member: Member, names: string[], timeoutMs = 15_000): Promise<void> {
    const want = [...names].sort().join(',');
    await waitFor(
      async () =>
        (await this.registry(member))
          .filter((r) => r.svcName === 'usersvc_rest' && r.status === 'up')
          .map((r) => r.hostname)
          .sort()
          .join(',') === want,
      { timeoutMs, intervalMs: 100, message: `${member.name} to see usersvc on ${want}` },
    );
  }

  stopAll(): void {
    for (const m of this.members.splice(0)) m.process.kill();
  }
}
