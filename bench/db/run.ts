/**
 * DAO benchmark: what `db.dao(Entity)` costs over calling the driver directly, for get-by-id and for a page
 * with a filter (count + select), measured in ONE run against raw mysql2 / pg on the same server and table
 * (absolute numbers drift on shared machines; the ratios are what we compare). Both sides use bound
 * parameters (server-side prepared statements on MySQL) and a pool of the same size; rounds rotate the order.
 *
 * Usage: `node dist/bench/db/run.js [--seconds 2] [--rounds 3] [--concurrency 8] [--rows 2000]
 *   [--drivers mysql,postgres] [--out bench/results/db.json | --out none]`. Defaults take about 2 minutes.
 * Servers that do not answer are skipped with a note.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Column, Database, Index, Table, syncSchema } from '../../lib';
import { median, option, positive } from '../support/cli-options';
import { createBenchSchema, reachable, type BenchDriver, type RawDriver } from './throwaway-schema';

@Table('bench_users')
@Index(['age'])
class BenchUser {
  @Column({ pk: true, auto: true }) id!: number;
  @Column({ length: 64 }) name!: string;
  @Column({ length: 120 }) email!: string;
  @Column() age!: number;
  @Column({ defaultNow: true }) createdAt!: Date;
}

const PAGE_SIZE = 20;
const MIN_AGE = 30;

interface Scenario {
  name: string;
  /** One operation; `i` picks the row or page. */
  run(i: number): Promise<unknown>;
}

/** Operations completed per second with `concurrency` in flight for `seconds`. */
async function throughput(s: Scenario, seconds: number, concurrency: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      await s.run(next++);
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - start) / 1000);
}

function scenarios(db: Database, raw: RawDriver, driver: BenchDriver, rows: number): Record<string, { raw: Scenario; dao: Scenario }> {
  const users = db.dao(BenchUser);
  const param = (n: number): string => (driver === 'postgres' ? `$${n}` : '?');
  const pages = Math.max(1, Math.floor(rows / 2 / PAGE_SIZE));
  return {
    'get by id': {
      raw: { name: 'raw', run: (i) => raw.query(`select * from bench_users where id = ${param(1)} limit 1`, [(i % rows) + 1]) },
      dao: { name: 'dao', run: (i) => users.get((i % rows) + 1) },
    },
    'page (filter, count + 20 rows)': {
      raw: {
        name: 'raw',
        run: (i) =>
          Promise.all([
            raw.query(`select count(*) as n from bench_users where age >= ${param(1)}`, [MIN_AGE]),
            raw.query(
              `select * from bench_users where age >= ${param(1)} order by id asc limit ${PAGE_SIZE} offset ${(i % pages) * PAGE_SIZE}`,
              [MIN_AGE],
            ),
          ]),
      },
      dao: { name: 'dao', run: (i) => users.page({ page: (i % pages) + 1, size: PAGE_SIZE, where: { age: { gte: MIN_AGE } } }) },
    },
  };
}

async function benchDriver(driver: BenchDriver, o: { seconds: number; rounds: number; concurrency: number; rows: number }) {
  const schema = await createBenchSchema(driver);
  const db = new Database({ ...schema.config, pool: { ...schema.config.pool, maxOpen: o.concurrency } });
  const raw = await schema.raw(o.concurrency);
  try {
    await syncSchema(db, [BenchUser]);
    for (let start = 0; start < o.rows; start += 500) {
      const batch = Array.from({ length: Math.min(500, o.rows - start) }, (_, k) => {
        const n = start + k;
        return { name: `user ${n}`, email: `u${n}@example.com`, age: 18 + (n % 50) };
      });
      await db.dao(BenchUser).insertMany(batch);
    }
    const results = [];
    for (const [name, pair] of Object.entries(scenarios(db, raw, driver, o.rows))) {
      await throughput(pair.raw, 0.3, o.concurrency); // warm both: prepared statements, pool connections, JIT
      await throughput(pair.dao, 0.3, o.concurrency);
      const rawRps: number[] = [];
      const daoRps: number[] = [];
      const ratios: number[] = [];
      for (let r = 0; r < o.rounds; r++) {
        const order = r % 2 === 0 ? [pair.raw, pair.dao] : [pair.dao, pair.raw];
        const got: Record<string, number> = {};
        for (const s of order) got[s.name] = await throughput(s, o.seconds, o.concurrency);
        rawRps.push(got.raw!);
        daoRps.push(got.dao!);
        ratios.push(got.dao! / got.raw!);
      }
      const rawMedian = median(rawRps);
      const daoMedian = median(daoRps);
      results.push({
        driver,
        scenario: name,
        'raw ops/s': Math.round(rawMedian),
        'dao ops/s': Math.round(daoMedian),
        'dao vs raw': Number(median(ratios).toFixed(3)),
        // latency per operation at this concurrency, DAO minus raw: what a request waits longer
        'dao extra µs/op': Number(((o.concurrency * 1e6) / daoMedian - (o.concurrency * 1e6) / rawMedian).toFixed(1)),
      });
    }
    return results;
  } finally {
    await raw.close();
    await db.close();
    await schema.drop();
  }
}

async function main(): Promise<void> {
  const o = {
    seconds: positive('seconds', 'BENCH_SECONDS', 2),
    rounds: positive('rounds', 'BENCH_ROUNDS', 3),
    concurrency: positive('concurrency', 'BENCH_CONCURRENCY', 8),
    rows: positive('rows', 'BENCH_ROWS', 2000),
  };
  const out = option('out', 'BENCH_OUT', 'bench/results/db.json');
  const drivers = option('drivers', 'BENCH_DRIVERS', 'mysql,postgres')
    .split(',')
    .map((d) => d.trim()) as BenchDriver[];
  const rows = [];
  const skipped: string[] = [];
  for (const driver of drivers) {
    if (!(await reachable(driver))) {
      skipped.push(driver);
      console.log(`${driver}: no server on its default port, skipped`);
      continue;
    }
    rows.push(...(await benchDriver(driver, o)));
  }
  console.table(rows);
  if (out !== 'none') {
    const result = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, ...o, skipped, results: rows };
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${out}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
