import { strict as assert } from 'node:assert';
import { Blob } from 'node:buffer';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { FileResult } from '../../lib/decorators';
import { HttpError } from '../../lib/errors';
import {
  InvalidArgumentError,
  RemoteHttpError,
  StaticInstances,
  closeClient,
  createClient,
  defaultClientPolicy,
  noPolicy,
  withContext,
  type Client,
} from '../../lib/client';
import { UserServiceContract } from '../../sample/usersvc/contract';
import { UserServiceImpl } from '../../sample/usersvc/service';
import { MemoryUserStore } from '../../sample/usersvc/user-store';
import { FileStore } from '../../sample/usersvc/file-store';
import { EchoContract, EchoService } from './support/echo-service';
import { serve, type RunningServer } from './support/servers';
import { isCode, throwsCode } from '../support/errors';
import { ClientConfigError } from '../../lib/client/client-config-errors';

for (const transport of ['node', 'got'] as const) {
  describe(`client/createClient over real HTTP (${transport} transport)`, () => {
    let echoServer: RunningServer;
    let userServer: RunningServer;
    let echoImpl: EchoService;
    let echo: Client<EchoContract>;
    let users: Client<UserServiceContract>;
    let tmp: string;

    before(async () => {
      echoImpl = new EchoService();
      echoServer = await serve(echoImpl);
      userServer = await serve(new UserServiceImpl(new MemoryUserStore(), new FileStore()), { rootPath: '/api' });
      echo = createClient(EchoContract, { baseUrl: echoServer.url, transport });
      // The provider's base URL carries the server's GDD_ROUTE_ROOT_PATH.
      users = createClient(UserServiceContract, { baseUrl: `${userServer.url}/api`, transport });
      tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'client-spec-'));
    });

    after(async () => {
      if (echo) closeClient(echo);
      if (users) closeClient(users);
      await Promise.all([echoServer.close(), userServer.close()]);
      await fsp.rm(tmp, { recursive: true, force: true });
    });

    describe('parameters', () => {
      it('sends path variables with special characters URL-encoded and they arrive unchanged', async () => {
        const name = 'a b/c?d#e%f&g=h ünï 😀';
        const got = await echo.getItem(name, ['x']);
        assert.equal(got.name, name);
      });

      it('sends query arrays as repeated keys, optional scalars and headers (arrays comma-joined)', async () => {
        const got = await echo.getItem('n', ['red', 'green & blue', ''], 25, 'trace-1', ['vanilla', 'mint']);
        assert.deepEqual(got.tags, ['red', 'green & blue', '']);
        assert.equal(got.limit, 25);
        assert.equal(got.trace, 'trace-1');
        assert.deepEqual(got.flavours, ['vanilla', 'mint']);
      });

      it('reads a large answer the server compressed', async () => {
        const tags = Array.from({ length: 300 }, (_, i) => `tag-number-${i}`);
        const got = await withContext(echo, { headers: { 'accept-encoding': 'gzip' } }).getItem('big', tags);
        assert.deepEqual(got.tags, tags);
      });

      it('leaves out undefined optional parameters', async () => {
        const got = await echo.getItem('n', ['only']);
        assert.equal(got.limit, undefined);
        assert.equal(got.trace, undefined);
      });

      it('sends a JSON body with Dates as ISO strings and revives date-time fields (nested, arrays, $ref, nullable) into Dates', async () => {
        const start = new Date('2024-02-28T12:00:00.000Z');
        const got = await echo.shiftTimeline(
          {
            title: 't',
            start,
            stamps: [{ label: 'a', at: new Date('2024-03-01T00:00:00Z') }],
            last: { label: 'z', at: start },
            moments: [start],
          },
          2,
        );
        assert.ok(got.start instanceof Date);
        assert.equal(got.start.toISOString(), '2024-03-01T12:00:00.000Z');
        assert.ok(got.stamps[0]!.at instanceof Date);
        assert.equal(got.stamps[0]!.at.toISOString(), '2024-03-03T00:00:00.000Z');
        assert.ok(got.last?.at instanceof Date);
        assert.ok(got.moments?.[0] instanceof Date);
        assert.equal(got.title, 't');
      });

      it('keeps a null DTO null', async () => {
        const got = await echo.shiftTimeline({ title: 't', start: new Date(0), stamps: [], last: null }, 0);
        assert.equal(got.last, null);
      });

      it('sends a Date query parameter as ISO and revives a top-level date result', async () => {
        const from = new Date('2025-05-05T05:05:05.005Z');
        const got = await echo.since(from);
        assert.ok(got instanceof Date);
        assert.equal(got.getTime(), from.getTime() + 1000);
      });

      it('sends an urlencoded form with repeated keys for arrays', async () => {
        const got = await echo.submitForm('Tea & cake', ['a', 'b c'], 3);
        assert.deepEqual(got, { title: 'Tea & cake', tags: ['a', 'b c'], count: 3 });
      });

      it('sends a JSON string body and decodes a JSON string result', async () => {
        assert.equal(await echo.shout('quiet'), 'QUIET');
      });
    });

    describe('multipart uploads', () => {
      it('uploads Buffers, Blobs, Readables, { data, fileName } and a file path in one request', async () => {
        const onDisk = path.join(tmp, 'on-disk.txt');
        await fsp.writeFile(onDisk, 'from disk');
        const got = await echo.upload(
          [
            Buffer.from('buffer bytes'),
            new Blob(['blob bytes'], { type: 'text/csv' }),
            Readable.from([Buffer.from('stream '), Buffer.from('bytes')]),
            { data: 'named data', fileName: 'naïve résumé.txt', contentType: 'text/plain' },
            { fieldName: 'files', fileName: 'forwarded.txt', mimeType: 'text/markdown', size: 9, path: onDisk },
          ],
          'a note',
        );
        assert.deepEqual(got.contents, ['buffer bytes', 'blob bytes', 'stream bytes', 'named data', 'from disk']);
        assert.deepEqual(got.fileNames, ['files', 'files', 'files', 'naïve résumé.txt', 'forwarded.txt']);
        assert.equal(got.mimeTypes[1], 'text/csv');
        assert.equal(got.mimeTypes[4], 'text/markdown');
        assert.equal(got.note, 'a note');
      });

      it('uploads to the sample user service and downloads the file back as a FileResult', async () => {
        const up = await users.uploadFile({ data: Buffer.from('avatar!'), fileName: 'ävatar 1.png', contentType: 'image/png' }, 'hi');
        assert.deepEqual(up, { fileName: 'ävatar 1.png', size: 7, note: 'hi' });
        const file = await users.downloadFile('ävatar 1.png');
        assert.ok(file instanceof FileResult);
        assert.equal(file.fileName, 'ävatar 1.png');
        assert.ok(Buffer.isBuffer(file.data));
        assert.equal((file.data as Buffer).toString(), 'avatar!');
        assert.equal(file.size, 7);
      });

      it('rejects an unreadable file path with INVALID_ARGUMENT before sending anything', async () => {
        await assert.rejects(
          echo.upload([{ fieldName: 'files', fileName: 'x', mimeType: 'text/plain', size: 1, path: path.join(tmp, 'nope') }]),
          isCode(InvalidArgumentError, 'INVALID_ARGUMENT', /cannot be read/),
        );
      });
    });

    describe('responses', () => {
      it('decodes a download with content type and file name', async () => {
        const file = await echo.download('report 2024.txt');
        assert.equal(file.fileName, 'report 2024.txt');
        assert.equal(file.contentType, 'text/plain; charset=utf-8');
        assert.equal((file.data as Buffer).toString(), 'content of report 2024.txt');
      });

      it('returns undefined for 204', async () => {
        assert.equal(await echo.removeItem('gone'), undefined);
        assert.deepEqual(echoImpl.removed, ['gone']);
      });

      it('round-trips the sample user service: create, get (Date revived), page, update, delete', async () => {
        const created = await users.createUser({ name: 'Edsger', email: 'ed@example.com' });
        assert.ok(created.createdAt instanceof Date);
        const fetched = await users.getUser(created.id);
        assert.deepEqual(fetched, created);
        const page = await users.pageUsers({ page: 1, size: 100 });
        assert.ok(page.items.some((u) => u.id === created.id && u.createdAt instanceof Date));
        const updated = await users.updateUser(created.id, { name: 'Edsger W.' });
        assert.equal(updated.name, 'Edsger W.');
        assert.equal(await users.deleteUser(created.id), undefined);
        await assert.rejects(
          users.getUser(created.id),
          (err: unknown) => err instanceof RemoteHttpError && err.status === 404 && err.code === 'USER_NOT_FOUND',
        );
      });
    });

    describe('errors', () => {
      it('turns a 400 into RemoteHttpError with code, details and the request id', async () => {
        const err = await users.getUser(0).then(
          () => assert.fail('expected a 400'),
          (e: unknown) => e,
        );
        assert.ok(err instanceof RemoteHttpError);
        assert.ok(err instanceof HttpError, 'a remote error is an HttpError like a local one');
        assert.equal(err.status, 400);
        assert.equal(err.code, 'VALIDATION_FAILED');
        assert.ok(Array.isArray(err.details) && (err.details as { field: string }[]).some((f) => f.field === 'path.id'));
        assert.match(err.requestId ?? '', /^[0-9a-f-]{36}$/);
        assert.equal(err.target.operationId, 'getUser');
      });

      it('keeps a custom status, code and details (418 TEAPOT)', async () => {
        await assert.rejects(
          echo.teapot(),
          (err: unknown) =>
            err instanceof RemoteHttpError && err.status === 418 && err.code === 'TEAPOT' && (err.details as { spout: boolean }).spout,
        );
      });

      it('turns a 404 for an unknown route (wrong base URL) into RemoteHttpError NOT_FOUND', async () => {
        const wrong = createClient(EchoContract, { baseUrl: `${echoServer.url}/nowhere`, policy: noPolicy(), transport });
        await assert.rejects(
          wrong.getItem('x', ['t']),
          (err: unknown) => err instanceof RemoteHttpError && err.status === 404 && err.code === 'NOT_FOUND',
        );
        closeClient(wrong);
      });

      it('rejects a missing path variable with INVALID_ARGUMENT and sends nothing', async () => {
        const before = echoImpl.removed.length;
        await assert.rejects(
          echo.removeItem(undefined as unknown as string),
          (err: unknown) => err instanceof InvalidArgumentError && /path variable 'name'/.test(err.message),
        );
        assert.equal(echoImpl.removed.length, before);
      });
    });

    describe('request context', () => {
      it('withContext() sends X-Request-Id and extra headers; contract headers still win', async () => {
        const view = withContext(echo, { requestId: 'req-123', headers: { 'X-Tenant': 'acme' } });
        assert.deepEqual(await view.whoAmI(), { requestId: 'req-123', tenant: 'acme' });
        assert.deepEqual(await view.whoAmI('explicit'), { requestId: 'explicit', tenant: 'acme' });
        assert.deepEqual(await echo.whoAmI(), {}, 'the original client is unchanged');
      });

      it('a server error answered to a withContext() call carries the propagated request id', async () => {
        await assert.rejects(
          withContext(echo, { requestId: 'trace-me-42' }).teapot(),
          (err: unknown) => err instanceof RemoteHttpError && err.requestId === 'trace-me-42',
        );
      });
    });

    describe('options', () => {
      it('refuses both baseUrl and instances, or neither, or a relative base URL', () => {
        throwsCode(() => createClient(EchoContract, {}), ClientConfigError, 'INVALID_INSTANCE_SOURCE', 'give baseUrl or instances');
        throwsCode(
          () => createClient(EchoContract, { baseUrl: 'http://a:1', instances: new StaticInstances() }),
          ClientConfigError,
          'INVALID_INSTANCE_SOURCE',
          'not both',
        );
        throwsCode(
          () => createClient(EchoContract, { baseUrl: '/relative' }),
          ClientConfigError,
          'INVALID_BASE_URL',
          'not an absolute URL',
        );
      });

      it('refuses an unknown transport, policy numbers that are not integers ≥ 0, and objects that are not clients', () => {
        throwsCode(
          () => createClient(EchoContract, { baseUrl: 'http://127.0.0.1:1', transport: 'curl' as 'node' }),
          ClientConfigError,
          'UNKNOWN_TRANSPORT',
          "unknown transport 'curl'",
        );
        throwsCode(() => defaultClientPolicy({ retryCount: -1 }), ClientConfigError, 'INVALID_POLICY_OPTION', 'retryCount: -1');
        throwsCode(() => defaultClientPolicy({ timeoutMs: 1.5 }), ClientConfigError, 'INVALID_POLICY_OPTION', 'timeoutMs: 1.5');
        throwsCode(
          () => withContext({} as Client<EchoContract>, {}),
          ClientConfigError,
          'NOT_A_CLIENT',
          'not a client made by createClient()',
        );
        throwsCode(() => closeClient({} as Client<EchoContract>), ClientConfigError, 'NOT_A_CLIENT');
      });
    });
  });
}
