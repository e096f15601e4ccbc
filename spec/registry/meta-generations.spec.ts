import { strict as assert } from 'node:assert';
import { Encoder } from '@msgpack/msgpack';
import { describeMeta, encodeMeta, readNodeMeta } from '../../lib/registry/meta-generations';
import { encodeNodeMeta, type NodeMeta } from '../../lib/registry/node-meta';
import { NodeMetaTooLargeError, RegistryError } from '../../lib/registry/registry-errors';
import { isCode } from '../support/errors';

const sorted = new Encoder({ sortKeys: true });
const registerAt = new Date('2026-01-02T03:04:05.000Z');
const base: NodeMeta = {
  serviceInfo: [{ name: 'usersvc_rest', host: '10.0.0.7', port: 6060, routeRootPath: '/api', type: 'rest', data: { zone: 'eu' } }],
  registerAt,
  goVer: 'node v20',
  gddVer: '0.1.0',
  buildUser: 'ci',
  buildTime: '',
  weight: 3,
};
/** go-doudou v1's `_meta`, as its struct is laid out. */
const v1Inner = {
  service: 'usersvc',
  routeRootPath: '/api',
  port: 6060,
  registerAt: '2026-01-02T03:04:05Z',
  goVer: 'go1.17',
  gddVer: 'v1.0.0',
  buildUser: 'ci',
  buildTime: '',
  weight: 2,
};

describe('registry/meta-generations: the three generations of go-doudou node meta', () => {
  it('reads v2 NodeMeta as v2', () => {
    const r = readNodeMeta(encodeNodeMeta(base));
    assert.equal(r.kind, 'v2');
    assert.equal(r.meta?.serviceInfo[0].name, 'usersvc_rest');
  });

  it('reads the JSON {"_meta"…} of go-doudou ≤ v1.0 as one REST service at the node address', () => {
    const r = readNodeMeta(new TextEncoder().encode(JSON.stringify({ _meta: v1Inner, data: { zone: 'us' } })));
    assert.equal(r.kind, 'v1-json');
    assert.deepEqual(r.meta?.serviceInfo, [
      { name: 'usersvc_rest', host: '', port: 6060, routeRootPath: '/api', type: 'rest', data: { zone: 'us' } },
    ]);
    assert.equal(r.meta?.weight, 2);
    assert.equal(r.meta?.registerAt?.toISOString(), '2026-01-02T03:04:05.000Z');
    assert.equal(r.meta?.gddVer, 'v1.0.0');
  });

  it('reads the msgpack _meta of go-doudou v1.0.5–v1.3.7, with or without a registerAt', () => {
    const { registerAt: _drop, ...withoutTime } = v1Inner;
    const r = readNodeMeta(sorted.encode({ _meta: withoutTime }));
    assert.equal(r.kind, 'v1-msgpack');
    assert.equal(r.meta?.serviceInfo[0].name, 'usersvc_rest');
    assert.equal(r.meta?.serviceInfo[0].port, 6060);
    assert.equal(r.meta?.registerAt, undefined);
    // go-doudou's own time form: the 8-byte msgpack timestamp payload (nanoseconds << 34 | seconds) as bytes
    const payload = Buffer.alloc(8);
    payload.writeBigUInt64BE(BigInt(registerAt.getTime() / 1000));
    const timed = readNodeMeta(sorted.encode({ _meta: { ...withoutTime, registerAt: Uint8Array.from(payload) } }));
    assert.equal(timed.meta?.registerAt?.toISOString(), registerAt.toISOString());
  });

  it('does not take v1 msgpack meta for a v2 node without services (which it also decodes as)', () => {
    assert.equal(readNodeMeta(sorted.encode({ _meta: v1Inner })).kind, 'v1-msgpack');
  });

  it('calls Serf tags, plain text, garbage and malformed v1 meta unknown, and no meta empty', () => {
    const serf = Uint8Array.from([0xff, ...sorted.encode({ role: 'web' })]);
    assert.equal(readNodeMeta(serf).kind, 'unknown');
    assert.equal(describeMeta(serf, 'unknown'), 'Serf tags (11 bytes)');
    assert.equal(readNodeMeta(Buffer.from('role=api')).kind, 'unknown');
    assert.match(describeMeta(Buffer.from('role=api'), 'unknown'), /text "role=api"/);
    assert.match(describeMeta(Uint8Array.from([0xc1, 0x00, 0x99]), 'unknown'), /3 bytes starting c10099/);
    assert.equal(readNodeMeta(Buffer.from(JSON.stringify({ _meta: { ...v1Inner, port: 'x' } }))).kind, 'unknown');
    assert.equal(readNodeMeta(new Uint8Array(0)).kind, 'empty');
  });

  it('writes each generation so that it reads back the same service', () => {
    for (const format of ['v2', 'v1-msgpack', 'v1-json'] as const) {
      const bytes = encodeMeta(base, format);
      const r = readNodeMeta(bytes);
      assert.equal(r.kind, format);
      const [s] = r.meta?.serviceInfo ?? [];
      assert.deepEqual(
        [s?.name, s?.port, s?.routeRootPath, s?.data, r.meta?.weight],
        ['usersvc_rest', 6060, '/api', { zone: 'eu' }, 3],
        format,
      );
    }
    assert.equal(Buffer.from(encodeMeta(base, 'v1-json')).toString()[0], '{');
    assert.equal(readNodeMeta(encodeMeta(base, 'v1-json')).meta?.registerAt?.getTime(), registerAt.getTime());
    assert.equal(readNodeMeta(encodeMeta(base, 'v1-msgpack')).meta?.registerAt, undefined, 'left out: old codecs read times differently');
  });

  it('refuses to write more than one service, or a gRPC one, in a v1 format', () => {
    const two: NodeMeta = { ...base, serviceInfo: [...base.serviceInfo, { ...base.serviceInfo[0], name: 'ordersvc_rest' }] };
    assert.throws(() => encodeMeta(two, 'v1-msgpack'), isCode(RegistryError, 'META_INVALID', /one REST service/));
    const grpc: NodeMeta = { ...base, serviceInfo: [{ ...base.serviceInfo[0], name: 'usersvc_grpc', type: 'grpc' }] };
    assert.throws(() => encodeMeta(grpc, 'v1-json'), /one REST service/);
  });

  it('refuses meta over 512 bytes in every format', () => {
    const big: NodeMeta = { ...base, serviceInfo: [{ ...base.serviceInfo[0], data: { notes: 'n'.repeat(600) } }] };
    for (const format of ['v2', 'v1-msgpack', 'v1-json'] as const)
      assert.throws(() => encodeMeta(big, format), NodeMetaTooLargeError, format);
  });
});
