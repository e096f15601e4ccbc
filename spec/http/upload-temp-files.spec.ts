import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { UPLOAD_DIR_PREFIX } from '../../lib/http/upload-temp-files';
import { partialRequest } from '../support/slow-client';
import { waitFor } from '../support/wait-for';
import { multipart, request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';

/** Every file under `root`, directories included, as paths relative to it. */
function leftovers(root: string): string[] {
  return fs.readdirSync(root, { recursive: true }) as string[];
}

/** Bytes of a file being written under `root` (the upload has reached the disk). */
function bytesOnDisk(root: string): number {
  let total = 0;
  for (const entry of leftovers(root)) {
    const stat = fs.statSync(path.join(root, entry), { throwIfNoEntry: false });
    if (stat?.isFile()) total += stat.size;
  }
  return total;
}

const upload = (size: number) =>
  multipart([
    { name: 'note', value: 'n' },
    { name: 'file', fileName: 'big.bin', contentType: 'application/octet-stream', data: Buffer.alloc(size, 3) },
  ]);

const partialUpload = (port: number, body: Buffer, contentType: string, sendBytes: number): Promise<net.Socket> =>
  partialRequest({ port, path: '/upload', body, contentType, sendBytes });

describe('upload-temp-files', () => {
  let root: string;
  let s: Started;
  const start = async (options: Parameters<typeof startUsersServer>[0] = {}): Promise<void> => {
    s = await startUsersServer({ uploadDir: root, bodyLimit: { multipartFileSize: 4 * 1024 * 1024 }, ...options });
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gdd-uploads-spec-'));
  });
  afterEach(async () => {
    await s?.server.close({ graceMs: 0 });
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('gives each request a directory of its own and removes it once the response is complete', async () => {
    await start();
    const { body, contentType } = upload(1000);
    const res = await request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    assert.equal(res.status, 200, res.text);
    const used = path.dirname(s.service.lastUpload!.file.path);
    assert.equal(path.dirname(used), root);
    assert.ok(path.basename(used).startsWith(UPLOAD_DIR_PREFIX));
    await waitFor(() => leftovers(root).length === 0, { timeoutMs: 5000, message: `left: ${leftovers(root).join(', ')}` });
  });

  it('removes the partial file of an upload rejected with 413', async () => {
    await start();
    const { body, contentType } = upload(5 * 1024 * 1024);
    const res = await request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    assert.equal(res.status, 413);
    await waitFor(() => leftovers(root).length === 0, { timeoutMs: 5000, message: `left: ${leftovers(root).join(', ')}` });
  });

  it('removes the file of an upload refused after parsing (400 for a forbidden field name)', async () => {
    await start();
    const { body, contentType } = multipart([
      { name: '__proto__', value: 'x' },
      { name: 'file', fileName: 'a.bin', contentType: 'application/octet-stream', data: Buffer.alloc(2000, 1) },
    ]);
    const res = await request(`${s.url}/upload`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    assert.equal(res.status, 400, res.text);
    await waitFor(() => leftovers(root).length === 0, { timeoutMs: 5000, message: `left: ${leftovers(root).join(', ')}` });
  });

  it('removes the partial file of an upload the client aborts', async () => {
    await start();
    const { body, contentType } = upload(3 * 1024 * 1024);
    const socket = await partialUpload(s.port, body, contentType, 1024 * 1024);
    await waitFor(() => bytesOnDisk(root) > 0, { timeoutMs: 5000, message: 'upload reached the disk' });
    socket.destroy();
    await waitFor(() => leftovers(root).length === 0, { timeoutMs: 5000, message: `left: ${leftovers(root).join(', ')}` });
  });

  it('removes the partial file of an upload cut by GDD_READ_TIMEOUT', async () => {
    await start({ timeouts: { readMs: 800, writeMs: 30_000, idleMs: 30_000 } });
    const { body, contentType } = upload(3 * 1024 * 1024);
    const socket = await partialUpload(s.port, body, contentType, 512 * 1024);
    const answer = new Promise<string>((resolve) => {
      let raw = '';
      socket.on('data', (d: Buffer) => (raw += d.toString('latin1')));
      socket.once('close', () => resolve(raw));
    });
    await waitFor(() => bytesOnDisk(root) > 0, { timeoutMs: 5000, message: 'upload reached the disk' });
    assert.match(await answer, /^HTTP\/1\.1 408/);
    await waitFor(() => leftovers(root).length === 0, { timeoutMs: 5000, message: `left: ${leftovers(root).join(', ')}` });
  });

  it('has removed every temporary file, also of uploads still in progress, when close() resolves', async () => {
    await start();
    const { body, contentType } = upload(3 * 1024 * 1024);
    const sockets = await Promise.all([1, 2, 3].map(() => partialUpload(s.port, body, contentType, 1024 * 1024)));
    await waitFor(() => bytesOnDisk(root) >= 3 * 512 * 1024, { timeoutMs: 10_000, message: 'three uploads on disk' });
    await s.server.close({ graceMs: 200, drainMs: 100 });
    assert.deepEqual(leftovers(root), []);
    sockets.forEach((socket) => socket.destroy());
  });
});
