/**
 * A hand-written ServiceDescriptor (plain data, no decorators) and its implementation, covering every
 * parameter location and result kind the HTTP layer handles.
 */
import type { Context } from 'koa';
import { Readable } from 'node:stream';
import * as fs from 'node:fs';
import type { ParamDescriptor, RouteDescriptor, ServiceDescriptor } from '../../../lib/decorators/descriptors';
import { FileResult } from '../../../lib/decorators/file-result';
import type { UploadedFileInfo } from '../../../lib/decorators/uploaded-file';
import { HttpError } from '../../../lib/errors';

export class PageQuery {
  page!: number;
}

function route(r: Partial<RouteDescriptor> & Pick<RouteDescriptor, 'operationId' | 'method' | 'path'>): RouteDescriptor {
  return { params: [], response: {}, errors: [], tags: ['usersvc'], ...r };
}

function p(
  index: number,
  name: string,
  where: ParamDescriptor['in'],
  schema: ParamDescriptor['schema'],
  extra: Partial<ParamDescriptor> = {},
): ParamDescriptor {
  return { index, name, in: where, schema, required: true, ...extra };
}

/** A free-form JSON object response: every property the handler returns is sent. */
const json = { schema: { type: 'object' } } as const;

export const usersDescriptor: ServiceDescriptor = {
  name: 'usersvc',
  rootPath: '',
  target: Object,
  schemas: {
    PageQuery: {
      type: 'object',
      properties: {
        page: { type: 'integer', minimum: 1 },
        size: { type: 'integer', maximum: 100, default: 20 },
        items: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
      },
      required: ['page'],
    },
    Item: { type: 'object', properties: { name: { type: 'string', minLength: 1 } }, required: ['name'] },
  },
  routes: [
    route({
      operationId: 'getUser',
      response: json,
      method: 'GET',
      path: '/users/:id',
      params: [
        p(0, 'id', 'path', { type: 'integer', minimum: 1 }, { coerce: 'integer' }),
        p(1, 'verbose', 'query', { type: 'boolean' }, { coerce: 'boolean', required: false }),
      ],
    }),
    route({
      operationId: 'listUsers',
      response: json,
      method: 'GET',
      path: '/users',
      params: [
        p(0, 'page', 'query', { type: 'integer', minimum: 1 }, { coerce: 'integer' }),
        p(1, 'size', 'query', { type: 'integer', maximum: 100 }, { coerce: 'integer', required: false }),
        p(2, 'tags', 'query', { type: 'array', items: { type: 'string' } }, { coerce: 'string', isArray: true, required: false }),
        p(3, 'since', 'query', { type: 'string', format: 'date-time' }, { coerce: 'date', required: false }),
        p(4, 'x-token', 'header', { type: 'string', minLength: 3 }, { coerce: 'string', required: false }),
        p(5, 'ratio', 'query', { type: 'number' }, { coerce: 'number', required: false }),
      ],
    }),
    route({
      operationId: 'pageUsers',
      response: json,
      method: 'POST',
      path: '/page/users',
      bodyType: 'application/json',
      params: [p(0, '', 'body', { $ref: '#/components/schemas/PageQuery' }, { dto: PageQuery })],
    }),
    route({
      operationId: 'postForm',
      response: json,
      method: 'POST',
      path: '/users/form',
      bodyType: 'application/x-www-form-urlencoded',
      params: [
        p(0, 'name', 'form', { type: 'string', minLength: 1 }, { coerce: 'string' }),
        p(1, 'age', 'form', { type: 'integer', minimum: 0 }, { coerce: 'integer', required: false }),
      ],
    }),
    route({
      operationId: 'upload',
      response: json,
      method: 'POST',
      path: '/upload',
      bodyType: 'multipart/form-data',
      params: [
        p(0, 'file', 'file', { type: 'string', format: 'binary' }),
        p(1, 'note', 'form', { type: 'string' }, { coerce: 'string', required: false }),
      ],
    }),
    route({
      operationId: 'download',
      method: 'GET',
      path: '/download/:name',
      params: [p(0, 'name', 'path', { type: 'string' }, { coerce: 'string' })],
      response: { file: true },
    }),
    route({ operationId: 'downloadStream', method: 'GET', path: '/download-stream', response: { file: true } }),
    route({ operationId: 'brokenDownload', method: 'GET', path: '/download-broken', response: { file: true } }),
    route({ operationId: 'boom', method: 'GET', path: '/boom' }),
    route({ operationId: 'reject', method: 'GET', path: '/reject' }),
    route({ operationId: 'teapot', method: 'POST', path: '/teapot' }),
    route({
      operationId: 'deleteUser',
      method: 'DELETE',
      path: '/users/:id',
      params: [p(0, 'id', 'path', { type: 'integer' }, { coerce: 'integer' })],
    }),
    route({ operationId: 'slow', response: json, method: 'GET', path: '/slow' }),
    route({ operationId: 'whoami', response: json, method: 'GET', path: '/whoami', params: [p(0, '', 'context', {})] }),
    route({ operationId: 'text', method: 'GET', path: '/text', response: { schema: { type: 'string' } } }),
    route({
      operationId: 'big',
      method: 'GET',
      path: '/big',
      response: { schema: { type: 'array', items: { type: 'object', properties: { i: { type: 'integer' }, name: { type: 'string' } } } } },
    }),
  ],
};

