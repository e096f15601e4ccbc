/**
 * Boot of a 200-route service, per stage, each run in a fresh process (nothing compiled or cached from
 * a previous run): descriptors (decorators → ServiceDescriptor), the OpenAPI document (built once, as
 * App builds it), the server (per route: router layer; validator and serializer queued, compile-queue.ts)
 * and listen — `total`, the time until requests are served — then `compiled`: from listen until the
 * background compilation of every validator and serializer is done (`all` = total + compiled). The routes are
 * what services have: a path parameter, optional query values, a JSON body on every other route, a DTO
 * answer of its own per route.
 *
 * Usage: `npm run build && node dist/bench/http/boot.js [--routes 200] [--runs 5] [--out bench/results/boot.json | none]`.
 * Prints the median per stage; under load, CPU milliseconds say more than wall milliseconds.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Body, Get, Path, Post, Prop, Query, Service } from '../../lib';
import { describeService } from '../../lib/decorators';
import { HttpServer } from '../../lib/http/server';
import { buildOpenApiDocument } from '../../lib/openapi';
import { median, option, positive } from '../support/cli-options';

type Stage = 'descriptors' | 'document' | 'server' | 'listen' | 'compiled';
type Timings = Record<Stage | 'total' | 'all', { wallMs: number; cpuMs: number }>;

/** A DTO class per route: routes of real services answer different shapes. */
function dto(i: number): new () => object {
  class Answer {}
  Object.defineProperty(Answer, 'name', { value: `Answer${i}` });
  for (const [prop, type, options] of [
    ['id', Number, { integer: true, minimum: 1 }],
    ['name', String, { minLength: 1 }],
    ['tags', Array, { items: String, optional: true }],
    [`field${i}`, Boolean, { optional: true }],
  ] as const) {
    Reflect.defineMetadata('design:type', type, Answer.prototype, prop);
    Prop(options as Parameters<typeof Prop>[0])(Answer.prototype, prop);
  }
  return Answer;
}

function serviceClass(routes: number): new () => object {
  class BootService {}
  const proto = BootService.prototype as unknown as Record<string, unknown>;
  for (let i = 0; i < routes; i++) {
    const name = i % 2 === 0 ? `getThing${i}` : `postThing${i}`;
    const answer = dto(i);
    proto[name] = function (id: number) {
      return { id, name: `thing ${id}` };
    };
    const post = i % 2 === 1;
    Reflect.defineMetadata('design:paramtypes', post ? [Number, String, Object] : [Number, String, Boolean], proto, name);
    Path('id', { integer: true, minimum: 1 })(proto, name, 0);
    Query('q', { optional: true, maxLength: 64 })(proto, name, 1);
    if (post) Body({ type: Object })(proto, name, 2);
    else Query('verbose', { optional: true })(proto, name, 2);
    const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
    (post ? Post(`/things${i}/:id`, { returns: answer }) : Get(`/things${i}/:id`, { returns: answer }))(proto, name, descriptor);
  }
  Service('bootsvc')(BootService);
  return BootService;
}

async function oneRun(routes: number): Promise<Timings> {
  const cls = serviceClass(routes);
  const t: Partial<Timings> = {};
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const first = { wall, cpu };
  const lap = (stage: Stage | 'total' | 'all', from = { wall, cpu }): void => {
    const c = process.cpuUsage(from.cpu);
    t[stage] = { wallMs: performance.now() - from.wall, cpuMs: (c.user + c.system) / 1000 };
    wall = performance.now();
    cpu = process.cpuUsage();
  };
  const descriptor = describeService(cls);
  lap('descriptors');
  const document = buildOpenApiDocument([descriptor], { title: 'bootsvc', version: '1.0.0', rootPath: '' });
  lap('document');
  const server = new HttpServer({ serviceName: 'bootsvc', openApi: () => document });
  server.mount(descriptor, new cls());
  lap('server');
  await server.listen({ host: '127.0.0.1', port: 0 });
  lap('listen');
  lap('total', first);
  const listened = { wall, cpu };
  await server.compiled();
  lap('compiled', listened);
  lap('all', first);
  await server.close({ graceMs: 0, drainMs: 0 });
  return t as Timings;
}

async function main(): Promise<void> {
  const routes = Math.round(positive('routes', 'BENCH_ROUTES', 200));
  if (process.argv.includes('--child')) {
    process.stdout.write(`${JSON.stringify(await oneRun(routes))}\n`);
    return;
  }
  const runs = Math.round(positive('runs', 'BENCH_RUNS', 5));
  const outOption = option('out', 'BENCH_OUT', 'bench/results/boot.json');
  const samples: Timings[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [__filename, '--child', '--routes', String(routes)], { encoding: 'utf8' });
    samples.push(JSON.parse(out.trim().split('\n').pop()!) as Timings);
  }
  const stages: Array<Stage | 'total' | 'all'> = ['descriptors', 'document', 'server', 'listen', 'total', 'compiled', 'all'];
  const result = Object.fromEntries(
    stages.map((s) => [
      s,
      { wallMs: round(median(samples.map((x) => x[s].wallMs))), cpuMs: round(median(samples.map((x) => x[s].cpuMs))) },
    ]),
  );
  console.log(`boot of a ${routes}-route service, median of ${runs} fresh processes (load average ${os.loadavg()[0]!.toFixed(2)}):`);
  for (const s of stages)
    console.log(`  ${s.padEnd(12)} ${result[s]!.wallMs.toFixed(1).padStart(7)} ms wall  ${result[s]!.cpuMs.toFixed(1).padStart(7)} ms CPU`);
  if (outOption !== 'none') {
    const file = path.resolve(process.cwd(), outOption);
    fs.writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadAverage: os.loadavg(), routes, runs, stages: result, samples }, null, 2)}\n`,
    );
    console.log(`written ${path.relative(process.cwd(), file)}`);
  }
}

const round = (x: number): number => Math.round(x * 10) / 10;

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
