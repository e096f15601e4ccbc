/**
 * AES-GCM payload encryption as memberlist does it (docs/gossip-wire-format.md#encryption):
 * `[version][12-byte nonce][ciphertext][16-byte tag]`. Version 1 encrypts as is; version 0 (sent only
 * by nodes speaking protocol 1) PKCS#7-pads to 16 bytes first. Receivers accept both and try every key.
 * AAD: UDP = label bytes; TCP = the 5 frame-header bytes + label bytes (docs/gossip-wire-format.md#stream-encryption-frame).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WireDecodeError, WireEncodeError } from './errors';
import type { Keyring } from './keyring';

export type EncryptionVersion = 0 | 1;

const NONCE_SIZE = 12;
const TAG_SIZE = 16;
const BLOCK_SIZE = 16;

/** Protocol 1 → version 0 (padded), anything else → version 1 (docs/gossip-wire-format.md#encryption). */
export function encryptionVersionFor(protocolVersion = 2): EncryptionVersion {
  return protocolVersion === 1 ? 0 : 1;
}

/** Bytes the encrypted form of `plainLength` bytes takes. */
export function encryptedLength(version: EncryptionVersion, plainLength: number): number {
  const base = 1 + NONCE_SIZE + plainLength + TAG_SIZE;
  return version === 0 ? base + (BLOCK_SIZE - (plainLength % BLOCK_SIZE)) : base;
}

/** Worst-case overhead a budget must reserve: 29 bytes (v1) or 45 (v0) (docs/gossip-wire-format.md#sizes-and-limits). */
export function encryptionOverhead(version: EncryptionVersion): number {
  return version === 0 ? 1 + NONCE_SIZE + TAG_SIZE + BLOCK_SIZE : 1 + NONCE_SIZE + TAG_SIZE;
}

function cipherName(key: Uint8Array): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
  if (key.length === 16) return 'aes-128-gcm';
  if (key.length === 24) return 'aes-192-gcm';
  if (key.length === 32) return 'aes-256-gcm';
  throw new WireEncodeError('BAD_KEY', `key must be 16, 24 or 32 bytes, got ${key.length}`);
}

/**
 * Encrypts `plain` with `key`. `nonce` is random unless given — a fixed nonce is only for test vectors
 * (reusing a GCM nonce with the same key breaks the encryption).
 */
export function encryptPayload(
  version: EncryptionVersion,
  key: Uint8Array,
  plain: Uint8Array,
  aad: Uint8Array,
  nonce: Uint8Array = randomBytes(NONCE_SIZE),
): Uint8Array {
  let src = plain;
  if (version === 0) {
    const pad = BLOCK_SIZE - (plain.length % BLOCK_SIZE);
    src = new Uint8Array(plain.length + pad);
    src.set(plain);
    src.fill(pad, plain.length);
  }
  const cipher = createCipheriv(cipherName(key), key, nonce, { authTagLength: TAG_SIZE });
  cipher.setAAD(aad);
  const ct1 = cipher.update(src);
  const ct2 = cipher.final();
  const tag = cipher.getAuthTag();
  const out = new Uint8Array(1 + NONCE_SIZE + ct1.length + ct2.length + TAG_SIZE);
  out[0] = version;
  out.set(nonce, 1);
  out.set(ct1, 1 + NONCE_SIZE);
  out.set(ct2, 1 + NONCE_SIZE + ct1.length);
  out.set(tag, out.length - TAG_SIZE);
  return out;
}

function tryDecrypt(key: Uint8Array, payload: Uint8Array, aad: Uint8Array): Uint8Array | undefined {
  try {
    const nonce = payload.subarray(1, 1 + NONCE_SIZE);
    const ct = payload.subarray(1 + NONCE_SIZE, payload.length - TAG_SIZE);
    const tag = payload.subarray(payload.length - TAG_SIZE);
    const d = createDecipheriv(cipherName(key), key, nonce, { authTagLength: TAG_SIZE });
    d.setAAD(aad);
    d.setAuthTag(tag);
    const p1 = d.update(ct);
    const p2 = d.final();
    const out = new Uint8Array(p1.length + p2.length);
    out.set(p1);
    out.set(p2, p1.length);
    return out;
  } catch {
    return undefined;
  }
}

/**
 * Decrypts with every key in turn (docs/gossip-wire-format.md#encryption). Throws UNSUPPORTED_ENCRYPTION_VERSION for a version > 1 and
 * DECRYPT_FAILED when the payload is too short, no key authenticates it, or v0 padding is invalid.
 */
export function decryptPayload(keys: Keyring | readonly Uint8Array[], payload: Uint8Array, aad: Uint8Array): Uint8Array {
  if (payload.length === 0) throw new WireDecodeError('DECRYPT_FAILED', 'cannot decrypt an empty payload');
  const version = payload[0];
  if (version > 1) {
    throw new WireDecodeError('UNSUPPORTED_ENCRYPTION_VERSION', `unsupported encryption version ${version}`);
  }
  if (payload.length < encryptedLength(version as EncryptionVersion, 0)) {
    throw new WireDecodeError('DECRYPT_FAILED', 'payload is too small to decrypt');
  }
  const list = Array.isArray(keys) ? keys : (keys as Keyring).keysForDecrypt();
  for (const key of list) {
    const plain = tryDecrypt(key, payload, aad);
    if (plain === undefined) continue;
    if (version === 1) return plain;
    const pad = plain.length > 0 ? plain[plain.length - 1] : 0;
    if (pad < 1 || pad > BLOCK_SIZE || pad > plain.length) {
      throw new WireDecodeError('DECRYPT_FAILED', 'invalid PKCS#7 padding');
    }
    return plain.subarray(0, plain.length - pad);
  }
  throw new WireDecodeError('DECRYPT_FAILED', 'no installed keys could decrypt the message');
}
