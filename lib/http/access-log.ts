/**
 * One log line per request once the response is over: method, route template, status, ms, bytes,
 * request id (go-doudou's "metrics" middleware, which was really an access log). With `logBodies`
 * (GDD_LOG_REQ_ENABLE) the parsed request body is added, and at debug level a request/response dump line
 * precedes it (request-dump.ts); responses are not buffered for either, so streaming still works. Called
 * by the request lifecycle (request-lifecycle.ts), not a middleware of its own.
 */
import type { Context } from 'koa';
import type { Logger } from 'winston';
import { DirectLines } from '../observability/direct-lines';
import { requestDump } from './request-dump';
import type { RecordedResponse, ResponseOutcome } from './response-outcome';

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

/** The keys of an access line, in the order its meta has always had them (FieldsLine caches by this array). */
const LINE_KEYS = ['method', 'route', 'url', 'status', 'ms', 'bytes', 'requestId', 'remoteAddr', 'outcome', 'traceId', 'reqBody'] as const;

/** The meta winston gets has the first keys (method … remoteAddr) even when undefined, the rest only when set. */
const ALWAYS_IN_META = LINE_KEYS.indexOf('remoteAddr') + 1;

/** One finished request's line: its values, kept until the flush renders them (no meta object per request). */
class AccessEntry {
  constructor(
    readonly method: string | undefined,
    readonly route: string,
    readonly url: string | undefined,
    readonly status: number | undefined,
    readonly ms: number,
    readonly bytes: number,
    readonly outcome: ResponseOutcome,
    readonly requestId: string | undefined,
    readonly remoteAddr: string | undefined,
    readonly traceId: string | undefined,
    readonly reqBody: unknown,
  ) {}

  /** `GET /users/:id 200 0.52ms 71B <request id>`, and how it ended when not completed. */
  message(): string {
    const outcome = this.outcome === 'completed' ? '' : ` ${this.outcome}`;
    return `${this.method ?? '-'} ${this.route} ${this.status ?? '-'} ${roundMs(this.ms)}ms ${this.bytes}B ${this.requestId ?? '-'}${outcome}`;
  }

  /** The values under LINE_KEYS. */
  values(): unknown[] {
    const outcome = this.outcome === 'completed' ? undefined : this.outcome;
    return [
      this.method,
      this.route,
      this.url,
      this.status,
      roundMs(this.ms),
      this.bytes,
      this.requestId,
      this.remoteAddr,
      outcome,
      this.traceId,
      this.reqBody,
    ];
  }

  /** The meta object winston gets (ALWAYS_IN_META). */
  meta(): Record<string, unknown> {
    const meta: Record<string, unknown> = {};
    const values = this.values();
    for (let i = 0; i < LINE_KEYS.length; i++) if (i < ALWAYS_IN_META || values[i] !== undefined) meta[LINE_KEYS[i]!] = values[i];
    return meta;
  }
}

/** The request/response dump (request-dump.ts): built while the request is at hand, written at debug. */
class DumpLine {
  constructor(
    readonly message: string,
    readonly meta: Record<string, unknown>,
  ) {}
}

/**
 * Lines are collected while requests finish and written together at the next turn of the event loop
 * (setImmediate): the same lines, in the same order, at most one loop turn later. When the logger is the
 * one createLogger() built (and nobody changed it), the batch is rendered by a FieldsLine compiled for the
 * access line's keys (observability/fields-line.ts: the bytes its own format functions write) and goes to
 * its transports in one write each (observability/direct-lines.ts); any other logger gets one
 * logger.info() per line. bench/http measured the per-line winston pipeline, one write(2) per line and a
 * meta object per line as the largest default costs of a request.
 */
export class AccessLog {
  private pending: Array<AccessEntry | DumpLine> = [];
  private flushScheduled = false;
  private readonly flushBound = (): void => this.flush();

  constructor(
    private readonly logger: Logger,
    private readonly options: AccessLogOptions,
  ) {}

  /** Queues the line for one finished request; builds nothing when the logger filters level info. */
  write(ctx: Context, route: string, requestId: string | undefined, r: RecordedResponse, ms: number, traceId?: string): void {
    if (!this.logger.isInfoEnabled()) return;
    const req = ctx.req;
    // Koa's ctx.ip parses X-Forwarded-For (trusted proxy) on every read; without the header it is the peer
    const ip = req.headers['x-forwarded-for'] === undefined ? (req.socket.remoteAddress ?? '') : ctx.ip;
    const body = this.options.logBodies ? (ctx.state as Record<symbol, unknown>)[LOGGED_BODY] : undefined;
    // written a loop turn later, outside the request's async context: the trace id is carried explicitly
    const entry = new AccessEntry(req.method, route, req.url, r.status, ms, r.bytes, r.outcome, requestId, ip, traceId || undefined, body);
    if (this.options.logBodies && this.logger.isDebugEnabled()) {
      // built now: headers and bodies are only at hand until the request is gone
      this.queue(new DumpLine(`dump ${ctx.method} ${route}`, { ...entry.meta(), reqBody: undefined, ...requestDump(ctx, body) }));
    }
    this.queue(entry);
  }

  /** Queues the line for a request that never got as far as a method and a path (`- unmatched 408 …`). */
  writeUnparsed(r: UnparsedRequest): void {
    if (!this.logger.isInfoEnabled()) return;
    this.queue(
      new AccessEntry(
        undefined,
        'unmatched',
        undefined,
        r.status,
        r.ms,
        r.bytes,
        r.outcome,
        r.requestId,
        r.remoteAddr,
        undefined,
        undefined,
      ),
    );
  }

  private queue(line: AccessEntry | DumpLine): void {
    this.pending.push(line);
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

  private writeDirect(direct: DirectLines, lines: ReadonlyArray<AccessEntry | DumpLine>): void {
    const fields = direct.fields('info', LINE_KEYS);
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
      const message = line instanceof AccessEntry ? line.message() : line.message;
      // winston's own way for request dumps (debug) and for messages it would read %-tokens in (a request id like `a%s`)
      if (line instanceof DumpLine || fields === undefined || message.includes('%')) {
        send();
        this.log(line);
        continue;
      }
      try {
        batch.push(fields.render(message, line.values()));
      } catch {
        // a line that cannot be formatted is dropped; the others still go
      }
    }
    send();
  }

  private log(line: AccessEntry | DumpLine): void {
    try {
      if (line instanceof DumpLine) this.logger.debug(line.message, line.meta);
      else this.logger.info(line.message(), line.meta());
    } catch {
      // a failing transport must not take the process down from a timer; the next lines still go
    }
  }
}
