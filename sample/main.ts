/**
 * `npm start`: the sample cluster — two user-service instances and an order service in micro mode,
 * finding each other by gossip on 127.0.0.1 (see cluster.ts). `node dist/sample/monolith.js` runs
 * both services in one process instead.
 */
import { runCluster } from './cluster';

runCluster().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
