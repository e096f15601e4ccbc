import { strict as assert } from 'node:assert';
import type { RouteDescriptor, ServiceDescriptor } from '../../lib/decorators/descriptors';
import { FileResult } from '../../lib/decorators/file-result';
import { RawAnswer } from '../../lib/decorators/raw-answer';
import { contentDisposition } from '../../lib/http/response-writer';
import { HttpServer } from '../../lib/http/server';
import { captureLogger, type LogLine } from './support/capture-logger';
import { request } from './support/http-client';
import { startUsersServer, type Started } from './support/start-server';

/** Routes whose handlers return more (or other) than their descriptors declare. */
const account: ServiceDescriptor = {
  name: 'accounts',
  rootPath: '',
  target: Object,
  schemas: {
    Account: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        since: { type: 'string', format: 'date-time' },
        labels: { type: 'object' },
        owner: { $ref: '#/components/schemas/Owner' },
      },
      required: ['id', 'name'],
    },
    Owner: { type: 'object', properties: { email: { type: 'string' } } },
  },
  routes: (
    [
      ['getAccount', '/account', { schema: { $ref: '#/components/schemas/Account' } }],
      ['listAccounts', '/accounts', { schema: { type: 'array', items: { $ref: '#/components/schemas/Account' } } }],
      ['brokenAccount', '/broken', { schema: { $ref: '#/components/schemas/Account' } }],
      ['touch', '/touch', {}],
      ['replay', '/replay', { schema: { $ref: '#/components/schemas/Account' } }],
      ['avatar', '/avatar', { file: true, mediaTypes: ['image/png', 'text/*'] }],
      ['avatarAsText', '/avatar-text', { file: true, mediaTypes: ['image/png', 'text/*'] }],
      ['avatarAsPdf', '/avatar-pdf', { file: true, mediaTypes: ['image/png', 'text/*'] }],
    ] as const
  ).map(([operationId, path, response]): RouteDescriptor => ({
    operationId,
    method: 'GET',
    path,
    params: [],
    response,
    errors: [],
    tags: [],
  })),
};

class AccountService {
  getAccount() {
    return {
      id: 7,
      name: 'Ada',
      passwordHash: 'secret-hash',
      since: new Date('2024-01-02T03:04:05Z'),
      labels: { tier: 'gold' },
      owner: { email: 'ada@example.com', internalNote: 'vip' },
    };
  }
  listAccounts() {
    return [this.getAccount(), { id: 8, name: 'Alan', version: 3 }];
  }
  brokenAccount() {
    return { name: 'no id' };
  }
  touch() {
    return { touched: true };
  }
  replay() {
    return new RawAnswer(409, '{"problem":"taken"}', 'application/problem+json');
  }
  avatar() {
    return new FileResult(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'a.png', 'image/png');
  }
  avatarAsText() {
    return new FileResult(Buffer.from('a'), 'a.txt', 'text/plain; charset=utf-8');
  }
  avatarAsPdf() {
    return new FileResult(Buffer.from('%PDF'), 'a.pdf', 'application/pdf');
  }
}

