import { strict as assert } from 'node:assert';
import { ConfigError } from '../../lib/errors';
import { InvalidRateLimitError } from '../../lib/resilience/errors';
import { emissionIntervalMs, parseLimit, perDay, perHour, perMinute, perSecond } from '../../lib/resilience/limit';
import { throwsCode } from '../support/errors';

describe('resilience/limit', () => {
  describe('parseLimit (go-doudou ratelimit.Parse grammar <rate>-<S|M|H|D>[-<burst>])', () => {
    const good: Array<[string, { rate: number; periodMs: number; burst: number }]> = [
      ['10-M-200', { rate: 10, periodMs: 60_000, burst: 200 }],
      ['5.5-S', { rate: 5.5, periodMs: 1000, burst: 1 }],
      ['1000-H-500', { rate: 1000, periodMs: 3_600_000, burst: 500 }],
      ['2000-D', { rate: 2000, periodMs: 86_400_000, burst: 1 }],
      ['0.0055-s-20', { rate: 0.0055, periodMs: 1000, burst: 20 }],
      ['3-m', { rate: 3, periodMs: 60_000, burst: 1 }],
    ];
    for (const [text, expected] of good) {
      it(`reads '${text}' as ${expected.rate} per ${expected.periodMs} ms, burst ${expected.burst}`, () => {
        assert.deepEqual({ ...parseLimit(text) }, expected);
      });
    }

    const bad: Array<[string, RegExp]> = [
      ['10', /expected '<rate>-<S\|M\|H\|D>\[-<burst>\]'/],
      ['10-M-2-3', /expected/],
      ['10-X', /period 'X' is not one of S, M, H, D/],
      ['ten-S', /rate 'ten' is not a number/],
      ['-5-S', /expected|rate '' is not a number/],
      ['0-S', /rate must be a number > 0, got 0/],
      ['10-S-0', /burst must be an integer >= 1, got 0/],
      ['10-S-1.5', /burst '1.5' is not a whole number/],
      ['10-S-x', /burst 'x' is not a whole number/],
      ['Infinity-S', /rate 'Infinity' is not a number/],
      ['', /expected/],
    ];
    for (const [text, message] of bad) {
      it(`rejects '${text}' with InvalidRateLimitError saying what is wrong`, () => {
        throwsCode(() => parseLimit(text), InvalidRateLimitError, 'INVALID_RATE_LIMIT', message, `'${text}'`);
        assert.throws(() => parseLimit(text), ConfigError, 'a bad limit is a start-up error');
      });
    }
  });

  it('builds limits per second, minute, hour and day with burst 1 unless given (go-doudou PerX / PerXBurst)', () => {
    assert.deepEqual({ ...perSecond(10) }, { rate: 10, periodMs: 1000, burst: 1 });
    assert.deepEqual({ ...perMinute(10, 200) }, { rate: 10, periodMs: 60_000, burst: 200 });
    assert.deepEqual({ ...perHour(1) }, { rate: 1, periodMs: 3_600_000, burst: 1 });
    assert.deepEqual({ ...perDay(24, 2) }, { rate: 24, periodMs: 86_400_000, burst: 2 });
    throwsCode(() => perSecond(-1), InvalidRateLimitError, 'INVALID_RATE_LIMIT', 'rate must be a number > 0, got -1');
    throwsCode(() => perSecond(1, 0), InvalidRateLimitError, 'INVALID_RATE_LIMIT', 'burst must be an integer >= 1, got 0');
  });

  it('spaces events by period / rate', () => {
    assert.equal(emissionIntervalMs(perMinute(6)), 10_000);
    assert.equal(emissionIntervalMs(parseLimit('5.5-S')), 1000 / 5.5);
  });
});
