/**
 * One log line per request once the response is over: method, route template, status, ms, bytes,
 * request id (go-doudou's "metrics" middleware, which was really an access log). With `logBodies`
 * (GDD_LOG_REQ_ENABLE) the parsed request body is added, and at debug level a request/response dump line
 * precedes it (request-dump.ts); responses are not buffered for either, so streaming still works. Called by the request lifecycle (request-lifecycle.ts), not a middleware of its own.
 */
import type { Context } from 'koa';
import type { Logger } from 'winston';
import { requestDump } from './request-dump';
import type { ResponseOutcome } from './response-outcome';

export interface AccessLogOptions {
  logBodies: boolean;
}

/** How a response ended, as the access log and the metrics see it (response-outcome.ts). */
export interface FinishedResponse {
  /** The status line sent; undefined when none was (the line then shows `-` and has no `status`). */
  status: number | undefined;
  /** Body bytes written to the socket (after compression). */
  bytes: number;
  /** Milliseconds from the start of the request lifecycle to the end of the response. */
  ms: number;
  /** `completed`, or who ended it first; anything else is added to the line as `outcome`. */
  outcome: ResponseOutcome;
}

/** A request that failed before it could be parsed (no method, no route): a read timeout of its headers. */
export interface UnparsedRequest extends FinishedResponse {
  requestId: string;
  remoteAddr: string | undefined;
}

const roundMs = (ms: number): number => Math.round(ms * 100) / 100;

/** Parsed request body of JSON/form routes, left by the route builder for the access log. */
export const LOGGED_BODY = Symbol('gdd.loggedBody');

interface PendingLine {
  message: string;
  meta: Record<string, unknown>;
  /** The request/response dump (request-dump.ts) goes out at debug. */
  debug?: boolean;
}

/**
 * Lines are collected while requests finish and handed to the logger together at the next turn of the
 * event loop (setImmediate): the same lines, in the same order, at most one loop turn later. Running
 * winston's formats and transports back to back for a batch instead of interleaved with request
 * handling costs noticeably less CPU per line under load (bench/http).
 */
export class AccessLog {
  private pending: PendingLine[] = [];
  private flushScheduled = false;
  private readonly flushBound = (): void => this.flush();

  constructor(
    private readonly logger: Logger,
    private readonly options: AccessLogOptions,
  ) {}

  /** Queues the line for one finished request; builds nothing when the logger filters level info. */
  write(ctx: Context, route: string, requestId: string | undefined, r: FinishedResponse, traceId?: string): void {
    if (!this.logger.isInfoEnabled()) return;
    const meta = this.lineMeta(ctx.method, route, ctx.originalUrl, requestId, ctx.ip, r);
    // written a loop turn later, outside the request's async context: carry its trace id explicitly
    if (traceId) meta.traceId = traceId;
    if (this.options.logBodies) {
      const body = (ctx.state as Record<symbol, unknown>)[LOGGED_BODY];
      if (body !== undefined) meta.reqBody = body;
      if (this.logger.isDebugEnabled()) {
        // built now: headers and bodies are only at hand until the request is gone
        this.queue(`dump ${ctx.method} ${route}`, { ...meta, reqBody: undefined, ...requestDump(ctx, body) }, true);
      }
    }
    this.queue(this.lineText(ctx.method, route, requestId, r), meta);
  }

  /** Queues the line for a request that never got as far as a method and a path (`- unmatched 408 …`). */
  writeUnparsed(r: UnparsedRequest): void {
    if (!this.logger.isInfoEnabled()) return;
    this.queue(
      this.lineText('-', 'unmatched', r.requestId, r),
      this.lineMeta(undefined, 'unmatched', undefined, r.requestId, r.remoteAddr, r),
    );
  }

  private lineMeta(
    method: string | undefined,
    route: string,
    url: string | undefined,
    requestId: string | undefined,
    remoteAddr: string | undefined,
    r: FinishedResponse,
  ): Record<string, unknown> {
    const meta: Record<string, unknown> = {
      method,
      route,
      url,
      status: r.status,
      ms: roundMs(r.ms),
      bytes: r.bytes,
      requestId,
      remoteAddr,
    };
    if (r.outcome !== 'completed') meta.outcome = r.outcome;
    return meta;
  }

  private lineText(method: string, route: string, requestId: string | undefined, r: FinishedResponse): string {
    const outcome = r.outcome === 'completed' ? '' : ` ${r.outcome}`;
    return `${method} ${route} ${r.status ?? '-'} ${roundMs(r.ms)}ms ${r.bytes}B ${requestId ?? '-'}${outcome}`;
  }

  private queue(message: string, meta: Record<string, unknown>, debug?: boolean): void {
    this.pending.push({ message, meta, debug });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flushBound);
    }
  }

  /** Hands every queued line to the logger, oldest first. */
  flush(): void {
    const lines = this.pending;
    this.pending = [];
    this.flushScheduled = false;
    for (let i = 0; i < lines.length; i++) {
      try {
        const line = lines[i]!;
        if (line.debug) this.logger.debug(line.message, line.meta);
        else this.logger.info(line.message, line.meta);
      } catch {
        // a failing transport must not take the process down from a timer; the next lines still go
      }
    }
  }
}
