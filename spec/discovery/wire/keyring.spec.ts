import { strict as assert } from 'node:assert';
import { decryptPayload, encryptPayload } from '../../../lib/discovery/wire/encryption';
import { WireDecodeError } from '../../../lib/discovery/wire/errors';
import { Keyring } from '../../../lib/discovery/wire/keyring';
import { hex, toHex } from './support/captures';
import { isCode } from '../../support/errors';

const plain = hex('0282a75061796c6f6164c0a55365714e6f07');
const none = new Uint8Array(0);

describe('wire/keyring', () => {
  const k1 = new Uint8Array(16).fill(1);
  const k2 = new Uint8Array(24).fill(2);
  const k3 = new Uint8Array(32).fill(3);

  it('uses the first key as primary unless one is named', () => {
    assert.deepEqual(new Keyring([k1, k2]).primaryKey(), k1);
    const r = new Keyring([k1, k2], k3);
    assert.deepEqual(r.primaryKey(), k3);
    assert.deepEqual(r.keys(), [k3, k1, k2]);
  });

  it('installs, switches the primary with use() and removes non-primary keys', () => {
    const r = new Keyring([k1]);
    r.install(k2);
    r.install(k2);
    assert.equal(r.keys().length, 2);
    r.use(k2);
    assert.deepEqual(r.primaryKey(), k2);
    r.remove(k1);
    assert.deepEqual(r.keys(), [k2]);
  });

  it('refuses to remove the primary key, to use an unknown key and keys of a wrong length', () => {
    const r = new Keyring([k1, k2]);
    assert.throws(() => r.remove(k1), /primary/);
    assert.throws(() => r.use(k3), /not installed/);
    assert.throws(() => r.install(new Uint8Array(15)), /16, 24 or 32/);
    assert.throws(() => new Keyring([]), /at least one key/);
  });

  it('parses base64 keys as GDD_MEM_KEYS gives them, first primary, naming a bad entry', () => {
    const r = Keyring.fromBase64(['AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=', ' AQEBAQEBAQEBAQEBAQEBAQ== ']);
    assert.equal(toHex(r.primaryKey()), '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    assert.deepEqual(r.keys()[1], k1);
    assert.throws(() => Keyring.fromBase64(['AAECAw==']), /key #1 decodes to 4 bytes/);
    assert.throws(() => Keyring.fromBase64(['AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=', 'not base64!']), /key #2 is not base64/);
  });

  it('decrypts with a rotated-out key still installed', () => {
    const r = new Keyring([k1]);
    const old = encryptPayload(1, r.primaryKey(), plain, none);
    r.install(k3);
    r.use(k3);
    assert.equal(toHex(decryptPayload(r, old, none)), toHex(plain));
    r.remove(k1);
    assert.throws(() => decryptPayload(r, old, none), isCode(WireDecodeError, 'DECRYPT_FAILED'));
  });
});
