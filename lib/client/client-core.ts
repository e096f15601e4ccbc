/**
 * What every method of one typed client shares: the service descriptor, where instances come from, the
 * balancer, the resilience policy and the HTTP transport. A call: encode the arguments once, then let the
 * policy run attempts; each attempt asks the source for the current instances, leaves out those that
 * already failed during this call and those that recently refused connections (when others remain), lets
 * the balancer pick, sends, and decodes.
 */
import { BrokenCircuitError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel';
import type { RouteDescriptor, ServiceDescriptor } from '../decorators/descriptors';
import type { Balancer } from './balancer';
import type { Span } from 'opentracing';
import { resolveCallContext, type CallContext } from './call-context';
import { ClientSpan } from './client-span';
import type { ClientPolicy } from './client-policy';
import {
  CircuitOpenError,
  ClientTimeoutError,
  NoInstanceError,
  RemoteUnavailableError,
  isRetryableFailure,
  type CallTarget,
} from './errors';
import type { Transport } from './transport';
import type { InstanceSource, ServiceInstance } from './instances';
import { RequestEncoder, type EncodedRequest } from './request-encoder';
import { ResponseDecoder } from './response-decoder';

export interface CompiledRoute {
  route: RouteDescriptor;
  encoder: RequestEncoder;
  decoder: ResponseDecoder;
}

export interface ClientCoreParts {
  descriptor: ServiceDescriptor;
  /** Name to look up in the instance source (usually descriptor.name). */
  service: string;
  source: InstanceSource;
  balancer: Balancer;
  policy: ClientPolicy;
  transport: Transport;
  /** After a connection failure, skip that instance for this long while others are available (0 = never). */
  ejectMs: number;
}

export class ClientCore {
  readonly routes: ReadonlyMap<string, CompiledRoute>;
  /** Instance id → time until which it is skipped (it refused or dropped a connection). */
  private readonly ejected = new Map<string, number>();

  constructor(readonly parts: ClientCoreParts) {
    const routes = new Map<string, CompiledRoute>();
    for (const route of parts.descriptor.routes) {
      routes.set(route.operationId, {
        route,
        encoder: new RequestEncoder(parts.descriptor, route),
        decoder: new ResponseDecoder(parts.descriptor, route),
      });
    }
    this.routes = routes;
  }

  call(compiled: CompiledRoute, args: readonly unknown[], context: CallContext | undefined): Promise<unknown> {
    // Read the implicit context now, synchronously, in the caller's async flow.
    const { headers, parent } = resolveCallContext(context);
    if (compiled.encoder.synchronous) {
      let request: EncodedRequest;
      try {
        request = compiled.encoder.encodeSync(args);
      } catch (err) {
        return Promise.reject(err);
      }
      return this.run(compiled, request, headers, parent);
    }
    return compiled.encoder.encode(args).then((request) => this.run(compiled, request, headers, parent));
  }

  close(): void {
    this.parts.transport.close();
  }

  private async run(
    compiled: CompiledRoute,
    request: EncodedRequest,
    extraHeaders: Record<string, string>,
    parent: Span | undefined,
  ): Promise<unknown> {
    // Contract headers (@Header params) win over context headers.
    const headers = { ...extraHeaders, ...request.headers };
    const { route } = compiled;
    const span = ClientSpan.start(parent, this.parts.service, route.operationId, route.method, headers);
    const failed = new Set<string>();
    try {
      // A signal per call: without one, cockatiel derives every call's timeout signal from one shared
      // never-aborted signal, which collects a listener per call in flight (MaxListenersExceededWarning).
      const result = await this.parts.policy.execute(
        ({ signal }) => this.attempt(compiled, request, headers, failed, signal, span),
        new AbortController().signal,
      );
      span?.finish();
      return result;
    } catch (err) {
      const typed = this.translate(err, route);
      span?.finish(typed);
      throw typed;
    }
  }

  private choose(route: RouteDescriptor, failed: ReadonlySet<string>): ServiceInstance {
    const all = this.parts.source.instances(this.parts.service);
    if (all.length === 0) throw new NoInstanceError(this.parts.service, route.operationId);
    let candidates = all;
    if (failed.size > 0) {
      const rest = all.filter((i) => !failed.has(i.id));
      if (rest.length > 0) candidates = rest;
    }
    if (this.ejected.size > 0) {
      const now = Date.now();
      for (const [id, until] of this.ejected) if (until <= now) this.ejected.delete(id);
      const healthy = candidates.filter((i) => !this.ejected.has(i.id));
      if (healthy.length > 0) candidates = healthy;
    }
    return this.parts.balancer.pick(candidates);
  }

  private async attempt(
    compiled: CompiledRoute,
    request: EncodedRequest,
    headers: Record<string, string>,
    failed: Set<string>,
    signal: AbortSignal,
    span: ClientSpan | undefined,
  ): Promise<unknown> {
    const { route } = compiled;
    const instance = this.choose(route, failed);
    // Sources other than StaticInstances/FixedBaseUrl may hand out a trailing slash.
    const base = instance.baseUrl.endsWith('/') ? instance.baseUrl.slice(0, -1) : instance.baseUrl;
    const url = base + request.pathAndQuery;
    const target: CallTarget = {
      service: this.parts.service,
      operationId: route.operationId,
      method: route.method,
      instance: instance.id,
      url,
    };
    const body = request.body === undefined || Buffer.isBuffer(request.body) ? request.body : request.body.stream();
    span?.attempt(instance.id, url);
    try {
      const response = await this.parts.transport.send({ method: route.method, url, headers, body }, target, signal);
      span?.answered(response.statusCode);
      return compiled.decoder.decode(response, target);
    } catch (err) {
      span?.attemptFailed(instance.id, err);
      // The next attempt goes elsewhere when it can.
      if (isRetryableFailure(err)) failed.add(instance.id);
      // A dead instance stays in the registry until gossip declares it suspect; until then, stop paying a
      // failed attempt on its every turn.
      if (err instanceof RemoteUnavailableError && this.parts.ejectMs > 0) this.ejected.set(instance.id, Date.now() + this.parts.ejectMs);
      throw err;
    }
  }

  /** cockatiel's own errors → the client's typed errors. */
  private translate(err: unknown, route: RouteDescriptor): unknown {
    if (err instanceof BrokenCircuitError || err instanceof IsolatedCircuitError)
      return new CircuitOpenError(this.parts.service, route.operationId, err);
    if (err instanceof TaskCancelledError) {
      return new ClientTimeoutError(
        { service: this.parts.service, operationId: route.operationId, method: route.method },
        'call',
        err.message || 'call timed out',
      );
    }
    return err;
  }
}
