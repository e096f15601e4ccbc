/**
 * Things worth a start-up warning that are not errors: open management endpoints, probable typos,
 * go-doudou variables we ignore, gossip timings memberlist would misbehave with.
 */
import { formatDuration } from './duration';
import type { Config } from './types';
import { CONFIG_VARIABLES } from './variables';

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function closestVariable(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const variable of CONFIG_VARIABLES) {
    const distance = editDistance(name, variable.name);
    if (distance <= 3 && (!best || distance < best.distance)) best = { name: variable.name, distance };
  }
  return best?.name;
}

export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  const { manage, mem } = config;
  if (manage.enable && manage.user === '' && manage.pass === '' && config.env !== 'dev') {
    warnings.push(
      'GDD_MANAGE_USER and GDD_MANAGE_PASS are empty: /go-doudou/* endpoints are served without authentication ' +
        '(set both, or GDD_MANAGE_ENABLE=false)',
    );
  }
  if (manage.enable && (manage.user === '') !== (manage.pass === '')) {
    warnings.push(
      `GDD_MANAGE_${manage.user === '' ? 'USER' : 'PASS'} is empty while the other is set: basic auth expects an empty ${manage.user === '' ? 'user' : 'password'}`,
    );
  }
  for (const name of config.sources.unknownVariables) {
    const guess = closestVariable(name);
    warnings.push(`${name} is not a ts-doudou variable and is ignored${guess ? ` (did you mean ${guess}?)` : ''}`);
  }
  for (const name of config.sources.ignoredVariables) {
    warnings.push(`${name} is a go-doudou variable that ts-doudou does not support; it is ignored`);
  }
  if (config.http.drainWindowMs >= config.http.graceTimeoutMs && config.http.drainWindowMs > 0) {
    warnings.push(
      `GDD_DRAIN_WINDOW (${formatDuration(config.http.drainWindowMs)}) is not shorter than GDD_GRACE_TIMEOUT ` +
        `(${formatDuration(config.http.graceTimeoutMs)}): the drain is cut short at the grace timeout`,
    );
  }
  if (config.mode === 'micro') {
    if (mem.probeTimeoutMs >= mem.probeIntervalMs) {
      warnings.push(
        `GDD_MEM_PROBE_TIMEOUT (${formatDuration(mem.probeTimeoutMs)}) is not shorter than GDD_MEM_PROBE_INTERVAL ` +
          `(${formatDuration(mem.probeIntervalMs)}): probes will overlap and healthy nodes may be suspected`,
      );
    }
    if (mem.weight <= 0 && !mem.dynamicWeight) {
      warnings.push('node weight is ≤ 0 and GDD_MEM_WEIGHT_INTERVAL is 0: weighted balancers will send this node no traffic');
    }
  }
  return warnings;
}
