import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DoudouProcess } from '../../support/cli-process';
import { ResponseValidator } from '../../support/openapi-responses';
import { TempDirs } from '../../support/temp-dir';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const SHOP_FILE = path.join(REPO, 'spec', 'fixtures', 'cli', 'shop-openapi.yaml');
const SHOP = parseYaml(readFileSync(SHOP_FILE, 'utf8')) as Record<string, unknown>;

interface Call {
  operationId: string;
  /** Document path template and method: which response schemas apply. */
  template: string;
  method: string;
  url: string;
  init?: RequestInit;
}

function form(fields: Record<string, string | Blob>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** One valid request per operation of the shop document that the mock serves. */
const SHOP_CALLS: Call[] = [
  {
    operationId: 'listPets',
    template: '/pets',
    method: 'GET',
    url: '/api/v2/pets?limit=5&status=available&status=sold',
    init: { headers: { cookie: 'session=s1' } },
  },
  {
    operationId: 'createPet',
    template: '/pets',
    method: 'POST',
    url: '/api/v2/pets',
    init: json({ name: 'Rex', kind: 'dog', tags: ['good'] }),
  },
  { operationId: 'getPet', template: '/pets/{pet-id}', method: 'GET', url: '/api/v2/pets/7' },
  { operationId: 'deletePet', template: '/pets/{pet-id}', method: 'DELETE', url: '/api/v2/pets/7', init: { method: 'DELETE' } },
  { operationId: 'downloadPhoto', template: '/pets/{pet-id}/photo', method: 'GET', url: '/api/v2/pets/7/photo' },
  {
    operationId: 'uploadPhoto',
    template: '/pets/{pet-id}/photo',
    method: 'POST',
    url: '/api/v2/pets/7/photo',
    init: { method: 'POST', body: form({ photo: new Blob([Buffer.from('png!')]), caption: 'at the beach' }) },
  },
  {
    operationId: 'placeOrder',
    template: '/orders',
    method: 'POST',
    url: '/api/v2/orders',
    init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'petId=7&quantity=2&rush=true' },
  },
  { operationId: 'stats', template: '/stats', method: 'GET', url: '/api/v2/stats?since=2024-01-01' },
];

/** Operations the generator warns about and so the mock does not serve (HEAD, a text/plain body). */
const NOT_SERVED = ['petExists', 'putNote'];

function operationsOf(
  document: Record<string, unknown>,
): Array<{ operationId: string; method: string; template: string; statuses: string[] }> {
  const out = [];
  for (const [template, item] of Object.entries(
    document.paths as Record<string, Record<string, { operationId: string; responses: object }>>,
  )) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      out.push({ operationId: op.operationId, method: method.toUpperCase(), template, statuses: Object.keys(op.responses) });
    }
  }
  return out;
}

async function startMock(args: string[], cwd: string): Promise<{ mock: DoudouProcess; url: string }> {
  const mock = new DoudouProcess(['svc', 'mock', '--host', '127.0.0.1', '--port', '0', ...args], { cwd });
  const url = (await mock.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1];
  return { mock, url };
}

