/** Errors the public GossipNode raises on purpose (stable codes; the core's GossipError is the base). */
import { GossipError } from './core/errors';

export { GossipError, JoinFailedError } from './core/errors';

export type GossipNodeErrorCode =
  | 'GOSSIP_NOT_RUNNING'
  | 'GOSSIP_LEAVE_TIMEOUT'
  | 'GOSSIP_UNKNOWN_MEMBER'
  | 'GOSSIP_ADVERTISE_UNRESOLVED'
  | 'GOSSIP_SEED_UNRESOLVED'
  | 'GOSSIP_SEND_FAILED';

export class GossipNodeError extends GossipError {
  constructor(code: GossipNodeErrorCode, message: string) {
    super(code, message);
    this.name = 'GossipNodeError';
  }
}
