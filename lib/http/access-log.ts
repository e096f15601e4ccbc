/**
 * One log line per request once the response is over: method, route template, status, ms, bytes,
 * request id (go-doudou's "metrics" middleware, which was really an access log). With `logBodies`
 * (GDD_LOG_REQ_ENABLE) the parsed request body is added, and at debug level a request/response dump line
 * precedes it (request-dump.ts); responses are not buffered for either, so streaming still works. Called by the request lifecycle (request-lifecycle.ts), not a middleware of its own.
 */
import type { Context } from 'koa';
import type { Logger } from 'winston';
import { DirectLines } from '../observability/direct-lines';
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
 * Lines are collected while requests finish and written together at the next turn of the event loop
 * (setImmediate): the same lines, in the same order, at most one loop turn later. When the logger is the
 * one createLogger() built (and nobody changed it), the batch is formatted by its own format functions
 * and goes to its transports in one write each (observability/direct-lines.ts); any other logger gets
 * one logger.info() per line. bench/http measured the per-line winston pipeline and one write(2) per
 * line as the largest default cost of a request.
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
    const req = ctx.req;
    // Koa's ctx.ip parses X-Forwarded-For (trusted proxy) on every read; without the header it is the peer
    const ip = req.headers['x-forwarded-for'] === undefined ? (req.socket.remoteAddress ?? '') : ctx.ip;
    const meta = this.lineMeta(req.method, route, req.url, requestId, ip, r);
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

  /** Writes every queued line, oldest first. */
  flush(): void {
    const lines = this.pending;
    this.pending = [];
    this.flushScheduled = false;
    const direct = DirectLines.of(this.logger);
    if (direct !== undefined && direct.accepts('info')) this.writeDirect(direct, lines);
    else for (let i = 0; i < lines.length; i++) this.log(lines[i]!);
  }

  private writeDirect(direct: DirectLines, lines: readonly PendingLine[]): void {
    let batch: string[] = [];
    const send = (): void => {
      try {
        direct.write('info', batch);
      } catch {
        // as in log(): a failing transport must not take the process down from a timer
      }
      batch = [];
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      // winston's own way for request dumps (debug) and for messages it would read %-tokens in (a request id like `a%s`)
      if (line.debug || line.message.includes('%')) {
        send();
        this.log(line);
      } else {
        try {
          batch.push(direct.line('info', line.message, line.meta));
        } catch {
          // a line that cannot be formatted is dropped; the others still go
        }
      }
    }
    send();
  }

  private log(line: PendingLine): void {
    try {
      if (line.debug) this.logger.debug(line.message, line.meta);
      else this.logger.info(line.message, line.meta);
    } catch {
      // a failing transport must not take the process down from a timer; the next lines still go
    }
  }
}
