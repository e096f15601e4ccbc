import { strict as assert } from 'node:assert';
import { RateLimitedLog } from '../../lib/observability/rate-limited-log';
import { captureLogger } from '../http/support/capture-logger';

describe('observability/rate-limited-log', () => {
  it('logs one line per key and interval, and the next one says how many were held back', () => {
    const { logger, lines } = captureLogger();
    let now = 0;
    const log = new RateLimitedLog(logger, { intervalMs: 1000, now: () => now });
    assert.equal(log.log('warn', 'a', 'seed down'), true);
    for (let i = 0; i < 5; i++) {
      now += 100;
      assert.equal(log.log('warn', 'a', 'seed down'), false);
    }
    assert.equal(log.log('warn', 'b', 'other'), true, 'keys are independent');
    now = 1000;
    assert.equal(log.log('warn', 'a', 'seed down', { seeds: 2 }), true);
    assert.deepEqual(
      lines.map((l) => [l.level, l.message, l.suppressed, l.seeds]),
      [
        ['warn', 'seed down', undefined, undefined],
        ['warn', 'other', undefined, undefined],
        ['warn', 'seed down (5 more like this in the last 1s)', 5, 2],
      ],
    );
  });

  it('forgets the oldest key beyond maxKeys instead of growing', () => {
    const { logger, lines } = captureLogger();
    const log = new RateLimitedLog(logger, { intervalMs: 60_000, now: () => 0, maxKeys: 2 });
    log.log('info', 'a', 'a');
    log.log('info', 'b', 'b');
    log.log('info', 'c', 'c');
    assert.equal(log.log('info', 'a', 'a again'), true, 'a was forgotten, so it logs at once');
    assert.equal(log.log('info', 'c', 'c again'), false);
    assert.equal(lines.length, 4);
  });
});
