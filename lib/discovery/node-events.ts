/**
 * Event types of the public GossipNode and the async-iterator view of them. Each `events()` iterator has
 * its own unbounded queue from the moment it is created; it ends when the node shuts down or the consumer
 * breaks out of the loop.
 */
import type { MemberInfo, MembershipEventType } from './core/types';
import type { NodeAddress } from './wire/messages';

export interface UserMessageEvent {
  payload: Uint8Array;
  /** UDP source, or the TCP peer's address (its ephemeral port) for reliable messages. */
  from?: NodeAddress;
  reliable: boolean;
}

export type GossipEvent = { type: MembershipEventType; node: MemberInfo } | { type: 'user'; message: UserMessageEvent };

/** Typed EventEmitter map: `node.on('join', (m) => …)`. */
export interface GossipNodeEventMap {
  join: [MemberInfo];
  update: [MemberInfo];
  leave: [MemberInfo];
  dead: [MemberInfo];
  suspect: [MemberInfo];
  alive: [MemberInfo];
  weight: [MemberInfo];
  user: [UserMessageEvent];
  /** Another node claims a live member's name (maybe this node's own): names must be unique. */
  conflict: [NameConflict];
}

/** Two nodes at different addresses use one name (memberlist's conflict rule); see GossipNodeEventMap.conflict. */
export interface NameConflict {
  readonly name: string;
  /** The address the member list keeps for the name (this node's own when `name` is ours). */
  readonly known: NodeAddress;
  readonly other: NodeAddress;
}

export class EventQueue implements AsyncIterableIterator<GossipEvent> {
  private readonly buffered: GossipEvent[] = [];
  private waiting?: (r: IteratorResult<GossipEvent>) => void;
  private done = false;

  constructor(private readonly onClose: (q: EventQueue) => void) {}

  push(event: GossipEvent): void {
    if (this.done) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: event, done: false });
    } else {
      this.buffered.push(event);
    }
  }

  /** No more events: pending and future next() calls finish (after the buffered events). */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.onClose(this);
    if (this.waiting && this.buffered.length === 0) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<GossipEvent>> {
    const value = this.buffered.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<GossipEvent>> {
    this.buffered.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<GossipEvent> {
    return this;
  }
}
