/** Push/pull interval scaling threshold (docs/gossip-wire-format.md#push-pull-schedule). */
const PUSH_PULL_SCALE_THRESHOLD = 32;

/** memberlist pushPullScale: interval × (ceil(log2 n − log2 32) + 1) above 32 nodes (docs/gossip-wire-format.md#push-pull-schedule). */
export function pushPullScale(interval: number, n: number): number {
  if (n <= PUSH_PULL_SCALE_THRESHOLD) return interval;
  return (Math.ceil(Math.log2(n) - Math.log2(PUSH_PULL_SCALE_THRESHOLD)) + 1) * interval;
}
