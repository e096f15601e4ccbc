import { strict as assert } from 'node:assert';
import { SuspicionTimer, expectedConfirmations, suspicionTimeout, suspicionTimeoutAfter } from '../../../lib/discovery/core/suspicion';

describe('discovery/core/suspicion', () => {
  it('computes min = mult × max(1, log10 n) × probeInterval', () => {
    // LAN (mult 4, 1 s): n ≤ 10 → 4 s, 100 → 8 s, 1 000 → 12 s, 10 000 → 16 s.
    assert.equal(suspicionTimeout(4, 10, 1000), 4000);
    assert.equal(suspicionTimeout(4, 3, 1000), 4000);
    assert.equal(suspicionTimeout(4, 100, 1000), 8000);
    assert.equal(suspicionTimeout(4, 1000, 1000), 12000);
    assert.equal(suspicionTimeout(4, 10000, 1000), 16000);
    // WAN (mult 6, 5 s): n ≤ 10 → 30 s, 100 → 60 s. Local (mult 3): 3 s.
    assert.equal(suspicionTimeout(6, 10, 5000), 30000);
    assert.equal(suspicionTimeout(6, 100, 5000), 60000);
    assert.equal(suspicionTimeout(3, 3, 1000), 3000);
    // Non-powers of ten keep 1/1000 precision of the log: log10(50) = 1.69897 → 1.698.
    assert.equal(suspicionTimeout(4, 50, 1000), 6792);
  });

  it('expects k = mult − 2 confirmations, or none when n − 2 < k', () => {
    assert.equal(expectedConfirmations(4, 10), 2);
    assert.equal(expectedConfirmations(4, 4), 2);
    assert.equal(expectedConfirmations(4, 3), 0);
    assert.equal(expectedConfirmations(3, 3), 1);
    assert.equal(expectedConfirmations(3, 2), 0);
  });

  it('starts at max with k ≥ 1 and shrinks by ln(c+1)/ln(k+1) per new confirmer, floored to ms', () => {
    const t = new SuspicionTimer('b', 2, 4000, 24000, 10_000);
    assert.equal(t.deadline, 34_000);
    assert.equal(t.confirm('b'), false, 'the accuser never confirms');
    assert.equal(t.confirm('c'), true);
    // 24 − ln2/ln3 × 20 = 11.3815… s → 11 381 ms
    assert.equal(suspicionTimeoutAfter(1, 2, 4000, 24000), 11381);
    assert.equal(t.deadline, 10_000 + 11381);
    assert.equal(t.confirm('c'), false, 'the same confirmer counts once');
    assert.equal(t.confirm('d'), true);
    assert.equal(t.deadline, 14_000);
    assert.equal(t.confirm('e'), false, 'no more than k confirmations');
    assert.equal(t.confirmations, 2);
  });

  it('uses min from the start when no confirmations are expected', () => {
    const t = new SuspicionTimer('b', 0, 4000, 24000, 0);
    assert.equal(t.deadline, 4000);
    assert.equal(t.confirm('c'), false);
  });

  it('matches the captured local-config figure: one confirmation brings 18 s down to 3 s', () => {
    const t = new SuspicionTimer('b', 1, 3000, 18000, 1180);
    assert.equal(t.confirm('a'), true);
    assert.equal(t.deadline - t.start, 3000);
  });
});
