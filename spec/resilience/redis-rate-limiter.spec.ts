import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import type { Context, Next } from 'koa';
import { Redis } from 'ioredis';
import { GCRA_SCRIPT_SHA1 } from '../../lib/resilience/gcra-script';
import { emissionIntervalMs, perMinute, perSecond } from '../../lib/resilience/limit';
import { rateLimit } from '../../lib/resilience/rate-limit';
import { RedisRateLimiter, type RedisRateLimiterOptions } from '../../lib/resilience/redis-rate-limiter';
import { request } from '../http/support/http-client';
import { freePort } from '../support/free-port';
import { requireOrSkip } from '../support/requirements';
import { rateLimiterSemantics } from './support/rate-limiter-semantics';
import { REDIS_HINT, deleteKeys, redisAnswers } from './support/redis';
import { startServer, type StartedServer } from './support/server';
import { RedisRateLimiterError, ResilienceConfigError } from '../../lib/resilience/errors';
import { rejectsCode, throwsCode } from '../support/errors';

/** Every key this run creates starts with it, so after() can delete exactly those. */
const RUN = `tsd-spec-${process.pid}-${Date.now().toString(36)}`;
let seq = 0;
const uniqueKey = (name: string): string => `${RUN}:${name}:${++seq}`;

async function answer(ctx: Context, _next: Next): Promise<void> {
  ctx.body = { ok: true };
}

function warnings(): { logger: { warn(m: string): void }; lines: string[] } {
  const lines: string[] = [];
  return { logger: { warn: (m: string) => void lines.push(m) }, lines };
}

