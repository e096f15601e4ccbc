/**
 * Mocha's spec reporter plus, after its summary, the spec files that took longest (hooks included), so CI
 * time can be spent where it goes. The summary lines (`N passing`, `N failing`) stay the spec reporter's own:
 * .ci/run counts them. Used through .mocharc.json.
 */
import Mocha from 'mocha';
import * as path from 'node:path';

const { EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_RUN_END } = Mocha.Runner.constants;

/** How many files the report lists. */
const LISTED = 15;

class TimingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const spent = new Map<string, number>();
    const started = new Map<Mocha.Suite, number>();
    // a file's top-level describe blocks (describeOnDatabases makes one per database) add up to the file's time
    const isFileSuite = (suite: Mocha.Suite): boolean => suite.file !== undefined && suite.parent?.root === true;
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (isFileSuite(suite)) started.set(suite, performance.now());
    });
    runner.on(EVENT_SUITE_END, (suite: Mocha.Suite) => {
      const from = started.get(suite);
      if (from === undefined || suite.file === undefined) return;
      started.delete(suite);
      spent.set(suite.file, (spent.get(suite.file) ?? 0) + performance.now() - from);
    });
    runner.once(EVENT_RUN_END, () => {
      if (spent.size < 2) return;
      const slowest = [...spent].sort((a, b) => b[1] - a[1]).slice(0, LISTED);
      const total = [...spent.values()].reduce((sum, ms) => sum + ms, 0);
      console.log(`  slowest spec files (of ${spent.size}, ${(total / 1000).toFixed(0)} s in all):`);
      for (const [file, ms] of slowest) console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${path.relative(process.cwd(), file)}`);
      console.log();
    });
  }
}

export = TimingReporter;
