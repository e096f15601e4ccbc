import { strict as assert } from 'node:assert';
import { FixedBaseUrl, StaticInstances, normaliseBaseUrl } from '../../lib/client/instances';

describe('client/instances', () => {
  it('normalises base URLs (trailing slashes off, root path kept) and rejects relative or non-http ones', () => {
    assert.equal(normaliseBaseUrl('http://127.0.0.1:6060/'), 'http://127.0.0.1:6060');
    assert.equal(normaliseBaseUrl('http://h:1/api//'), 'http://h:1/api');
    assert.throws(() => normaliseBaseUrl('127.0.0.1:6060'), /http or https|absolute/);
    assert.throws(() => normaliseBaseUrl('/api'), /not an absolute URL/);
    assert.throws(() => normaliseBaseUrl('ftp://h/'), /http or https/);
    assert.throws(() => normaliseBaseUrl('http://h/?a=1'), /query or fragment/);
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
    assert.throws(
      () =>
        s.set('x', [
          { id: 'a', baseUrl: 'http://a', weight: 1 },
          { id: 'a', baseUrl: 'http://b', weight: 1 },
        ]),
      /appears twice/,
    );
    assert.throws(() => s.set('x', [{ id: 'a', baseUrl: 'http://a', weight: -1 }]), /weight -1/);
  });
});