describe('resilience/redis-rate-limiter', () => {
  const open: RedisRateLimiter[] = [];
  async function limiter(options: RedisRateLimiterOptions, waitReady = true): Promise<RedisRateLimiter> {
    const l = new RedisRateLimiter(options);
    open.push(l);
    if (waitReady) await l.ready();
    return l;
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((l) => l.close()));
  });

  it('rejects bad options before it connects', () => {
    const limit = perSecond(1);
    throwsCode(
      () => new RedisRateLimiter({ limit, commandTimeoutMs: 0 }),
      ResilienceConfigError,
      'INVALID_LIMITER_OPTION',
      'commandTimeoutMs must be > 0, got 0',
    );
    throwsCode(
      () => new RedisRateLimiter({ limit, onRedisError: 'maybe' as 'allow' }),
      ResilienceConfigError,
      'INVALID_LIMITER_OPTION',
      "onRedisError must be 'allow' or 'deny', got maybe",
    );
  });

  describe('against a real Redis on 127.0.0.1:6379', () => {
    let admin: Redis | undefined;
    before(async function () {
      requireOrSkip(this, await redisAnswers(), REDIS_HINT);
      admin = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
      await admin.connect();
    });
    after(async () => {
      if (!admin) return;
      await deleteKeys(admin, `go-doudou:rate:${RUN}:*`);
      await admin.quit();
    });

    describe('shared RateLimiter semantics', () => {
      rateLimiterSemantics(async (limit) => ({ limiter: await limiter({ limit }), key: uniqueKey }));
    });

    it('stores the bucket under go-doudou:rate:<key> with a TTL of the time until it is full', async () => {
      const limit = perMinute(6, 3); // full again 10 s after one take
      const l = await limiter({ limit });
      const key = uniqueKey('ttl');
      await l.take(key);
      const ttl = await admin!.ttl(`go-doudou:rate:${key}`);
      assert.ok(ttl >= 1 && ttl <= Math.ceil(emissionIntervalMs(limit) / 1000), `ttl ${ttl}`);
      const tat = Number(await admin!.get(`go-doudou:rate:${key}`));
      assert.ok(Number.isFinite(tat) && tat > 0, 'the stored value is the theoretical arrival time in seconds since 2017');
      await l.reset(key);
      assert.equal(await admin!.exists(`go-doudou:rate:${key}`), 0);
    });

    it('falls back from EVALSHA to EVAL when Redis does not know the script (fresh or flushed server)', async () => {
      const l = await limiter({ limit: perMinute(6, 2) });
      // Harmless to anything else using this Redis: every client library answers NOSCRIPT the same way.
      await admin!.script('FLUSH');
      const d = await l.take(uniqueKey('noscript'));
      assert.deepEqual([d.allowed, d.remaining], [true, 1]);
      const [cached] = (await admin!.script('EXISTS', GCRA_SCRIPT_SHA1)) as number[];
      assert.equal(cached, 1, 'EVAL cached the script for the next EVALSHA');
    });

    it('uses a configured prefix instead', async () => {
      const l = await limiter({ limit: perMinute(6, 3), prefix: `go-doudou:rate:${RUN}:custom:` });
      await l.take('k');
      assert.equal(await admin!.exists(`go-doudou:rate:${RUN}:custom:k`), 1);
    });

    it('shares one budget between two limiter instances (two app nodes)', async () => {
      const limit = perMinute(6, 3);
      const [node1, node2] = [await limiter({ limit }), await limiter({ limit })];
      const key = uniqueKey('shared');
      assert.equal((await node1.take(key)).remaining, 2);
      assert.equal((await node2.take(key)).remaining, 1);
      assert.equal((await node1.take(key)).remaining, 0);
      const denied = await node2.take(key);
      assert.equal(denied.allowed, false);
      assert.ok(denied.retryAfterMs > 0 && denied.retryAfterMs <= emissionIntervalMs(limit) + 1);
    });

    it('answers allowN with an explicit limit, accepts a go-doudou string and parses the script reply', async () => {
      const l = await limiter({ limit: '10-M-200' });
      assert.deepEqual({ ...l.limit }, { rate: 10, periodMs: 60_000, burst: 200 });
      const key = uniqueKey('allowN');
      const d = await l.allowN(key, perSecond(1, 10), 4);
      assert.deepEqual([d.allowed, d.remaining, d.limit, d.retryAfterMs], [true, 6, 10, 0]);
      assert.ok(d.resetMs > 3000 && d.resetMs <= 4001, `resetMs ${d.resetMs}`);
    });

    it('answers 429 with Retry-After and RateLimit-* headers through the middleware', async () => {
      const l = await limiter({ limit: perMinute(6, 1) });
      const key = uniqueKey('http');
      const s = await startServer(rateLimit({ limiter: l, key: () => key }), answer);
      try {
        const ok = await request(`${s.url}/x`);
        assert.deepEqual([ok.status, ok.headers['ratelimit-limit'], ok.headers['ratelimit-remaining']], [200, '1', '0']);
        const denied = await request(`${s.url}/x`);
        assert.equal(denied.status, 429);
        assert.equal(denied.headers['retry-after'], '10');
        assert.equal(denied.json<{ error: { code: string } }>().error.code, 'TOO_MANY_REQUESTS');
      } finally {
        await s.close();
      }
    });
  });

  describe('when Redis is unreachable', () => {
    it('rejects ready() with RedisRateLimiterError REDIS_NOT_READY once its timeout passes', async () => {
      const port = await freePort(); // nothing listens there
      const l = await limiter({ limit: perSecond(1), redis: { port, host: '127.0.0.1' }, logger: warnings().logger }, false);
      await rejectsCode(l.ready(50), RedisRateLimiterError, 'REDIS_NOT_READY', 'not connected within 50 ms');
    });

    it('fails open by default: allows, marks the decision degraded, counts and warns once per interval', async () => {
      const port = await freePort(); // nothing listens there
      const { logger, lines } = warnings();
      const l = await limiter({ limit: perSecond(1), redis: { port, host: '127.0.0.1' }, logger }, false);
      for (let i = 0; i < 3; i++) {
        const d = await l.take('k');
        assert.deepEqual([d.allowed, d.degraded], [true, true]);
      }
      const st = l.stats();
      assert.deepEqual([st.redisErrors, st.failedOpen, st.failedClosed], [3, 3, 0]);
      assert.equal(lines.length, 1, `one warning per interval, got ${JSON.stringify(lines)}`);
      assert.match(lines[0]!, /fail-open/);
    });

    it("answers 503 RATE_LIMITER_UNAVAILABLE with onRedisError 'deny', and lets requests through (no RateLimit headers) by default", async () => {
      const port = await freePort();
      const redis = { port, host: '127.0.0.1' };
      const deny = await limiter({ limit: perSecond(1), redis, onRedisError: 'deny', logger: warnings().logger }, false);
      const allow = await limiter({ limit: perSecond(1), redis, logger: warnings().logger }, false);
      const s = await startServer(rateLimit({ limiter: deny, skip: (ctx) => ctx.path === '/open' }), rateLimit({ limiter: allow }), answer);
      try {
        const refused = await request(`${s.url}/x`);
        assert.equal(refused.status, 503);
        assert.equal(refused.headers['retry-after'], '1');
        const body = refused.json<{ error: { code: string; requestId: string } }>();
        assert.equal(body.error.code, 'RATE_LIMITER_UNAVAILABLE');
        assert.equal(body.error.requestId, refused.headers['x-request-id']);
        assert.equal(deny.stats().failedClosed, 1);
        const through = await request(`${s.url}/open`);
        assert.equal(through.status, 200);
        assert.equal(through.headers['ratelimit-limit'], undefined);
        assert.equal(allow.stats().failedOpen, 1);
      } finally {
        await s.close();
      }
    });

    it('does not let a Redis that accepts but never answers hold a request past the command timeout', async function () {
      this.timeout(10_000); // generous deadline; the point is that the request completes at all
      const sockets = new Set<net.Socket>();
      const blackHole = net.createServer((sock) => {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
      });
      await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
      const port = (blackHole.address() as net.AddressInfo).port;
      let s: StartedServer | undefined;
      try {
        // No handshake (RESP2, no CLIENT SETINFO, no INFO ready check): the client counts as ready once
        // connected and really sends the script into the void.
        const redis = { port, host: '127.0.0.1', enableReadyCheck: false, disableClientInfo: true, protocol: 2 as const };
        const l = await limiter({ limit: perSecond(1), redis, commandTimeoutMs: 100, logger: warnings().logger });
        s = await startServer(rateLimit({ limiter: l }), answer);
        const responses = await Promise.all([request(`${s.url}/a`), request(`${s.url}/b`)]);
        assert.deepEqual(
          responses.map((r) => r.status),
          [200, 200],
        );
        assert.equal(l.stats().failedOpen, 2);
        assert.match(l.stats().lastError ?? '', /timed? ?out|did not answer/i);
      } finally {
        await s?.close();
        await Promise.all(open.splice(0).map((x) => x.close()));
        for (const sock of sockets) sock.destroy();
        await new Promise<void>((resolve) => blackHole.close(() => resolve()));
      }
    });
  });
});
