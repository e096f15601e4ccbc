/**
 * Typed errors of the service registry. A too-large or invalid node metadata is a start-up problem (bad
 * configuration or too much registry data), so it is a ConfigError: never sent to a client, reported when the
 * App starts.
 */
import { ConfigError, defineErrorCodes, type CodeOf } from '../errors';

export const RegistryErrorCodes = defineErrorCodes('registry', 'RegistryError', {
  META_TOO_LARGE: {
    thrownBy: 'NodeMetaTooLargeError',
    meaning: "The encoded node metadata is over memberlist's 512 bytes: publish less registry data, fewer or shorter-named services.",
  },
  META_INVALID: {
    meaning: 'A field of the node metadata to publish is not valid (empty service name, port outside 0…65535, weight not an integer).',
  },
});

export type RegistryErrorCode = CodeOf<typeof RegistryErrorCodes>;

export class RegistryError extends ConfigError<RegistryErrorCode> {}

/** The encoded node metadata exceeds memberlist's MetaMaxSize (docs/gossip-wire-format.md#versions-and-metadata: 512 bytes). */
export class NodeMetaTooLargeError extends RegistryError {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(
      'META_TOO_LARGE',
      `node metadata is ${size} bytes, memberlist allows at most ${limit}: shrink the registry data ` +
        '(LocalRegistration data / per-service data), shorten service names, routeRootPath, version or build ' +
        'info, or publish fewer services from this node',
    );
  }
}
