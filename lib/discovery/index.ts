/** Gossip discovery: public surface (memberlist-compatible SWIM node). */
export { GossipNode, GossipNodeStats, SendUserOptions } from './node';
export {
  GossipNodeOptions,
  GossipProfile,
  DelegateVersion as GossipDelegateVersion,
  ResolvedGossipOptions,
  GOSSIP_PROFILES,
  DEFAULT_GOSSIP_PORT,
  META_MAX_SIZE,
  resolveOptions as resolveGossipOptions,
} from './node-options';
export { optionsFromConfig, optionsFromMemConfig, EnvSource } from './node-env';
export { GossipEvent, GossipNodeEventMap, UserMessageEvent } from './node-events';
export { GossipError, GossipNodeError, GossipNodeErrorCode, JoinFailedError } from './node-errors';
export type { MemberInfo, MembershipEventType } from './core/types';
export type { NodeAddress, NodeState } from './wire/messages';
export type { TransportStats } from './transport/counters';
