/**
 * go-doudou's gossiped node weights (type-14 weight messages; docs/gossip-wire-format.md#weight-messages). The
 * fork's receive rule: ignore a message about an unknown node, a node that is not alive, ourselves, an
 * incarnation older than the one we hold, or a weightAt not newer than the stored one; otherwise store it on the
 * node, gossip it on (replacing a queued weight message about the same node) and tell the application. What a
 * weight means for balancing is the registry's business (docs/go-doudou-differences.md#node-weight).
 */
import type { WeightMessage } from '../wire/messages';
import type { CoreContext } from './context';
import { toMemberInfo } from './member-list';

export class NodeWeights {
  constructor(private readonly ctx: CoreContext) {}

  receive(m: WeightMessage): void {
    const { list, opts, counters } = this.ctx;
    const node = list.get(m.node);
    const stale =
      !node ||
      node.state !== 'alive' ||
      m.node === opts.name ||
      m.incarnation < node.incarnation ||
      m.weightAt <= (node.gossipedWeightAt ?? Number.NEGATIVE_INFINITY);
    if (stale) {
      counters.weightsIgnored++;
      return;
    }
    node.gossipedWeight = m.weight;
    node.gossipedWeightAt = m.weightAt;
    counters.weightsApplied++;
    this.ctx.broadcasts.queue({ key: `weight:${m.node}`, message: m, size: opts.sizeOf(m) });
    this.ctx.emit({ kind: 'event', type: 'weight', node: toMemberInfo(node) });
  }
}
