/**
 * The files of a new service project (`doudou svc init`), as text. The code uses the public API only —
 * what a user would write — and the project runs at once: `npm install && npm start` serves it,
 * `npm test` passes over real HTTP.
 */
import { CONFIG_VARIABLES } from '../../config';

export interface ProjectNames {
  /** npm package and service name, e.g. `billing`. */
  service: string;
  /** Class-name stem, e.g. `Billing`. */
  pascal: string;
}

export interface ProjectVersions {
  /** The ts-doudou dependency: `file:/path/to/clone` or `^0.1.0`. */
  tsDoudou: string;
  typescript: string;
  mocha: string;
  typesMocha: string;
  typesNode: string;
}

export function packageJson(n: ProjectNames, v: ProjectVersions): string {
  const pkg = {
    name: n.service,
    version: '0.1.0',
    private: true,
    description: `The ${n.service} service (ts-doudou)`,
    main: 'dist/src/main.js',
    scripts: {
      build: 'tsc -p tsconfig.json',
      start: 'tsc -p tsconfig.json && node dist/src/main.js',
      dev: 'doudou svc run --watch',
      mock: 'doudou svc mock',
      test: "tsc -p tsconfig.json && mocha 'dist/test/**/*.spec.js'",
    },
    doudou: { contracts: ['dist/src/contract.js'] },
    engines: { node: '>=20' },
    dependencies: { 'ts-doudou': v.tsDoudou },
    devDependencies: { '@types/mocha': v.typesMocha, '@types/node': v.typesNode, mocha: v.mocha, typescript: v.typescript },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      strict: true,
      // decorators record routes and DTO fields; the metadata gives the types of fields and injected services
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      outDir: 'dist',
      rootDir: '.',
      sourceMap: true,
      // as `tsc --init` sets it: declaration files of dependencies are not re-checked on every build
      skipLibCheck: true,
      types: ['node', 'mocha'],
    },
    include: ['src/**/*.ts', 'test/**/*.ts'],
  },
  null,
  2,
)}\n`;

export function dtoTs(): string {
  return `import { Prop } from 'ts-doudou';

/** What a client sends to create an item. */
export class NewItem {
  @Prop({ minLength: 1, maxLength: 80 })
  name!: string;

  @Prop({ integer: true, minimum: 0, description: 'Price in cents' })
  priceCents!: number;
}

export class Item extends NewItem {
  @Prop({ integer: true, minimum: 1 })
  id!: number;

  @Prop({ format: 'date-time' })
  createdAt!: Date;
}
`;
}

export function contractTs(n: ProjectNames): string {
  return `import { Body, Contract, DeclaredError, Get, Path, Post } from 'ts-doudou';
import { Item, NewItem } from './dto';

/** getItem's 404, declared once: it is in the document, in the client's error union and in the mock. */
export const ItemNotFound = new DeclaredError({ status: 404, code: 'ITEM_NOT_FOUND', description: 'No item has this id' });

const notImplemented = (): never => {
  throw new Error('contract only: serve ${n.pascal}Service, or call it through a client');
};

/**
 * The ${n.service} contract: routes, validation and the OpenAPI document come from here. Other services
 * import this class (not the implementation) to get a typed client.
 */
@Contract({ name: '${n.service}', description: 'Items of the ${n.service} service' })
export class ${n.pascal}Contract {
  @Post('/items', { returns: Item, summary: 'Create an item' })
  async createItem(@Body() item: NewItem): Promise<Item> {
    return notImplemented();
  }

  @Get('/items/:id', { returns: Item, errors: [ItemNotFound], summary: 'Get one item' })
  async getItem(@Path('id', { integer: true, minimum: 1 }) id: number): Promise<Item> {
    return notImplemented();
  }
}
`;
}

export function serviceTs(n: ProjectNames): string {
  return `import { Service } from 'ts-doudou';
import { ${n.pascal}Contract, ItemNotFound } from './contract';
import { Item, NewItem } from './dto';

/** The implementation: business logic only; the contract says how it is called. */
@Service('${n.service}')
export class ${n.pascal}Service extends ${n.pascal}Contract {
  private readonly items = new Map<number, Item>();
  private nextId = 1;

  override async createItem(input: NewItem): Promise<Item> {
    const item: Item = { id: this.nextId++, name: input.name, priceCents: input.priceCents, createdAt: new Date() };
    this.items.set(item.id, item);
    return item;
  }

