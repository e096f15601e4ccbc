import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { readPackageInfo } from '../../lib/openapi/package-info';
import { TempDirs } from '../support/temp-dir';

describe('readPackageInfo', () => {
  const dirs = new TempDirs();
  after(() => dirs.removeAll());
  const tempDir = (prefix: string): string => dirs.make(prefix);
  const project = (manifest: string): string => {
    const dir = tempDir('pkg-info');
    writeFileSync(`${dir}/package.json`, manifest);
    return dir;
  };

  it('takes the description and an author string "Name <email> (url)" as the contact', () => {
    const dir = project(
      JSON.stringify({ description: ' Payments API ', author: 'Ada Lovelace <ada@example.com> (https://example.com/ada)' }),
    );
    assert.deepEqual(readPackageInfo(dir), {
      description: 'Payments API',
      contact: { name: 'Ada Lovelace', email: 'ada@example.com', url: 'https://example.com/ada' },
    });
  });

  it('takes an author object, with the homepage as url when the author has none', () => {
    const dir = project(JSON.stringify({ author: { name: 'Team', email: 'team@example.com' }, homepage: 'https://example.com' }));
    assert.deepEqual(readPackageInfo(dir), { contact: { name: 'Team', email: 'team@example.com', url: 'https://example.com' } });
  });

  it('gives nothing without a package.json, for one that does not parse, or for empty fields', () => {
    assert.deepEqual(readPackageInfo(tempDir('pkg-none')), {});
    assert.deepEqual(readPackageInfo(project('{ not json')), {});
    assert.deepEqual(readPackageInfo(project(JSON.stringify({ description: '', author: '' }))), {});
  });
});
