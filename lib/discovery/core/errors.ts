/** Typed errors of the gossip core, each with a stable `code`. */

export class GossipError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'GossipError';
    this.code = code;
  }
}

/** Node meta above memberlist's MetaMaxSize (512 bytes, docs/gossip-wire-format.md#versions-and-metadata). */
export class MetaTooLargeError extends GossipError {
  readonly size: number;
  constructor(size: number, limit: number) {
    super('GOSSIP_META_TOO_LARGE', `node meta is ${size} bytes, the limit is ${limit}`);
    this.name = 'MetaTooLargeError';
    this.size = size;
  }
}

/** verifyProtocol (docs/gossip-wire-format.md#versions-and-metadata) rejected a push/pull: some node's current version is outside the cluster's range. */
export class IncompatibleVersionError extends GossipError {
  readonly node: string;
  constructor(node: string, what: 'protocol' | 'delegate protocol', version: number, min: number, max: number) {
    super('GOSSIP_VERSION_INCOMPATIBLE', `node '${node}' ${what} version (${version}) is incompatible: [${min}, ${max}]`);
    this.name = 'IncompatibleVersionError';
    this.node = node;
  }
}

/** A gossip option whose value its rule refuses (lib/config/gossip-options.ts); names the option and the accepted form. */
export class InvalidGossipOptionError extends GossipError {
  readonly option: string;
  /** The accepted form, "expected …". */
  readonly expected: string;
  constructor(option: string, expected: string, value?: unknown) {
    super('GOSSIP_INVALID_OPTION', `gossip option ${option}${value === undefined ? '' : `=${describe(value)}`} is not valid: ${expected}`);
    this.name = 'InvalidGossipOptionError';
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
export class JoinFailedError extends GossipError {
  constructor(message: string) {
    super('GOSSIP_JOIN_FAILED', message);
    this.name = 'JoinFailedError';
  }
}
