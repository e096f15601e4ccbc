import assert from 'node:assert/strict';
import { formatDuration, parseGoDuration } from '../../lib/config/duration';

describe('config/duration', () => {
  it('reads Go duration strings as milliseconds', () => {
    assert.equal(parseGoDuration('15s'), 15_000);
    assert.equal(parseGoDuration('500ms'), 500);
    assert.equal(parseGoDuration('1m30s'), 90_000);
    assert.equal(parseGoDuration('2h'), 7_200_000);
    assert.equal(parseGoDuration('1.5h'), 5_400_000);
    assert.equal(parseGoDuration('2h45m'), 9_900_000);
    assert.equal(parseGoDuration('1500us'), 1.5);
    assert.equal(parseGoDuration('1000000ns'), 1);
    assert.equal(parseGoDuration('1µs'), 0.001);
    assert.equal(parseGoDuration('0'), 0);
  });

  it('refuses text that is not a Go duration', () => {
    for (const bad of ['', 'soon', '15', '15 s', 's', '1d', '1m30', '5sec', '--1s', '1..5s']) {
      assert.equal(parseGoDuration(bad), undefined, bad);
    }
  });

  it('formats milliseconds back into Go syntax that parses to the same value', () => {
    for (const ms of [0, 500, 1000, 15_000, 90_000, 7_200_000, 3_723_000, 1500]) {
      assert.equal(parseGoDuration(formatDuration(ms)), ms, formatDuration(ms));
    }
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(500), '500ms');
  });
});
