/**
 * Typed errors of the service registry. A too-large metadata is a start-up problem (bad configuration or too
 * much registry data), so it is a ConfigError: never sent to a client, reported when the App starts.
 */
import { ConfigError } from '../errors';

export type RegistryErrorCode = 'META_TOO_LARGE' | 'META_INVALID';

export class RegistryError extends ConfigError {
  declare readonly code: RegistryErrorCode;
  constructor(code: RegistryErrorCode, message: string) {
    super(code, message);
    this.name = 'RegistryError';
  }
}

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
    this.name = 'NodeMetaTooLargeError';
  }
}
