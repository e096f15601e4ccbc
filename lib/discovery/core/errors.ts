/** Typed errors of the gossip core, each with a registered code. */
import { DoudouError, defineErrorCodes, type CodeOf } from '../../errors';

export const GossipErrorCodes = defineErrorCodes('gossip', 'GossipError', {
  GOSSIP_META_TOO_LARGE: { thrownBy: 'MetaTooLargeError', meaning: "The node meta is over memberlist's MetaMaxSize (512 bytes)." },
  GOSSIP_VERSION_INCOMPATIBLE: {
    thrownBy: 'IncompatibleVersionError',
    meaning: "A push/pull was refused: some node's protocol or delegate version is outside the range every node supports.",
  },
  GOSSIP_INVALID_OPTION: {
    thrownBy: 'InvalidGossipOptionError',
    meaning: 'A gossip core option is outside its allowed range (the message names it).',
  },
  GOSSIP_JOIN_FAILED: {
    thrownBy: 'JoinFailedError',
    meaning: 'join() contacted no seed: none resolved, answered, or accepted our versions.',
  },
});

export type GossipErrorCode = CodeOf<typeof GossipErrorCodes>;

/** The base of the gossip errors; GossipNodeError narrows it to the node's own codes. */
export class GossipError<C extends string = GossipErrorCode> extends DoudouError<C> {
  constructor(code: NoInfer<C>, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/** Node meta above memberlist's MetaMaxSize (512 bytes, docs/gossip-wire-format.md#versions-and-metadata). */
export class MetaTooLargeError extends GossipError<'GOSSIP_META_TOO_LARGE'> {
  readonly size: number;
  constructor(size: number, limit: number) {
    super('GOSSIP_META_TOO_LARGE', `node meta is ${size} bytes, the limit is ${limit}`);
    this.size = size;
  }
}

/** verifyProtocol (docs/gossip-wire-format.md#versions-and-metadata) rejected a push/pull: some node's current version is outside the cluster's range. */
export class IncompatibleVersionError extends GossipError<'GOSSIP_VERSION_INCOMPATIBLE'> {
  readonly node: string;
  constructor(node: string, what: 'protocol' | 'delegate protocol', version: number, min: number, max: number) {
    super('GOSSIP_VERSION_INCOMPATIBLE', `node '${node}' ${what} version (${version}) is incompatible: [${min}, ${max}]`);
    this.node = node;
  }
}

/** A gossip option whose value its rule refuses (lib/config/gossip-options.ts); names the option and the accepted form. */
export class InvalidGossipOptionError extends GossipError<'GOSSIP_INVALID_OPTION'> {
  readonly option: string;
  /** The accepted form, "expected …". */
  readonly expected: string;
  constructor(option: string, expected: string, value?: unknown) {
    super('GOSSIP_INVALID_OPTION', `gossip option ${option}${value === undefined ? '' : `=${describe(value)}`} is not valid: ${expected}`);
    this.option = option;
    this.expected = expected;
  }
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** No seed could be contacted during join (Go's Join returns an error when 0 nodes were contacted). */
export class JoinFailedError extends GossipError<'GOSSIP_JOIN_FAILED'> {
  constructor(message: string) {
    super('GOSSIP_JOIN_FAILED', message);
  }
}
