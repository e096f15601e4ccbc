import { strict as assert } from 'node:assert';
import { encode } from '@msgpack/msgpack';
import { decodeNodeMeta, encodeNodeMeta, NodeMeta } from '../../lib/registry/node-meta';
import { NodeMetaTooLargeError, RegistryError } from '../../lib/registry/registry-errors';
import { isCode } from '../support/errors';

/** Bytes written as hex runs and "quoted" ASCII, e.g. `87 a9"buildTime" a0`. */
function annotated(spec: string): Uint8Array {
  const out: number[] = [];
  const re = /"([^"]*)"|([0-9a-f]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(spec))) {
    if (m[1] !== undefined) out.push(...Buffer.from(m[1], 'ascii'));
    else out.push(...Buffer.from(m[2], 'hex'));
  }
  return Uint8Array.from(out);
}

/** The real go-doudou v2.5.0 meta from docs/gossip-wire-format.md#node-metadata (go-msgpack v1.1.5, registerAt as raw string). */
const GO_DOUDOU_META = annotated(
  '87 a9"buildTime" a0 a9"buildUser" a0 a6"gddVer" a6"v2.5.0" a5"goVer" a8"go1.22.1" aa"registerAt" a8 1d6f3454663881d9 ' +
    'ab"serviceInfo" 91 85 a4"host" a8"10.0.0.1" a4"name" ac"usersvc_rest" a4"port" d1 17ac ad"routeRootPath" a4"/api" ' +
    'a4"type" a4"rest" a6"weight" 01',
);

const sample: NodeMeta = {
  serviceInfo: [
    { name: 'usersvc_rest', host: '10.0.0.1', port: 6060, routeRootPath: '/api', type: 'rest', data: { zone: 'eu-1', canary: true, n: 3 } },
    { name: 'ordersvc_rest', host: '10.0.0.1', port: 6060, routeRootPath: '', type: 'rest' },
  ],
  registerAt: new Date('2024-05-06T07:08:09.123Z'),
  goVer: 'node v20.11.1',
  gddVer: '0.1.0',
  buildUser: 'ci',
  buildTime: '2024-05-06 07:00:00',
  weight: 3,
  weightAt: 1_714_979_289_123,
  version: '1.2.0',
};

