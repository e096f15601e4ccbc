/**
 * What every benchmark runner reads from its command line: `--flag value`, else the environment variable,
 * else the default; and the median it reports over its rounds (a single slow round on a shared 2-core
 * machine must not move the result).
 */

export function option(flag: string, env: string, fallback: string): string {
  const i = process.argv.indexOf(`--${flag}`);
  if (i >= 0 && process.argv[i + 1] !== undefined) return process.argv[i + 1]!;
  return process.env[env] ?? fallback;
}

export function positive(flag: string, env: string, fallback: number): number {
  const raw = option(flag, env, String(fallback));
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag} / ${env}: '${raw}' is not a positive number`);
  return n;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
