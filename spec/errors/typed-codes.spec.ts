/**
 * Codes are typed by their registries: a user's project that misspells one does not compile. Compiled the
 * way a consumer compiles (spec/support/compile-ts.ts), against the public 'ts-doudou' types.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { compileTs, tsProjectDir } from '../support/compile-ts';

const SOURCE = `import { ClientConfigError, ConfigError, DataConfigError, HttpError, ResilienceConfigError } from 'ts-doudou';

export const fine = [
  new ConfigError('MISSING_DEPENDENCY', 'registered start-up code'),
  HttpError.of('NOT_FOUND', 'registered HTTP code'),
  new HttpError(418, 'TEAPOT', 'a handler picks its own codes'),
  new ClientConfigError('INVALID_BASE_URL', 'registered client code'),
  new DataConfigError('BAD_COLUMN', 'registered data code'),
  new ResilienceConfigError('INVALID_BULKHEAD_OPTION', 'registered resilience code'),
];

export const misspelt = [
  new ConfigError('MISSING_DEPENDANCY', 'x'),
  HttpError.of('NOT_FOND', 'x'),
  new ClientConfigError('INVALID_BASE_URI', 'x'),
  new DataConfigError('MISSING_DEPENDENCY', 'a start-up code of another area'),
  new ResilienceConfigError('INVALID_RATE_LIMIT', 'a code of the same area but another class'),
];
`;

describe('errors: codes are checked at compile time', function () {
  this.timeout(60_000);

  it('compiles registered codes and refuses each misspelt or foreign one, on its own line', () => {
    const project = tsProjectDir('tsd-typed-codes-');
    try {
      writeFileSync(path.join(project.dir, 'codes.ts'), SOURCE);
      const result = compileTs(project.dir);
      const lines = SOURCE.split('\n');
      const firstBad = lines.findIndex((l) => l.startsWith('export const misspelt')) + 2;
      const badLines = [0, 1, 2, 3, 4].map((i) => firstBad + i);
      const errorLines = result.diagnostics.map((d) => d.line).sort((a, b) => a - b);
      assert.deepEqual(errorLines, badLines, result.errors.join('\n'));
      assert.ok(
        result.diagnostics.every((d) => d.code === 2345),
        `each is "argument not assignable to the code union": ${result.errors.join('\n')}`,
      );
    } finally {
      project.remove();
    }
  });
});
