import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { createLogger } from '../../lib/observability/logger';
import { removeOlderThan } from '../../lib/observability/log-files';
import { waitFor } from '../support/wait-for';

const rotated = (dir: string): string[] => readdirSync(dir).filter((n) => /^app-.*\.log(\.gz)?$/.test(n));

describe('observability/log-files', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gdd-rotate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function logger(rotation: Parameters<typeof createLogger>[0]['rotation']) {
    return createLogger({
      level: 'info',
      format: 'json',
      serviceName: 'svc',
      env: 'dev',
      logDir: dir,
      rotation,
      stream: new PassThrough(),
    });
  }

  it('rotates by size, gzips rotated files, keeps GDD_LOG_MAX_BACKUPS of them and follows the current one through app.log', async () => {
    const log = logger({ maxSizeBytes: 1024, maxBackups: 2, compress: true });
    const line = 'x'.repeat(200);
    // one line per loop turn, as requests write them (a burst larger than a whole file within one turn
    // rotates past files the transport has not opened yet, which it then neither gzips nor deletes)
    for (let i = 0; i < 60; i++) {
      log.info(`${i} ${line}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // 60 lines of ~230 bytes in 1 KiB files: many rotations, only 2 backups + the current file survive
    const files = await waitFor(
      () => {
        const names = rotated(dir);
        const gz = names.filter((n) => n.endsWith('.gz'));
        return gz.length === 2 && names.length === 3 && names;
      },
      { message: `2 gzipped backups + 1 current file in ${dir}` },
    );
    const current = files.find((n) => !n.endsWith('.gz'))!;
    assert.match(current, /^app-\d{4}-\d{2}-\d{2}\.\d+\.log$/);
    const archived = gunzipSync(
      readFileSync(
        path.join(
          dir,
          files.find((n) => n.endsWith('.gz'))!,
        ),
      ),
    ).toString('utf8');
    assert.match(archived, /"message":"\d+ x{200}"/, 'a backup holds log lines');
    await waitFor(() => readFileSync(path.join(dir, 'app.log'), 'utf8').includes('"message":"59 '), {
      message: 'app.log follows the current file',
    });
    log.close();
  });

  it('keeps rotated files uncompressed with GDD_LOG_COMPRESS=false', async () => {
    const log = logger({ maxSizeBytes: 1024, maxBackups: 0, compress: false });
    for (let i = 0; i < 20; i++) {
      log.info('y'.repeat(200));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => rotated(dir).length >= 3);
    assert.equal(rotated(dir).filter((n) => n.endsWith('.gz')).length, 0);
    log.close();
  });

  it('deletes rotated files older than GDD_LOG_MAX_AGE, and nothing else', () => {
    const old = path.join(dir, 'app-2020-01-01.log.gz');
    const fresh = path.join(dir, 'app-2020-01-02.3.log.gz');
    const foreign = path.join(dir, 'notes-2020-01-01.log');
    for (const f of [old, fresh, foreign]) writeFileSync(f, 'x');
    const day = 24 * 3600 * 1000;
    const now = Date.now();
    utimesSync(old, new Date(now - 8 * day), new Date(now - 8 * day));
    utimesSync(foreign, new Date(now - 30 * day), new Date(now - 30 * day));
    removeOlderThan(dir, now - 7 * day);
    assert.equal(existsSync(old), false);
    assert.equal(existsSync(fresh), true);
    assert.equal(existsSync(foreign), true, 'only files of this transport are swept');
  });
});
