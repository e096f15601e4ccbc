import assert from 'node:assert/strict';
import type { oas30 } from 'openapi3-ts';
import { ConfigError } from '../../lib/errors';
import { describeService } from '../../lib/decorators/describe';
import type { FileResult } from '../../lib/decorators/file-result';
import { Body, Ctx, Form, Header, Path, Query, UploadedFile } from '../../lib/decorators/params';
import { Prop } from '../../lib/decorators/prop';
import { Delete, Get, Patch, Post, Put } from '../../lib/decorators/routes';
import { Service, unregisterService } from '../../lib/decorators/service';
import type { UploadedFileInfo } from '../../lib/decorators/uploaded-file';
import { buildOpenApiDocument, toOpenApiPath } from '../../lib/openapi/document';
import { isCode } from '../support/errors';

// swagger-parser ships no type declarations: type the one function this spec uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SwaggerParser = require('@apidevtools/swagger-parser') as { validate(doc: object): Promise<unknown> };

const notImplemented = (): never => {
  throw new Error('not implemented');
};

enum Status {
  Active = 'active',
  Blocked = 'blocked',
}

class Address {
  @Prop({ minLength: 1 }) street!: string;
  @Prop({ optional: true, pattern: '^[0-9]{5}$' }) zip?: string;
}

class User {
  @Prop({ integer: true, minimum: 1 }) id!: number;
  @Prop({ maxLength: 64 }) name!: string;
  @Prop({ optional: true, format: 'email' }) email?: string;
  @Prop({ enum: Status }) status!: Status;
  @Prop({ type: Address, optional: true, nullable: true }) address?: Address | null;
  @Prop({ type: [String], optional: true }) tags?: string[];
  @Prop() createdAt!: Date;
}

class PageQuery {
  @Prop({ integer: true, minimum: 1 }) page!: number;
  @Prop({ integer: true, minimum: 1, maximum: 100 }) size!: number;
}

class UserPage {
  @Prop({ type: [User] }) items!: User[];
  @Prop({ integer: true }) total!: number;
}

class UploadResult {
  @Prop() fileName!: string;
  @Prop({ integer: true, exclusiveMinimum: 0 }) size!: number;
}

@Service({ name: 'usersvc', path: '/v1', description: 'Users and their files' })
class UserService {
  @Post({ returns: UserPage, summary: 'Page through users' })
  async pageUsers(@Body() q: PageQuery): Promise<UserPage> {
    return notImplemented();
  }

  @Get('/users/:id', { returns: User })
  async getUser(@Path('id', { integer: true }) id: number, @Header('X-Tenant-Id', { optional: true }) tenant?: string): Promise<User> {
    return notImplemented();
  }

  @Get({ returns: [User] })
  async getGroups_Group(
    @Path() group: string,
    @Query('tags', { type: [String], optional: true }) tags?: string[],
    @Query('status', { enum: Status, optional: true }) status?: Status,
  ): Promise<User[]> {
    return notImplemented();
  }

  @Put('/users/:id', { returns: User })
  async putUser(@Path('id', { integer: true }) id: number, @Body({ description: 'The new user' }) user: User): Promise<User> {
    return notImplemented();
  }

  @Patch('/users/:id/name') async renameUser(
    @Path('id', { integer: true }) id: number,
    @Form() name: string,
    @Form('aliases', { type: [String], optional: true }) aliases?: string[],
  ): Promise<void> {
    return notImplemented();
  }

  @Delete('/users/:id', { deprecated: true }) async deleteUser(
    @Path('id', { integer: true }) id: number,
    @Ctx() ctx?: unknown,
  ): Promise<void> {
    return notImplemented();
  }

  @Post('/upload', { returns: UploadResult })
  async upload(
    @UploadedFile('file') f: UploadedFileInfo,
    @UploadedFile('extras', { multiple: true, optional: true }) extras: UploadedFileInfo[],
    @Form('note') note: string,
  ): Promise<UploadResult> {
    return notImplemented();
  }

  @Get('/files/:name', { file: true }) async download(@Path('name') name: string): Promise<FileResult> {
    return notImplemented();
  }

  @Get() async get(): Promise<void> {
    return notImplemented();
  }
}
unregisterService(UserService);

@Service('ordersvc')
class OrderService {
  @Get('/orders/:id', { returns: User }) async getUser(@Path() id: string): Promise<User> {
    return notImplemented();
  }
}
unregisterService(OrderService);

