/**
 * Prism's validation proxy in front of the running sample monolith, fed the document the monolith
 * serves: every request and every answer is checked against it, and Prism reports what does not match
 * in an `sl-violations` header. A scripted session — valid requests and requests the document forbids —
 * covers every operation the document lists (a new operation without a scripted request fails here).
 *
 * Valid requests must draw no violation at all. Requests the document forbids must be refused by the
 * server (4xx) while Prism reports the request — and only the request — as violating: the server and the
 * document agree on what is wrong, and the error answer itself matches its declared schema.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppProcess } from '../support/app-process';
import { startMonolith, stopMonolith, type RunningMonolith } from '../support/sample-monolith';

interface Violation {
  location: string[];
  severity: string;
  message: string;
}

interface Exchange {
  /** The operationId the request is meant for. */
  operation: string;
  method: string;
  path: string;
  json?: unknown;
  form?: FormData;
  status: number;
  /** The document forbids this request: Prism must say so (request violations only). */
  forbidden?: true;
}

interface Outcome {
  status: number;
  body: string;
  violations: Violation[];
}

/** `prism` as package.json's bin field names it, run with this Node. */
function prismScript(): string {
  const manifest = require.resolve('@stoplight/prism-cli/package.json');
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { prism: string } }).bin.prism;
  return path.join(path.dirname(manifest), bin);
}

function upload(fileName: string, withFile = true): FormData {
  const form = new FormData();
  if (withFile) form.append('file', new Blob([Buffer.from('hello prism\n')], { type: 'text/plain' }), fileName);
  form.append('note', 'from the prism spec');
  return form;
}

