import { strict as assert } from 'node:assert';
import { ConstantBackoff, handleWhen, retry } from 'cockatiel';
import got from 'got';
import {
  CircuitOpenError,
  ClientTimeoutError,
  NoInstanceError,
  RemoteHttpError,
  RoundRobinBalancer,
  RemoteUnavailableError,
  StaticInstances,
  closeClient,
  createClient,
  isRetryableFailure,
  noPolicy,
  propagateRequestContext,
  runWithCallContext,
  type Client,
  type ClientOptions,
  type ServiceInstance,
} from '../../lib/client';
import { waitFor } from '../support/wait-for';
import { EchoContract, EchoService } from './support/echo-service';
import { FaultContract, FaultService } from './support/fault-service';
import { RelayService } from './support/relay-service';
import { serve, type RunningServer } from './support/servers';
import { isCode } from '../support/errors';

interface Fleet {
  impls: FaultService[];
  servers: RunningServer[];
  source: StaticInstances;
}

async function fleet(weights: number[]): Promise<Fleet> {
  const impls = weights.map((_, i) => new FaultService(`i${i}`));
  const servers = await Promise.all(impls.map((impl) => serve(impl)));
  const source = new StaticInstances({ faultsvc: servers.map((s, i) => ({ id: `i${i}`, baseUrl: s.url, weight: weights[i]! })) });
  return { impls, servers, source };
}

