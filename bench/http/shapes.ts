/**
 * The three request shapes every HTTP benchmark target answers, byte for byte the same:
 *
 *   hello   GET  /hello                    → `{"message":"hello, world"}`
 *   echo    POST /echo, a 1.1 KB JSON body → the same JSON back
 *   user    GET  /users/42?verbose=true    → one user; an integer path param and an optional boolean query
 *
 * The GETs send `Accept-Encoding: gzip, deflate, br` as browsers, got and axios do, so a server that
 * compresses has to negotiate (their answers stay under the 1 KiB threshold: identity). The echo sends
 * none: its answer is above the threshold, and compressing it would be other work than the peers do.
 */

export type ShapeName = 'hello' | 'echo' | 'user';

export interface Shape {
  name: ShapeName;
  /** As the tables print it. */
  label: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
}

export interface BenchUser {
  id: number;
  name: string;
  email: string;
  bio?: string;
}

/** What GET /hello answers. */
export const HELLO = Object.freeze({ message: 'hello, world' });

/** The user GET /users/:id answers: with `verbose=true` it also has a bio. */
export function benchUser(id: number, verbose: boolean): BenchUser {
  const user: BenchUser = { id, name: `user ${id}`, email: `user${id}@example.com` };
  if (verbose) user.bio = `User ${id} joined in ${2000 + (id % 25)} and likes benchmarks.`;
  return user;
}

/** A 1.1 KB order-like document: nested objects, an array, numbers, booleans and strings. */
function echoDocument(): Record<string, unknown> {
  const lines = [];
  for (let i = 1; i <= 10; i++)
    lines.push({ sku: `SKU-${1000 + i}`, title: `Item number ${i}`, quantity: i, price: 9.5 * i, gift: i % 3 === 0 });
  return {
    orderId: 'ord_2f1c8a7e',
    customer: { id: 4711, name: 'Ada Lovelace', email: 'ada@example.com', tags: ['vip', 'newsletter'] },
    lines,
    shipping: { street: '12 Analytical Engine Road', city: 'London', zip: 'N1 9GU', country: 'GB' },
    note: 'Please ring twice; leave the parcel with the neighbour if nobody answers.',
    paid: true,
  };
}

export const ECHO_BODY = JSON.stringify(echoDocument());

const ACCEPT_ENCODING = 'gzip, deflate, br';

const SHAPE_LIST: Shape[] = [
  { name: 'hello', label: 'GET /hello', method: 'GET', path: '/hello', headers: { 'accept-encoding': ACCEPT_ENCODING } },
  {
    name: 'echo',
    label: 'POST /echo (1.1 KB JSON)',
    method: 'POST',
    path: '/echo',
    headers: { 'content-type': 'application/json' },
    body: ECHO_BODY,
  },
  {
    name: 'user',
    label: 'GET /users/:id?verbose=true',
    method: 'GET',
    path: '/users/42?verbose=true',
    headers: { 'accept-encoding': ACCEPT_ENCODING },
  },
];

export const SHAPES: readonly Shape[] = Object.freeze(SHAPE_LIST);

export const SHAPE_NAMES: readonly ShapeName[] = SHAPES.map((s) => s.name);

/** The body every target must answer for a shape (checked before measuring). */
export function expectedBody(shape: Shape): string {
  switch (shape.name) {
    case 'hello':
      return JSON.stringify(HELLO);
    case 'echo':
      return ECHO_BODY;
    case 'user':
      return JSON.stringify(benchUser(42, true));
  }
}
