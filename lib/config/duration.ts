/**
 * Go duration syntax (`time.ParseDuration`): a sequence of decimal numbers, each with a unit —
 * `15s`, `500ms`, `1m30s`, `1.5h`, `2h45m`. go-doudou reads every `*_TIMEOUT`/`*_INTERVAL` variable
 * this way, so we accept exactly the same text. Values are returned in milliseconds (possibly
 * fractional for `ns`/`us`). Negative durations are refused: no setting of ours means anything by them.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3, // U+00B5 micro sign, accepted by Go
  μs: 1e-3, // U+03BC Greek mu, accepted by Go
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Milliseconds for a Go duration string, or undefined when the text is not one. `"0"` is 0, as in Go. */
export function parseGoDuration(text: string): number | undefined {
  let s = text.trim();
  if (s.startsWith('+')) s = s.slice(1);
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const start = PART.lastIndex;
    const m = PART.exec(s);
    if (m === null || m.index !== start) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return Number.isFinite(total) ? total : undefined;
}

/** Shortest Go-style text for a millisecond count: 15000 → `15s`, 90000 → `1m30s`, 500 → `500ms`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (!Number.isInteger(ms) || ms % 1000 !== 0) {
    return ms < 1000 || !Number.isInteger(ms) ? `${ms}ms` : `${formatDuration(ms - (ms % 1000))}${ms % 1000}ms`;
  }
  let rest = ms / 1000;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
