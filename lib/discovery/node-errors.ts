/** Errors the public GossipNode raises on purpose (registered codes; the core's GossipError is the base). */
import { defineErrorCodes, type CodeOf } from '../errors';
import { GossipError } from './core/errors';

export { GossipError, JoinFailedError } from './core/errors';

export const GossipNodeErrorCodes = defineErrorCodes('gossip', 'GossipNodeError', {
  GOSSIP_NOT_RUNNING: { meaning: 'The node is shut down (or shut down while a join was in flight).' },
  GOSSIP_LEAVE_TIMEOUT: { meaning: 'leave() could not gossip its leave to the cluster within the timeout.' },
  GOSSIP_UNKNOWN_MEMBER: { meaning: 'sendUser() to a member name the node does not know (or Simulation.node() to a name it never added).' },
  GOSSIP_ADVERTISE_UNRESOLVED: { meaning: 'The advertise address (`advertiseAddr`, GDD_MEM_HOST) does not resolve.' },
  GOSSIP_SEED_UNRESOLVED: { meaning: 'A seed (`join()`, GDD_MEM_SEED) is not `host:port` with a port 1…65535.' },
  GOSSIP_SEND_FAILED: { meaning: 'A push/pull over TCP got an error answer or an answer of the wrong type.' },
});

export type GossipNodeErrorCode = CodeOf<typeof GossipNodeErrorCodes>;

export class GossipNodeError extends GossipError<GossipNodeErrorCode> {}
