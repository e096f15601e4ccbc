/**
 * `ts-doudou/discovery`: gossip membership without an App — a SWIM node wire-compatible with
 * hashicorp/memberlist, and the registry that turns its members' metadata into service instances (an
 * InstanceSource for createClient). Every name is listed on purpose and documented in README.md;
 * spec/index.spec.ts pins the list.
 */
export { GossipNode, type GossipNodeStats, type SendUserOptions } from './node';
export { DEFAULT_GOSSIP_PORT, META_MAX_SIZE, type GossipNodeOptions, type GossipProfile } from './node-options';
export type { GossipEvent, GossipNodeEventMap, UserMessageEvent, NameConflict } from './node-events';
export { GossipError, GossipNodeError, JoinFailedError, type GossipNodeErrorCode } from './node-errors';
export { InvalidGossipOptionError, MetaTooLargeError } from './core/errors';
export { TransportError } from './transport/errors';
export type { MemberInfo, MembershipEventType } from './core/types';
export type { NodeAddress, NodeState } from './wire/messages';
export type { TransportStats } from './transport/counters';
export { ServiceRegistry, type ServiceRegistryOptions, type ServiceRegistryStats, type RegistryChange } from '../registry';
export type { RegistryInstance, InstanceState } from '../registry';
