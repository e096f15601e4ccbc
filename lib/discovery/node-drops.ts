/** Reason code under which a packet or stream that failed is counted (TransportStats *Dropped). */
import { WireDecodeError } from './wire/errors';
import { TransportError } from './transport/errors';

export function dropReason(err: unknown): string {
  if (err instanceof WireDecodeError) return err.code.toLowerCase().replace(/_/g, '-');
  if (err instanceof TransportError) return err.code.toLowerCase().replace(/_/g, '-');
  return 'decode';
}