async function answer(
  url: string,
  call: Call,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; body: unknown }> {
  const init = call.init ?? {};
  const res = await fetch(`${url}${call.url}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
  return { status: res.status, type, body };
}

describe('cli/commands/svc-mock (doudou svc mock)', function () {
  this.timeout(60_000);
  const temp = new TempDirs();
  const running: DoudouProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((m) => m.stop()));
  });
  after(() => temp.removeAll());

  describe('from a third-party OpenAPI document', () => {
    for (const seed of ['5', '6', '7']) {
      it(`answers every operation with a body that validates against its declared schema (seed ${seed}), the document example first`, async () => {
        const { mock, url } = await startMock(['--from', SHOP_FILE, '--seed', seed], temp.make('mock'));
        running.push(mock);
        const validator = new ResponseValidator(SHOP);
        const served = operationsOf(SHOP).filter((o) => !NOT_SERVED.includes(o.operationId));
        assert.deepEqual(
          SHOP_CALLS.map((c) => c.operationId).sort(),
          served.map((o) => o.operationId).sort(),
          'every served operation is called',
        );
        for (const call of SHOP_CALLS) {
          const got = await answer(url, call);
          const op = served.find((o) => o.operationId === call.operationId)!;
          const success = op.statuses.filter((s) => s.startsWith('2')).sort()[0];
          assert.equal(String(got.status), success, `${call.operationId}: ${JSON.stringify(got.body)}`);
          const media = validator.mediaTypes(call.template, call.method, success);
          if (media.includes('application/json')) {
            assert.deepEqual(
              validator.validate(call.template, call.method, success, got.body),
              [],
              `${call.operationId} answer ${JSON.stringify(got.body)}`,
            );
          } else if (media.length > 0) {
            assert.equal(got.type, media[0], call.operationId);
            assert.ok(Buffer.isBuffer(got.body) && got.body.length > 0);
          }
        }
        const list = await answer(url, SHOP_CALLS[0]);
        assert.equal((list.body as { items: Array<{ name: string }> }).items[0].name, 'Rex', 'the media example wins');
      });
    }

    it('answers declared error responses on Prefer: code=…, each validating against its schema', async () => {
      const { mock, url } = await startMock(['--from', SHOP_FILE], temp.make('mock'));
      running.push(mock);
      const validator = new ResponseValidator(SHOP);
      let checked = 0;
      for (const call of SHOP_CALLS) {
        const op = operationsOf(SHOP).find((o) => o.operationId === call.operationId)!;
        for (const status of op.statuses.filter((s) => /^[45]\d\d$/.test(s))) {
          const got = await answer(url, call, { prefer: `code=${status}` });
          assert.equal(String(got.status), status, call.operationId);
          assert.deepEqual(validator.validate(call.template, call.method, status, got.body), [], `${call.operationId} ${status}`);
          checked++;
        }
      }
      assert.equal(checked, 4, 'the 404s of getPet, deletePet, downloadPhoto and the 409 of createPet');
      // an undeclared status falls back to the `default` response when there is one
      const fallback = await answer(url, SHOP_CALLS[0], { prefer: 'code=503' });
      assert.equal(fallback.status, 503);
      assert.deepEqual(validator.validate('/pets', 'GET', 'default', fallback.body), []);
      const undeclared = await answer(url, SHOP_CALLS[7], { prefer: 'code=418' });
      assert.equal(undeclared.status, 422);
      assert.equal((undeclared.body as { error: { code: string } }).error.code, 'MOCK_NO_SUCH_RESPONSE');
    });

    it('validates requests as the real server does: 400 naming every bad field, 415 for the wrong media type', async () => {
      const { mock, url } = await startMock(['--from', SHOP_FILE], temp.make('mock'));
      running.push(mock);
      const bad = await answer(url, { ...SHOP_CALLS[1], init: json({ name: '', kind: 'horse' }) });
      assert.equal(bad.status, 400);
      const fields = (bad.body as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field).sort();
      assert.deepEqual(fields, ['body.kind', 'body.name']);
      const path = await answer(url, { ...SHOP_CALLS[2], url: '/api/v2/pets/0' });
      assert.equal(path.status, 400);
      assert.match(JSON.stringify(path.body), /path\.petId/);
      const query = await answer(url, { ...SHOP_CALLS[7], url: '/api/v2/stats' });
      assert.equal(query.status, 400);
      assert.match(JSON.stringify(query.body), /query\.since/);
      const media = await answer(url, { ...SHOP_CALLS[1], init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' } });
      assert.equal(media.status, 415);
    });

    it('gives the same data for the same --seed and other data for another', async () => {
      const bodies: string[] = [];
      for (const seed of ['11', '11', '12']) {
        const { mock, url } = await startMock(['--from', SHOP_FILE, '--seed', seed], temp.make('mock'));
        running.push(mock);
        bodies.push(JSON.stringify((await answer(url, SHOP_CALLS[6])).body));
        await mock.stop();
      }
      assert.equal(bodies[0], bodies[1]);
      assert.notEqual(bodies[0], bodies[2]);
    });
  });

  describe("from this project's contracts", () => {
    it('serves the sample contract with answers that validate against every operation of its own document', async () => {
      const contract = path.join(REPO, 'dist', 'sample', 'usersvc', 'contract.js');
      const { mock, url } = await startMock(['--contracts', contract], temp.make('mock'));
      running.push(mock);
      const document = (await (await fetch(`${url}/go-doudou/openapi.json`)).json()) as Record<string, unknown>;
      const validator = new ResponseValidator(document);
      const calls: Call[] = [
        { operationId: 'pageUsers', template: '/page/users', method: 'POST', url: '/page/users', init: json({ page: 1, size: 5 }) },
        { operationId: 'getUser', template: '/users/{id}', method: 'GET', url: '/users/3' },
        { operationId: 'createUser', template: '/users', method: 'POST', url: '/users', init: json({ name: 'Ada' }) },
        {
          operationId: 'updateUser',
          template: '/users/{id}',
          method: 'PUT',
          url: '/users/3',
          init: { ...json({ name: 'Ada' }), method: 'PUT' },
        },
        { operationId: 'deleteUser', template: '/users/{id}', method: 'DELETE', url: '/users/3', init: { method: 'DELETE' } },
        {
          operationId: 'uploadFile',
          template: '/files',
          method: 'POST',
          url: '/files',
          init: { method: 'POST', body: form({ file: new Blob(['x']), note: 'n' }) },
        },
        { operationId: 'downloadFile', template: '/files/{name}', method: 'GET', url: '/files/a.txt' },
      ];
      assert.deepEqual(
        calls.map((c) => c.operationId).sort(),
        operationsOf(document)
          .map((o) => o.operationId)
          .sort(),
      );
      for (const call of calls) {
        const got = await answer(url, call);
        const op = operationsOf(document).find((o) => o.operationId === call.operationId)!;
        const success = op.statuses.filter((s) => s.startsWith('2')).sort()[0];
        assert.equal(String(got.status), success, call.operationId);
        if (validator.mediaTypes(call.template, call.method, success).includes('application/json')) {
          assert.deepEqual(
            validator.validate(call.template, call.method, success, got.body),
            [],
            `${call.operationId} ${JSON.stringify(got.body)}`,
          );
        }
        const notFound = op.statuses.includes('404') ? await answer(url, call, { prefer: 'code=404' }) : undefined;
        if (notFound) assert.deepEqual(validator.validate(call.template, call.method, '404', notFound.body), [], `${call.operationId} 404`);
      }
      const bad = await answer(url, { ...calls[2], init: json({ name: '' }) });
      assert.equal(bad.status, 400);
      assert.match(JSON.stringify(bad.body), /body\.name/);
    });

    it('answers a declared error on Prefer: code=N, one named by its code on example=CODE, with the request id', async () => {
      const contract = path.join(REPO, 'dist', 'sample', 'ordersvc', 'contract.js');
      const { mock, url } = await startMock(['--contracts', contract], temp.make('mock'));
      running.push(mock);
      const document = (await (await fetch(`${url}/go-doudou/openapi.json`)).json()) as Record<string, unknown>;
      const validator = new ResponseValidator(document);
      const order: Call = {
        operationId: 'createOrder',
        template: '/orders',
        method: 'POST',
        url: '/orders',
        init: json({ userId: 7, item: 'tea', quantity: 1 }),
      };
      const unknownUser = await answer(url, order, { prefer: 'code=422', 'x-request-id': 'mock-422' });
      assert.equal(unknownUser.status, 422);
      assert.deepEqual((unknownUser.body as { error: object }).error, {
        code: 'UNKNOWN_USER',
        message: 'The order names a user that does not exist in usersvc',
        requestId: 'mock-422',
      });
      assert.deepEqual(validator.validate('/orders', 'POST', '422', unknownUser.body), []);
      for (const code of ['VALIDATION_FAILED', 'MALFORMED_JSON', 'MALFORMED_ENCODING', 'REQUEST_ABORTED']) {
        const got = await answer(url, order, { prefer: `code=400, example=${code}` });
        assert.equal(got.status, 400);
        assert.equal((got.body as { error: { code: string } }).error.code, code);
        assert.deepEqual(validator.validate('/orders', 'POST', '400', got.body), [], code);
      }
      const missing = await answer(url, order, { prefer: 'code=400, example=NO_SUCH_CODE' });
      assert.equal(missing.status, 422);
      assert.match((missing.body as { error: { message: string } }).error.message, /no 400 response with an example named NO_SUCH_CODE/);
    });

    it('exits 1 with one line when there is nothing to mock', async () => {
      const mock = new DoudouProcess(['svc', 'mock'], { cwd: temp.make('mock-empty') });
      running.push(mock);
      assert.equal(await mock.exited, 1);
      assert.match(mock.stderr.trim(), /^doudou: nothing to mock: give --from/);
    });
  });
});
