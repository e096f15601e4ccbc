import { strict as assert } from 'node:assert';
import { CompileQueue, deferred } from '../../lib/http/compile-queue';

describe('CompileQueue and deferred()', () => {
  it('compiles nothing before start() or a caller asks; a caller gets the value compiled once', () => {
    const queue = new CompileQueue();
    let runs = 0;
    const get = deferred(queue, 'a', () => ({ run: ++runs }));
    assert.equal(runs, 0);
    const first = get();
    assert.equal(get(), first);
    assert.equal(runs, 1);
  });

  it('drained() compiles everything queued, in the background, each once', async () => {
    const queue = new CompileQueue();
    const runs: number[] = [];
    const getters = Array.from({ length: 50 }, (_, i) => deferred(queue, `n${i}`, () => runs.push(i)));
    await queue.drained();
    assert.deepEqual(
      runs,
      Array.from({ length: 50 }, (_, i) => i),
    );
    getters.forEach((get) => get());
    assert.equal(runs.length, 50);
    // added after the drain: compiled in the background as well, the queue having started
    const late = deferred(queue, 'late', () => runs.push(99));
    await queue.drained();
    assert.equal(runs.at(-1), 99);
    late();
    assert.equal(runs.length, 51);
  });

  it('a compilation that fails in the background is reported, then tried again, and its error thrown, by the caller', async () => {
    const failures: string[] = [];
    const queue = new CompileQueue((what, err) => failures.push(`${what}: ${(err as Error).message}`));
    let attempts = 0;
    const get = deferred(queue, 'the validator of getUser', () => {
      attempts++;
      throw new Error('bad schema');
    });
    await queue.drained();
    assert.equal(attempts, 1);
    assert.deepEqual(failures, ['the validator of getUser: bad schema']);
    assert.throws(get, /bad schema/);
    assert.equal(attempts, 2);
  });

  it('precompile() compiles everything now and resolves with what failed, telling the failure handler nothing', async () => {
    const told: string[] = [];
    const queue = new CompileQueue((what) => told.push(what));
    let runs = 0;
    deferred(queue, 'fine', () => runs++);
    deferred(queue, 'the serializer of getUser', () => {
      throw new Error('unknown keyword');
    });
    assert.deepEqual(await queue.precompile(), [{ what: 'the serializer of getUser', message: 'unknown keyword' }]);
    assert.equal(runs, 1);
    assert.deepEqual(told, []);
    // afterwards, background failures go to the handler again
    deferred(queue, 'later', () => {
      throw new Error('x');
    });
    await queue.drained();
    assert.deepEqual(told, ['later']);
  });

  it('without a queue compiles at once (as before compilations were deferred)', () => {
    let runs = 0;
    deferred(undefined, 'now', () => runs++);
    assert.equal(runs, 1);
  });
});