describe('registry/node-meta', () => {
  it('round-trips every field, several services and custom data', () => {
    const bytes = encodeNodeMeta(sample);
    assert.deepEqual(decodeNodeMeta(bytes), sample);
  });

  it('writes go-doudou keys in alphabetical order and registerAt as a msgpack timestamp extension', () => {
    const bytes = Buffer.from(encodeNodeMeta({ ...sample, weightAt: undefined, version: undefined, serviceInfo: [] }));
    const keys = ['buildTime', 'buildUser', 'gddVer', 'goVer', 'registerAt', 'serviceInfo', 'weight'];
    const offsets = keys.map((k) => bytes.indexOf(Buffer.from(k)));
    assert.ok(
      offsets.every((o) => o > 0),
      `all keys present: ${offsets.join(',')}`,
    );
    assert.deepEqual(
      [...offsets].sort((a, b) => a - b),
      offsets,
    );
    assert.equal(bytes[0], 0x87, 'a 7-entry map: no version/weightAt when unset');
    const at = bytes.indexOf(Buffer.from('registerAt')) + 'registerAt'.length;
    assert.deepEqual([bytes[at], bytes[at + 1]], [0xd7, 0xff], 'timestamp 64 extension');
  });

  it('decodes the real 163-byte go-doudou meta (registerAt as a raw-string timestamp payload)', () => {
    assert.equal(GO_DOUDOU_META.length, 163);
    const meta = decodeNodeMeta(GO_DOUDOU_META);
    assert.ok(meta);
    assert.equal(meta.gddVer, 'v2.5.0');
    assert.equal(meta.goVer, 'go1.22.1');
    assert.equal(meta.weight, 1);
    assert.equal(meta.registerAt?.toISOString(), '2024-05-06T07:08:09.123Z');
    assert.deepEqual(meta.serviceInfo, [{ name: 'usersvc_rest', host: '10.0.0.1', port: 6060, routeRootPath: '/api', type: 'rest' }]);
  });

  it('accepts registerAt as nil, as a timestamp extension and as a 12-byte raw payload', () => {
    const base = { serviceInfo: [], weight: 1 };
    assert.equal(decodeNodeMeta(encode({ ...base, registerAt: null }))?.registerAt, undefined);
    assert.equal(decodeNodeMeta(encode({ ...base, registerAt: new Date(1_700_000_000_000) }))?.registerAt?.getTime(), 1_700_000_000_000);
    const ts96 = Buffer.alloc(12);
    ts96.writeUInt32BE(5_000_000, 0); // 5 ms in ns
    ts96.writeBigInt64BE(1_700_000_000n, 4);
    // A 12-byte str header (0xac) like go-msgpack v1.1.5 writes, not an ext header.
    const raw = Buffer.concat([
      Buffer.from([0x82, 0xaa]),
      Buffer.from('registerAt'),
      Buffer.from([0xac]),
      ts96,
      Buffer.from([0xa6]),
      Buffer.from('weight'),
      Buffer.from([0x02]),
    ]);
    const meta = decodeNodeMeta(raw);
    assert.equal(meta?.registerAt?.getTime(), 1_700_000_000_005);
    assert.equal(meta?.weight, 2);
  });

  it('fills missing keys with zero values and ignores unknown ones, like Go', () => {
    const meta = decodeNodeMeta(encode({ serviceInfo: [{ name: 'a_rest', port: 7000 }], extra: [1, 2, 3] }));
    assert.deepEqual(meta, {
      serviceInfo: [{ name: 'a_rest', host: '', port: 7000, routeRootPath: '', type: '' }],
      goVer: '',
      gddVer: '',
      buildUser: '',
      buildTime: '',
      weight: 0,
    });
  });

  it('accepts every integer width Go may use (int16 port, int64 weightAt)', () => {
    const meta = decodeNodeMeta(annotated('83 a6"weight" d1 0080 a8"weightAt" d3 0000018f4cbb3823 ab"serviceInfo" 90'));
    assert.equal(meta?.weight, 128);
    assert.equal(meta?.weightAt, 0x18f4cbb3823);
  });

  it('throws META_TOO_LARGE naming the size, the 512-byte limit and what to shrink', () => {
    const big: NodeMeta = { ...sample, serviceInfo: [{ ...sample.serviceInfo[0], data: { blob: 'x'.repeat(400) } }] };
    assert.throws(
      () => encodeNodeMeta(big),
      (e: unknown) =>
        e instanceof NodeMetaTooLargeError &&
        e.code === 'META_TOO_LARGE' &&
        e.limit === 512 &&
        e.size > 512 &&
        e.message.includes(`${e.size} bytes`) &&
        e.message.includes('512') &&
        /data/.test(e.message),
    );
  });

  it('rejects a port outside 0…65535 and a non-integer weight with META_INVALID', () => {
    const badPort = { ...sample, serviceInfo: [{ ...sample.serviceInfo[0], port: 70_000 }] };
    assert.throws(() => encodeNodeMeta(badPort), isCode(RegistryError, 'META_INVALID', /port/));
    assert.throws(() => encodeNodeMeta({ ...sample, weight: 1.5 }), isCode(RegistryError, 'META_INVALID'));
  });

  describe('never throws on what other nodes put in their meta', () => {
    const cases: Array<[string, Uint8Array]> = [
      ['empty meta', new Uint8Array(0)],
      ['a Serf node: 0xff + msgpack tags', Uint8Array.from([0xff, ...encode({ role: 'web', dc: 'eu' })])],
      ['plain memberlist text meta', Buffer.from('meta-a')],
      ['a msgpack string', encode('usersvc')],
      ['a msgpack array', encode([1, 2, 3])],
      ['a map with serviceInfo not an array', encode({ serviceInfo: 'x' })],
      ['a service entry that is not a map', encode({ serviceInfo: [42] })],
      ['a weight of the wrong type', encode({ weight: 'heavy' })],
      ['a fractional port', encode({ serviceInfo: [{ name: 'a_rest', port: 1.5 }] })],
      ['registerAt that is no time', encode({ registerAt: 'yesterday-ish' })],
      ['truncated msgpack', GO_DOUDOU_META.subarray(0, 100)],
      ['trailing bytes', Uint8Array.from([...GO_DOUDOU_META, 0x00])],
      ['a __proto__ key', annotated('81 a9"__proto__" 80')],
      ['a map with a nil key', Uint8Array.from([0x81, 0xc0, 0x01])],
    ];
    for (const [what, bytes] of cases) {
      it(`gives undefined for ${what}`, () => {
        assert.equal(decodeNodeMeta(bytes), undefined);
      });
    }

    it('gives undefined for 2 000 random byte strings', () => {
      let seed = 42;
      const rnd = (): number => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
      let decoded = 0;
      for (let i = 0; i < 2000; i++) {
        const buf = Uint8Array.from({ length: 1 + Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256));
        if (decodeNodeMeta(buf) !== undefined) decoded++;
      }
      // Random bytes occasionally form a valid empty-ish map; what matters is that nothing threw.
      assert.ok(decoded < 200, `${decoded} of 2000 random buffers decoded as NodeMeta`);
    });
  });
});
