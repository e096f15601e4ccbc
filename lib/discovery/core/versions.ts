/** memberlist verifyProtocol (docs/gossip-wire-format.md#versions-and-metadata): every node's current versions must lie in the cluster's common range. */
import { IncompatibleVersionError } from './errors';
import type { NodeState, VersionVector } from '../wire/messages';

export interface VersionedNode {
  readonly name: string;
  readonly state: NodeState;
  readonly vsn: VersionVector | readonly number[] | undefined;
}

/**
 * The range comes from alive nodes only (local and remote); then every remote entry (any state) and
 * every local alive node must have pCur and dCur inside it. A missing Vsn counts as version 0.
 */
export function verifyProtocol(local: readonly VersionedNode[], remote: readonly VersionedNode[]): IncompatibleVersionError | undefined {
  let maxPMin = 0;
  let minPMax = 255;
  let maxDMin = 0;
  let minDMax = 255;
  const widen = (v: readonly number[]): void => {
    maxPMin = Math.max(maxPMin, v[0]);
    minPMax = Math.min(minPMax, v[1]);
    maxDMin = Math.max(maxDMin, v[3]);
    minDMax = Math.min(minDMax, v[4]);
  };
  for (const n of remote) if (n.state === 'alive' && n.vsn && n.vsn.length >= 5) widen(n.vsn);
  for (const n of local) if (n.state === 'alive' && n.vsn && n.vsn.length >= 5) widen(n.vsn);
  const check = (n: VersionedNode): IncompatibleVersionError | undefined => {
    const pCur = n.vsn && n.vsn.length >= 6 ? n.vsn[2] : 0;
    const dCur = n.vsn && n.vsn.length >= 6 ? n.vsn[5] : 0;
    if (pCur < maxPMin || pCur > minPMax) return new IncompatibleVersionError(n.name, 'protocol', pCur, maxPMin, minPMax);
    if (dCur < maxDMin || dCur > minDMax) {
      return new IncompatibleVersionError(n.name, 'delegate protocol', dCur, maxDMin, minDMax);
    }
    return undefined;
  };
  for (const n of remote) {
    const e = check(n);
    if (e) return e;
  }
  for (const n of local) {
    if (n.state !== 'alive') continue;
    const e = check(n);
    if (e) return e;
  }
  return undefined;
}
