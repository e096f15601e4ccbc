/**
 * Route compilations (a validator's ajv function, a serializer's fast-json-stringify function) deferred
 * from mount: compiling them all made most of a service's boot (bench/http/boot.ts: 200 routes took
 * ~390 ms of mount). Each is compiled by the first request that needs it, or before that in the
 * background once the server listens, in short setImmediate slices so requests arriving meanwhile wait
 * for one slice at most. Either way the same function is compiled from the same schema: a route answers
 * the same before and after (spec/http/lazy-compile.spec.ts).
 */
import { performance } from 'node:perf_hooks';

/** How long one background slice may compile before it yields to waiting I/O. */
const SLICE_MS = 4;

/** Told of a compilation that failed in the background: what it was (`validator of getUser`) and why. */
export type CompileFailure = (what: string, err: unknown) => void;

export class CompileQueue {
  private readonly pending: Array<{ compile: () => void; what: string }> = [];
  private next = 0;
  private started = false;
  private scheduled = false;
  private idle: Array<() => void> = [];
  /** While precompile() runs: the failures it reports instead of `failed`. */
  private collected: Array<{ what: string; message: string }> | undefined;

  /** `failed` hears of background compilations that throw, so a broken schema shows at start-up, not only at its first request. */
  constructor(private readonly failed?: CompileFailure) {}

  /** Queues a compilation; compiled now if the queue has already drained since start(). */
  add(compile: () => void, what: string): void {
    this.pending.push({ compile, what });
    if (this.started) this.schedule();
  }

  /** Begins compiling in the background (HttpServer.listen). Idempotent. */
  start(): void {
    this.started = true;
    this.schedule();
  }

  /** Resolves once everything queued so far is compiled (starting the background compilation). */
  drained(): Promise<void> {
    this.start();
    if (this.next >= this.pending.length) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /**
   * Compiles everything queued so far and resolves with what failed (not told to `failed`): for a start-up
   * that should stop on a schema that cannot be compiled (App in GDD_ENV=dev).
   */
  async precompile(): Promise<Array<{ what: string; message: string }>> {
    const collected: Array<{ what: string; message: string }> = [];
    this.collected = collected;
    try {
      await this.drained();
    } finally {
      this.collected = undefined;
    }
    return collected;
  }

  private schedule(): void {
    if (this.scheduled || this.next >= this.pending.length) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  private slice(): void {
    this.scheduled = false;
    const end = performance.now() + SLICE_MS;
    while (this.next < this.pending.length && performance.now() < end) {
      const { compile, what } = this.pending[this.next]!;
      this.pending[this.next++] = DONE;
      try {
        compile();
      } catch (err) {
        // not kept: the first request of that route compiles again and answers the error (500, logged)
        if (this.collected) this.collected.push({ what, message: err instanceof Error ? err.message : String(err) });
        else this.failed?.(what, err);
      }
    }
    if (this.next < this.pending.length) return this.schedule();
    this.pending.length = 0;
    this.next = 0;
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }
}

const DONE = { compile: (): void => undefined, what: '' };

/**
 * `compile()` once, when first asked for or when the queue gets to it; without a queue, now (as before
 * compilations were deferred). A compilation that throws is tried again by the next caller.
 */
export function deferred<T>(queue: CompileQueue | undefined, what: string, compile: () => T): () => T {
  let compiled: { value: T } | undefined;
  const get = (): T => (compiled ??= { value: compile() }).value;
  if (queue === undefined) get();
  else queue.add(get, what);
  return get;
}
