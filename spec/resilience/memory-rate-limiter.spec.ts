import { strict as assert } from 'node:assert';
import { perSecond } from '../../lib/resilience/limit';
import { MemoryRateLimiter } from '../../lib/resilience/memory-rate-limiter';
import { waitFor } from '../support/wait-for';
import { rateLimiterSemantics } from './support/rate-limiter-semantics';
import { ResilienceConfigError } from '../../lib/resilience/errors';
import { throwsCode } from '../support/errors';

/** A clock the test moves by hand. */
function manualClock(start = 1_000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('resilience/memory-rate-limiter', () => {
  const open: MemoryRateLimiter[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((l) => l.close()));
  });
  function limiter(options: ConstructorParameters<typeof MemoryRateLimiter>[0]): MemoryRateLimiter {
    const l = new MemoryRateLimiter(options);
    open.push(l);
    return l;
  }

  describe('shared RateLimiter semantics (real clock)', () => {
    rateLimiterSemantics(async (limit) => ({ limiter: limiter({ limit }), key: (name) => name }));
  });

  it('allows the burst, then exactly one take per interval at the steady rate', () => {
    const clock = manualClock();
    const l = limiter({ limit: perSecond(10, 5), now: clock.now }); // one token per 100 ms
    const burst = Array.from({ length: 5 }, () => l.takeNow('k').allowed);
    assert.deepEqual(burst, [true, true, true, true, true]);
    const denied = l.takeNow('k');
    assert.deepEqual([denied.allowed, denied.retryAfterMs, denied.resetMs], [false, 100, 500]);
    clock.advance(99);
    assert.equal(l.takeNow('k').allowed, false, '1 ms before the next token');
    clock.advance(1);
    assert.deepEqual([l.takeNow('k').allowed, l.takeNow('k').allowed], [true, false]);
    clock.advance(250); // 2.5 tokens refilled: two takes, half a token left over
    assert.deepEqual([l.takeNow('k').allowed, l.takeNow('k').allowed, l.takeNow('k').allowed], [true, true, false]);
    assert.equal(l.takeNow('k').retryAfterMs, 50);
    clock.advance(10_000); // far past full: the bucket holds burst tokens, not more
    const afterIdle = Array.from({ length: 6 }, () => l.takeNow('k').allowed);
    assert.deepEqual(afterIdle, [true, true, true, true, true, false]);
  });

  it('accepts a go-doudou limit string', () => {
    const clock = manualClock();
    const l = limiter({ limit: '10-S-2', now: clock.now });
    assert.deepEqual([l.takeNow('k').allowed, l.takeNow('k').allowed, l.takeNow('k').allowed], [true, true, false]);
    assert.throws(() => new MemoryRateLimiter({ limit: '10-Q' }), /period 'Q'/);
  });

  it('drops the least recently used key beyond maxKeys, which then starts with a full bucket', () => {
    const clock = manualClock();
    const l = limiter({ limit: perSecond(1, 1), maxKeys: 2, now: clock.now });
    l.takeNow('a');
    l.takeNow('b');
    assert.equal(l.takeNow('a').allowed, false); // touches a: b is now the least recently used
    l.takeNow('c');
    assert.deepEqual([l.has('a'), l.has('b'), l.has('c')], [true, false, true]);
    assert.deepEqual(l.stats(), { keys: 2, evicted: 1, expired: 0 });
    assert.equal(l.takeNow('b').allowed, true, 'an evicted key forgot its debt');
  });

  it('forgets a key once its bucket is full again: lazily on the next take and by sweep()', () => {
    const clock = manualClock();
    const l = limiter({ limit: perSecond(10, 2), now: clock.now });
    l.takeNow('idle'); // full again 100 ms later
    l.takeNow('busy');
    l.takeNow('busy'); // full again 200 ms later
    clock.advance(99);
    assert.equal(l.sweep(), 0);
    clock.advance(1);
    assert.equal(l.sweep(), 1);
    assert.deepEqual([l.has('idle'), l.has('busy')], [false, true]);
    clock.advance(100);
    const d = l.takeNow('busy'); // lazily expired, then charged again
    assert.deepEqual([d.allowed, d.remaining], [true, 1]);
    assert.deepEqual(l.stats(), { keys: 1, evicted: 0, expired: 2 });
  });

  it('does not keep a key for a cost-0 look at a full bucket', () => {
    const l = limiter({ limit: perSecond(10, 2), now: manualClock().now });
    assert.equal(l.takeNow('look', 0).remaining, 2);
    assert.equal(l.has('look'), false);
  });

  it('sweeps on its own timer and stops it on close()', async () => {
    const l = limiter({ limit: perSecond(1000, 1), sweepIntervalMs: 10 });
    l.takeNow('k');
    await waitFor(() => l.stats().keys === 0, { timeoutMs: 5000, message: 'swept by the timer' });
    assert.equal(l.stats().expired, 1);
    await l.close();
    // mocha runs without --exit: an interval left running would keep the process alive after the suite.
  });

  it('rejects bad options at construction', () => {
    const limit = perSecond(1);
    throwsCode(
      () => new MemoryRateLimiter({ limit, maxKeys: 0 }),
      ResilienceConfigError,
      'INVALID_LIMITER_OPTION',
      'maxKeys must be an integer >= 1, got 0',
    );
    throwsCode(
      () => new MemoryRateLimiter({ limit, sweepIntervalMs: -1 }),
      ResilienceConfigError,
      'INVALID_LIMITER_OPTION',
      'sweepIntervalMs must be >= 0',
    );
  });
});
