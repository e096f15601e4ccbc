import { strict as assert } from 'node:assert';
import { decodeNodeMeta } from '../../lib/registry/node-meta';
import { LocalRegistration } from '../../lib/registry/local-registration';
import { NodeMetaTooLargeError } from '../../lib/registry/registry-errors';
import { NodeSet } from '../support/gossip-nodes';
import { isCode } from '../support/errors';

describe('registry/local-registration LocalRegistration', function () {
  this.timeout(30_000);
  const set = new NodeSet();
  afterEach(() => set.shutdownAll());

  it("publishes go-doudou meta for each service into the node's own record", async () => {
    const node = await set.start('a');
    const reg = new LocalRegistration(node, {
      services: [
        { name: 'usersvc', port: 6060, routeRootPath: '/api' },
        { name: 'usersvc', type: 'grpc', port: 50051, routeRootPath: '/no' },
      ],
      weight: 4,
      version: '1.0.0',
      data: { zone: 'eu', shared: 1 },
    });
    reg.start();
    const meta = decodeNodeMeta(node.localNode.meta);
    assert.ok(meta);
    assert.deepEqual(meta.serviceInfo, [
      { name: 'usersvc_rest', host: '127.0.0.1', port: 6060, routeRootPath: '/api', type: 'rest', data: { zone: 'eu', shared: 1 } },
      { name: 'usersvc_grpc', host: '127.0.0.1', port: 50051, routeRootPath: '', type: 'grpc', data: { zone: 'eu', shared: 1 } },
    ]);
    assert.equal(meta.weight, 4);
    assert.equal(meta.weightAt, undefined, 'static weight: no weightAt');
    assert.equal(meta.version, '1.0.0');
    assert.equal(meta.goVer, `node ${process.version}`);
    assert.ok(meta.registerAt && Math.abs(meta.registerAt.getTime() - Date.now()) < 60_000);
    reg.close();
  });

  it('lets service data override the shared data', async () => {
    const node = await set.start('a');
    const reg = new LocalRegistration(node, {
      services: [{ name: 'x', port: 1, data: { zone: 'us' } }],
      data: { zone: 'eu', tier: 'gold' },
    });
    assert.deepEqual(reg.meta.serviceInfo[0].data, { zone: 'us', tier: 'gold' });
  });

  it('fails at construction with META_TOO_LARGE when the data does not fit 512 bytes', async () => {
    const node = await set.start('a');
    assert.throws(
      () => new LocalRegistration(node, { services: [{ name: 'usersvc', port: 6060 }], data: { notes: 'n'.repeat(600) } }),
      isCode(NodeMetaTooLargeError, 'META_TOO_LARGE'),
    );
    assert.equal(node.localNode.meta.length, 0, 'nothing was published');
  });

  it('reports a republish on a shut-down node through onError instead of throwing from the timer', async () => {
    const node = await set.start('a');
    const errors: Error[] = [];
    let idle = 1;
    const reg = new LocalRegistration(node, {
      services: [{ name: 'usersvc', port: 6060 }],
      weight: 0,
      weightIntervalMs: 1000,
      cpuIdle: () => idle,
      onError: (e) => errors.push(e),
    });
    reg.start();
    await node.shutdown();
    idle = 0;
    assert.equal(reg.weigher.sample(), true);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /shut down/);
    reg.close();
  });
});
