import assert from 'node:assert/strict';
import type { oas30 } from 'openapi3-ts';
import { DeclaredError } from '../../lib/decorators/declared-error';
import { describeService } from '../../lib/decorators/describe';
import { Body, Form, Path, Query } from '../../lib/decorators/params';
import { Prop } from '../../lib/decorators/prop';
import { Get, Post } from '../../lib/decorators/routes';
import { Service, unregisterService } from '../../lib/decorators/service';
import { buildOpenApiDocument } from '../../lib/openapi/document';
import { TOO_MANY_REQUESTS_ANSWER } from '../../lib/resilience/errors';
import { ResponseValidator } from '../support/openapi-responses';

// swagger-parser ships no type declarations: type the one function this spec uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SwaggerParser = require('@apidevtools/swagger-parser') as { validate(doc: object): Promise<unknown> };

const notImplemented = (): never => {
  throw new Error('not implemented');
};

class Coupon {
  @Prop() coupon!: string;
  @Prop({ format: 'date-time' }) expiredAt!: Date;
}

class NewOrder {
  @Prop({ integer: true, minimum: 1 }) userId!: number;
}

const UnknownUser = new DeclaredError({ status: 422, code: 'UNKNOWN_USER', description: 'No such user' });
const CouponExpired = new DeclaredError({ status: 422, code: 'COUPON_EXPIRED', description: 'The coupon expired', details: Coupon });

@Service('shop')
class Shop {
  @Post('/orders', {
    returns: NewOrder,
    errors: [UnknownUser, CouponExpired, { status: 400, code: 'BAD_COUPON', description: 'The coupon is not one of ours' }],
  })
  async createOrder(@Body() order: NewOrder): Promise<NewOrder> {
    return notImplemented();
  }

  @Get('/orders/:id', { returns: NewOrder, errors: [{ status: 404, code: ['ORDER_NOT_FOUND', 'ORDER_ARCHIVED'] }] })
  async getOrder(@Path('id', { integer: true }) id: number): Promise<NewOrder> {
    return notImplemented();
  }

  @Post('/notes') async addNote(@Form('text') text: string): Promise<void> {
    return notImplemented();
  }

  @Get('/search', { returns: [NewOrder] }) async search(@Query('q', { optional: true }) q?: string): Promise<NewOrder[]> {
    return notImplemented();
  }

  @Get('/ping') async ping(): Promise<void> {
    return notImplemented();
  }
}
unregisterService(Shop);

type Response = oas30.ResponseObject & { content: Record<string, oas30.MediaTypeObject> };

