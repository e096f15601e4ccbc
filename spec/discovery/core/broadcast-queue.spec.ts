import { strict as assert } from 'node:assert';
import { TransmitLimitedQueue, retransmitLimit } from '../../../lib/discovery/core/broadcast-queue';

describe('discovery/core/broadcast-queue', () => {
  it('limits retransmits to mult × ceil(log10(n + 1))', () => {
    assert.equal(retransmitLimit(4, 1), 4);
    assert.equal(retransmitLimit(4, 9), 4);
    assert.equal(retransmitLimit(4, 10), 8);
    assert.equal(retransmitLimit(4, 99), 8);
    assert.equal(retransmitLimit(4, 100), 12);
    assert.equal(retransmitLimit(4, 9999), 16);
    assert.equal(retransmitLimit(2, 2), 2);
  });

  it('sends each broadcast exactly the retransmit limit times, then finishes it', () => {
    const q = new TransmitLimitedQueue<string>(2, () => 2);
    let finished = 0;
    q.queue({ key: 'a', message: 'alive-a', size: 67, onFinished: () => finished++ });
    assert.deepEqual(q.take(2, 1400), ['alive-a']);
    assert.equal(q.transmitsOf('a'), 1);
    assert.deepEqual(q.take(2, 1400), ['alive-a']);
    assert.equal(finished, 1);
    assert.deepEqual(q.take(2, 1400), []);
    assert.equal(q.length, 0);
  });

  it('replaces a queued broadcast with the same key and finishes the old one', () => {
    const q = new TransmitLimitedQueue<string>(4, () => 5);
    let oldFinished = false;
    q.queue({ key: 'b', message: 'suspect-b', size: 40, onFinished: () => (oldFinished = true) });
    q.queue({ key: 'b', message: 'dead-b', size: 40 });
    assert.equal(oldFinished, true);
    assert.deepEqual(q.take(2, 1400), ['dead-b']);
  });

  it('picks fewest transmits first, then the largest that fits, then the newest', () => {
    const q = new TransmitLimitedQueue<string>(4, () => 50);
    q.queue({ key: 'old', message: 'old', size: 50 });
    q.take(2, 1400); // old now has 1 transmit
    q.queue({ key: 'small', message: 'small', size: 30 });
    q.queue({ key: 'big', message: 'big', size: 60 });
    q.queue({ key: 'big2', message: 'big2', size: 60 });
    // Budget 2+60 + 2+60 + 2+30 = 156 fits the three fresh ones; 'old' (1 transmit) comes after them.
    assert.deepEqual(q.take(2, 156), ['big2', 'big', 'small']);
    // All four now have 1 transmit: largest first, newest first among equals.
    assert.deepEqual(q.take(2, 1400), ['big2', 'big', 'old', 'small']);
    // Only 'small' fits 40 bytes of budget (38 free after the overhead).
    assert.deepEqual(q.take(2, 40), ['small']);
  });

  it('never exceeds the byte budget', () => {
    const q = new TransmitLimitedQueue<number>(4, () => 100);
    for (let i = 0; i < 100; i++) q.queue({ key: `n${i}`, message: i, size: 67 });
    const got = q.take(2, 1400 - 2);
    assert.equal(got.length, Math.floor(1398 / 69));
    assert.ok(got.length * 69 <= 1398);
    // Newest first within the tier.
    assert.deepEqual(got.slice(0, 3), [99, 98, 97]);
  });
});
