/** Is a Redis server answering PING on 127.0.0.1:6379? Specs that need one are pending (or fail in CI) without. */
import * as net from 'node:net';
import { Redis } from 'ioredis';

export const REDIS_HINT = 'start redis-server (Debian package redis-server) on 127.0.0.1:6379';

export function redisAnswers(port = 6379, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (b: Buffer) => {
      reply += b.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    sock.on('error', () => done(false));
  });
}

/** Deletes every key matching `pattern` (SCAN, never KEYS) and closes the admin connection. */
export async function deleteKeys(admin: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await admin.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
