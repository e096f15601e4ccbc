import { strict as assert } from 'node:assert';
import { credentialsMatch, parseBasicAuth } from '../../../lib/http/manage/basic-auth';
import { basic, request } from '../support/http-client';
import { startUsersServer, type Started } from '../support/start-server';

describe('basic-auth', () => {
  describe('parseBasicAuth / credentialsMatch', () => {
    it('parses user and a password containing colons', () => {
      assert.deepEqual(parseBasicAuth(basic('admin', 'a:b:c')), { user: 'admin', pass: 'a:b:c' });
    });
    it('returns undefined for other schemes and garbage', () => {
      assert.equal(parseBasicAuth('Bearer abc'), undefined);
      assert.equal(parseBasicAuth('Basic !!!'), undefined);
      assert.equal(parseBasicAuth(`Basic ${Buffer.from('nocolon').toString('base64')}`), undefined);
      assert.equal(parseBasicAuth(undefined), undefined);
    });
    it('matches only identical credentials, whatever their lengths', () => {
      assert.equal(credentialsMatch({ user: 'a', pass: 'b' }, { user: 'a', pass: 'b' }), true);
      assert.equal(credentialsMatch({ user: 'a', pass: 'b' }, { user: 'a', pass: 'bb' }), false);
      assert.equal(credentialsMatch({ user: 'ab', pass: 'b' }, { user: 'a', pass: 'b' }), false);
    });
  });

  describe('in front of /go-doudou/*', () => {
    let s: Started;
    before(async () => {
      s = await startUsersServer({ manage: { user: 'admin', pass: 's3cret' } });
    });
    after(() => s.server.close({ graceMs: 1000 }));

    for (const path of ['/go-doudou/openapi.json', '/go-doudou/doc', '/go-doudou/prometheus']) {
      it(`answers 401 with a Basic challenge on ${path} without credentials, 200 with them`, async () => {
        const denied = await request(`${s.url}${path}`);
        assert.equal(denied.status, 401);
        assert.match(String(denied.headers['www-authenticate']), /^Basic realm="go-doudou"/);
        assert.equal(denied.json<{ error: { code: string } }>().error.code, 'UNAUTHORIZED');
        const wrong = await request(`${s.url}${path}`, { headers: { Authorization: basic('admin', 'wrong') } });
        assert.equal(wrong.status, 401);
        const ok = await request(`${s.url}${path}`, { headers: { Authorization: basic('admin', 's3cret') } });
        assert.equal(ok.status, 200);
      });
    }

    it('leaves /go-doudou/health open for probes', async () => {
      const res = await request(`${s.url}/go-doudou/health`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), { status: 'up' });
    });

    it('does not protect business routes', async () => {
      assert.equal((await request(`${s.url}/users/1`)).status, 200);
    });
  });
});
