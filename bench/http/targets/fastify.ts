/** Bare Fastify 5 as its documentation shows: JSON Schemas for params, query and responses (ajv + fast-json-stringify). */
import Fastify from 'fastify';
import { HELLO, benchUser } from '../shapes';
import type { RunningTarget } from './running-target';

const USER_SCHEMA = {
  type: 'object',
  properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' }, bio: { type: 'string' } },
  required: ['id', 'name', 'email'],
} as const;

export async function startFastify(): Promise<RunningTarget> {
  const app = Fastify({ logger: false });
  app.get('/hello', { schema: { response: { 200: { type: 'object', properties: { message: { type: 'string' } } } } } }, () => HELLO);
  app.post('/echo', (request) => request.body);
  app.get<{ Params: { id: number }; Querystring: { verbose?: boolean } }>(
    '/users/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
        querystring: { type: 'object', properties: { verbose: { type: 'boolean' } } },
        response: { 200: USER_SCHEMA },
      },
    },
    (request) => benchUser(request.params.id, request.query.verbose === true),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  return { port: address.port, close: () => app.close() };
}
