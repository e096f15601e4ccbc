/**
 * The performance goals, checked on one run's rows (same-run ratios only):
 *  - stack (every default, access log at info) ≥ 0.85× bare Koa on every shape;
 *  - stack-nolog ≥ 0.95× bare Koa on every shape;
 *  - stack ahead of nest-defaults (NestJS on Fastify doing the same default work) on every shape;
 *  - stack's p99 at the run's connection count ≤ 1.5× Koa's.
 */
import type { ShapeName } from './shapes';
import type { TargetName } from './targets';

export interface ResultRow {
  shape: ShapeName;
  target: TargetName;
  rps: number;
  /** Median over rounds of rps ÷ the baseline's rps in the same round. */
  vsKoa?: number;
  vsNode?: number;
  vsNestDefaults?: number;
  p50ms: number;
  p99ms: number;
  /** Median over rounds of p99 ÷ Koa's p99 in the same round. */
  p99VsKoa?: number;
  /** Server CPU time per request (µs): what the work costs, whatever else runs on the machine. */
  cpuMicrosPerRequest: number;
  /** Median share of its core the load generator used (near 1: wrk was the limit, not the server). */
  generatorCpuShare: number;
  /** Lines the target wrote to stdout per request (1 for targets with an access line). */
  logLinesPerRequest: number;
  errors: number;
  non2xx: number;
  rounds: number[];
}

export interface GoalCheck {
  goal: string;
  shape: ShapeName;
  value: number | undefined;
  pass: boolean;
}

function row(rows: readonly ResultRow[], shape: ShapeName, target: TargetName): ResultRow | undefined {
  return rows.find((r) => r.shape === shape && r.target === target);
}

export function checkGoals(rows: readonly ResultRow[], shapes: readonly ShapeName[]): GoalCheck[] {
  const checks: GoalCheck[] = [];
  const add = (goal: string, shape: ShapeName, value: number | undefined, pass: (v: number) => boolean): void => {
    checks.push({ goal, shape, value, pass: value !== undefined && pass(value) });
  };
  for (const shape of shapes) {
    const stack = row(rows, shape, 'stack');
    const nolog = row(rows, shape, 'stack-nolog');
    if (stack?.vsKoa !== undefined) add('stack ≥ 0.85× koa', shape, stack.vsKoa, (v) => v >= 0.85);
    if (nolog?.vsKoa !== undefined) add('stack-nolog ≥ 0.95× koa', shape, nolog.vsKoa, (v) => v >= 0.95);
    if (stack?.vsNestDefaults !== undefined) add('stack > nest-defaults', shape, stack.vsNestDefaults, (v) => v > 1);
    if (stack?.p99VsKoa !== undefined) add('stack p99 ≤ 1.5× koa p99', shape, stack.p99VsKoa, (v) => v <= 1.5);
  }
  return checks;
}