describe('response-writer', () => {
  describe('contentDisposition', () => {
    it('quotes a plain ASCII name', () => {
      assert.equal(contentDisposition('report.csv'), 'attachment; filename="report.csv"');
    });
    it('adds an RFC 5987 filename* for non-ASCII names with an ASCII fallback', () => {
      assert.equal(
        contentDisposition('résumé (1).pdf'),
        `attachment; filename="r_sum_ (1).pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29.pdf`,
      );
    });
    it('drops directories and keeps quotes only percent-encoded in filename*', () => {
      assert.equal(contentDisposition('../etc/"pass"'), `attachment; filename="_pass_"; filename*=UTF-8''%22pass%22`);
    });
  });

  describe('JSON results, by the descriptor', () => {
    let server: HttpServer;
    let url: string;
    let lines: LogLine[];
    before(async () => {
      const captured = captureLogger();
      lines = captured.lines;
      server = new HttpServer({ logger: captured.logger, contractChecks: true }).mount(account, new AccountService());
      url = (await server.listen({ port: 0, host: '127.0.0.1' })).url;
    });
    after(() => server.close({ graceMs: 1000 }));

    it('sends only the properties the response schema declares, at every depth, free-form objects whole', async () => {
      const res = await request(`${url}/account`);
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.deepEqual(res.json(), {
        id: 7,
        name: 'Ada',
        since: '2024-01-02T03:04:05.000Z',
        labels: { tier: 'gold' },
        owner: { email: 'ada@example.com' },
      });
      const list = await request(`${url}/accounts`);
      assert.deepEqual(list.json(), [res.json(), { id: 8, name: 'Alan' }]);
    });

    it('answers 500 and logs the route when a result lacks a required property', async () => {
      const res = await request(`${url}/broken`, { headers: { 'X-Request-Id': 'broken-account' } });
      assert.equal(res.status, 500);
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'INTERNAL');
      assert.ok(
        lines.some(
          (l) => l.requestId === 'broken-account' && /brokenAccount: the result does not match its response schema/.test(l.message),
        ),
      );
    });

    it('answers 204 without a body for a route without returns, whatever the handler returned, and warns once', async () => {
      const first = await request(`${url}/touch`);
      assert.equal(first.status, 204);
      assert.equal(first.body.length, 0);
      await request(`${url}/touch`);
      const warnings = lines.filter(
        (l) => l.level === 'warn' && /contract breach: touch returned a value but declares no `returns`/.test(l.message),
      );
      assert.equal(warnings.length, 1);
    });

    it('sends a download whose type the route declares (a range too), and answers 500 naming the route for another', async () => {
      const png = await request(`${url}/avatar`);
      assert.equal(png.status, 200);
      assert.equal(png.headers['content-type'], 'image/png');
      const text = await request(`${url}/avatar-text`);
      assert.equal(text.status, 200);
      assert.equal(text.headers['content-type'], 'text/plain; charset=utf-8');
      const pdf = await request(`${url}/avatar-pdf`);
      assert.equal(pdf.status, 500);
      assert.equal(pdf.headers['content-disposition'], undefined);
      assert.ok(
        lines.some(
          (l) =>
            l.level === 'error' && /avatarAsPdf returned a application\/pdf file but declares only image\/png, text\/\*/.test(l.message),
        ),
      );
    });

    it('sends a RawAnswer as it is, whatever the route declares', async () => {
      const res = await request(`${url}/replay`);
      assert.equal(res.status, 409);
      assert.equal(res.headers['content-type'], 'application/problem+json');
      assert.equal(res.text, '{"problem":"taken"}');
    });
  });

  describe('downloads over HTTP', () => {
    let s: Started;
    before(async () => {
      s = await startUsersServer();
    });
    after(() => s.server.close({ graceMs: 1000 }));

    it('sends a Buffer FileResult as an attachment with type and length', async () => {
      const res = await request(`${s.url}/download/${encodeURIComponent('日報.txt')}`);
      assert.equal(res.status, 200);
      assert.equal(res.text, 'content of 日報.txt');
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      assert.equal(res.headers['content-length'], String(Buffer.byteLength('content of 日報.txt')));
      assert.equal(res.headers['content-disposition'], `attachment; filename="__.txt"; filename*=UTF-8''%E6%97%A5%E5%A0%B1.txt`);
    });

    it('pipes a stream FileResult with the declared Content-Length', async () => {
      const res = await request(`${s.url}/download-stream`);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-length'], String(64 * 1024));
      assert.equal(res.body.length, 64 * 1024);
      assert.ok(res.body.every((b) => b === 7));
      assert.equal(res.headers['content-disposition'], 'attachment; filename="data.bin"');
      assert.equal(res.headers['content-type'], 'application/octet-stream');
    });

    it('answers JSON 500 with the request id when a download stream fails before its first byte', async () => {
      const res = await request(`${s.url}/download-broken`, { headers: { 'X-Request-Id': 'broken-1' } });
      assert.equal(res.status, 500);
      assert.deepEqual(res.json(), { error: { code: 'INTERNAL', message: 'internal server error', requestId: 'broken-1' } });
      assert.equal(res.headers['content-disposition'], undefined);
      assert.equal(res.headers['x-request-id'], 'broken-1');
      assert.ok(s.lines.some((l) => l.level === 'error' && l.requestId === 'broken-1' && /disk vanished/.test(l.message)));
    });
  });
});
