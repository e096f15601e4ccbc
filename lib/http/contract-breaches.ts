/**
 * Where a handler does something its descriptor does not say, the answer still follows the descriptor (the
 * document cannot be wrong about what the server does) — and in development (GDD_ENV=dev) a warning names
 * the route and what it did, once per route and kind, so the contract gets fixed where it is declared.
 */
import type { Logger } from 'winston';
import { mapError } from './error-mapper';

export class ContractBreaches {
  private readonly seen = new Set<string>();

  /** Without a logger nothing is checked or reported (production). */
  constructor(private readonly logger: Logger | undefined) {}

  get enabled(): boolean {
    return this.logger !== undefined;
  }

  /** Warns once about `what` happening on `route` (an operationId, or `service.operationId`). */
  report(route: string, what: string): void {
    if (this.logger === undefined) return;
    const key = `${route}\u0000${what}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.logger.warn(`contract breach: ${route} ${what}`, { contractBreach: route });
  }

  /**
   * A handler threw `err`: when its answer (status and code, as the error mapper will write them) is not among
   * `declared` (`"422 UNKNOWN_USER"` keys of lib/http/route-errors.ts), the route's `errors: [...]` misses it.
   */
  reportUndeclaredError(route: string, declared: ReadonlySet<string>, err: unknown): void {
    const { status, body } = mapError(err, '');
    if (declared.has(`${status} ${body.error.code}`)) return;
    this.report(route, `answered ${status} ${body.error.code}, which its errors: [...] do not declare`);
  }
}
