import { strict as assert } from 'node:assert';
import { ConcurrencyGate, GateRejectedError } from '../../lib/resilience/concurrency-gate';
import { waitFor } from '../support/wait-for';
import { ResilienceConfigError } from '../../lib/resilience/errors';
import { isCode, throwsCode } from '../support/errors';

describe('resilience/concurrency-gate', () => {
  it('lets maxConcurrent in, queues up to maxQueue, and rejects the rest as QUEUE_FULL', async () => {
    const gate = new ConcurrencyGate(2, 1);
    const r1 = await gate.acquire();
    await gate.acquire();
    const queued = gate.acquire();
    await assert.rejects(gate.acquire(), isCode(GateRejectedError, 'QUEUE_FULL'));
    assert.deepEqual([gate.executing, gate.queued], [2, 1]);
    r1();
    const r3 = await queued;
    assert.deepEqual([gate.executing, gate.queued], [2, 0]);
    r3();
    r3(); // a second release is ignored
    assert.equal(gate.executing, 1);
  });

  it('serves waiters first in, first out', async () => {
    const gate = new ConcurrencyGate(1, 3);
    const first = await gate.acquire();
    const order: string[] = [];
    const waits = ['a', 'b', 'c'].map((name) =>
      gate.acquire().then((release) => {
        order.push(name);
        release();
      }),
    );
    first();
    await Promise.all(waits);
    assert.deepEqual(order, ['a', 'b', 'c']);
    assert.equal(gate.executing, 0);
  });

  it('removes a waiter whose wait times out at once, freeing its queue slot', async () => {
    const gate = new ConcurrencyGate(1, 1);
    const held = await gate.acquire();
    await assert.rejects(gate.acquire({ maxWaitMs: 20 }), isCode(GateRejectedError, 'WAIT_TIMEOUT'));
    assert.equal(gate.queued, 0);
    const next = gate.acquire(); // the slot in the queue is free again
    assert.equal(gate.queued, 1);
    held();
    (await next)();
    assert.equal(gate.executing, 0);
  });

  it('hands a freed slot to the waiter behind one that was abandoned (cockatiel 3.2.1 strands it)', async () => {
    const gate = new ConcurrencyGate(1, 2);
    const held = await gate.acquire();
    const leaving = new AbortController();
    const abandoned = gate.acquire({ signal: leaving.signal });
    const behind = gate.acquire();
    leaving.abort();
    await assert.rejects(abandoned, isCode(GateRejectedError, 'ABANDONED'));
    assert.equal(gate.queued, 1);
    held();
    const release = await behind;
    assert.equal(gate.executing, 1);
    release();
    await waitFor(() => gate.executing === 0, { timeoutMs: 1000 });
  });

  it('rejects an already aborted signal without queueing, and bad sizes at construction', async () => {
    const gate = new ConcurrencyGate(1, 1);
    await assert.rejects(gate.acquire({ signal: AbortSignal.abort() }), isCode(GateRejectedError, 'ABANDONED'));
    throwsCode(() => new ConcurrencyGate(0, 1), ResilienceConfigError, 'INVALID_BULKHEAD_OPTION', 'maxConcurrent must be an integer >= 1');
    throwsCode(
      () => new ConcurrencyGate(1, -1),
      ResilienceConfigError,
      'INVALID_BULKHEAD_OPTION',
      'maxQueue must be an integer >= 0 or Infinity',
    );
  });
});
