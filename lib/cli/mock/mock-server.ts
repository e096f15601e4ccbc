/**
 * The mock server: the real HttpServer (so requests are routed, read and validated exactly as the service
 * would — 400 naming the field, 413, 415) mounted with one instance per service whose methods answer from
 * the OpenAPI document instead of running business code.
 */
import type { Context } from 'koa';
import type { oas30 } from 'openapi3-ts';
import type { Logger } from 'winston';
import type { ParamDescriptor, RouteDescriptor, ServiceDescriptor } from '../../decorators/descriptors';
import { FileResult } from '../../decorators/file-result';
import { RawAnswer } from '../../decorators/raw-answer';
import { HttpError } from '../../errors';
import { HttpServer, type ListeningAddress } from '../../http/server';
import { toOpenApiPath } from '../../openapi';
import { joinRoutePath } from '../../decorators/route-path';
import type { FakeData } from './fake-data';
import { gddState } from '../../http/request-state';
import { MockErrorCodes, type MockErrorCode } from './mock-errors';
import { declaredStatuses, mockAnswer, preferredExample, preferredStatus } from './mock-responses';

export interface MockServerOptions {
  services: readonly ServiceDescriptor[];
  /** The document answers come from (a project's own, or the one given with --from). */
  document: oas30.OpenAPIObject;
  /** Generates values for responses that have no example. */
  fake: FakeData;
  logger: Logger;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** `/pets/{pet-id}` and `/pets/:petId` → `/pets/{}`: how a route finds its operation. */
function pathKey(path: string): string {
  return toOpenApiPath(path).replace(/\{[^}]*\}/g, '{}');
}

function operationIndex(document: oas30.OpenAPIObject): Map<string, oas30.OperationObject> {
  const index = new Map<string, oas30.OperationObject>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as Method[]) {
      const op = (item as Record<Method, oas30.OperationObject | undefined>)[method];
      if (op !== undefined) index.set(`${method.toUpperCase()} ${pathKey(path)}`, op);
    }
  }
  return index;
}

/** The document's server path (`/api/v2`), which routes carry in their service root but document paths do not. */
function serverPath(document: oas30.OpenAPIObject): string {
  const url = document.servers?.[0]?.url ?? '';
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/\/+$/, '');
  return path === '/' ? '' : path;
}

/** The same routes, each also receiving the Koa context as an extra last argument. */
function withContextParam(descriptor: ServiceDescriptor): ServiceDescriptor {
  const routes = descriptor.routes.map((r): RouteDescriptor => {
    const index = r.params.reduce((max, p) => Math.max(max, p.index), -1) + 1;
    const ctx: ParamDescriptor = { index, name: '', in: 'context', schema: {}, required: false };
    return { ...r, params: [...r.params, ctx] };
  });
  return { ...descriptor, routes };
}

/** An error body `{ error: { requestId } }` (an example of the document: copied) gets this request's id, as the server's would. */
function withRequestId(body: unknown, requestId: string | undefined): unknown {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (requestId === undefined || error === null || typeof error !== 'object' || !('requestId' in error)) return body;
  return { ...(body as object), error: { ...error, requestId } };
}

function mockHandler(
  route: RouteDescriptor,
  op: oas30.OperationObject | undefined,
  options: MockServerOptions,
  salt: string,
): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    const ctx = args[args.length - 1] as Context;
    if (op === undefined)
      throw new HttpError<MockErrorCode>(
        MockErrorCodes.statusOf('MOCK_NO_OPERATION'),
        'MOCK_NO_OPERATION',
        `the document describes no ${route.method} ${route.path}`,
      );
    const preference = { status: preferredStatus(ctx.get('Prefer')), example: preferredExample(ctx.get('Prefer')) };
    const answer = await mockAnswer(options.document, op, preference, options.fake, salt);
    if (answer === undefined) {
      const example = preference.example !== undefined ? ` with an example named ${preference.example}` : '';
      throw new HttpError<MockErrorCode>(
        MockErrorCodes.statusOf('MOCK_NO_SUCH_RESPONSE'),
        'MOCK_NO_SUCH_RESPONSE',
        `${route.operationId} declares no ${preference.status ?? '2xx'} response${example} (declared: ${declaredStatuses(op).join(', ')})`,
      );
    }
    ctx.set('X-Mock', 'ts-doudou');
    const { status, contentType } = answer;
    answer.body = withRequestId(answer.body, gddState(ctx).requestId);
    // a download answering 2xx keeps its Content-Disposition; everything else goes out as the document has it
    if (route.response.file && status < 300 && status !== 204) {
      ctx.status = status;
      const bytes =
        answer.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(JSON.stringify(answer.body));
      return new FileResult(bytes, 'mock.bin', contentType);
    }
    if (answer.body === undefined) return new RawAnswer(status);
    if (Buffer.isBuffer(answer.body)) return new RawAnswer(status, answer.body, contentType);
    return new RawAnswer(status, JSON.stringify(answer.body), contentType ?? 'application/json; charset=utf-8');
  };
}

export class MockServer {
  readonly http: HttpServer;

  constructor(options: MockServerOptions) {
    this.http = new HttpServer({ logger: options.logger, openApi: () => options.document });
    const index = operationIndex(options.document);
    const prefix = serverPath(options.document);
    for (const original of options.services) {
      const descriptor = withContextParam(original);
      const instance: Record<string, unknown> = {};
      for (const route of descriptor.routes) {
        const full = joinRoutePath(descriptor.rootPath, route.path);
        const relative = prefix !== '' && full.startsWith(prefix) ? full.slice(prefix.length) || '/' : full;
        const op = index.get(`${route.method} ${pathKey(relative)}`) ?? index.get(`${route.method} ${pathKey(full)}`);
        instance[route.operationId] = mockHandler(route, op, options, `${route.method} ${full}`);
      }
      this.http.mount(descriptor, instance);
    }
  }

  listen(port: number, host: string): Promise<ListeningAddress> {
    return this.http.listen({ port, host });
  }

  close(): Promise<void> {
    return this.http.close({ graceMs: 1000 });
  }
}