for (const transport of ['node', 'got'] as const) {
  describe(`client resilience over real HTTP (${transport} transport)`, () => {
    const open: RunningServer[] = [];
    const clients: object[] = [];
    const impls: FaultService[] = [];

    async function start(weights: number[]): Promise<Fleet> {
      const f = await fleet(weights);
      open.push(...f.servers);
      impls.push(...f.impls);
      return f;
    }

    function client(f: Fleet, options: Omit<ClientOptions, 'instances'> = {}): Client<FaultContract> {
      const c = createClient(FaultContract, { instances: f.source, transport, ...options });
      clients.push(c);
      return c;
    }

    afterEach(async () => {
      for (const impl of impls.splice(0)) impl.release();
      for (const c of clients.splice(0)) closeClient(c);
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    describe('instances and balancing', () => {
      it('fails with NO_INSTANCE naming the service when the source is empty, without retrying', async () => {
        const c = createClient(FaultContract, { instances: new StaticInstances(), transport });
        clients.push(c);
        const err = await c.read().then(
          () => assert.fail('expected NO_INSTANCE'),
          (e: unknown) => e,
        );
        assert.ok(err instanceof NoInstanceError);
        assert.equal(err.code, 'NO_INSTANCE');
        assert.match(err.message, /'faultsvc'/);
      });

      it('round-robin spreads calls exactly evenly over 3 servers', async () => {
        const f = await start([1, 1, 1]);
        const c = client(f, { balancer: 'round-robin' });
        for (let i = 0; i < 30; i++) await c.read();
        assert.deepEqual(
          f.impls.map((s) => s.calls.read),
          [10, 10, 10],
        );
      });

      it('smooth weighted round-robin spreads calls by weight (3, 2, 1)', async () => {
        const f = await start([3, 2, 1]);
        const c = client(f, { balancer: 'smooth-weighted' });
        const order: string[] = [];
        for (let i = 0; i < 60; i++) order.push((await c.read()).instance);
        assert.deepEqual(
          f.impls.map((s) => s.calls.read),
          [30, 20, 10],
        );
        assert.deepEqual(order.slice(0, 6), ['i0', 'i1', 'i0', 'i2', 'i1', 'i0']);
      });

      it('follows changes of the instance list between calls', async () => {
        const f = await start([1, 1]);
        const c = client(f);
        f.source.remove('faultsvc', 'i0');
        for (let i = 0; i < 4; i++) assert.equal((await c.read()).instance, 'i1');
      });
    });

    describe('retry', () => {
      it('moves to another instance when one server is closed (ECONNREFUSED): no failed call, GET or POST', async () => {
        const f = await start([1, 1, 1]);
        await f.servers[1]!.close();
        const c = client(f);
        for (let i = 0; i < 30; i++) await c.read();
        for (let i = 0; i < 30; i++) await c.write();
        assert.equal(f.impls[0]!.calls.read + f.impls[2]!.calls.read, 30);
        assert.equal(f.impls[0]!.calls.write + f.impls[2]!.calls.write, 30, 'each POST handled exactly once');
      });

      it('skips an instance that refused a connection for ejectMs while others are available', async () => {
        const f = await start([1, 1, 1]);
        await f.servers[2]!.close();
        const picked: string[] = [];
        const rr = new RoundRobinBalancer();
        const recording = {
          pick: (candidates: readonly ServiceInstance[]) => {
            const p = rr.pick(candidates);
            picked.push(p.id);
            return p;
          },
        };
        const c = client(f, { balancer: recording, ejectMs: 60_000 });
        for (let i = 0; i < 30; i++) await c.read();
        assert.equal(picked.filter((id) => id === 'i2').length, 1, 'tried once, then skipped');
        const off = client(f, { balancer: recording, ejectMs: 0 });
        picked.length = 0;
        for (let i = 0; i < 9; i++) await off.read();
        assert.ok(picked.filter((id) => id === 'i2').length >= 2, 'without ejection it is tried on its turns');
      });

      it('reports REMOTE_UNAVAILABLE with the socket reason when no instance can be reached', async () => {
        const f = await start([1]);
        await f.servers[0]!.close();
        const c = client(f, { retryCount: 1 });
        await assert.rejects(
          c.read(),
          (err: unknown) => err instanceof RemoteUnavailableError && err.code === 'REMOTE_UNAVAILABLE' && err.reason === 'ECONNREFUSED',
        );
      });

      it('retries a GET answered 503 and succeeds (3 retries = 4 attempts)', async () => {
        const f = await start([1]);
        f.impls[0]!.failNext = 3;
        f.impls[0]!.failStatus = 503;
        const c = client(f);
        assert.equal((await c.read()).call, 4);
      });

      it('moves a GET answered 5xx to the healthy instance', async () => {
        const f = await start([1, 1]);
        f.impls[0]!.failNext = 1000;
        const c = client(f);
        for (let i = 0; i < 6; i++) assert.equal((await c.read()).instance, 'i1');
        assert.ok(f.impls[0]!.calls.read <= 6, 'at most one attempt per call on the failing instance');
      });

      it('does not retry a POST answered 500', async () => {
        const f = await start([1, 1]);
        f.impls[0]!.failNext = 1;
        const c = client(f);
        await assert.rejects(c.write(), (err: unknown) => err instanceof RemoteHttpError && err.status === 500 && err.method === 'POST');
        assert.equal(f.impls[0]!.calls.write + f.impls[1]!.calls.write, 1);
      });

      it('never retries a 4xx', async () => {
        const f = await start([1]);
        f.impls[0]!.failNext = 1;
        f.impls[0]!.failStatus = 409;
        const c = client(f);
        await assert.rejects(c.read(), (err: unknown) => err instanceof RemoteHttpError && err.status === 409 && err.code === 'INJECTED');
        assert.equal(f.impls[0]!.calls.read, 1);
      });
    });

    describe('circuit breaker', () => {
      it('opens at ≥ 50 % failures over ≥ 6 calls, fails fast with CIRCUIT_OPEN, half-opens and closes after one success', async () => {
        const f = await start([1]);
        const s = f.impls[0]!;
        const c = client(f, { retryCount: 0, breaker: { minimumCalls: 6, failureRatio: 0.5, windowMs: 60_000, halfOpenAfterMs: 200 } });
        for (let i = 0; i < 3; i++) await c.read();
        s.failNext = 3;
        for (let i = 0; i < 3; i++) await assert.rejects(c.read(), RemoteHttpError);
        const served = s.calls.read;
        await assert.rejects(c.read(), isCode(CircuitOpenError, 'CIRCUIT_OPEN', /faultsvc/));
        assert.equal(s.calls.read, served, 'an open circuit does not touch the network');
        // Half-open after 200 ms: the first call let through succeeds and closes the circuit.
        await waitFor(
          () =>
            c.read().then(
              () => true,
              (err: unknown) => (err instanceof CircuitOpenError ? false : Promise.reject(err)),
            ),
          { timeoutMs: 5000, intervalMs: 20, message: 'circuit closes' },
        );
        s.failNext = 1;
        await assert.rejects(c.read(), RemoteHttpError);
        const after = await c.read();
        assert.equal(after.instance, 'i0', 'one failure after closing does not reopen: the window started afresh');
      });

      it('stays closed below the minimum of 6 calls and never counts 4xx', async () => {
        const f = await start([1]);
        const s = f.impls[0]!;
        const c = client(f, { retryCount: 0 });
        s.failNext = 5;
        for (let i = 0; i < 5; i++) await assert.rejects(c.read(), RemoteHttpError);
        assert.equal((await c.read()).instance, 'i0');
        s.failNext = 20;
        s.failStatus = 422;
        for (let i = 0; i < 20; i++) await assert.rejects(c.read(), (err: unknown) => err instanceof RemoteHttpError && err.status === 422);
      });
    });

    describe('timeouts', () => {
      it('ends the whole call with TIMEOUT at the call deadline', async () => {
        const f = await start([1]);
        const c = client(f, { timeoutMs: 150 });
        await assert.rejects(
          c.slow(),
          (err: unknown) => err instanceof ClientTimeoutError && err.code === 'TIMEOUT' && err.scope === 'call',
        );
      });

      it('ends one attempt with TIMEOUT after attemptTimeoutMs', async () => {
        const f = await start([1]);
        const c = client(f, { retryCount: 0, attemptTimeoutMs: 150 });
        await assert.rejects(
          c.slow(),
          (err: unknown) => err instanceof ClientTimeoutError && err.code === 'TIMEOUT' && err.scope === 'attempt',
        );
      });
    });

    describe('custom policy', () => {
      it('replaces the default entirely: 5 retries where the default has 3', async () => {
        const f = await start([1]);
        f.impls[0]!.failNext = 5;
        f.impls[0]!.failStatus = 503;
        const c = client(f, { policy: retry(handleWhen(isRetryableFailure), { maxAttempts: 5, backoff: new ConstantBackoff(1) }) });
        assert.equal((await c.read()).call, 6);
        f.impls[0]!.failNext = 5;
        const byDefault = client(f);
        await assert.rejects(byDefault.read(), (err: unknown) => err instanceof RemoteHttpError && err.status === 503);
      });

      it('noPolicy() runs each call exactly once and never opens a circuit', async () => {
        const f = await start([1]);
        f.impls[0]!.failNext = 12;
        const c = client(f, { policy: noPolicy() });
        for (let i = 0; i < 12; i++) await assert.rejects(c.read(), (err: unknown) => err instanceof RemoteHttpError && err.status === 500);
        assert.equal(f.impls[0]!.calls.read, 12);
      });
    });

    describe('request id propagation', () => {
      it('calls made inside runWithCallContext() carry its request id', async () => {
        const echoServer = await serve(new EchoService());
        open.push(echoServer);
        const echo = createClient(EchoContract, { baseUrl: echoServer.url, transport });
        clients.push(echo);
        const seen = await runWithCallContext({ requestId: 'ctx-7' }, async () => {
          await Promise.resolve();
          return echo.whoAmI();
        });
        assert.equal(seen.requestId, 'ctx-7');
      });

      it('a handler behind propagateRequestContext() forwards its X-Request-Id to the services it calls', async () => {
        const echoServer = await serve(new EchoService());
        open.push(echoServer);
        const echo = createClient(EchoContract, { baseUrl: echoServer.url, transport });
        clients.push(echo);
        const relay = await serve(new RelayService(echo));
        open.push(relay);
        relay.server.use(propagateRequestContext());
        const viaId = await got(`${relay.url}/relay`, { headers: { 'x-request-id': 'outer-42' } }).json<{ requestId?: string }>();
        assert.equal(viaId.requestId, 'outer-42');
        const fresh = await got(`${relay.url}/relay`).json<{ requestId?: string }>();
        assert.match(fresh.requestId ?? '', /^[0-9a-f-]{36}$/, 'a generated request id is forwarded too');
      });
    });
  });
}
