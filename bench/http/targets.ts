/**
 * The servers the HTTP benchmark compares, each answering the three shapes (shapes.ts) byte for byte the
 * same. Baselines: raw node:http, bare Koa + @koa/router + koa-body, bare Fastify, bare NestJS on Fastify.
 * Peer doing our default work: NestJS on Fastify with request id, access line, metrics (nest-defaults).
 * ts-doudou: `stack` (every default on, access log at info), `stack-nolog` (GDD_LOG_LEVEL=warn: no access
 * line), and one variant per switchable default for the per-default cost table.
 */
import { startFastify } from './targets/fastify';
import { startKoa } from './targets/koa';
import { startNest } from './targets/nest';
import { startNode } from './targets/node';
import type { RunningTarget } from './targets/running-target';
import { startStackApp } from './targets/stack';

export type { RunningTarget } from './targets/running-target';

/** GDD_* of each ts-doudou variant on top of an empty environment. */
export const STACK_VARIANTS = {
  stack: {},
  'stack-nolog': { GDD_LOG_LEVEL: 'warn' },
  'stack-nogzip': { GDD_ENABLE_RESPONSE_GZIP: 'false' },
  'stack-json-log': { GDD_LOG_FORMAT: 'json' },
} as const satisfies Record<string, Record<string, string>>;

export type StackVariant = keyof typeof STACK_VARIANTS;

const PEERS = {
  node: startNode,
  koa: startKoa,
  fastify: startFastify,
  nest: () => startNest({ defaults: false }),
  'nest-defaults': () => startNest({ defaults: true }),
} as const;

export type TargetName = keyof typeof PEERS | StackVariant;

export const TARGET_NAMES = [...Object.keys(PEERS), ...Object.keys(STACK_VARIANTS)] as TargetName[];

/** What `npm run bench` runs unless told otherwise. */
export const DEFAULT_TARGETS: readonly TargetName[] = [
  'node',
  'koa',
  'fastify',
  'nest',
  'nest-defaults',
  'stack',
  'stack-nolog',
  'stack-nogzip',
];

/** Targets whose stdout carries one access line per request (counted by the runner). */
export function logsPerRequest(name: TargetName): boolean {
  return name === 'nest-defaults' || name === 'stack' || name === 'stack-nogzip' || name === 'stack-json-log';
}

export function isTargetName(name: string): name is TargetName {
  return (TARGET_NAMES as string[]).includes(name);
}

/** Starts one target on 127.0.0.1. */
export function startTarget(name: TargetName): Promise<RunningTarget> {
  if (name in STACK_VARIANTS) return startStackApp(STACK_VARIANTS[name as StackVariant]);
  return PEERS[name as keyof typeof PEERS]();
}
