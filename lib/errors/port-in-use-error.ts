import { ConfigError } from './config-error';

/**
 * The HTTP or the gossip port cannot be bound: another process holds it, or this user may not open it.
 * `cause` is the socket's EADDRINUSE/EACCES (for the gossip port, through the transport's BIND_FAILED).
 */
export class PortInUseError extends ConfigError<'PORT_IN_USE'> {
  constructor(
    /** The variable that chooses the port: `GDD_PORT` or `GDD_MEM_PORT`. */
    readonly variable: 'GDD_PORT' | 'GDD_MEM_PORT',
    message: string,
    options?: ErrorOptions,
  ) {
    super('PORT_IN_USE', message, options);
  }
}
