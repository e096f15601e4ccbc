/**
 * Named fakes for tools that cannot run here (no Docker daemon, no Kubernetes cluster): executables called
 * `docker` / `kubectl` in a temp folder put first on PATH. Each records its argv and working directory as
 * one JSON line in a log and exits with the status the test asks for. They prove what the CLI *runs*;
 * nothing about Docker or Kubernetes themselves.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface RecordedCall {
  tool: string;
  argv: string[];
  cwd: string;
}

export class FakeExecutables {
  readonly log: string;

  constructor(readonly dir: string) {
    this.log = path.join(dir, 'calls.jsonl');
  }

  /** Adds a fake `name` that records its call and exits with `exitCode`. */
  add(name: string, exitCode = 0): this {
    const file = path.join(this.dir, name);
    const script = [
      `#!${process.execPath}`,
      "const fs = require('node:fs');",
      `fs.appendFileSync(${JSON.stringify(this.log)}, JSON.stringify({ tool: ${JSON.stringify(name)}, argv: process.argv.slice(2), cwd: process.cwd() }) + '\\n');`,
      `process.exit(${exitCode});`,
      '',
    ].join('\n');
    writeFileSync(file, script);
    chmodSync(file, 0o755);
    return this;
  }

  calls(): RecordedCall[] {
    if (!existsSync(this.log)) return [];
    return readFileSync(this.log, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as RecordedCall);
  }

  /** A PATH of the fakes alone, so a real docker/kubectl is never found (the CLI is started by absolute path). */
  path(): string {
    return this.dir;
  }
}
