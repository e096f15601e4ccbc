/**
 * Child-process entry of one benchmark target: `node dist/bench/http/serve.js <target>`. Listens, tells the
 * parent its port over IPC, answers CPU-usage requests (so every sample knows the server's CPU time per
 * request), records a CPU profile between two commands (profile.ts) and stops when told. Its stdout is
 * whatever the target logs.
 */
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import { isTargetName, startTarget } from './targets';

export type ToTarget =
  { cmd: 'cpu' } | { cmd: 'stop' } | { cmd: 'profile-start'; intervalMicros: number } | { cmd: 'profile-stop'; file: string };
export type FromTarget = { port: number } | { cpuMicros: number } | { done: true };

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))));
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  if (!isTargetName(name)) throw new Error(`unknown target '${name}'`);
  const target = await startTarget(name);
  const session = new Session();
  const reply = (m: FromTarget): void => void process.send?.(m);
  process.on('message', (m: ToTarget) => {
    switch (m.cmd) {
      case 'cpu': {
        const u = process.cpuUsage();
        reply({ cpuMicros: u.user + u.system });
        break;
      }
      case 'profile-start':
        session.connect();
        void post(session, 'Profiler.enable')
          .then(() => post(session, 'Profiler.setSamplingInterval', { interval: m.intervalMicros }))
          .then(() => post(session, 'Profiler.start'))
          .then(() => reply({ done: true }));
        break;
      case 'profile-stop':
        void post<{ profile: unknown }>(session, 'Profiler.stop').then(({ profile }) => {
          fs.writeFileSync(m.file, JSON.stringify(profile));
          session.disconnect();
          reply({ done: true });
        });
        break;
      case 'stop':
        void target.close().then(() => process.exit(0));
        break;
    }
  });
  reply({ port: target.port });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
