/**
 * One behaviour suite that every RateLimiter must pass (the memory and Redis limiters answer
 * the same way). Limits are per minute or slower, so the real time passing between takes (a few ms, even
 * on a loaded machine) never refills a token and counts stay exact.
 */
import { strict as assert } from 'node:assert';
import { InvalidRateCostError } from '../../../lib/resilience/errors';
import { emissionIntervalMs, perMinute, type Limit } from '../../../lib/resilience/limit';
import type { RateLimiter } from '../../../lib/resilience/rate-limiter';
import { rejectsCode } from '../../support/errors';

export interface LimiterUnderTest {
  limiter: RateLimiter;
  /** A key unique to this test (Redis keys must not collide between tests and runs). */
  key(name: string): string;
}

/** Slack for time that passes between a take and the assertion (ms); far below any interval used. */
const SLACK_MS = 5000;

export function rateLimiterSemantics(make: (limit: Limit) => Promise<LimiterUnderTest>): void {
  it('allows exactly burst takes at once, counting remaining down, then denies with retryAfter ≈ one interval', async () => {
    const limit = perMinute(6, 3); // one token per 10 s, bucket of 3
    const interval = emissionIntervalMs(limit);
    const { limiter, key } = await make(limit);
    const k = key('burst');
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) {
      const d = await limiter.take(k);
      assert.equal(d.allowed, true, `take ${i + 1} of the burst`);
      assert.equal(d.retryAfterMs, 0);
      assert.equal(d.limit, 3);
      remaining.push(d.remaining);
    }
    assert.deepEqual(remaining, [2, 1, 0]);
    const denied = await limiter.take(k);
    assert.equal(denied.allowed, false);
    assert.equal(denied.remaining, 0);
    assert.ok(denied.retryAfterMs > interval - SLACK_MS && denied.retryAfterMs <= interval + 1, `retryAfterMs ${denied.retryAfterMs}`);
    assert.ok(denied.resetMs > 3 * interval - SLACK_MS && denied.resetMs <= 3 * interval + 1, `resetMs ${denied.resetMs}`);
  });

  it('reports resetMs as the time until the bucket is full again', async () => {
    const limit = perMinute(6, 5);
    const interval = emissionIntervalMs(limit);
    const { limiter, key } = await make(limit);
    const k = key('reset');
    await limiter.take(k);
    const second = await limiter.take(k);
    assert.ok(second.resetMs > 2 * interval - SLACK_MS && second.resetMs <= 2 * interval + 1, `resetMs ${second.resetMs}`);
  });

  it('charges a cost of n at once and denies a cost larger than what is left without charging it', async () => {
    const limit = perMinute(6, 5);
    const interval = emissionIntervalMs(limit);
    const { limiter, key } = await make(limit);
    const k = key('cost');
    const first = await limiter.take(k, 3);
    assert.deepEqual([first.allowed, first.remaining], [true, 2]);
    const tooMuch = await limiter.take(k, 3);
    assert.equal(tooMuch.allowed, false);
    assert.equal(tooMuch.remaining, 2, 'what is left is reported and was not charged');
    assert.ok(tooMuch.retryAfterMs > interval - SLACK_MS && tooMuch.retryAfterMs <= interval + 1, `retryAfterMs ${tooMuch.retryAfterMs}`);
    const rest = await limiter.take(k, 2);
    assert.deepEqual([rest.allowed, rest.remaining], [true, 0]);
  });

  it('looks without charging when the cost is 0', async () => {
    const { limiter, key } = await make(perMinute(6, 4));
    const k = key('peek');
    await limiter.take(k);
    const peek = await limiter.take(k, 0);
    assert.deepEqual([peek.allowed, peek.remaining], [true, 3]);
    const again = await limiter.take(k, 0);
    assert.equal(again.remaining, 3);
  });

  it('keeps keys independent', async () => {
    const { limiter, key } = await make(perMinute(1, 1));
    const a = key('a');
    const b = key('b');
    assert.equal((await limiter.take(a)).allowed, true);
    assert.equal((await limiter.take(a)).allowed, false);
    assert.equal((await limiter.take(b)).allowed, true);
  });

  it('rejects a cost above the burst or not a whole number with InvalidRateCostError', async () => {
    const { limiter, key } = await make(perMinute(6, 2));
    await rejectsCode(limiter.take(key('big'), 3), InvalidRateCostError, 'INVALID_RATE_COST', 'exceeds the burst 2');
    await rejectsCode(limiter.take(key('neg'), -1), InvalidRateCostError, 'INVALID_RATE_COST', 'whole number >= 0, got -1');
    await rejectsCode(limiter.take(key('frac'), 1.5), InvalidRateCostError, 'INVALID_RATE_COST', 'got 1.5');
  });
}
