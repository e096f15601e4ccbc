/**
 * What a constructor parameter typed as another service's @Contract receives: the local implementation
 * when this App serves it (monolith), otherwise a typed client — balanced over the gossip registry in
 * micro mode, or pointed at a fixed base URL from the environment (go-doudou's `USERSVC=http://…`).
 * So the same service code runs as a monolith or as microservices.
 */
import type { Config } from './config';
import type { Container, Token } from './container';
import { closeClient, createClient, type InstanceSource } from './client';
import { describeService, isContract } from './decorators';
import { ConfigError } from './errors';
import type { Class } from './decorators/class-type';

/** Retries of injected clients: GDD_RETRY_COUNT when set above 0, else go-doudou's client-proxy default of 3. */
const DEFAULT_RETRIES = 3;

export interface ContractClientsOptions {
  config: Config;
  container: Container;
  /** The classes this App serves. */
  served: readonly Class[];
  /** The gossip registry in micro mode. */
  instances?: InstanceSource;
  /** Where `<SERVICE>` base-URL variables are read from. */
  env: NodeJS.ProcessEnv;
}

/** The environment variable naming a fixed base URL for a service: `usersvc` → `USERSVC`. */
export function baseUrlVariable(service: string): string {
  return service.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

export class ContractClients {
  private readonly clients: object[] = [];
  /** Contract tokens answered with a client (the service runs elsewhere). */
  private readonly remote = new Set<Token>();

  constructor(private readonly options: ContractClientsOptions) {}

  /** A container fallback: answers contract tokens, declines everything else. */
  resolve(token: Token, requestedBy: Class | undefined): unknown {
    if (typeof token !== 'function' || !isContract(token)) return undefined;
    const { container, served, instances, env, config } = this.options;
    const local = served.find((cls) => cls === token || cls.prototype instanceof token);
    if (local) return container.get(local as Token<object>);

    const service = describeService(token).name;
    const retryCount = config.client.retryCount > 0 ? config.client.retryCount : DEFAULT_RETRIES;
    // services of one deployment share GDD_JSON_CASE; a contract's own jsonCase wins over it
    const jsonCase = config.http.jsonCase;
    const variable = baseUrlVariable(service);
    const baseUrl = env[variable];
    let client: object;
    if (baseUrl) client = createClient(token as abstract new () => object, { baseUrl, retryCount, jsonCase });
    else if (instances)
      client = createClient(token as abstract new () => object, { instances, service, balancer: 'smooth-weighted', retryCount, jsonCase });
    else {
      throw new ConfigError(
        'NO_PROVIDER',
        `${requestedBy?.name ?? 'the app'} needs ${token.name} (service ${service}), which this App does not serve: ` +
          `serve its implementation here, set ${variable}=http://host:port, or run in micro mode (GDD_MODE=micro)`,
      );
    }
    this.clients.push(client);
    this.remote.add(token);
    return client;
  }

  /** Was `token` answered with a typed client (rather than a local implementation)? */
  isRemote(token: Token): boolean {
    return this.remote.has(token);
  }

  /** Releases the clients' keep-alive connections. */
  close(): void {
    for (const client of this.clients.splice(0)) closeClient(client);
  }
}