describe('sample: every operation through Prism’s validation proxy', function () {
  this.timeout(120_000);
  let monolith: RunningMonolith | undefined;
  let prism: AppProcess | undefined;
  let proxy: string;
  let dir: string;
  let operations: string[];

  before(async () => {
    monolith = await startMonolith();
    const document = await (await fetch(`${monolith.url}/go-doudou/openapi.json`)).text();
    operations = Object.values((JSON.parse(document) as { paths: Record<string, Record<string, { operationId: string }>> }).paths)
      .flatMap((item) => Object.values(item).map((op) => op.operationId))
      .sort();
    dir = mkdtempSync(path.join(tmpdir(), 'tsd-prism-'));
    writeFileSync(path.join(dir, 'openapi.json'), document);
    prism = new AppProcess(prismScript(), {}, [
      'proxy',
      path.join(dir, 'openapi.json'),
      monolith.url,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
    ]);
    const [, port] = await prism.waitForLine(/Prism is listening on http:\/\/127\.0\.0\.1:(\d+)/, 90_000);
    proxy = `http://127.0.0.1:${port}`;
  });
  after(() => {
    prism?.kill();
    stopMonolith(monolith);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  async function send(x: Exchange): Promise<Outcome> {
    const init: RequestInit = { method: x.method };
    if (x.json !== undefined) init.body = JSON.stringify(x.json);
    if (x.json !== undefined) init.headers = { 'content-type': 'application/json' };
    if (x.form !== undefined) init.body = x.form;
    const res = await fetch(`${proxy}${x.path}`, init);
    const header = res.headers.get('sl-violations');
    return { status: res.status, body: await res.text(), violations: header === null ? [] : (JSON.parse(header) as Violation[]) };
  }

  /** Sends `x` through Prism and checks what Prism and the server said; returns the body on success. */
  const covered = new Set<string>();
  async function exchange(x: Exchange): Promise<string> {
    const outcome = await send(x);
    covered.add(x.operation);
    const where = `${x.method} ${x.path} → ${outcome.status} ${outcome.body}\nviolations: ${JSON.stringify(outcome.violations)}`;
    assert.equal(outcome.status, x.status, where);
    if (x.forbidden === true) {
      assert.ok(outcome.violations.length > 0, `Prism saw nothing wrong with a request the server refused: ${where}`);
      const other = outcome.violations.filter((v) => v.location[0] !== 'request');
      assert.deepEqual(other, [], where);
    } else {
      assert.deepEqual(outcome.violations, [], where);
    }
    return outcome.body;
  }

  it('valid requests of every kind draw no violation, and answers match the document', async () => {
    const user = JSON.parse(
      await exchange({
        operation: 'createUser',
        method: 'POST',
        path: '/users',
        json: { name: 'Prism', email: 'p@example.com' },
        status: 200,
      }),
    ) as { id: number };
    await exchange({ operation: 'createUser', method: 'POST', path: '/users', json: { name: 'No mail' }, status: 200 });
    await exchange({ operation: 'getUser', method: 'GET', path: `/users/${user.id}`, status: 200 });
    await exchange({ operation: 'getUser', method: 'GET', path: '/users/999999', status: 404 });
    await exchange({ operation: 'pageUsers', method: 'POST', path: '/page/users', json: {}, status: 200 });
    await exchange({ operation: 'pageUsers', method: 'POST', path: '/page/users', json: { page: 1, size: 2, name: 'Pri' }, status: 200 });
    await exchange({ operation: 'updateUser', method: 'PUT', path: `/users/${user.id}`, json: { name: 'Prism II' }, status: 200 });
    await exchange({ operation: 'updateUser', method: 'PUT', path: '/users/999999', json: { name: 'Nobody' }, status: 404 });
    const order = JSON.parse(
      await exchange({
        operation: 'createOrder',
        method: 'POST',
        path: '/orders',
        json: { userId: user.id, item: 'book', quantity: 2 },
        status: 200,
      }),
    ) as { id: number };
    await exchange({ operation: 'getOrder', method: 'GET', path: `/orders/${order.id}`, status: 200 });
    await exchange({ operation: 'getOrder', method: 'GET', path: '/orders/999999', status: 404 });
    await exchange({ operation: 'uploadFile', method: 'POST', path: '/files', form: upload('prism.txt'), status: 200 });
    await exchange({ operation: 'downloadFile', method: 'GET', path: '/files/prism.txt', status: 200 });
    await exchange({ operation: 'downloadFile', method: 'GET', path: '/files/no-such-file', status: 404 });
    await exchange({ operation: 'deleteUser', method: 'DELETE', path: `/users/${user.id}`, status: 204 });
    await exchange({ operation: 'deleteUser', method: 'DELETE', path: `/users/${user.id}`, status: 404 });
  });

  it('requests the document forbids are refused by the server, and Prism names the request as the violation', async () => {
    const forbidden: Omit<Exchange, 'status' | 'forbidden'>[] = [
      { operation: 'pageUsers', method: 'POST', path: '/page/users', json: { size: 1000 } },
      { operation: 'getUser', method: 'GET', path: '/users/abc' },
      { operation: 'getUser', method: 'GET', path: '/users/0' },
      { operation: 'createUser', method: 'POST', path: '/users', json: { name: '', email: 'x' } },
      { operation: 'createUser', method: 'POST', path: '/users', json: { email: 'a@example.com' } },
      { operation: 'updateUser', method: 'PUT', path: '/users/1', json: { email: 'not-an-email' } },
      { operation: 'deleteUser', method: 'DELETE', path: '/users/0' },
      { operation: 'uploadFile', method: 'POST', path: '/files', form: upload('none', false) },
      { operation: 'createOrder', method: 'POST', path: '/orders', json: { userId: 1, item: 'x', quantity: 0 } },
      { operation: 'getOrder', method: 'GET', path: '/orders/x1' },
    ];
    for (const x of forbidden) await exchange({ ...x, status: 400, forbidden: true });
  });

  it('a business error the operation declares (POST /orders: 422 UNKNOWN_USER) matches the document', async () => {
    await exchange({
      operation: 'createOrder',
      method: 'POST',
      path: '/orders',
      json: { userId: 999999, item: 'book', quantity: 1 },
      status: 422,
    });
  });

  it('the script covers every operation of the document', () => {
    assert.deepEqual([...covered].sort(), operations);
  });
});
