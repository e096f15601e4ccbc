/** Raw node:http: the floor. Parses the id and the query by hand, stringifies with JSON.stringify. */
import type * as http from 'node:http';
import { HELLO, benchUser } from '../shapes';
import { listenOn, optionalBoolean, positiveInteger } from './listen';
import type { RunningTarget } from './running-target';

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readText(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const USER_PATH = /^\/users\/([^/?]+)(?:\?(.*))?$/;

export function startNode(): Promise<RunningTarget> {
  return listenOn((req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url === '/hello') return send(res, 200, JSON.stringify(HELLO));
    if (req.method === 'POST' && url === '/echo') {
      readText(req).then(
        (text) => send(res, 200, JSON.stringify(JSON.parse(text))),
        () => send(res, 400, '{}'),
      );
      return;
    }
    const m = req.method === 'GET' ? USER_PATH.exec(url) : null;
    if (m) {
      const id = positiveInteger(m[1]);
      const verbose = optionalBoolean(new URLSearchParams(m[2] ?? '').get('verbose') ?? undefined);
      if (id === undefined || verbose === 'bad') return send(res, 400, '{}');
      return send(res, 200, JSON.stringify(benchUser(id, verbose === true)));
    }
    send(res, 404, '{}');
  });
}
