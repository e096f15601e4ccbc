import { strict as assert } from 'node:assert';
import type { Context, Next } from 'koa';
import { perMinute } from '../../lib/resilience/limit';
import { MemoryRateLimiter } from '../../lib/resilience/memory-rate-limiter';
import { rateLimit } from '../../lib/resilience/rate-limit';
import { request } from '../http/support/http-client';
import { startServer, type StartedServer } from './support/server';

interface ErrorJson {
  error: { code: string; message: string; requestId: string };
}

async function answer(ctx: Context, _next: Next): Promise<void> {
  ctx.body = { ok: true };
}

describe('resilience/rate-limit middleware', () => {
  let s: StartedServer | undefined;
  let limiter: MemoryRateLimiter | undefined;
  afterEach(async () => {
    await s?.close();
    await limiter?.close();
    s = undefined;
    limiter = undefined;
  });

  it('sends RateLimit-* headers, then 429 JSON with Retry-After after the burst, per client IP (X-Forwarded-For)', async () => {
    limiter = new MemoryRateLimiter({ limit: perMinute(6, 2) }); // one per 10 s, bucket of 2
    s = await startServer(rateLimit({ limiter }), answer);
    const from = (ip: string) => request(`${s!.url}/x`, { headers: { 'X-Forwarded-For': ip } });
    const first = await from('10.0.0.1');
    assert.equal(first.status, 200);
    assert.deepEqual([first.headers['ratelimit-limit'], first.headers['ratelimit-remaining']], ['2', '1']);
    assert.equal(first.headers['ratelimit-reset'], '10');
    const second = await from('10.0.0.1');
    assert.equal(second.headers['ratelimit-remaining'], '0');
    assert.equal(second.headers['ratelimit-reset'], '20');
    const third = await from('10.0.0.1');
    assert.equal(third.status, 429);
    assert.equal(third.headers['retry-after'], '10');
    assert.deepEqual([third.headers['ratelimit-limit'], third.headers['ratelimit-remaining']], ['2', '0']);
    const body = third.json<ErrorJson>();
    assert.equal(body.error.code, 'TOO_MANY_REQUESTS');
    assert.match(body.error.message, /rate limit exceeded/);
    assert.equal(body.error.requestId, third.headers['x-request-id']);
    const other = await from('10.0.0.2');
    assert.equal(other.status, 200, 'another client has its own bucket');
    assert.equal(other.headers['ratelimit-remaining'], '1');
  });

  it('announces whole seconds even when float arithmetic lands a few ulps above them', async () => {
    // (515186.05999382207 + 10000) − 515186.05999382207 = 10000.000000000058 ms: a plain ceil says 11 s
    limiter = new MemoryRateLimiter({ limit: perMinute(6, 1), now: () => 515186.05999382207 });
    s = await startServer(rateLimit({ limiter }), answer);
    const first = await request(`${s.url}/x`);
    assert.equal(first.headers['ratelimit-reset'], '10');
    const denied = await request(`${s.url}/x`);
    assert.equal(denied.status, 429);
    assert.equal(denied.headers['retry-after'], '10');
  });

  it('keys by a custom function, charges a custom cost and skips what skip() says', async () => {
    limiter = new MemoryRateLimiter({ limit: perMinute(1, 3) });
    s = await startServer(
      rateLimit({
        limiter,
        key: (ctx) => ctx.get('X-Api-Key') || 'anonymous',
        cost: (ctx) => (ctx.path === '/expensive' ? 3 : 1),
        skip: (ctx) => ctx.path === '/health',
      }),
      answer,
    );
    const call = (path: string, apiKey: string) => request(`${s!.url}${path}`, { headers: { 'X-Api-Key': apiKey } });
    assert.equal((await call('/expensive', 'alice')).status, 200);
    const denied = await call('/cheap', 'alice');
    assert.equal(denied.status, 429);
    assert.equal((await call('/cheap', 'bob')).headers['ratelimit-remaining'], '2');
    const health = await call('/health', 'alice');
    assert.equal(health.status, 200, 'skipped requests are not limited');
    assert.equal(health.headers['ratelimit-limit'], undefined);
  });

  it('keeps the RateLimit-* headers on an allowed request whose handler fails', async () => {
    limiter = new MemoryRateLimiter({ limit: perMinute(60, 5) });
    s = await startServer(rateLimit({ limiter }), async () => {
      throw new Error('broken');
    });
    const res = await request(`${s.url}/x`);
    assert.equal(res.status, 500);
    assert.equal(res.headers['ratelimit-remaining'], '4');
  });
});
