/** What the parts of the core (membership state machine, prober, node) share. Internal. */
import type { PacketMessage } from '../wire/messages';
import type { Awareness } from './awareness';
import type { TransmitLimitedQueue } from './broadcast-queue';
import type { ResolvedSwimOptions } from './defaults';
import type { MemberList } from './member-list';
import type { TimerQueue } from './timer-queue';
import type { SwimCounters, SwimOutput } from './types';

export interface CoreContext {
  readonly opts: ResolvedSwimOptions;
  readonly list: MemberList;
  readonly timers: TimerQueue;
  readonly awareness: Awareness;
  readonly broadcasts: TransmitLimitedQueue<PacketMessage>;
  readonly counters: SwimCounters;
  emit(out: SwimOutput): void;
}
