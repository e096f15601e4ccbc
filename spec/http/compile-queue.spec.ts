import { strict as assert } from 'node:assert';
import { CompileQueue, deferred } from '../../lib/http/compile-queue';

describe('CompileQueue and deferred()', () => {
  it('compiles nothing before start() or a caller asks; a caller gets the value compiled once', () => {
    const queue = new CompileQueue();
    let runs = 0;
    const get = deferred(queue, () => ({ run: ++runs }));
    assert.equal(runs, 0);
    const first = get();
    assert.equal(get(), first);
    assert.equal(runs, 1);
  });

  it('drained() compiles everything queued, in the background, each once', async () => {
    const queue = new CompileQueue();
    const runs: number[] = [];
    const getters = Array.from({ length: 50 }, (_, i) => deferred(queue, () => runs.push(i)));
    await queue.drained();
    assert.deepEqual(
      runs,
      Array.from({ length: 50 }, (_, i) => i),
    );
    getters.forEach((get) => get());
    assert.equal(runs.length, 50);
    // added after the drain: compiled in the background as well, the queue having started
    const late = deferred(queue, () => runs.push(99));
    await queue.drained();
    assert.equal(runs.at(-1), 99);
    late();
    assert.equal(runs.length, 51);
  });

  it('a compilation that fails in the background is tried again, and its error thrown, by the caller', async () => {
    const queue = new CompileQueue();
    let attempts = 0;
    const get = deferred(queue, () => {
      attempts++;
      throw new Error('bad schema');
    });
    await queue.drained();
    assert.equal(attempts, 1);
    assert.throws(get, /bad schema/);
    assert.equal(attempts, 2);
  });

  it('without a queue compiles at once (as before compilations were deferred)', () => {
    let runs = 0;
    deferred(undefined, () => runs++);
    assert.equal(runs, 1);
  });
});
