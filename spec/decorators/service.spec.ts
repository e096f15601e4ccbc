import assert from 'node:assert/strict';
import { describeService } from '../../lib/decorators/describe';
import { Get } from '../../lib/decorators/routes';
import { Contract, isContract, registeredServices, Service, unregisterService } from '../../lib/decorators/service';

describe('@Service registration', () => {
  it('lists decorated classes in load order and forgets them on request', () => {
    @Service('first')
    class First {}
    @Service({ name: 'second' })
    class Second {}
    try {
      const listed = registeredServices();
      assert.ok(listed.indexOf(First) !== -1 && listed.indexOf(First) < listed.indexOf(Second));
    } finally {
      assert.equal(unregisterService(First), true);
      assert.equal(unregisterService(Second), true);
    }
    assert.equal(registeredServices().includes(First), false);
    assert.equal(unregisterService(First), false);
  });

  it('puts an implementation in the place of the contract it extends', () => {
    @Service('svc')
    class Contract {}
    @Service('svc')
    class Impl extends Contract {}
    try {
      assert.equal(registeredServices().includes(Contract), false);
      assert.equal(registeredServices().includes(Impl), true);
    } finally {
      unregisterService(Impl);
    }
  });

  it('returns a copy that callers cannot use to change the registry', () => {
    @Service('copy')
    class Copy {}
    try {
      registeredServices().length = 0;
      assert.ok(registeredServices().includes(Copy));
    } finally {
      unregisterService(Copy);
    }
  });

  it('never serves a @Contract class by itself, but describes it like a service', () => {
    @Contract('remote')
    class RemoteContract {
      @Get('/things') async things(): Promise<void> {}
    }
    assert.equal(isContract(RemoteContract), true);
    assert.equal(registeredServices().includes(RemoteContract), false);
    assert.deepEqual(
      describeService(RemoteContract).routes.map((r) => `${r.method} ${r.path}`),
      ['GET /things'],
    );

    @Service('remote')
    class RemoteImpl extends RemoteContract {}
    try {
      assert.equal(isContract(RemoteImpl), false);
      assert.equal(registeredServices().includes(RemoteImpl), true);
      assert.equal(describeService(RemoteImpl).name, 'remote');
    } finally {
      unregisterService(RemoteImpl);
    }
  });
});
