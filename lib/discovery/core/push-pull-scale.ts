/** Push/pull interval scaling threshold (memberlist-wire.md §7.4). */
const PUSH_PULL_SCALE_THRESHOLD = 32;

/** memberlist pushPullScale: interval × (ceil(log2 n − log2 32) + 1) above 32 nodes (§7.4). */
export function pushPullScale(interval: number, n: number): number {
  if (n <= PUSH_PULL_SCALE_THRESHOLD) return interval;
  return (Math.ceil(Math.log2(n) - Math.log2(PUSH_PULL_SCALE_THRESHOLD)) + 1) * interval;
}
