/**
 * Every log line written while a request is handled carries that request's `requestId` and, when it is
 * traced, `traceId` — handler logs included, without the handler passing anything.
 *
 * Why at `write()` and not in a winston format: formats run in the logger's stream transform, which runs
 * later, outside the request's async context, whenever the stream is backed up. Every winston call —
 * `logger.info(…)`, `logger.log(…)`, a child logger's — ends in the root logger's `write(info)`, which is
 * synchronous at the call site, so the context is read there. Values the caller set explicitly win.
 */
import type { Logger } from 'winston';
import { currentRequestContext } from './request-context';

const STAMPED = Symbol.for('ts-doudou.log-context');

type Stampable = Logger & { [STAMPED]?: true };

/** Makes `logger` (and every child of it) add requestId/traceId from the async context. Idempotent. */
export function stampRequestContext(logger: Logger): Logger {
  const target = logger as Stampable;
  if (target[STAMPED]) return logger;
  const write = logger.write.bind(logger) as (info: unknown) => boolean;
  Object.defineProperty(target, 'write', {
    configurable: true,
    writable: true,
    value(info: Record<string, unknown>): boolean {
      const context = currentRequestContext();
      if (context !== undefined && typeof info === 'object' && info !== null) {
        if (context.requestId !== undefined && info.requestId === undefined) info.requestId = context.requestId;
        if (context.span !== undefined && info.traceId === undefined) {
          const traceId = context.span.context().toTraceId();
          if (traceId) info.traceId = traceId;
        }
      }
      return write(info);
    },
  });
  target[STAMPED] = true;
  return logger;
}
