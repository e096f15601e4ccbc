/**
 * The package as another project gets it: `npm pack` of this repository (which runs the `prepare`
 * build), `npm install` of the tarball into a throwaway project, tsc over that project's own code with
 * a default `tsc --init` config (plus the two decorator flags) and again without skipLibCheck, then the
 * compiled project started and serving a real HTTP request.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppProcess } from './support/app-process';
import { NO_DRAIN_ENV } from './support/no-drain';
import { copyRepository } from './support/repository-copy';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '../..');
const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

const CONSUMER_MAIN = `
import { App, Service, Get, Post, Body, Path, Query, Ctx, Prop, Inject, HttpError, type Context } from 'ts-doudou';
import type { GossipNodeOptions } from 'ts-doudou/discovery';
import { Simulation } from 'ts-doudou/testing';

class NewNote {
  @Prop({ minLength: 1 }) text!: string;
}
class Note {
  @Prop({ integer: true }) id!: number;
  @Prop() text!: string;
  @Prop() by!: string;
}

@Service('notesvc')
export class NoteService {
  private readonly notes: Note[] = [];
  constructor(@Inject('AUTHOR') private readonly author: string) {}

  @Post('/notes', { returns: Note })
  async createNote(@Body() input: NewNote): Promise<Note> {
    const note = { id: this.notes.length + 1, text: input.text, by: this.author };
    this.notes.push(note);
    return note;
  }

  @Get('/notes/:id', { returns: Note })
  async getNote(@Path('id', { integer: true }) id: number, @Ctx() ctx: Context, @Query('upper', { optional: true }) upper?: boolean): Promise<Note> {
    const note = this.notes[id - 1];
    if (!note) throw new HttpError(404, 'NOTE_NOT_FOUND', 'no note ' + id);
    ctx.set('X-Note', String(id));
    return upper ? { ...note, text: note.text.toUpperCase() } : note;
  }
}

const gossip: GossipNodeOptions = { name: 'typed-only' };
const simulation = new Simulation({ seed: 7 });
simulation.addNode('a');
const app = new App({ services: [NoteService], providers: [{ provide: 'AUTHOR', useValue: 'consumer' }] });
const { url } = await app.listen();
console.log('CONSUMER READY ' + url + ' ' + gossip.name + ' ' + simulation.all.length);
`;

interface PackResult {
  filename: string;
  files: Array<{ path: string }>;
}

describe('the npm package', function () {
  this.timeout(240_000);
  let work: string;
  let packed: PackResult;
  let consumer: string;
  let installLog: string;
  /** The project's own build (tsc -p tsconfig.json), run by whichever test needs it first. */
  let built: Promise<void> | undefined;
  const build = (): Promise<void> => (built ??= compile(consumer, 'tsconfig.json'));

  before(async function () {
    // `npm pack` runs the prepare build of the whole library, then the install resolves its dependencies:
    // minutes on a loaded 2-core machine, more than one test's allowance
    this.timeout(900_000);
    work = mkdtempSync(path.join(tmpdir(), 'tsd-package-'));
    // Pack a copy, so the `prepare` build runs for real without touching this checkout's dist/.
    const source = path.join(work, 'ts-doudou');
    copyRepository(source);
    const pack = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: source, maxBuffer: 64 * 1024 * 1024 });
    packed = (JSON.parse(pack.stdout) as PackResult[])[0];

    consumer = path.join(work, 'consumer');
    mkdirSync(path.join(consumer, 'src'), { recursive: true });
    writeFileSync(
      path.join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }),
    );
    writeFileSync(path.join(consumer, 'src', 'main.ts'), CONSUMER_MAIN);
    const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], {
      cwd: consumer,
      maxBuffer: 64 * 1024 * 1024,
    });
    installLog = install.stdout + install.stderr;
    // Exactly what `tsc --init` writes today, with the two flags the README asks for.
    await run(
      process.execPath,
      [tsc, '--init', '--experimentalDecorators', '--emitDecoratorMetadata', '--rootDir', 'src', '--outDir', 'dist'],
      {
        cwd: consumer,
      },
    );
  });

  after(() => {
    // retries: a build cut short by a failure may still be writing into the copy for a moment
    if (work) rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it('ships the built library, its sources and declarations, and none of spec/, bench/ or sample/', () => {
    const files = packed.files.map((f) => f.path);
    for (const needed of [
      'package.json',
      'README.md',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/discovery/sim/index.d.ts',
      'lib/index.ts',
    ]) {
      assert.ok(files.includes(needed), `${needed} missing from the tarball`);
    }
    const stray = files.filter((f) => /^(dist\/)?(spec|bench|sample)\//.test(f) || f.startsWith('scripts/') || f.endsWith('.tsbuildinfo'));
    assert.deepEqual(stray, []);
  });

  it('installs without any install script: neither its own nor one of a dependency (no @scarf/scarf telemetry)', () => {
    assert.doesNotMatch(installLog, /install.scripts?|postinstall|prepare/i, installLog);
    assert.equal(existsSync(path.join(consumer, 'node_modules', '@scarf')), false);
    const manifest = JSON.parse(readFileSync(path.join(consumer, 'node_modules', 'ts-doudou', 'package.json'), 'utf8')) as {
      scripts: object;
    };
    assert.equal('prepare' in manifest.scripts, false, 'the packed package.json has no prepare script');
  });

  it('type-checks a project under a default `tsc --init` config with the decorator flags', async () => {
    const config = readFileSync(path.join(consumer, 'tsconfig.json'), 'utf8');
    assert.match(config, /"verbatimModuleSyntax": true/);
    assert.match(config, /"module": "nodenext"/);
    await build();
  });

  it('type-checks the same project without skipLibCheck: the published declarations need nothing the package lacks', async () => {
    writeFileSync(
      path.join(consumer, 'tsconfig.strict.json'),
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: false, noEmit: true } }),
    );
    await compile(consumer, 'tsconfig.strict.json');
  });

  it('runs the compiled project and serves requests through it', async () => {
    await build();
    const proc = new AppProcess(path.join(consumer, 'dist', 'main.js'), NO_DRAIN_ENV);
    try {
      const [, url, name, nodes] = await proc.waitForLine(/CONSUMER READY (\S+) (\S+) (\d+)/, 30_000);
      assert.equal(name, 'typed-only');
      assert.equal(nodes, '1');
      const created = await fetch(`${url}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"text":"hi"}',
      });
      assert.equal(created.status, 200);
      assert.deepEqual(await created.json(), { id: 1, text: 'hi', by: 'consumer' });
      const read = await fetch(`${url}/notes/1?upper=true`);
      assert.equal(read.headers.get('x-note'), '1');
      assert.deepEqual(await read.json(), { id: 1, text: 'HI', by: 'consumer' });
      const invalid = await fetch(`${url}/notes/abc`);
      assert.equal(invalid.status, 400);
      proc.kill('SIGTERM');
      assert.equal(await proc.exited, 0);
    } finally {
      proc.kill();
    }
  });
});

async function compile(project: string, config: string): Promise<void> {
  try {
    await run(process.execPath, [tsc, '-p', config], { cwd: project });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    assert.fail(`tsc -p ${config} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
