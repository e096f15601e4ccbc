/**
 * A real Prometheus (Debian's `prometheus` package) started by a spec with a generated configuration:
 * one job discovering its targets through `http_sd_configs`, scraping every second. Killed and its data
 * directory removed by stop().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

export const PROMETHEUS_HINT = 'install Debian package prometheus (bash .ci/install-system.sh)';

export interface PrometheusTarget {
  health: 'up' | 'down' | 'unknown';
  labels: Record<string, string>;
  discoveredLabels: Record<string, string>;
  scrapeUrl: string;
  lastError: string;
}

export interface PrometheusOptions {
  /** The http_sd_configs URL. */
  sdUrl: string;
  /** Basic auth for the SD endpoint and for scraping, when the services have one. */
  basicAuth?: { username: string; password: string };
}

export class PrometheusServer {
  private log = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly url: string,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.log += d.toString()));
  }

  static async start(options: PrometheusOptions): Promise<PrometheusServer> {
    const dir = mkdtempSync(path.join(tmpdir(), 'tsd-prometheus-'));
    const auth = options.basicAuth
      ? `\n    basic_auth: { username: '${options.basicAuth.username}', password: '${options.basicAuth.password}' }`
      : '';
    const config = `global:
  scrape_interval: 1s
  scrape_timeout: 900ms
scrape_configs:
  - job_name: ts-doudou${auth}
    http_sd_configs:
      - url: '${options.sdUrl}'
        refresh_interval: 1s${auth.replace(/\n {4}/, '\n        ')}
`;
    writeFileSync(path.join(dir, 'prometheus.yml'), config);
    const port = await freePort();
    const child = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const server = new PrometheusServer(child, dir, `http://127.0.0.1:${port}`);
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited: ${server.log}`);
        return (await fetch(`${server.url}/-/ready`)).ok;
      },
      { timeoutMs: 20_000, intervalMs: 200, message: 'prometheus ready' },
    ).catch((err: unknown) => {
      server.stop();
      throw err;
    });
    return server;
  }

  async targets(): Promise<PrometheusTarget[]> {
    const body = (await (await fetch(`${this.url}/api/v1/targets?state=active`)).json()) as { data: { activeTargets: PrometheusTarget[] } };
    return body.data.activeTargets;
  }

  /** Instant query; the series' labels and values. */
  async query(promql: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
    const res = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      status: string;
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    if (body.status !== 'success') throw new Error(`query ${promql} failed: ${JSON.stringify(body)}`);
    return body.data.result;
  }

  get output(): string {
    return this.log;
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