  override async getItem(id: number): Promise<Item> {
    const item = this.items.get(id);
    if (!item) throw ItemNotFound.error(\`no item with id \${id}\`);
    return item;
  }
}
`;
}

export const MAIN_TS = `/** Starts the service: GDD_* variables and .env configure it (port, mode, logging…). */
import { App } from 'ts-doudou';
import './service';

const app = new App();
app.listen().catch((err: unknown) => {
  app.logger.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
`;

export function testTs(n: ProjectNames): string {
  return `import { strict as assert } from 'node:assert';
import { App, closeClient, createClient, RemoteHttpError } from 'ts-doudou';
import { ${n.pascal}Contract, ItemNotFound } from '../src/contract';
import { ${n.pascal}Service } from '../src/service';

describe('${n.service}', function () {
  // starting the App can take longer than mocha's 2 s on a busy machine
  this.timeout(30_000);
  let app: App;
  let baseUrl: string;

  before(async () => {
    app = new App({
      services: [${n.pascal}Service],
      // a free port on loopback; no keep-alive drain window, so the test ends at once
      config: { http: { host: '127.0.0.1', port: 0, drainWindowMs: 0, graceTimeoutMs: 1000 }, banner: { enable: false }, log: { level: 'warn' } },
      handleSignals: false,
    });
    baseUrl = (await app.listen()).url;
  });
  after(() => app.close());

  it('creates an item and reads it back over HTTP, through the typed client', async () => {
    const client = createClient(${n.pascal}Contract, { baseUrl });
    try {
      const created = await client.createItem({ name: 'tea', priceCents: 350 });
      const read = await client.getItem(created.id);
      assert.equal(read.name, 'tea');
      assert.ok(read.createdAt instanceof Date);
      await assert.rejects(client.getItem(999), (err: unknown) => err instanceof RemoteHttpError && ItemNotFound.matches(err));
    } finally {
      closeClient(client); // its keep-alive connections
    }
  });

  it('answers 400 naming the field when the name is empty', async () => {
    const res = await fetch(\`\${baseUrl}/items\`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', priceCents: 1 }),
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /body\\.name/);
  });
});
`;
}

/** Every GDD_* variable, commented out with its default and meaning; GDD_SERVICE_NAME set. */
export function dotEnv(n: ProjectNames): string {
  const lines = ['# GDD_* configuration (the environment wins over this file). Uncomment to change a default.', ''];
  let group = '';
  for (const v of CONFIG_VARIABLES) {
    if (v.group !== group) {
      group = v.group;
      lines.push(`# --- ${group}`);
    }
    lines.push(`# ${v.description.replace(/\s+/g, ' ')}`);
    if (v.name === 'GDD_SERVICE_NAME') lines.push(`GDD_SERVICE_NAME=${n.service}`);
    else lines.push(`# ${v.name}=${v.secret ? '' : v.defaultText}`);
  }
  return `${lines.join('\n')}\n`;
}

export const GITIGNORE = 'node_modules/\ndist/\n*.log\n.env.local\n.env.*.local\n';

export const DOCKERIGNORE = 'node_modules\ndist\n.git\n*.log\n.env.local\n.env.*.local\n*_deployment.yaml\n*_statefulset.yaml\n';

export function dockerfile(n: ProjectNames): string {
  return `# ${n.service}: compile with dev dependencies, ship only runtime ones, run as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json* ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY test ./test
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production GDD_PORT=6060
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json .env ./
USER node
# 6060: HTTP; 7946: gossip (TCP and UDP) in micro mode
EXPOSE 6060 7946/tcp 7946/udp
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \\
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.GDD_PORT || 6060) + '/go-doudou/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/src/main.js"]
`;
}

export function readme(n: ProjectNames, dependencyNote: string): string {
  return `# ${n.service}

A [ts-doudou](https://www.npmjs.com/package/ts-doudou) service.

\`\`\`sh
npm install
npm start                 # http://localhost:6060/go-doudou/doc — the API docs
npm test                  # mocha over real HTTP
npm run dev               # doudou svc run --watch: rebuilt and restarted on every change
npm run mock              # doudou svc mock: the contract answered with fake data
\`\`\`

- \`src/contract.ts\` — the routes (other services import this to get a typed client)
- \`src/service.ts\` — the implementation; \`src/dto.ts\` — the DTOs; \`src/main.ts\` — start-up
- \`.env\` — every GDD_* variable with its default
- \`Dockerfile\` — \`npx doudou svc push -r <registry>\`, then \`npx doudou svc deploy\` (see \`npx doudou svc k8s --help\`)

ts-doudou dependency: ${dependencyNote}
`;
}
