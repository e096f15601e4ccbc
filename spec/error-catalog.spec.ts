import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as publicApi from '../lib';
import { CliError } from '../lib/cli/cli-errors';
import * as discoveryApi from '../lib/discovery/standalone';
import { IncompatibleVersionError } from '../lib/discovery/core/errors';
import { WireDecodeError, WireEncodeError } from '../lib/discovery/wire/errors';
import { ServingError } from '../lib/http/serving-errors';
import { FigFontError } from '../lib/observability/figfont';
import { GateRejectedError } from '../lib/resilience/concurrency-gate';
import { RedisCommandTimeoutError } from '../lib/resilience/errors';
import { allErrorCodes, ERROR_CODE_REGISTRIES, renderErrorCodeTables, renderHttpErrorTable } from '../lib/error-catalog';
import { DoudouError } from '../lib/errors';

const root = process.cwd();
const docsPath = path.join(root, 'docs', 'errors.md');
const readmePath = path.join(root, 'README.md');

/** `Class CODE` (or `status CODE`) pairs of the rows of a rendered table. */
function tableRows(markdown: string): Set<string> {
  const rows = new Set<string>();
  for (const m of markdown.matchAll(/^\| (?:`([A-Z0-9_]+)` \| (\w+)|(\d+) \| `([A-Z0-9_]+)`) \|/gm)) {
    rows.add(m[1] ? `${m[2]} ${m[1]}` : `${m[3]} ${m[4]}`);
  }
  return rows;
}

/**
 * Asserts that the text between a file's markers is what the registries render; with UPDATE_DOCS=1
 * (npm run docs:errors) it writes it instead.
 */
function assertGenerated(file: string, marker: string, expected: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`<!-- ${marker}:start`);
  const end = text.indexOf(`<!-- ${marker}:end -->`);
  assert.ok(start >= 0 && end > start, `${path.relative(root, file)} has the ${marker} markers`);
  const bodyStart = text.indexOf('\n', start) + 1;
  const current = text.slice(bodyStart, end).trim() + '\n';
  if (current === expected) return;
  if (process.env.UPDATE_DOCS === '1') {
    writeFileSync(file, `${text.slice(0, bodyStart)}\n${expected}\n${text.slice(end)}`);
    return;
  }
  const want = tableRows(expected);
  const have = tableRows(current);
  const missing = [...want].filter((r) => !have.has(r));
  const gone = [...have].filter((r) => !want.has(r));
  assert.fail(
    `${path.relative(root, file)} is out of date: edit the registry, then run npm run docs:errors. ` +
      `Missing: ${missing.join(', ') || 'none'}; not registered: ${gone.join(', ') || 'none'}; otherwise a status or meaning changed.`,
  );
}

function libSources(): { file: string; text: string }[] {
  const dir = path.join(root, 'lib');
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .map((file) => ({ file: path.relative(root, file), text: readFileSync(file, 'utf8') }));
}

/** What the package's entry points export (ts-doudou, ts-doudou/discovery). */
const ENTRY_POINTS = { ...publicApi, ...discoveryApi } as unknown as Record<string, unknown>;

/** Registered error classes that never reach a user of the package: who handles each. */
const HANDLED_INSIDE: Readonly<Record<string, { cls: unknown; handledBy: string }>> = {
  IncompatibleVersionError: { cls: IncompatibleVersionError, handledBy: 'the join, which fails with JoinFailedError naming it' },
  WireDecodeError: { cls: WireDecodeError, handledBy: 'the gossip node, which drops the packet and counts it by code' },
  WireEncodeError: { cls: WireEncodeError, handledBy: 'the gossip node, whose options are validated before anything is encoded' },
  GateRejectedError: { cls: GateRejectedError, handledBy: 'the bulkhead, which answers 429 TOO_MANY_REQUESTS' },
  RedisCommandTimeoutError: { cls: RedisCommandTimeoutError, handledBy: 'the Redis rate limiter, which applies onRedisError' },
  FigFontError: { cls: FigFontError, handledBy: 'nobody: the banner parses only the bundled font, which a spec checks' },
  CliError: { cls: CliError, handledBy: 'the doudou command, which prints it as one line and exits 1' },
  ServingError: { cls: ServingError, handledBy: 'the error mapper, which answers 500 INTERNAL and logs the stack with the request id' },
};

