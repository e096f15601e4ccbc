/**
 * How much gossip fits in one UDP packet, and which broadcasts fill it: memberlist's compound framing and
 * its getBroadcasts rule — our own queue first, then user broadcasts in the space left
 * (docs/gossip-wire-format.md#broadcast-queue, docs/gossip-wire-format.md#sizes-and-limits).
 */
import type { PacketMessage, UserMessage } from '../wire/messages';
import type { TransmitLimitedQueue } from './broadcast-queue';

/** Compound header (type + count) and per-part length overhead. */
export const COMPOUND_HEADER = 2;
export const COMPOUND_PART = 2;
/** A delegate broadcast's type byte. */
const USER_MSG_OVERHEAD = 1;

export function takeBroadcasts(
  own: TransmitLimitedQueue<PacketMessage>,
  user: TransmitLimitedQueue<UserMessage>,
  sizeOf: (m: PacketMessage) => number,
  overhead: number,
  limit: number,
): PacketMessage[] {
  const msgs: PacketMessage[] = own.take(overhead, limit);
  if (user.length === 0) return msgs;
  let used = 0;
  for (const m of msgs) used += overhead + sizeOf(m);
  const avail = limit - used;
  if (avail > overhead + USER_MSG_OVERHEAD) msgs.push(...user.take(overhead + USER_MSG_OVERHEAD, avail));
  return msgs;
}