describe('openapi error responses', () => {
  const doc = buildOpenApiDocument([describeService(Shop)], { title: 'shop', version: '1' });
  const limited = buildOpenApiDocument([describeService(Shop)], {
    title: 'shop',
    version: '1',
    middlewareErrors: [TOO_MANY_REQUESTS_ANSWER],
  });
  const validator = new ResponseValidator(doc as unknown as Record<string, unknown>);
  const response = (d: oas30.OpenAPIObject, path: string, method: 'get' | 'post', status: string): Response => {
    const r = d.paths[path]?.[method]?.responses?.[status] as Response | undefined;
    assert.ok(r, `${method} ${path} ${status}`);
    return r;
  };
  /** The `code` enum of a response (of each oneOf member, concatenated). */
  const codes = (r: Response): unknown[] => {
    const error = (r.content['application/json'].schema as oas30.SchemaObject).properties?.error as oas30.SchemaObject;
    const members = (error.oneOf ?? [error]) as oas30.SchemaObject[];
    return members.flatMap((m) => (m.properties?.code as oas30.SchemaObject).enum ?? []);
  };

  it('is a valid OpenAPI 3.0 document (swagger-parser), with and without a limiter', async () => {
    await SwaggerParser.validate(structuredClone(doc));
    await SwaggerParser.validate(structuredClone(limited));
  });

  it('lists for each status the codes lib/http answers there, by what the route reads', () => {
    assert.deepEqual(codes(response(doc, '/orders', 'post', '400')), [
      'VALIDATION_FAILED',
      'MALFORMED_JSON',
      'MALFORMED_ENCODING',
      'REQUEST_ABORTED',
      'BAD_COUPON',
    ]);
    // grouped by details shape: the codes with `[{ field, message }]` first
    assert.deepEqual(codes(response(doc, '/notes', 'post', '400')), [
      'VALIDATION_FAILED',
      'MALFORMED_ENCODING',
      'MALFORMED_MULTIPART',
      'REQUEST_ABORTED',
    ]);
    assert.deepEqual(codes(response(doc, '/orders/{id}', 'get', '400')), ['VALIDATION_FAILED']);
    assert.deepEqual(codes(response(doc, '/orders', 'post', '413')), ['PAYLOAD_TOO_LARGE']);
    assert.deepEqual(codes(response(doc, '/orders', 'post', '415')), ['UNSUPPORTED_MEDIA_TYPE']);
    assert.deepEqual(codes(response(doc, '/ping', 'get', '500')), ['INTERNAL']);
    assert.deepEqual(Object.keys(doc.paths['/ping']?.get?.responses ?? {}), ['204', '500']);
    assert.deepEqual(Object.keys(doc.paths['/search']?.get?.responses ?? {}), ['200', '400', '500']);
  });

  it('lists the declared errors under their status, with their description and codes', () => {
    assert.deepEqual(Object.keys(doc.paths['/orders']?.post?.responses ?? {}), ['200', '400', '413', '415', '422', '500']);
    const unprocessable = response(doc, '/orders', 'post', '422');
    assert.equal(unprocessable.description, 'No such user; The coupon expired');
    assert.deepEqual(codes(unprocessable), ['UNKNOWN_USER', 'COUPON_EXPIRED']);
    const notFound = response(doc, '/orders/{id}', 'get', '404');
    assert.equal(notFound.description, 'ORDER_NOT_FOUND or ORDER_ARCHIVED');
    assert.deepEqual(codes(notFound), ['ORDER_NOT_FOUND', 'ORDER_ARCHIVED']);
  });

  it('types details: [{ field, message }] for 400, the declared type where one is given, none elsewhere', () => {
    const bad = response(doc, '/orders', 'post', '400').content['application/json'].schema as oas30.SchemaObject;
    const [withFields, plain] = ((bad.properties?.error as oas30.SchemaObject).oneOf ?? []) as oas30.SchemaObject[];
    assert.deepEqual(withFields.properties?.details, { type: 'array', items: { $ref: '#/components/schemas/FieldError' } });
    assert.deepEqual((withFields.properties?.code as oas30.SchemaObject).enum, [
      'VALIDATION_FAILED',
      'MALFORMED_JSON',
      'MALFORMED_ENCODING',
    ]);
    assert.equal(plain.properties?.details, undefined);
    assert.deepEqual(doc.components?.schemas?.FieldError, {
      type: 'object',
      required: ['field', 'message'],
      additionalProperties: false,
      properties: {
        field: { type: 'string', description: 'Where: `path.id`, `query.page`, `body.items[0].name`, `form.note`, `file.avatar`' },
        message: { type: 'string', description: 'What is wrong with it' },
      },
    });
    const expired = response(doc, '/orders', 'post', '422').content['application/json'].schema as oas30.SchemaObject;
    const members = ((expired.properties?.error as oas30.SchemaObject).oneOf ?? []) as oas30.SchemaObject[];
    assert.deepEqual(
      members.map((m) => m.properties?.details),
      [undefined, { $ref: '#/components/schemas/Coupon' }],
    );
    const internal = response(doc, '/orders', 'post', '500').content['application/json'].schema as oas30.SchemaObject;
    assert.equal((internal.properties?.error as oas30.SchemaObject).properties?.details, undefined);
  });

  it('gives every code its own example, each valid against its response schema', () => {
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item as Record<string, oas30.OperationObject>)) {
        for (const [status, r] of Object.entries(op.responses)) {
          if (!/^[45]/.test(status)) continue;
          const media = (r as Response).content['application/json'];
          assert.deepEqual(Object.keys(media.examples ?? {}).sort(), codes(r as Response).sort(), `${method} ${path} ${status}`);
          for (const [code, example] of Object.entries(media.examples ?? {})) {
            const value = (example as oas30.ExampleObject).value as { error: { code: string } };
            assert.equal(value.error.code, code);
            assert.deepEqual(validator.validate(path, method, status, value), [], `${method} ${path} ${status} ${code}`);
            checked++;
          }
        }
      }
    }
    assert.ok(checked >= 20, `${checked} examples`);
    const validation = response(doc, '/orders/{id}', 'get', '400').content['application/json'].examples
      ?.VALIDATION_FAILED as oas30.ExampleObject;
    assert.deepEqual((validation.value as { error: { details: unknown } }).error.details, [{ field: 'path.id', message: 'is required' }]);
  });

  it('declares X-Request-Id on every response, success and error', () => {
    assert.deepEqual(Object.keys(doc.components?.headers ?? {}), ['X-Request-Id']);
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item as Record<string, oas30.OperationObject>)) {
        for (const r of Object.values(op.responses)) {
          assert.deepEqual((r as oas30.ResponseObject).headers?.['X-Request-Id'], { $ref: '#/components/headers/X-Request-Id' });
        }
      }
    }
  });

  it('lists 429 (with Retry-After) on every route only when a limiter is mounted', () => {
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item as Record<string, oas30.OperationObject>)) assert.equal(op.responses['429'], undefined);
    }
    for (const item of Object.values(limited.paths)) {
      for (const op of Object.values(item as Record<string, oas30.OperationObject>)) {
        const tooMany = op.responses['429'] as Response;
        assert.deepEqual(codes(tooMany), ['TOO_MANY_REQUESTS']);
        assert.ok(tooMany.headers?.['Retry-After']);
      }
    }
  });
});
