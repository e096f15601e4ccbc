import type { Config } from './types';

/** GDD_MEM_KEYS as raw key bytes, primary first (already validated to be 16/24/32 bytes). */
export function decodeGossipKeys(keys: readonly string[]): Buffer[] {
  return keys.map((key) => Buffer.from(key, 'base64'));
}

/** A copy safe to log or serve (e.g. /go-doudou/config): the password and gossip keys are masked. */
export function redactConfig(config: Config): Config {
  return {
    ...config,
    manage: { ...config.manage, pass: config.manage.pass === '' ? '' : '***' },
    mem: { ...config.mem, keys: config.mem.keys.map(() => '***') },
  };
}
