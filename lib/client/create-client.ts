/**
 * `createClient(Contract, options)`: a typed client built from the same descriptors the server mounts, so
 * the two cannot disagree. One method per route, named by operationId, with the contract's signature —
 * except that file parameters also accept Buffers, Blobs, streams and `{ data, fileName }` (see
 * file-argument.ts), and every method returns a Promise.
 */
import { describeService } from '../decorators/describe';
import type { ServiceDescriptor } from '../decorators/descriptors';
import type { JsonCase } from '../decorators/json-case';
import type { UploadedFileInfo } from '../decorators/uploaded-file';
import { resolveBalancer, type Balancer, type BalancerName } from './balancer';
import type { CallContext } from './call-context';
import { ClientCore } from './client-core';
import { defaultClientPolicy, type ClientPolicy, type ClientPolicyOptions } from './client-policy';
import type { FileArgument } from './file-argument';
import { GotTransport } from './got-transport';
import { NodeHttpTransport } from './node-http-transport';
import type { Transport, TransportOptions } from './transport';
import { FixedBaseUrl, type InstanceSource } from './instances';
import { ClientConfigError } from './client-config-errors';

export interface ClientOptions extends ClientPolicyOptions, TransportOptions {
  /** One fixed base URL (monolith, env var, a load balancer in front), including any route root path. */
  baseUrl?: string;
  /** Where instances come from (the gossip registry, StaticInstances). Give this or `baseUrl`. */
  instances?: InstanceSource;
  /** Name to look up in `instances`. Default: the contract's service name (`@Contract('usersvc')`). */
  service?: string;
  /** Default 'round-robin'. */
  balancer?: BalancerName | Balancer;
  /** Replaces the default policy (breaker → timeout → retry) entirely; `noPolicy()` for none. The options
   *  retryCount/timeoutMs/breaker then do nothing. */
  policy?: ClientPolicy;
  /** 'node' (default: node:http, keep-alive), 'got' (got 11), or your own Transport. */
  transport?: 'node' | 'got' | Transport;
  /** After a connection failure (refused, reset, unreachable) skip that instance for this long while other
   *  instances exist — until the registry notices it is gone. Default 2000 ms; 0 switches it off. */
  ejectMs?: number;
  /** The JSON key case of the service, when its contract does not say (`@Contract({ jsonCase })`). Default 'lowerCamel'. */
  jsonCase?: JsonCase;
}

type ClientArg<A> = A extends UploadedFileInfo ? FileArgument : A extends readonly UploadedFileInfo[] ? readonly FileArgument[] : A;
type ClientArgs<P extends readonly unknown[]> = { [I in keyof P]: ClientArg<P[I]> };

/** The client of a contract T: T's methods, file parameters widened, results always Promises. */
export type Client<T> = {
  [K in keyof T]: T[K] extends (...args: infer P) => infer R ? (...args: ClientArgs<P>) => Promise<Awaited<R>> : T[K];
};

interface ClientHandle {
  core: ClientCore;
  context?: CallContext;
}

const handles = new WeakMap<object, ClientHandle>();

function buildClient<T>(core: ClientCore, context: CallContext | undefined): Client<T> {
  const client: Record<string, unknown> = {};
  for (const compiled of core.routes.values()) {
    const method = (...args: unknown[]): Promise<unknown> => core.call(compiled, args, context);
    Object.defineProperty(method, 'name', { value: compiled.route.operationId });
    client[compiled.route.operationId] = method;
  }
  Object.freeze(client);
  handles.set(client, { core, context });
  return client as Client<T>;
}

function handleOf(client: object, what: string): ClientHandle {
  const handle = handles.get(client);
  if (!handle) throw new ClientConfigError('NOT_A_CLIENT', `${what}: not a client made by createClient()`);
  return handle;
}

function resolveTransport(options: ClientOptions): Transport {
  const t = options.transport ?? 'node';
  if (t === 'node') return new NodeHttpTransport(options);
  if (t === 'got') return new GotTransport(options);
  if (typeof t === 'object' && typeof t.send === 'function' && typeof t.close === 'function') return t;
  throw new ClientConfigError(
    'UNKNOWN_TRANSPORT',
    `unknown transport '${String(t)}' (expected 'node', 'got' or an object with send() and close())`,
  );
}

/**
 * A typed client for `contract` (a class decorated with @Contract or @Service, or its descriptor).
 * Throws ClientConfigError for contradicting or missing options and ConfigError for a broken contract.
 */
export function createClient<T extends object>(
  contract: (abstract new (...args: never[]) => T) | ServiceDescriptor,
  options: ClientOptions,
): Client<T> {
  const descriptor = typeof contract === 'function' ? describeService(contract, { jsonCase: options.jsonCase }) : contract;
  if (options.baseUrl !== undefined && options.instances !== undefined) {
    throw new ClientConfigError('INVALID_INSTANCE_SOURCE', `createClient(${descriptor.name}): give either baseUrl or instances, not both`);
  }
  const source = options.instances ?? (options.baseUrl !== undefined ? new FixedBaseUrl(options.baseUrl) : undefined);
  if (!source) throw new ClientConfigError('INVALID_INSTANCE_SOURCE', `createClient(${descriptor.name}): give baseUrl or instances`);
  const core = new ClientCore({
    descriptor,
    service: options.service ?? descriptor.name,
    source,
    balancer: resolveBalancer(options.balancer),
    policy: options.policy ?? defaultClientPolicy(options),
    transport: resolveTransport(options),
    ejectMs: options.ejectMs ?? 2000,
  });
  return buildClient<T>(core, undefined);
}

/**
 * A view of `client` whose calls carry `context` (X-Request-Id, extra headers). It shares the original's
 * instances, balancer, breaker and connections. Contexts of nested views merge, the newer winning.
 */
export function withContext<C extends object>(client: C, context: CallContext): C {
  const handle = handleOf(client, 'withContext');
  const merged: CallContext = {
    requestId: context.requestId ?? handle.context?.requestId,
    span: context.span ?? handle.context?.span,
    headers: { ...(handle.context?.headers ?? {}), ...(context.headers ?? {}) },
  };
  return buildClient<unknown>(handle.core, merged) as unknown as C;
}

/** Closes the client's keep-alive connections (all its views share them). Idle sockets never keep the
 *  process alive, so this is for tidy shutdowns. Calls made afterwards open new connections. */
export function closeClient(client: object): void {
  handleOf(client, 'closeClient').core.close();
}

/** The descriptor a client was built from. */
export function clientDescriptor(client: object): ServiceDescriptor {
  return handleOf(client, 'clientDescriptor').core.parts.descriptor;
}