/**
 * The only plain `new Error(`/`TypeError(`/`RangeError(` in lib/, each with why it is no thrown error of
 * the framework's: `file` and a piece of the line. (Turning a thrown non-Error into an Error,
 * `x instanceof Error ? x : new Error(String(x))`, is allowed everywhere.)
 */
const PLAIN_ERRORS_ALLOWED: readonly { file: string; line: string; why: string }[] = [
  {
    file: 'lib/registry/meta-generations.ts',
    line: "new TypeError('registerAt')",
    why: 'caught a few lines away: fromV1() answers undefined',
  },
  { file: 'lib/observability/log-format.ts', line: 'new Error(message)', why: 'a masked copy of an error for the log, never thrown' },
  {
    file: 'lib/client/node-http-transport.ts',
    line: "new Error('answer cut short')",
    why: 'a socket-style signal translate() turns into RemoteUnavailableError',
  },
  {
    file: 'lib/client/node-http-transport.ts',
    line: 'new Error(`answer does not decompress',
    why: 'as above (BAD_ENCODING → RemoteUnavailableError)',
  },
  { file: 'lib/http/manage/registry-page-assets.ts', line: 'throw new Error(String(r.status))', why: "the registry page's browser script" },
  { file: 'lib/cli/init/project-templates.ts', line: "throw new Error('contract only", why: 'source text of a generated project' },
  { file: 'lib/cli/client/module-writer.ts', line: "throw new Error('contract only", why: 'source text of a generated client module' },
  {
    file: 'lib/data/codegen/crud/crud-service-source.ts',
    line: "throw new Error('not implemented",
    why: 'source text of a generated service',
  },
];

/** Error classes that never leave the module that throws them, so they have no code. */
const INTERNAL_ERROR_CLASSES: Readonly<Record<string, string>> = {
  WrongType: 'control flow of the node metadata decoder (lib/registry), which answers undefined',
  Stop: 'control flow of the node:http client transport (lib/client)',
};

