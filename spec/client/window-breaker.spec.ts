import { strict as assert } from 'node:assert';
import { CircuitState } from 'cockatiel';
import { WindowBreaker } from '../../lib/client/window-breaker';
import { ClientConfigError } from '../../lib/client/client-config-errors';
import { throwsCode } from '../support/errors';

describe('client/WindowBreaker', () => {
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('opens at exactly 50 % failures once 6 calls were made (3 of 6)', () => {
    const b = new WindowBreaker({}, clock);
    for (let i = 0; i < 3; i++) b.success(CircuitState.Closed);
    assert.equal(b.failure(CircuitState.Closed), false);
    assert.equal(b.failure(CircuitState.Closed), false);
    assert.equal(b.failure(CircuitState.Closed), true);
  });

  it('stays closed below the minimum number of calls, even with 100 % failures', () => {
    const b = new WindowBreaker({}, clock);
    for (let i = 0; i < 5; i++) assert.equal(b.failure(CircuitState.Closed), false);
    assert.equal(b.failure(CircuitState.Closed), true, 'the sixth call reaches the minimum');
  });

  it('stays closed below the ratio (2 failures of 6 calls)', () => {
    const b = new WindowBreaker({}, clock);
    for (let i = 0; i < 4; i++) b.success(CircuitState.Closed);
    assert.equal(b.failure(CircuitState.Closed), false);
    assert.equal(b.failure(CircuitState.Closed), false);
  });

  it('forgets calls older than the window', () => {
    const b = new WindowBreaker({ windowMs: 10_000, buckets: 10 }, clock);
    for (let i = 0; i < 5; i++) b.failure(CircuitState.Closed);
    now += 10_000;
    assert.deepEqual(b.totals(), { calls: 0, failures: 0 });
    assert.equal(b.failure(CircuitState.Closed), false);
    now += 5_000;
    b.failure(CircuitState.Closed);
    assert.deepEqual(b.totals(), { calls: 2, failures: 2 });
  });

  it('any failure in half-open reopens; a success there starts a clean window', () => {
    const b = new WindowBreaker({}, clock);
    for (let i = 0; i < 5; i++) b.failure(CircuitState.Closed);
    assert.equal(b.failure(CircuitState.HalfOpen), true);
    b.success(CircuitState.HalfOpen);
    assert.deepEqual(b.totals(), { calls: 1, failures: 0 });
  });

  it('validates its options', () => {
    throwsCode(
      () => new WindowBreaker({ failureRatio: 0 }),
      ClientConfigError,
      'INVALID_BREAKER_OPTION',
      'failureRatio 0 must be in (0, 1]',
    );
    throwsCode(() => new WindowBreaker({ minimumCalls: 0 }), ClientConfigError, 'INVALID_BREAKER_OPTION', 'minimumCalls 0');
    throwsCode(() => new WindowBreaker({ windowMs: 0 }), ClientConfigError, 'INVALID_BREAKER_OPTION', 'windowMs 0');
    throwsCode(() => new WindowBreaker({ buckets: 1.5 }), ClientConfigError, 'INVALID_BREAKER_OPTION', 'buckets 1.5');
  });
});
