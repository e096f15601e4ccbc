import assert from 'node:assert/strict';
import { ConfigError } from '../../lib/errors';
import { describeService } from '../../lib/decorators/describe';
import type { ParamDescriptor, RouteDescriptor, ServiceDescriptor } from '../../lib/decorators/descriptors';
import type { FileResult } from '../../lib/decorators/file-result';
import { Body, Ctx, Form, Header, Path, Query, UploadedFile } from '../../lib/decorators/params';
import { Prop } from '../../lib/decorators/prop';
import { Delete, Get, Post } from '../../lib/decorators/routes';
import { Service, unregisterService } from '../../lib/decorators/service';
import type { UploadedFileInfo } from '../../lib/decorators/uploaded-file';
import { throwsCode } from '../support/errors';

const nothing = async (): Promise<void> => undefined;

class PageQuery {
  @Prop({ minimum: 1 }) page!: number;
}

enum Sort {
  Asc = 'asc',
  Desc = 'desc',
}

@Service('params')
class Params {
  @Get('/items/:id')
  async item(
    @Path('id', { integer: true, minimum: 1 }) id: number,
    @Query() q: string,
    @Query('tags', { type: [String], optional: true, minItems: 1, minLength: 2 }) tags: string[] | undefined,
    @Query({ optional: true }) flag: boolean,
    @Query() since: Date,
    @Query('sort', { enum: Sort, default: Sort.Asc }) sort: Sort,
    @Header('X-Tenant-Id') tenant: string,
    @Ctx() ctx: unknown,
  ): Promise<void> {
    return nothing();
  }

  @Post('/page') async page(@Body() q: PageQuery): Promise<void> {
    return nothing();
  }
  @Post('/optional-body') async optionalBody(@Body({ optional: true }) q: PageQuery): Promise<void> {
    return nothing();
  }
  @Post('/list-body') async listBody(@Body({ type: [PageQuery] }) q: PageQuery[]): Promise<void> {
    return nothing();
  }
  @Post('/form') async form(@Form() name: string, @Form('ages', { type: [Number] }) ages: number[]): Promise<void> {
    return nothing();
  }
  @Post('/upload')
  async upload(
    @UploadedFile('file') file: UploadedFileInfo,
    @UploadedFile('more', { optional: true }) more: UploadedFileInfo[],
    @UploadedFile('docs', { multiple: true }) docs: UploadedFileInfo,
    @Form('note') note: string,
  ): Promise<void> {
    return nothing();
  }
  @Get('/files/:name', { file: true }) async download(@Path() name: string): Promise<FileResult | void> {
    return nothing();
  }
  @Delete('/defaults/:id') async withDefault(@Path() id: string, @Query() page: number = 1): Promise<void> {
    return nothing();
  }
}
unregisterService(Params);

