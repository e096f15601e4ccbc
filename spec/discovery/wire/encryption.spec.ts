import { strict as assert } from 'node:assert';
import {
  decryptPayload,
  encryptPayload,
  encryptedLength,
  encryptionOverhead,
  encryptionVersionFor,
} from '../../../lib/discovery/wire/encryption';
import { WireDecodeError } from '../../../lib/discovery/wire/errors';
import { hex, toHex } from './support/captures';
import { isCode } from '../../support/errors';

// Test vectors (docs/gossip-wire-format.md#encryption): key 00..0f, fixed nonce 10..1b (tests only), plaintext = an ack.
const key = hex('000102030405060708090a0b0c0d0e0f');
const nonce = hex('101112131415161718191a1b');
const plain = hex('0282a75061796c6f6164c0a55365714e6f07');
const none = new Uint8Array(0);

describe('wire/encryption (AES-GCM)', () => {
  it('reproduces the UDP v1 vector without label', () => {
    const out = encryptPayload(1, key, plain, none, nonce);
    assert.equal(toHex(out), '01101112131415161718191a1bc6aca4ff6e36da8076b99d5094429a7055bb23eee91178c4a35027822931d5325ec7');
    assert.equal(toHex(decryptPayload([key], out, none)), toHex(plain));
  });

  it('reproduces the UDP v1 vector with label "prod" as AAD', () => {
    const aad = Buffer.from('prod');
    const out = encryptPayload(1, key, plain, aad, nonce);
    assert.equal(toHex(out), '01101112131415161718191a1bc6aca4ff6e36da8076b99d5094429a7055bb1e16d947695e5f46a187d909ac0c6e50');
    assert.throws(() => decryptPayload([key], out, none), isCode(WireDecodeError, 'DECRYPT_FAILED'));
  });

  it('reproduces the UDP v0 vector with PKCS#7 padding and strips the padding on decrypt', () => {
    const out = encryptPayload(0, key, plain, none, nonce);
    assert.equal(
      toHex(out),
      '00101112131415161718191a1bc6aca4ff6e36da8076b99d5094429a7055bb7a8938fa65b18bc5271f690b1fa3a5d768f2eb2cb6b0a1cba42c089e81e2',
    );
    assert.equal(out.length, encryptedLength(0, plain.length));
    assert.equal(toHex(decryptPayload([key], out, none)), toHex(plain));
  });

  it('tries every key and fails with DECRYPT_FAILED when none fits', () => {
    const other = new Uint8Array(16).fill(9);
    const out = encryptPayload(1, key, plain, none, nonce);
    assert.equal(toHex(decryptPayload([other, key], out, none)), toHex(plain));
    assert.throws(() => decryptPayload([other], out, none), isCode(WireDecodeError, 'DECRYPT_FAILED'));
  });

  it('refuses tampered ciphertext, short payloads and unknown versions', () => {
    const out = encryptPayload(1, key, plain, none, nonce);
    out[20] ^= 1;
    assert.throws(() => decryptPayload([key], out, none), isCode(WireDecodeError, 'DECRYPT_FAILED'));
    assert.throws(() => decryptPayload([key], new Uint8Array(28).fill(1), none), isCode(WireDecodeError, 'DECRYPT_FAILED'));
    assert.throws(() => decryptPayload([key], new Uint8Array(0), none), isCode(WireDecodeError, 'DECRYPT_FAILED'));
    const v2 = encryptPayload(1, key, plain, none, nonce);
    v2[0] = 2;
    assert.throws(() => decryptPayload([key], v2, none), isCode(WireDecodeError, 'UNSUPPORTED_ENCRYPTION_VERSION'));
  });

  it('chooses version 0 only for protocol 1 and reports overheads of 29 and 45 bytes', () => {
    assert.equal(encryptionVersionFor(1), 0);
    assert.equal(encryptionVersionFor(2), 1);
    assert.equal(encryptionVersionFor(5), 1);
    assert.equal(encryptionOverhead(1), 29);
    assert.equal(encryptionOverhead(0), 45);
    assert.equal(encryptedLength(1, 18), 47);
  });

  it('encrypts with random nonces by default', () => {
    const a = encryptPayload(1, key, plain, none);
    const b = encryptPayload(1, key, plain, none);
    assert.notEqual(toHex(a.subarray(1, 13)), toHex(b.subarray(1, 13)));
  });
});
