/**
 * Reliability report (`npm run bench:reliability`): what a SIGTERM costs clients, what uploads leave on
 * disk, how slow clients are cut and logged, RSS over a fixed request mix, and the kill -9 timeline of
 * each gossip profile — all on real processes (the sample monolith, ts gossip nodes). Writes
 * bench/results/reliability.json.
 *
 * Usage: `node dist/bench/reliability/run.js [--smoke] [--clients 50] [--slow-clients 300]
 *   [--read-timeout-ms 15000] [--requests 300000] [--profiles all|sample,lan,…]
 *   [--only all|sigterm,uploads,slow,memory,detection] [--out FILE | --out none]`.
 * The defaults are the report's (about 6 minutes, most of it the go-doudou and wan detection
 * timelines); --smoke shrinks every figure to prove the generator works in about a minute. The load
 * average before and after is recorded: figures taken on a busy shared machine read differently.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { option, positive } from '../support/cli-options';
import { DETECTION_PROFILES, measureDetection, type DetectionResult } from './detection';
import { memoryUnderMix } from './memory';
import { sigtermUnderLoad, sigtermUnderWrk, uploadsAtSigterm } from './shutdown';
import { slowClients } from './slow-clients';

const smoke = process.argv.includes('--smoke');
const pick = (flag: string, env: string, full: number, small: number): number => positive(flag, env, smoke ? small : full);

async function main(): Promise<void> {
  const clients = pick('clients', 'REL_CLIENTS', 50, 20);
  const slow = pick('slow-clients', 'REL_SLOW_CLIENTS', 300, 30);
  const readTimeoutMs = pick('read-timeout-ms', 'REL_READ_TIMEOUT_MS', 15_000, 3_000);
  const requests = pick('requests', 'REL_REQUESTS', 300_000, 20_000);
  const wanted = option('profiles', 'REL_PROFILES', smoke ? 'sample,lan' : 'all');
  const profiles = DETECTION_PROFILES.filter((p) => wanted === 'all' || wanted.split(',').some((w) => p.name.startsWith(w)));
  const only = option('only', 'REL_ONLY', 'all').split(',');
  const loadAverage = (): number[] => os.loadavg().map((l) => Math.round(l * 100) / 100);
  const loadBefore = loadAverage();
  const wants = (section: string): boolean => only.includes('all') || only.includes(section);
  const step = (section: string, what: string): boolean => {
    if (wants(section)) process.stderr.write(`reliability: ${what}…\n`);
    return wants(section);
  };

  const sigterm = step('sigterm', `SIGTERM under ${clients} keep-alive clients`)
    ? await sigtermUnderLoad(clients, smoke ? 2_000 : 20_000)
    : undefined;
  const wrk = step('sigterm', 'SIGTERM under wrk') ? await sigtermUnderWrk(clients, smoke ? 4 : 10, smoke ? 2 : 5) : undefined;
  const tempFiles = step('uploads', 'uploads in progress at SIGTERM') ? await uploadsAtSigterm([5, 20, 7.3]) : undefined;
  const slowResult = step('slow', `${slow} slow clients at 1 byte/s, GDD_READ_TIMEOUT=${readTimeoutMs}ms`)
    ? await slowClients(slow, readTimeoutMs)
    : undefined;
  const memory = step('memory', `RSS over ${requests} requests`) ? await memoryUnderMix(requests, 50) : undefined;
  const detection: DetectionResult[] = [];
  for (const profile of wants('detection') ? profiles : []) {
    step('detection', `kill -9 timeline, ${profile.name}`);
    detection.push(await measureDetection(profile));
  }

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    smoke,
    loadAverage: { before: loadBefore, after: loadAverage() },
    sigterm: sigterm && { ...sigterm, wrk: wrk ?? 'wrk not installed' },
    tempFiles,
    slowClients: slowResult,
    memory,
    detection,
  };
  console.table({
    'SIGTERM: sent before / answered': sigterm && `${sigterm.requestsSentBeforeSigterm} / ${sigterm.requestsAnsweredBeforeSigterm}`,
    'SIGTERM: failures': sigterm && JSON.stringify(sigterm.failures),
    'SIGTERM under wrk: read errors (resets)': wrk?.socketErrors.read,
    'temp entries before / after exit': tempFiles && `${tempFiles.entriesBeforeSigterm} / ${tempFiles.entriesAfterExit}`,
    'slow client → 408 (median, max ms)': slowResult && `${slowResult.timeTo408Ms.median}, ${slowResult.timeTo408Ms.max}`,
    'log lines per slow client': slowResult?.logLinesPerSlowClient,
    'RSS before → after (MiB)': memory && `${memory.rssBeforeMiB} → ${memory.rssAfterMiB}`,
  });
  console.table(
    detection.map((d) => ({
      profile: d.profile,
      'suspect (ms)': JSON.stringify(d.suspectMs),
      'dead (ms)': JSON.stringify(d.deadMs),
      'replacement accepted (ms)': d.reclaimMs,
    })),
  );
  const out = option('out', 'REL_OUT', path.resolve(__dirname, '../../../bench/results/reliability.json'));
  if (out !== 'none') {
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`wrote ${out}\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