describe('describeService parameters', () => {
  let d: ServiceDescriptor;
  before(() => {
    d = describeService(Params);
  });
  const route = (op: string): RouteDescriptor => {
    const r = d.routes.find((x) => x.operationId === op);
    assert.ok(r, `route ${op}`);
    return r;
  };
  const param = (op: string, index: number): ParamDescriptor => route(op).params[index];

  it('binds a path variable by explicit name, with integer coercion and bounds', () => {
    assert.deepEqual(param('item', 0), {
      index: 0,
      name: 'id',
      in: 'path',
      schema: { type: 'integer', minimum: 1 },
      required: true,
      coerce: 'integer',
      isArray: false,
    });
  });

  it('takes a query name from the parameter name in the source', () => {
    assert.deepEqual(param('item', 1), {
      index: 1,
      name: 'q',
      in: 'query',
      schema: { type: 'string' },
      required: true,
      coerce: 'string',
      isArray: false,
    });
  });

  it('describes an optional array query with element constraints on the items and counts on the array', () => {
    assert.deepEqual(param('item', 2), {
      index: 2,
      name: 'tags',
      in: 'query',
      schema: { type: 'array', items: { type: 'string', minLength: 2 }, minItems: 1 },
      required: false,
      coerce: 'string',
      isArray: true,
    });
  });

  it('coerces booleans and dates (date-time strings)', () => {
    assert.deepEqual(
      [param('item', 3).coerce, param('item', 3).required, param('item', 3).schema],
      ['boolean', false, { type: 'boolean' }],
    );
    assert.deepEqual([param('item', 4).coerce, param('item', 4).schema], ['date', { type: 'string', format: 'date-time' }]);
  });

  it('turns a TS enum object into its values, and a default makes a parameter not required', () => {
    assert.deepEqual(param('item', 5).schema, { type: 'string', enum: ['asc', 'desc'], default: 'asc' });
    assert.equal(param('item', 5).required, false);
  });

  it('binds a header by its given name', () => {
    assert.deepEqual([param('item', 6).in, param('item', 6).name, param('item', 6).required], ['header', 'X-Tenant-Id', true]);
  });

  it('binds the Koa context', () => {
    assert.equal(param('item', 7).in, 'context');
  });

  it('has no body type for a route without a body', () => {
    assert.equal(route('item').bodyType, undefined);
  });

  it('makes a DTO @Body() a required JSON body referencing its component', () => {
    assert.deepEqual(param('page', 0), {
      index: 0,
      name: '',
      in: 'body',
      schema: { $ref: '#/components/schemas/PageQuery' },
      required: true,
      dto: PageQuery,
    });
    assert.equal(route('page').bodyType, 'application/json');
    assert.ok(d.schemas.PageQuery);
  });

  it('makes @Body({ optional: true }) not required', () => {
    assert.equal(param('optionalBody', 0).required, false);
  });

  it('describes an array body from { type: [Dto] }', () => {
    assert.deepEqual(param('listBody', 0).schema, { type: 'array', items: { $ref: '#/components/schemas/PageQuery' } });
  });

  it('makes a route with only @Form fields urlencoded, arrays marked', () => {
    assert.equal(route('form').bodyType, 'application/x-www-form-urlencoded');
    assert.deepEqual([param('form', 0).name, param('form', 0).in, param('form', 0).coerce], ['name', 'form', 'string']);
    assert.deepEqual([param('form', 1).name, param('form', 1).isArray, param('form', 1).coerce], ['ages', true, 'number']);
  });

  it('makes a route with files multipart; binary schemas; multiple from options or an array type', () => {
    assert.equal(route('upload').bodyType, 'multipart/form-data');
    assert.deepEqual(param('upload', 0), {
      index: 0,
      name: 'file',
      in: 'file',
      schema: { type: 'string', format: 'binary' },
      required: true,
      multiple: false,
    });
    assert.deepEqual([param('upload', 1).multiple, param('upload', 1).required], [true, false]);
    assert.deepEqual(param('upload', 1).schema, { type: 'array', items: { type: 'string', format: 'binary' } });
    assert.equal(param('upload', 2).multiple, true);
    assert.deepEqual([param('upload', 3).in, param('upload', 3).name], ['form', 'note']);
  });

  it('marks a { file: true } route as a download without a schema', () => {
    assert.deepEqual(route('download').response, { file: true, description: 'The file' });
  });

  it('reads a name past a default value', () => {
    assert.deepEqual([param('withDefault', 1).name, param('withDefault', 1).coerce], ['page', 'number']);
  });

  describe('describe-time errors', () => {
    it('refuses an undecorated parameter, naming class, method and position (UNDECORATED_PARAMETER)', () => {
      @Service('s')
      class S {
        @Post('/x') async doIt(@Query() a: string, b: string): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'UNDECORATED_PARAMETER', 'S.doIt', '#1', '(b)');
    });

    it('refuses an array parameter without an element type (UNTYPED_ARRAY)', () => {
      @Service('s')
      class S {
        @Get('/x') async list(@Query() ids: number[]): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'UNTYPED_ARRAY', 'S.list', 'ids', '[ElementType]');
    });

    it('refuses two bodies (DUPLICATE_BODY)', () => {
      @Service('s')
      class S {
        @Post('/x') async two(@Body() a: PageQuery, @Body() b: PageQuery): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'DUPLICATE_BODY', 'S.two', '#0', '#1');
    });

    it('refuses a JSON body mixed with form fields (MIXED_BODY)', () => {
      @Service('s')
      class S {
        @Post('/x') async mixed(@Body() a: PageQuery, @Form() b: string): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'MIXED_BODY', 'S.mixed');
    });

    it('refuses a body on GET (BODY_ON_GET)', () => {
      @Service('s')
      class S {
        @Get('/x') async read(@Body() a: PageQuery): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'BODY_ON_GET', 'S.read');
    });

    it('refuses a destructured parameter without an explicit name (UNNAMED_PARAMETER)', () => {
      @Service('s')
      class S {
        @Get('/x') async read(@Query() { a }: { a: string }): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'UNNAMED_PARAMETER', 'S.read', '#0', "@Query('name')");
    });

    it('refuses a DTO in the query string (UNSUPPORTED_PARAMETER_TYPE)', () => {
      @Service('s')
      class S {
        @Get('/x') async read(@Query() q: PageQuery): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'UNSUPPORTED_PARAMETER_TYPE', 'S.read', '(q)', '@Body');
    });

    it('refuses an array path variable (UNSUPPORTED_PARAMETER_TYPE)', () => {
      @Service('s')
      class S {
        @Get('/x/:ids') async read(@Path('ids', { type: [Number] }) ids: number[]): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'UNSUPPORTED_PARAMETER_TYPE', 'S.read', 'path variable');
    });

    it('refuses an optional path variable (OPTIONAL_PATH_PARAMETER)', () => {
      @Service('s')
      class S {
        @Get('/x/:id') async read(@Path('id', { optional: true }) id: string): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'OPTIONAL_PATH_PARAMETER', 'S.read', '(id)');
    });

    it('refuses a type reflection cannot see (UNTYPED_VALUE)', () => {
      @Service('s')
      class S {
        @Get('/x') async read(@Query() v: string | number): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'UNTYPED_VALUE', 'S.read', '(v)', 'Object');
    });

    it('refuses two decorators on one parameter (CONFLICTING_PARAMETER_DECORATORS)', () => {
      @Service('s')
      class S {
        @Post('/x') async read(@Query() @Form() v: string): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'CONFLICTING_PARAMETER_DECORATORS', 'S.read', '@Query', '@Form');
    });

    it('refuses two parameters bound to one name (DUPLICATE_PARAMETER), headers case-insensitively', () => {
      @Service('s')
      class S {
        @Get('/x') async read(@Header('X-A') a: string, @Header('x-a') b: string): Promise<void> {
          return nothing();
        }
      }
      unregisterService(S);
      throwsCode(() => describeService(S), ConfigError, 'DUPLICATE_PARAMETER', 'S.read', '#0', '#1');
    });

    it('refuses a parameter decorator on a constructor (BAD_PARAMETER_DECORATOR)', () => {
      throwsCode(
        () => {
          class S {
            constructor(@Query() public a: string) {}
          }
          return S;
        },
        ConfigError,
        'BAD_PARAMETER_DECORATOR',
        'S',
      );
    });
  });
});
