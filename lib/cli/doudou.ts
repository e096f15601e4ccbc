#!/usr/bin/env node
/** The `doudou` executable (package.json `bin`): runs the program and exits with its code. */
import { runCli } from './program';

runCli(process.argv.slice(2)).then(
  (code) => {
    // long-running commands (svc run, svc mock, gossip-node) never resolve; they exit on their own signals
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`doudou: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
