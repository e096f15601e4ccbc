import { strict as assert } from 'node:assert';
import { decodeAddress, encodeAddress } from '../../../lib/discovery/wire/address';
import { WireDecodeError, WireEncodeError } from '../../../lib/discovery/wire/errors';
import { hex, toHex } from './support/captures';
import { isCode } from '../../support/errors';

describe('wire/address', () => {
  it('sends IPv4 as 4 bytes, IPv6 as 16 and IPv4-mapped IPv6 as 4', () => {
    assert.equal(toHex(encodeAddress('127.0.0.1') ?? new Uint8Array()), '7f000001');
    assert.equal(toHex(encodeAddress('fd00::2') ?? new Uint8Array()), 'fd000000000000000000000000000002');
    assert.equal(toHex(encodeAddress('::1') ?? new Uint8Array()), '00000000000000000000000000000001');
    assert.equal(toHex(encodeAddress('2001:db8:0:1:0:0:0:1') ?? new Uint8Array()), '20010db8000000010000000000000001');
    assert.equal(toHex(encodeAddress('::ffff:10.1.2.3') ?? new Uint8Array()), '0a010203');
    assert.equal(toHex(encodeAddress('64:ff9b::1.2.3.4') ?? new Uint8Array()), '0064ff9b000000000000000001020304');
    assert.equal(encodeAddress(''), undefined);
  });

  it('accepts 4 bytes, 16 bytes and IPv4-mapped 16 bytes', () => {
    assert.equal(decodeAddress(hex('7f000001')), '127.0.0.1');
    assert.equal(decodeAddress(hex('00000000000000000000ffff0a000001')), '10.0.0.1');
    assert.equal(decodeAddress(hex('fd000000000000000000000000000002')), 'fd00::2');
    assert.equal(decodeAddress(hex('20010db8000000010000000000000001')), '2001:db8:0:1::1');
    assert.equal(decodeAddress(hex('00000000000000000000000000000000')), '::');
    assert.equal(decodeAddress(undefined), '');
  });

  it('round-trips IPv6 text through bytes', () => {
    for (const a of ['::1', 'fe80::1:2', '2001:db8::', '1:2:3:4:5:6:7:8', '1::8']) {
      assert.equal(decodeAddress(encodeAddress(a)), a);
    }
  });

  it('refuses other lengths on receive and non-IP text on send', () => {
    assert.throws(() => decodeAddress(hex('0102030405')), isCode(WireDecodeError, 'BAD_VALUE'));
    assert.throws(() => encodeAddress('example.com'), isCode(WireEncodeError, 'BAD_ADDRESS'));
  });

  it('carries host names as text in the go-doudou fork mode', () => {
    assert.equal(toHex(encodeAddress('db01', 'text') ?? new Uint8Array()), Buffer.from('db01').toString('hex'));
    assert.equal(decodeAddress(Buffer.from('pod-0.seed-svc-headless'), 'text'), 'pod-0.seed-svc-headless');
  });
});
