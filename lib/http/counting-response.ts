/**
 * Body bytes of a response, as written by Koa (or by middleware writing to ctx.res) — after compression.
 * HttpServer builds its node:http server with CountingServerResponse, which counts in write()/end()
 * without any per-request set-up; a response from a server we did not create (HttpServer.callback()
 * mounted elsewhere) gets its write/end wrapped instead, the slower way.
 */
import * as http from 'node:http';

function chunkBytes(chunk: unknown, encoding: unknown): number {
  if (typeof chunk === 'string') return Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return chunk.byteLength;
  return 0;
}

type WriteCallback = (error?: Error | null) => void;

export class CountingServerResponse<Request extends http.IncomingMessage = http.IncomingMessage> extends http.ServerResponse<Request> {
  /** Body bytes handed to write()/end() so far. */
  bodyBytes = 0;

  override write(chunk: unknown, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean {
    this.bodyBytes += chunkBytes(chunk, encoding);
    return super.write(chunk, encoding as BufferEncoding, callback);
  }

  override end(chunk?: unknown, encoding?: BufferEncoding | (() => void), callback?: () => void): this {
    if (typeof chunk !== 'function') this.bodyBytes += chunkBytes(chunk, encoding);
    return super.end(chunk as string, encoding as BufferEncoding, callback);
  }
}

/** Something that knows how many body bytes a response has written so far. */
export interface BodyByteCount {
  readonly bodyBytes: number;
}

const COUNTER = Symbol('gdd.bodyBytes');

interface WrappedResponse {
  [COUNTER]?: { bodyBytes: number };
}

/**
 * Starts counting body bytes of `res` and returns what holds the count: the response itself when it is a
 * CountingServerResponse (nothing to set up), otherwise a counter fed by wrapped write/end.
 */
export function countBodyBytes(res: http.ServerResponse): BodyByteCount {
  if (res instanceof CountingServerResponse) return res;
  const wrapped = res as http.ServerResponse & WrappedResponse;
  const existing = wrapped[COUNTER];
  if (existing) return existing;
  const counter = { bodyBytes: 0 };
  wrapped[COUNTER] = counter;
  const write = res.write;
  const end = res.end;
  res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    counter.bodyBytes += chunkBytes(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (typeof chunk !== 'function') counter.bodyBytes += chunkBytes(chunk, rest[0]);
    return (end as (...a: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
  return counter;
}
