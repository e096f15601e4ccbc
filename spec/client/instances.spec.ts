import { strict as assert } from 'node:assert';
import { FixedBaseUrl, StaticInstances, normaliseBaseUrl } from '../../lib/client/instances';
import { ClientConfigError } from '../../lib/client/client-config-errors';
import { throwsCode } from '../support/errors';

describe('client/instances', () => {
  it('normalises base URLs (trailing slashes off, root path kept) and rejects relative or non-http ones', () => {
    assert.equal(normaliseBaseUrl('http://127.0.0.1:6060/'), 'http://127.0.0.1:6060');
    assert.equal(normaliseBaseUrl('http://h:1/api//'), 'http://h:1/api');
    throwsCode(() => normaliseBaseUrl('127.0.0.1:6060'), ClientConfigError, 'INVALID_BASE_URL', /http or https|absolute/);
    throwsCode(() => normaliseBaseUrl('/api'), ClientConfigError, 'INVALID_BASE_URL', 'not an absolute URL');
    throwsCode(() => normaliseBaseUrl('ftp://h/'), ClientConfigError, 'INVALID_BASE_URL', 'http or https');
    throwsCode(() => normaliseBaseUrl('http://h/?a=1'), ClientConfigError, 'INVALID_BASE_URL', 'query or fragment');
  });

  it('FixedBaseUrl gives the same single instance for any service', () => {
    const f = new FixedBaseUrl('http://10.0.0.1:6060/api/');
    assert.deepEqual(f.instances(), [{ id: 'http://10.0.0.1:6060/api', baseUrl: 'http://10.0.0.1:6060/api', weight: 1 }]);
  });

  it('StaticInstances adds, replaces by id, removes, and hands out a new frozen list per change', () => {
    const s = new StaticInstances({ usersvc: [{ id: 'a', baseUrl: 'http://a:1', weight: 1 }] });
    const first = s.instances('usersvc');
    s.add('usersvc', { id: 'b', baseUrl: 'http://b:1/', weight: 2 });
    s.add('usersvc', { id: 'a', baseUrl: 'http://a:1', weight: 5 });
    assert.deepEqual(
      s.instances('usersvc').map((i) => [i.id, i.weight, i.baseUrl]),
      [
        ['a', 5, 'http://a:1'],
        ['b', 2, 'http://b:1'],
      ],
    );
    assert.equal(first.length, 1, 'an earlier snapshot does not change');
    assert.ok(Object.isFrozen(s.instances('usersvc')));
    assert.equal(s.remove('usersvc', 'a'), true);
    assert.equal(s.remove('usersvc', 'a'), false);
    assert.deepEqual(s.instances('ordersvc'), []);
  });

  it('StaticInstances rejects duplicate ids and negative weights', () => {
    const s = new StaticInstances();
    throwsCode(
      () =>
        s.set('x', [
          { id: 'a', baseUrl: 'http://a', weight: 1 },
          { id: 'a', baseUrl: 'http://b', weight: 1 },
        ]),
      ClientConfigError,
      'DUPLICATE_INSTANCE',
      "instance id 'a' appears twice",
    );
    throwsCode(() => s.set('x', [{ id: 'a', baseUrl: 'http://a', weight: -1 }]), ClientConfigError, 'INVALID_WEIGHT', 'weight -1');
  });
});
