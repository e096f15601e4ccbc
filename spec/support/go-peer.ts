/**
 * Real Go memberlist peers for interop tests: the project's own program spec/support/gonode/main.go on
 * Debian's memberlist 0.2.2. It is built on first use in GOPATH mode (no module proxy, nothing fetched) into
 * a per-machine cache keyed by the hash of its sources, so later runs start at once.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from './fixtures';
import { JsonLineProcess, PeerEvent } from './json-process';
import { DEBIAN_GOPATH } from './requirements';

const execFileAsync = promisify(execFile);

/** Where gonode's Go sources live in the repository. */
export function gonodeSourceDir(): string {
  return path.join(repositoryRoot(), 'spec', 'support', 'gonode');
}

let building: Promise<string> | undefined;

/** Path to a built gonode binary (built on first use, then cached across runs). */
export function gonodeBinary(): Promise<string> {
  building ??= buildGonode();
  return building;
}

async function buildGonode(): Promise<string> {
  const src = gonodeSourceDir();
  const hash = createHash('sha256');
  for (const file of fs
    .readdirSync(src)
    .filter((f) => f.endsWith('.go'))
    .sort()) {
    hash.update(file).update(fs.readFileSync(path.join(src, file)));
  }
  const dir = path.join(os.tmpdir(), 'ts-doudou-gonode', hash.digest('hex').slice(0, 16));
  const bin = path.join(dir, 'gonode');
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(dir, { recursive: true });
  // Build to a private name then rename, so concurrent test runs never see a half-written binary.
  const tmp = `${bin}.${process.pid}.tmp`;
  try {
    await execFileAsync('go', ['build', '-o', tmp, '.'], {
      cwd: src,
      timeout: 300_000,
      // GOPATH mode: the imports come from Debian's packaged sources, never from the network.
      env: { ...process.env, GO111MODULE: 'off', GOPATH: DEBIAN_GOPATH, GOFLAGS: '', GOPROXY: 'off' },
    });
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`building gonode (${src}) failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
  fs.renameSync(tmp, bin);
  return bin;
}

export interface GoPeerOptions {
  name: string;
  port: number;
  bind?: string;
  advertise?: string;
  join?: string[];
  profile?: 'local' | 'lan' | 'wan';
  key?: string;
  delegateVsn?: string;
  meta?: unknown;
  metaFile?: string;
  compress?: boolean;
  proto?: number;
  membersEvery?: string;
  /** Run inside a network namespace (`ip netns exec NS …`). */
  netns?: string;
  extraArgs?: string[];
}

export class GoPeer extends JsonLineProcess {
  constructor(
    readonly options: GoPeerOptions,
    bin: string,
  ) {
    const args = ['-name', options.name, '-bind', options.bind ?? '127.0.0.1', '-port', String(options.port)];
    args.push('-profile', options.profile ?? 'local');
    if (options.advertise) args.push('-advertise', options.advertise);
    if (options.join?.length) args.push('-join', options.join.join(','));
    if (options.key) args.push('-key', options.key);
    if (options.delegateVsn) args.push('-delegate-vsn', options.delegateVsn);
    if (options.metaFile) args.push('-meta-file', options.metaFile);
    if (options.compress === false) args.push('-compress=false');
    if (options.proto !== undefined) args.push('-proto', String(options.proto));
    if (options.membersEvery) args.push('-members-every', options.membersEvery);
    args.push(...(options.extraArgs ?? []));
    const env = { ...process.env };
    if (options.meta !== undefined) env.GONODE_META = JSON.stringify(options.meta);
    else delete env.GONODE_META;
    const [cmd, full] = options.netns ? ['ip', ['netns', 'exec', options.netns, bin, ...args]] : [bin, args];
    super(`gonode ${options.name}`, cmd, full, { env });
  }

  /** Spawn and wait for its `start` line (and `joined` when seeds were given; throws if the join failed). */
  static async start(options: GoPeerOptions): Promise<GoPeer> {
    const peer = new GoPeer(options, await gonodeBinary());
    await peer.waitForEvent((e) => e.event === 'start', 15_000, 'start');
    if (options.join?.length) {
      const joined = await peer.waitForEvent((e) => e.event === 'joined', 15_000, 'joined');
      if (joined.error) {
        await peer.kill();
        throw new Error(`gonode ${options.name} failed to join: ${String(joined.error)}`);
      }
    }
    return peer;
  }

  /** Has this Go node, as of now, seen `name` join and not leave since? */
  sees(name: string): boolean {
    let present = false;
    for (const e of this.events) {
      if (e.name !== name) continue;
      if (e.event === 'join') present = true;
      else if (e.event === 'leave') present = false;
    }
    return present;
  }

  lastEventAbout(name: string, event: string): PeerEvent | undefined {
    return [...this.events].reverse().find((e) => e.name === name && e.event === event);
  }
}
