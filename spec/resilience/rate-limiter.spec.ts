import { strict as assert } from 'node:assert';
import { gcraStep } from '../../lib/resilience/rate-limiter';

describe('resilience/rate-limiter gcraStep', () => {
  it('allows the last token of a burst even when float rounding lands a few ulps short', () => {
    // 283 000 000 is the magnitude of both clocks in use: performance.now() after ~3 days, and Redis
    // TIME in seconds since 2017. There, 7 per second with burst 5 computes the 5th take's slack as
    // -6e-8 instead of 0; a strict comparison would deny it.
    const now = 283_000_000;
    const interval = 1000 / 7;
    let tat: number | undefined;
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const step = gcraStep(tat, now, interval, 5, 1);
      assert.equal(step.allowed, true, `take ${i + 1}`);
      remaining.push(step.remaining);
      tat = step.tat;
    }
    assert.deepEqual(remaining, [4, 3, 2, 1, 0]);
    const sixth = gcraStep(tat, now, interval, 5, 1);
    assert.equal(sixth.allowed, false);
    assert.ok(Math.abs(sixth.retryAfterMs - interval) < 1e-6);
  });

  it('treats a stored time in the past as a full bucket', () => {
    const step = gcraStep(100, 5000, 10, 3, 1);
    assert.deepEqual([step.allowed, step.remaining, step.tat, step.resetMs], [true, 2, 5010, 10]);
  });
});
