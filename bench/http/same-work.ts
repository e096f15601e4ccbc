/** Before anything is measured: every target answers every shape with status 200 and the same bytes. */
import * as http from 'node:http';
import { expectedBody, type Shape } from './shapes';
import type { TargetName } from './targets';

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function fetchShape(port: number, shape: Shape, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: shape.method, path: shape.path, headers: { ...shape.headers, ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(shape.body);
  });
}

/** Throws naming the target and shape when an answer differs, or when a target skipped work it claims to do. */
export async function checkSameWork(targets: ReadonlyArray<{ name: TargetName; port: number }>, shapes: readonly Shape[]): Promise<void> {
  for (const shape of shapes) {
    const expected = expectedBody(shape);
    for (const t of targets) {
      const a = await fetchShape(t.port, shape, { 'x-request-id': 'bench-check-1' });
      if (a.status !== 200 || a.body !== expected) {
        const cut = (text: string): string => (text.length > 160 ? `${text.slice(0, 160)}…` : text);
        throw new Error(
          `unfair benchmark: ${t.name} answered ${shape.label} with ${a.status} ${cut(a.body)}; expected 200 ${cut(expected)}`,
        );
      }
      const echoesId = a.headers['x-request-id'] === 'bench-check-1';
      if (t.name.startsWith('stack') && !(echoesId && a.headers['access-control-allow-origin'] && a.headers.vary)) {
        throw new Error(`${t.name} answered ${shape.label} without X-Request-Id / CORS / Vary: its defaults are not on`);
      }
      if (t.name === 'nest-defaults' && !echoesId) throw new Error(`nest-defaults answered ${shape.label} without echoing X-Request-Id`);
    }
  }
}
