/**
 * The repository stands on its own: a fresh clone runs its tests from its own files. Nothing may point at
 * material outside it (the reference notes and Go programs the project was first built against).
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { fixturePath } from './support/fixtures';
import { gonodeSourceDir } from './support/go-peer';
import { projectFiles } from './support/project-files';

// Built from parts so that this file does not match itself.
const OUTSIDE = new RegExp(
  [
    String.raw`\.\./shared`,
    ['shared', '(?:interop|reference)'].join('/'),
    ['memberlist-wire', 'md'].join(String.raw`\.`),
    String.raw`\bgo-doudou\.md`,
    String.raw`\bpeers\.md`,
    String.raw`\bDESIGN\.md`,
  ].join('|'),
);

describe('repository: stands on its own', () => {
  it('mentions no file outside the repository in lib, spec, sample, bench, docs, .ci or the README', () => {
    const offenders = projectFiles()
      .filter(({ text }) => OUTSIDE.test(text))
      .map(({ file, text }) => `${file}: ${OUTSIDE.exec(text)?.[0]}`);
    assert.deepEqual(offenders, []);
  });

  it('recognises such a mention', () => {
    assert.ok(OUTSIDE.test(['see ..', 'shared', 'interop', 'captures'].join('/')));
    assert.ok(OUTSIDE.test(`cf. ${['memberlist-wire', 'md'].join('.')} §4`));
    assert.ok(!OUTSIDE.test('docs/gossip-wire-format.md#crc'));
  });

  it('carries its captured Go bytes and its Go peer program itself', () => {
    assert.ok(existsSync(fixturePath('captures', 'memberlist-0.2.2.json')));
    assert.ok(existsSync(`${gonodeSourceDir()}/main.go`));
  });
});