describe('buildOpenApiDocument', () => {
  let doc: oas30.OpenAPIObject;
  before(() => {
    doc = buildOpenApiDocument([describeService(UserService), describeService(OrderService)], {
      title: 'Users',
      version: '1.2.3',
      description: 'Test API',
      rootPath: '/api',
      servers: [{ url: 'http://127.0.0.1:6060' }],
    });
  });
  const op = (path: string, method: 'get' | 'post' | 'put' | 'patch' | 'delete'): oas30.OperationObject => {
    const operation = doc.paths[path]?.[method];
    assert.ok(operation, `${method} ${path} in ${Object.keys(doc.paths).join(', ')}`);
    return operation;
  };

  it('is a valid OpenAPI 3.0 document (swagger-parser)', async () => {
    await SwaggerParser.validate(structuredClone(doc));
  });

  it('carries info, servers and the service tag with its description', () => {
    assert.equal(doc.openapi, '3.0.3');
    assert.deepEqual(doc.info, { title: 'Users', version: '1.2.3', description: 'Test API' });
    assert.deepEqual(doc.servers, [{ url: 'http://127.0.0.1:6060' }]);
    assert.deepEqual(doc.tags, [{ name: 'usersvc', description: 'Users and their files' }, { name: 'ordersvc' }]);
  });

  it('without servers or description: the serving server and the descriptions of the services; contact as given', () => {
    const plain = buildOpenApiDocument([describeService(UserService), describeService(OrderService)], {
      title: 't',
      version: '1',
      contact: { name: 'Team', email: 'team@example.com' },
    });
    assert.deepEqual(plain.servers, [{ url: '/', description: 'The server that serves this document' }]);
    assert.deepEqual(plain.info, {
      title: 't',
      version: '1',
      description: 'usersvc: Users and their files',
      contact: { name: 'Team', email: 'team@example.com' },
    });
    const single = buildOpenApiDocument([describeService(UserService)], { title: 't', version: '1' });
    assert.equal(single.info.description, 'Users and their files');
  });

  it('prefixes every path with the root path and the service path, in {var} form', () => {
    assert.deepEqual(Object.keys(doc.paths), [
      '/api/v1/page/users',
      '/api/v1/users/{id}',
      '/api/v1/groups/{group}',
      '/api/v1/users/{id}/name',
      '/api/v1/upload',
      '/api/v1/files/{name}',
      '/api/v1',
      '/api/orders/{id}',
    ]);
    assert.deepEqual(Object.keys(doc.paths['/api/v1/users/{id}']), ['get', 'put', 'delete']);
  });

  it('describes path, header and array query parameters', () => {
    assert.deepEqual(op('/api/v1/users/{id}', 'get').parameters, [
      { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
      { name: 'X-Tenant-Id', in: 'header', required: false, schema: { type: 'string' } },
    ]);
    assert.deepEqual(op('/api/v1/groups/{group}', 'get').parameters, [
      { name: 'group', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'tags', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true },
      { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['active', 'blocked'] } },
    ]);
  });

  it('leaves the Koa context out of the parameters', () => {
    assert.deepEqual(
      op('/api/v1/users/{id}', 'delete').parameters?.map((p) => ('name' in p ? p.name : p.$ref)),
      ['id'],
    );
    assert.equal(op('/api/v1/users/{id}', 'delete').deprecated, true);
  });

  it('references DTO components from JSON bodies and responses', () => {
    assert.deepEqual(op('/api/v1/page/users', 'post').requestBody, {
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/PageQuery' } } },
    });
    assert.deepEqual(op('/api/v1/users/{id}', 'put').requestBody, {
      required: true,
      description: 'The new user',
      content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/User' }], description: 'The new user' } } },
    });
    assert.deepEqual(op('/api/v1/page/users', 'post').responses['200'], {
      description: 'OK',
      headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/UserPage' } } },
    });
    assert.deepEqual(op('/api/v1/groups/{group}', 'get').responses['200'].content['application/json'].schema, {
      type: 'array',
      items: { $ref: '#/components/schemas/User' },
    });
  });

  it('lists every DTO once, plus the FieldError of 400 details, with nested refs, enums and OpenAPI nullability', () => {
    const schemas = doc.components?.schemas ?? {};
    assert.deepEqual(Object.keys(schemas).sort(), ['Address', 'FieldError', 'PageQuery', 'UploadResult', 'User', 'UserPage']);
    const user = schemas.User as oas30.SchemaObject;
    assert.deepEqual(user.properties?.address, { nullable: true, allOf: [{ $ref: '#/components/schemas/Address' }] });
    assert.deepEqual(user.properties?.status, { type: 'string', enum: ['active', 'blocked'] });
    assert.deepEqual((schemas.UserPage as oas30.SchemaObject).properties?.items, {
      type: 'array',
      items: { $ref: '#/components/schemas/User' },
    });
    assert.deepEqual((schemas.UploadResult as oas30.SchemaObject).properties?.size, {
      type: 'integer',
      minimum: 0,
      exclusiveMinimum: true,
    });
  });

  it('describes an urlencoded form with array fields exploded', () => {
    assert.deepEqual(op('/api/v1/users/{id}/name', 'patch').requestBody, {
      required: true,
      content: {
        'application/x-www-form-urlencoded': {
          schema: {
            type: 'object',
            properties: { name: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } } },
            required: ['name'],
          },
          encoding: { aliases: { style: 'form', explode: true } },
        },
      },
    });
  });

  it('describes multipart uploads with binary file fields, an array of binaries for multiple', () => {
    assert.deepEqual(op('/api/v1/upload', 'post').requestBody, {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              file: { type: 'string', format: 'binary' },
              extras: { type: 'array', items: { type: 'string', format: 'binary' } },
              note: { type: 'string' },
            },
            required: ['file', 'note'],
          },
        },
      },
    });
  });

  it('answers a download as application/octet-stream binary', () => {
    assert.deepEqual(op('/api/v1/files/{name}', 'get').responses['200'], {
      description: 'The file',
      headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    });
  });

  it('documents each media type a download declares', () => {
    @Service('media')
    class Media {
      @Get('/avatar', { file: { mediaTypes: ['image/png', 'image/webp'] } }) async avatar(): Promise<FileResult> {
        return notImplemented();
      }
    }
    unregisterService(Media);
    const media = buildOpenApiDocument([describeService(Media)], { title: 't', version: '1' });
    const binary = { schema: { type: 'string', format: 'binary' } };
    assert.deepEqual(media.paths['/avatar']?.get?.responses['200'], {
      description: 'The file',
      headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
      content: { 'image/png': binary, 'image/webp': binary },
    });
  });

  it('closes the objects only success responses use: the serializer sends declared properties only', () => {
    const schemas = doc.components?.schemas ?? {};
    const closed = (name: string): unknown => (schemas[name] as oas30.SchemaObject | undefined)?.additionalProperties;
    assert.equal(closed('UserPage'), false);
    assert.equal(closed('UploadResult'), false);
    // User is also PUT's body, Address is inside User, PageQuery a body: requests with more are accepted
    assert.equal(closed('User'), undefined);
    assert.equal(closed('Address'), undefined);
    assert.equal(closed('PageQuery'), undefined);
  });

  it('answers 204 without returns', () => {
    assert.deepEqual(Object.keys(op('/api/v1/users/{id}/name', 'patch').responses), ['204', '400', '413', '415', '500']);
    assert.deepEqual(Object.keys(op('/api/v1', 'get').responses), ['204', '500']);
  });

  it('prefixes clashing operationIds with the service name, and only those', () => {
    assert.equal(op('/api/v1/users/{id}', 'get').operationId, 'usersvc_getUser');
    assert.equal(op('/api/orders/{id}', 'get').operationId, 'ordersvc_getUser');
    assert.equal(op('/api/v1/page/users', 'post').operationId, 'pageUsers');
  });

  it('tags operations with the service name by default', () => {
    assert.deepEqual(op('/api/v1/page/users', 'post').tags, ['usersvc']);
    assert.equal(op('/api/v1/page/users', 'post').summary, 'Page through users');
  });

  it('refuses one route in two services (DUPLICATE_ROUTE)', () => {
    @Service('a')
    class A {
      @Get('/x') async x(): Promise<void> {
        return notImplemented();
      }
    }
    @Service('b')
    class B {
      @Get('/x') async y(): Promise<void> {
        return notImplemented();
      }
    }
    unregisterService(A);
    unregisterService(B);
    assert.throws(
      () => buildOpenApiDocument([describeService(A), describeService(B)], { title: 't', version: '1' }),
      isCode(ConfigError, 'DUPLICATE_ROUTE', 'a.x', 'b.y'),
    );
  });

  it('refuses one component name with two shapes across services (SCHEMA_NAME_COLLISION)', () => {
    const make = (field: string) => {
      class Item {}
      Prop({ type: String })(Item.prototype, field);
      return Item;
    };
    const ItemA = make('a');
    const ItemB = make('b');
    @Service('a')
    class A {
      @Post('/a') async a(@Body({ type: ItemA }) i: unknown): Promise<void> {
        return notImplemented();
      }
    }
    @Service('b')
    class B {
      @Post('/b') async b(@Body({ type: ItemB }) i: unknown): Promise<void> {
        return notImplemented();
      }
    }
    unregisterService(A);
    unregisterService(B);
    assert.throws(
      () => buildOpenApiDocument([describeService(A), describeService(B)], { title: 't', version: '1' }),
      isCode(ConfigError, 'SCHEMA_NAME_COLLISION', 'Item'),
    );
  });
});

describe('toOpenApiPath', () => {
  it('writes :name variables as {name}', () => {
    assert.equal(toOpenApiPath('/shelves/:shelf/books/:book_id'), '/shelves/{shelf}/books/{book_id}');
  });
});