/** Lets a test hold /slow open and release it when it wants. */
export class Gate {
  entered = 0;
  private waiting: Array<() => void> = [];
  wait(): Promise<void> {
    this.entered++;
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  releaseAll(): void {
    for (const r of this.waiting.splice(0)) r();
  }
}

export class UsersService {
  readonly gate = new Gate();
  lastUpload?: { file: UploadedFileInfo; note?: string; content: string; existedDuringCall: boolean };
  lastPage?: unknown;

  getUser(id: number, verbose?: boolean) {
    return { id, verbose: verbose ?? null };
  }
  listUsers(page: number, size?: number, tags?: string[], since?: Date, token?: string, ratio?: number) {
    return {
      page,
      size: size ?? null,
      tags: tags ?? null,
      since: since instanceof Date ? since.toISOString() : null,
      token: token ?? null,
      ratio: ratio ?? null,
    };
  }
  pageUsers(q: PageQuery) {
    this.lastPage = q;
    return { isDto: q instanceof PageQuery, query: q };
  }
  postForm(name: string, age?: number) {
    return { name, age: age ?? null };
  }
  upload(file: UploadedFileInfo, note?: string) {
    const content = fs.readFileSync(file.path, 'utf8');
    this.lastUpload = { file, note, content, existedDuringCall: true };
    return { fieldName: file.fieldName, fileName: file.fileName, size: file.size, mimeType: file.mimeType, note: note ?? null };
  }
  download(name: string) {
    return new FileResult(Buffer.from(`content of ${name}`), name, 'text/plain');
  }
  downloadStream() {
    const data = Buffer.alloc(64 * 1024, 7);
    return new FileResult(
      Readable.from([data.subarray(0, 32 * 1024), data.subarray(32 * 1024)]),
      'data.bin',
      'application/octet-stream',
      data.length,
    );
  }
  brokenDownload() {
    const stream = new Readable({
      read() {
        this.destroy(new Error('disk vanished'));
      },
    });
    return new FileResult(stream, 'gone.bin');
  }
  boom(): never {
    throw new Error('secret database password in message');
  }
  reject(): Promise<never> {
    return Promise.reject(new TypeError('rejected on purpose'));
  }
  teapot(): never {
    throw new HttpError(418, 'TEAPOT', 'short and stout', { spout: true });
  }
  deleteUser(_id: number): void {
    return undefined;
  }
  async slow() {
    await this.gate.wait();
    return { slow: 'done' };
  }
  whoami(ctx: Context) {
    return { ip: ctx.ip, protocol: ctx.protocol, host: ctx.host };
  }
  text() {
    return 'hello';
  }
  big() {
    return Array.from({ length: 500 }, (_, i) => ({ i, name: `user number ${i}` }));
  }
}