describe('error catalog (docs/errors.md)', () => {
  const docs = readFileSync(docsPath, 'utf8');

  it('lists every registered code with its class, status and meaning, and no code that is gone', () => {
    assertGenerated(docsPath, 'error-codes', renderErrorCodeTables());
  });

  it("is the source of the README's table of HTTP codes", () => {
    assertGenerated(readmePath, 'http-error-table', renderHttpErrorTable());
  });

  it('is linked from the README', () => {
    assert.ok(readFileSync(readmePath, 'utf8').includes('](docs/errors.md)'), 'README.md links to docs/errors.md');
  });

  it('holds every registry defined in lib/', () => {
    const defined: string[] = [];
    for (const { file, text } of libSources()) {
      for (const m of text.matchAll(/defineErrorCodes\(\s*'([a-z-]+)',\s*'(\w+)'/g)) defined.push(`${m[1]}/${m[2]} (${file})`);
    }
    const listed = new Set(ERROR_CODE_REGISTRIES.map((r) => `${r.area}/${r.errorClass}`));
    const unlisted = defined.filter((d) => !listed.has(d.split(' ')[0]!));
    assert.deepEqual(unlisted, [], 'add these registries to ERROR_CODE_REGISTRIES in lib/error-catalog.ts');
    assert.equal(defined.length, ERROR_CODE_REGISTRIES.length, `registries defined: ${defined.join(', ')}`);
  });

  it('names only classes that extend DoudouError and that the package exports, unless handled inside', () => {
    for (const e of allErrorCodes()) {
      const cls = ENTRY_POINTS[e.errorClass] ?? HANDLED_INSIDE[e.errorClass]?.cls;
      assert.equal(
        typeof cls,
        'function',
        `${e.errorClass} (code ${e.code}) is not exported from lib/index.ts or lib/discovery/standalone.ts`,
      );
      const proto = (cls as { prototype: unknown }).prototype;
      assert.ok(proto instanceof DoudouError, `${e.errorClass} does not extend DoudouError`);
    }
  });

  it('documents every error class the package exports', () => {
    const errorClasses = Object.entries(ENTRY_POINTS).filter(
      ([, v]) => typeof v === 'function' && (v as { prototype: unknown }).prototype instanceof Error,
    );
    assert.ok(errorClasses.length > 20, `found ${errorClasses.length} public error classes`);
    for (const [name, cls] of errorClasses) {
      const inHierarchy = cls === DoudouError || (cls as { prototype: unknown }).prototype instanceof DoudouError;
      assert.ok(inHierarchy, `${name} is public but does not extend DoudouError`);
      assert.ok(docs.includes(name), `docs/errors.md does not mention the public error class ${name}`);
    }
  });

  it('registers only codes that lib/ still raises', () => {
    const sources = libSources();
    const dead = allErrorCodes().filter((e) => {
      const use = new RegExp(`'${e.code}'|\\.${e.code}\\b`);
      const definition = new RegExp(`^\\s*${e.code}: \\{`);
      return !sources.some(({ text }) => text.split('\n').some((line) => use.test(line) && !definition.test(line)));
    });
    assert.deepEqual(
      dead.map((e) => `${e.errorClass} ${e.code}`),
      [],
      'remove these codes from their registry (and run npm run docs:errors)',
    );
  });

  it('gives every code that reaches HTTP one meaning across all areas', () => {
    const seen = new Map<string, string>();
    for (const e of allErrorCodes().filter((x) => x.status !== undefined)) {
      assert.ok(!seen.has(e.code), `${e.code} is registered by both ${seen.get(e.code)} and ${e.area}/${e.errorClass}`);
      seen.set(e.code, `${e.area}/${e.errorClass}`);
    }
  });

  it('raises no plain Error, TypeError or RangeError anywhere in lib/', () => {
    const plain: string[] = [];
    const used = new Set<(typeof PLAIN_ERRORS_ALLOWED)[number]>();
    for (const { file, text } of libSources()) {
      text.split('\n').forEach((line, i) => {
        if (!/new (?:Error|TypeError|RangeError)\(/.test(line)) return;
        if (/instanceof Error \? \w+ : new Error\(String\(\w+\)\)/.test(line)) return;
        const allowed = PLAIN_ERRORS_ALLOWED.find((a) => a.file === file && line.includes(a.line));
        if (allowed) used.add(allowed);
        else plain.push(`${file}:${i + 1}`);
      });
    }
    assert.deepEqual(plain, [], 'throw a typed error with a registered code (e.g. ClientConfigError, TransportError)');
    const stale = PLAIN_ERRORS_ALLOWED.filter((a) => !used.has(a)).map((a) => `${a.file}: ${a.line}`);
    assert.deepEqual(stale, [], 'remove these from PLAIN_ERRORS_ALLOWED: the line is gone');
  });

  it('finds no error class in lib/ outside the hierarchy', () => {
    const outside: string[] = [];
    for (const { file, text } of libSources()) {
      for (const m of text.matchAll(/class (\w+) extends (?:Error|TypeError|RangeError)\b/g)) {
        if (!Object.hasOwn(INTERNAL_ERROR_CLASSES, m[1]!)) outside.push(`${m[1]} (${file})`);
      }
    }
    assert.deepEqual(outside, [], 'extend DoudouError (lib/errors) with a registered code');
  });
});
