/**
 * The public surface: exactly these names can be imported from the package's three entry points, and
 * README.md's API reference documents each of them. Adding or removing an export means editing this
 * list on purpose.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = process.cwd();

/** A list of names, one or more per line; `// …` lines are headings. */
function words(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .flatMap((line) => line.trim().split(/\s+/))
    .filter(Boolean);
}

const PUBLIC: Readonly<Record<string, { file: string; names: readonly string[] }>> = {
  'ts-doudou': {
    file: 'lib/index.ts',
    names: words(`
      // the App and its container
      App AppOptions ProviderDefinition CONFIG LOGGER METRICS_REGISTRY HealthIndicator HealthCheck HealthReport OnShutdown OnStart
      Inject Injectable InjectionToken Token
      ListeningAddress Config DeepPartial Logger
      // declaring services
      Service Contract Get Post Put Patch Delete Path Query Header Body Form UploadedFile
      Ctx Prop FileResult DeclaredError describeService UploadedFileInfo ServiceOptions RouteOptions ErrorResponseOptions ParamOptions
      PropOptions SchemaOptions UploadedFileOptions TypeSpec EnumSpec JsonCase DescribeOptions ServiceDescriptor RouteDescriptor
      ParamDescriptor ResponseDescriptor ErrorResponseDescriptor JsonSchema Context Middleware Next
      // errors
      DoudouError HttpError ValidationError FieldError ConfigError InvalidConfigError ConfigIssue HttpErrorCodes HttpErrorCode
      ConfigErrorCodes ConfigErrorCode RegistryError NodeMetaTooLargeError PortInUseError
      // typed clients
      createClient withContext closeClient StaticInstances defaultClientPolicy noPolicy RemoteHttpError
      RemoteUnavailableError NoInstanceError CircuitOpenError ClientTimeoutError BadResponseError
      InvalidArgumentError ClientErrorCodes ClientErrorCode ClientConfigError DeclaredHttpError declaredErrorGuard UPSTREAM_ERRORS Client ClientOptions ClientPolicy
      ClientPolicyOptions BreakerOptions InstanceSource ServiceInstance Balancer BalancerName Transport
      TransportOptions AttemptRequest CallTarget RawResponse FileArgument FileData
      // request context and tracing
      activeSpan currentRequestContext runWithRequestContext RequestContext
      // bulkhead and rate limiting
      bulkhead rateLimit MemoryRateLimiter RedisRateLimiter parseLimit perSecond perMinute perHour
      perDay TooManyRequestsError RateLimiterUnavailableError InvalidRateLimitError InvalidRateCostError RedisRateLimiterError
      ResilienceErrorCodes ResilienceConfigError BulkheadOptions BulkheadMiddleware BulkheadStats RateLimitOptions Limit
      RateLimiter RateDecision MemoryRateLimiterOptions MemoryRateLimiterStats RedisRateLimiterOptions
      RedisRateLimiterStats
      // data
      Table Column Index ForeignKey Database syncSchema reverseSchema sql DataErrorCodes DataError DatabaseError
      DataConfigError DataConfigErrorCodes DataConfigErrorCode
      DatabaseUnavailableError DuplicateKeyError ForeignKeyViolationError MissingValueError TransactionConflictError
      ColumnOptions TableOptions IndexOptions ForeignKeyOptions ForeignKeyRule DatabaseOptions DynamicSchema SyncOptions
      SyncResult DdlStatement SchemaChange ReverseOptions DataErrorCode Dao TransactionContext DataContext TransactionOptions
      IsolationLevel Row InsertRow Changes Where Condition OrderBy FindOptions PageRequest Page Key UpsertOptions RowLock FieldName
    `),
  },
  'ts-doudou/discovery': {
    file: 'lib/discovery/standalone.ts',
    names: words(`
      GossipNode GossipNodeOptions GossipNodeStats SendUserOptions GossipProfile DEFAULT_GOSSIP_PORT
      META_MAX_SIZE GossipEvent GossipNodeEventMap UserMessageEvent NameConflict GossipError GossipNodeError
      GossipNodeErrorCode JoinFailedError InvalidGossipOptionError MetaTooLargeError TransportError MemberInfo MembershipEventType NodeAddress NodeState
      TransportStats ServiceRegistry ServiceRegistryOptions ServiceRegistryStats RegistryChange
      RegistryInstance InstanceState
    `),
  },
  'ts-doudou/testing': {
    file: 'lib/discovery/sim/index.ts',
    names: words(`
      Simulation SimulationOptions SimNode ObservedEvent NetworkModel uniformLatency LatencyModel
      Partition SwimOptions SwimProfile MemberInfo MembershipEventType
    `),
  },
};

