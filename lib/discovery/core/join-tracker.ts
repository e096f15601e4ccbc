/**
 * Bookkeeping of join() calls (docs/gossip-wire-format.md#start-and-join): a join contacts every seed with a push/pull
 * and succeeds when at least one answered; its completion reports how many did and why the others failed.
 */
import { JoinFailedError } from './errors';
import type { JoinCompleteOutput } from './types';
import type { NodeAddress } from '../wire/messages';

interface PendingJoin {
  pending: number;
  contacted: number;
  errors: Array<{ to: NodeAddress; error: Error }>;
}

export class JoinTracker {
  private nextJoinId = 0;
  private readonly joins = new Map<number, PendingJoin>();

  /** Registers a join over `seedCount` seeds; with none it is complete at once (and failed). */
  start(seedCount: number): { joinId: number; completed?: JoinCompleteOutput } {
    const joinId = ++this.nextJoinId;
    const join: PendingJoin = { pending: seedCount, contacted: 0, errors: [] };
    if (seedCount === 0) return { joinId, completed: this.completion(joinId, join) };
    this.joins.set(joinId, join);
    return { joinId };
  }

  /** Records one seed's outcome; returns the completion when it was the last one outstanding. */
  result(joinId: number, to: NodeAddress, outcome: { ok: true } | { ok: false; error: Error }): JoinCompleteOutput | undefined {
    const join = this.joins.get(joinId);
    if (!join) return undefined;
    join.pending--;
    if (outcome.ok) join.contacted++;
    else join.errors.push({ to, error: outcome.error });
    if (join.pending > 0) return undefined;
    this.joins.delete(joinId);
    return this.completion(joinId, join);
  }

  private completion(joinId: number, join: PendingJoin): JoinCompleteOutput {
    const errors = [...join.errors];
    if (join.contacted === 0 && errors.length === 0) {
      errors.push({ to: { addr: '', port: 0 }, error: new JoinFailedError('no seed addresses to join') });
    }
    return { kind: 'joinComplete', joinId, contacted: join.contacted, errors };
  }
}
