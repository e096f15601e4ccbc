/**
 * The set of AES keys a node accepts (docs/gossip-wire-format.md#encryption): the first ("primary") key encrypts,
 * every key is tried on decrypt — which is how keys are rotated: install the new key everywhere,
 * `use` it everywhere, then `remove` the old one.
 *
 * Configuration: GDD_MEM_KEYS = comma-separated base64 keys (16, 24 or 32 bytes), first = primary
 * (see `Keyring.fromBase64`).
 */
import { WireEncodeError } from './errors';

function validKey(key: Uint8Array): Uint8Array {
  if (!(key instanceof Uint8Array) || (key.length !== 16 && key.length !== 24 && key.length !== 32)) {
    throw new WireEncodeError('BAD_KEY', `key must be 16, 24 or 32 bytes (AES-128/192/256), got ${key?.length}`);
  }
  return new Uint8Array(key);
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class Keyring {
  /** keys[0] is the primary key. */
  private list: Uint8Array[] = [];

  /**
   * @param keys at least one key unless `primary` is given; duplicates are ignored.
   * @param primary the key to encrypt with (installed if not in `keys`); default `keys[0]`.
   */
  constructor(keys: readonly Uint8Array[], primary?: Uint8Array) {
    if (primary !== undefined) this.install(primary);
    for (const k of keys) this.install(k);
    if (this.list.length === 0) throw new WireEncodeError('BAD_KEY', 'a keyring needs at least one key');
    if (primary !== undefined) this.use(primary);
  }

  /** Parses base64 keys (e.g. GDD_MEM_KEYS split on commas); the first is primary. Throws BAD_KEY naming the bad entry. */
  static fromBase64(keys: readonly string[]): Keyring {
    const decoded = keys
      .map((k) => k.trim())
      .filter((k) => k !== '')
      .map((k, i) => {
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(k)) throw new WireEncodeError('BAD_KEY', `key #${i + 1} is not base64`);
        const bytes = Uint8Array.from(Buffer.from(k, 'base64'));
        try {
          return validKey(bytes);
        } catch {
          throw new WireEncodeError('BAD_KEY', `key #${i + 1} decodes to ${bytes.length} bytes; need 16, 24 or 32`);
        }
      });
    return new Keyring(decoded);
  }

  /** Adds a key (not primary). Installing a key twice is a no-op. */
  install(key: Uint8Array): void {
    const k = validKey(key);
    if (!this.list.some((x) => sameKey(x, k))) this.list.push(k);
  }

  /** Makes an installed key the primary (encrypting) key. */
  use(key: Uint8Array): void {
    const i = this.list.findIndex((x) => sameKey(x, key));
    if (i < 0) throw new WireEncodeError('BAD_KEY', 'cannot use a key that is not installed');
    const [k] = this.list.splice(i, 1);
    this.list.unshift(k);
  }

  /** Removes a key; the primary key cannot be removed (use another one first). */
  remove(key: Uint8Array): void {
    if (sameKey(this.list[0], key)) throw new WireEncodeError('BAD_KEY', 'cannot remove the primary key');
    this.list = this.list.filter((x) => !sameKey(x, key));
  }

  /** The encrypting key. */
  primaryKey(): Uint8Array {
    return new Uint8Array(this.list[0]);
  }

  /** All keys, primary first (copies). */
  keys(): Uint8Array[] {
    return this.list.map((k) => new Uint8Array(k));
  }

  /** Internal: the live key list, primary first, for decryption without copying. */
  keysForDecrypt(): readonly Uint8Array[] {
    return this.list;
  }
}