/** Every name a module exports, values and types alike, as the TypeScript checker sees them. */
function exportedNames(files: readonly string[]): Map<string, string[]> {
  const program = ts.createProgram(
    files.map((f) => path.join(root, f)),
    { experimentalDecorators: true, emitDecoratorMetadata: true, strict: true, noEmit: true, esModuleInterop: true, types: ['node'] },
  );
  const checker = program.getTypeChecker();
  const result = new Map<string, string[]>();
  for (const file of files) {
    const source = program.getSourceFile(path.join(root, file));
    assert.ok(source, `${file} not found`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    assert.ok(moduleSymbol, `${file} is not a module`);
    result.set(
      file,
      checker.getExportsOfModule(moduleSymbol).map((s) => s.name),
    );
  }
  return result;
}

describe('the public surface (lib/index.ts and the subpath entries)', function () {
  this.timeout(60_000);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const reference = readme.slice(readme.indexOf('## API reference'));
  let exported: Map<string, string[]>;

  before(() => {
    exported = exportedNames(Object.values(PUBLIC).map((e) => e.file));
  });

  it('has an entry here for every import path the package exports', () => {
    const paths = Object.keys(pkg.exports)
      .filter((p) => p !== './package.json')
      .map((p) => (p === '.' ? 'ts-doudou' : `ts-doudou/${p.slice(2)}`));
    assert.deepEqual(paths.sort(), Object.keys(PUBLIC).sort());
    for (const [specifier, { file }] of Object.entries(PUBLIC)) {
      const key = specifier === 'ts-doudou' ? '.' : `./${specifier.slice('ts-doudou/'.length)}`;
      const target = JSON.stringify(pkg.exports[key]);
      assert.ok(target.includes(`./dist/${file.replace(/\.ts$/, '.js')}`), `${key} should point at ${file}: ${target}`);
    }
  });

  for (const [specifier, { file, names }] of Object.entries(PUBLIC)) {
    it(`exports exactly the listed names from ${specifier}`, () => {
      const actual = [...(exported.get(file) ?? [])].sort();
      assert.deepEqual(actual, [...names].sort());
    });

    it(`documents every name of ${specifier} in the README's API reference`, () => {
      const missing = names.filter((n) => !reference.includes(`\`${n}\``) && !new RegExp(`\`${n}[(<.[ ]`).test(reference));
      assert.deepEqual(missing, []);
    });
  }

  it("imports in the README's examples only what the entry points export", () => {
    const imports = [...readme.matchAll(/import \{([^}]+)\} from '(ts-doudou[^']*)'/g)];
    assert.ok(imports.length >= 4, 'the README has import examples');
    for (const [, list, specifier] of imports) {
      const entry = PUBLIC[specifier];
      assert.ok(entry, `README imports from ${specifier}, which the package does not export`);
      for (const name of list
        .split(',')
        .map((n) => n.trim().replace(/^type /, ''))
        .filter(Boolean)) {
        assert.ok(entry.names.includes(name), `README imports ${name} from ${specifier}, which does not export it`);
      }
    }
  });

  it('loads at run time without its internals: formatUptime, renderConfigTable, osCpuIdleSampler are not there', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = require(path.join(root, 'dist/lib/index.js')) as Record<string, unknown>;
    for (const internal of ['formatUptime', 'registryView', 'renderConfigTable', 'normaliseBaseUrl', 'osCpuIdleSampler', 'GossipNode']) {
      assert.equal(main[internal], undefined, internal);
    }
    assert.equal(typeof main.App, 'function');
  });
});
