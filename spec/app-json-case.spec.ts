/**
 * JSON key case over real HTTP (go-doudou's `--case snake`): one App-wide setting (GDD_JSON_CASE) or a
 * service's own `@Service({ jsonCase })` names DTO properties in snake_case on the wire — in validation
 * messages, bound handler arguments, responses, the document and the typed client — while TypeScript code
 * keeps its camelCase properties, and an explicit `@Prop({ name })` wins over both.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import winston from 'winston';
import type { oas30 } from 'openapi3-ts';
import { App, ConfigError, Get, Service, closeClient, createClient, type AppOptions } from '../lib';
import { unregisterService } from '../lib/decorators/service';
import { rejectsCode } from './support/errors';
import {
  GatewayService,
  GreetService,
  OrderContract,
  OrderInput,
  OrderService,
  PLACED_AT,
  Profile,
  ProfileService,
  received,
  wireOrder,
} from './support/json-case-services';
import { NO_DRAIN_ENV } from './support/no-drain';

const emptyDir = mkdtempSync(path.join(tmpdir(), 'tsd-json-case-'));

function appOptions(services: AppOptions['services'], jsonCase?: 'snake' | 'lowerCamel', env: NodeJS.ProcessEnv = {}): AppOptions {
  return {
    services,
    env: { ...NO_DRAIN_ENV, ...env, ...(jsonCase !== undefined ? { GDD_JSON_CASE: jsonCase } : {}) },
    cwd: emptyDir,
    logger: winston.createLogger({ silent: true }),
    handleSignals: false,
    config: { http: { port: 0, host: '127.0.0.1' }, banner: { enable: false } },
  };
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function fieldsOf(json: Record<string, unknown>): string[] {
  const details = (json.error as { details?: { field: string }[] }).details ?? [];
  return details.map((d) => d.field).sort();
}

describe('JSON key case (GDD_JSON_CASE, @Service({ jsonCase }), @Prop({ name }))', () => {
  after(() => [OrderService, ProfileService, GreetService, GatewayService].forEach(unregisterService));
  beforeEach(() => received.splice(0));

  describe('App-wide GDD_JSON_CASE=snake', () => {
    let app: App;
    let url: string;
    let document: oas30.OpenAPIObject;

    before(async () => {
      app = new App(appOptions([OrderService], 'snake'));
      ({ url } = await app.listen());
      document = (await (await fetch(`${url}/go-doudou/openapi.json`)).json()) as oas30.OpenAPIObject;
    });
    after(() => app.close());

    it('binds a snake_case body to a camelCase DTO instance, nested DTOs and arrays of DTOs included', async () => {
      const { status } = await post(`${url}/orders`, wireOrder);
      assert.equal(status, 200);
      const input = received[0] as OrderInput;
      assert.ok(input instanceof OrderInput);
      assert.deepEqual(
        { ...input },
        {
          customerName: 'Ada',
          shippingAddress: { streetName: 'Main St 1', postCode: '12345' },
          lineItems: [
            { productId: 'p1', unitCount: 2 },
            { productId: 'p2', unitCount: 1 },
          ],
          billingAddress: null,
          externalRef: 'ext-7',
          priorityLevel: 1,
        },
      );
    });

    it('answers 400 naming the wire fields, nested and in arrays, when the body is invalid', async () => {
      const { status, json } = await post(`${url}/orders`, {
        customerName: 'camel keys are not the wire names',
        shipping_address: { street_name: '' },
        line_items: [{ product_id: 'p1', unit_count: 0 }, { unit_count: 1 }],
      });
      assert.equal(status, 400);
      assert.deepEqual(fieldsOf(json), [
        'body.customer_name',
        'body.line_items[0].unit_count',
        'body.line_items[1].product_id',
        'body.shipping_address.street_name',
      ]);
    });

    it('answers in snake_case by the response schema, dropping fields the DTO does not declare', async () => {
      const { status, json } = await post(`${url}/orders`, wireOrder);
      assert.equal(status, 200);
      assert.match(String(json.order_id), /^o\d+$/);
      assert.deepEqual(json, {
        order_id: json.order_id,
        customer_name: 'Ada',
        shipping_address: { street_name: 'Main St 1', post_code: '12345' },
        line_items: wireOrder.line_items,
        ref: 'ext-7',
        placed_at: PLACED_AT.toISOString(),
        priority_level: 1,
      });
    });

    it('documents snake_case property names and required lists in the components', () => {
      const schemas = document.components?.schemas as Record<string, oas30.SchemaObject>;
      assert.deepEqual(Object.keys(schemas.OrderInput.properties ?? {}), [
        'customer_name',
        'shipping_address',
        'line_items',
        'billing_address',
        'ref',
        'priority_level',
      ]);
      assert.deepEqual(schemas.OrderInput.required, ['customer_name', 'shipping_address', 'line_items']);
      assert.deepEqual(schemas.LineItem.required, ['product_id', 'unit_count']);
      assert.deepEqual(Object.keys(schemas.Order.properties ?? {}), [
        'order_id',
        'customer_name',
        'shipping_address',
        'line_items',
        'ref',
        'placed_at',
        'priority_level',
      ]);
    });

    it('leaves path and query parameter names as declared (they are parameter names, not DTO fields)', () => {
      const op = document.paths['/orders/{id}'].get as oas30.OperationObject;
      assert.deepEqual(
        (op.parameters as oas30.ParameterObject[]).map((p) => p.name),
        ['id', 'withItems'],
      );
    });

    it('round-trips through the typed client: camelCase arguments and results, snake_case on the wire, dates revived', async () => {
      const orders = createClient(OrderContract, { baseUrl: url, jsonCase: 'snake', retryCount: 0 });
      try {
        const created = await orders.createOrder({
          customerName: 'Grace',
          shippingAddress: { streetName: 'Side St 2' },
          lineItems: [{ productId: 'p9', unitCount: 3 }],
          externalRef: 'ext-8',
          priorityLevel: 5,
        });
        assert.ok(received[0] instanceof OrderInput);
        assert.deepEqual(
          { ...received[0] },
          {
            customerName: 'Grace',
            shippingAddress: { streetName: 'Side St 2' },
            lineItems: [{ productId: 'p9', unitCount: 3 }],
            externalRef: 'ext-8',
            priorityLevel: 5,
          },
        );
        assert.equal(created.customerName, 'Grace');
        assert.deepEqual(created.shippingAddress, { streetName: 'Side St 2' });
        assert.deepEqual(created.lineItems, [{ productId: 'p9', unitCount: 3 }]);
        assert.equal(created.externalRef, 'ext-8');
        assert.ok(created.placedAt instanceof Date);
        assert.equal(created.placedAt.toISOString(), PLACED_AT.toISOString());
        const fetched = await orders.getOrder(created.orderId, false);
        assert.deepEqual(fetched.lineItems, []);
        assert.equal(fetched.priorityLevel, 5);
      } finally {
        closeClient(orders);
      }
    });

    it('injects contract clients in the App-wide case (a gateway App with GDD_JSON_CASE=snake and ORDERSVC)', async () => {
      const { json } = await post(`${url}/orders`, wireOrder);
      const gateway = new App(appOptions([GatewayService], 'snake', { ORDERSVC: url }));
      try {
        const { url: gatewayUrl } = await gateway.listen();
        const res = await fetch(`${gatewayUrl}/gateway/orders/${String(json.order_id)}`);
        assert.equal(await res.json(), `Ada: 2×p1, 1×p2 at ${PLACED_AT.toISOString()}`);
      } finally {
        await gateway.close();
      }
    });

    it('a client built for the wrong case is told so by the server: 400 naming the snake_case fields', async () => {
      const camel = createClient(OrderContract, { baseUrl: url, retryCount: 0 });
      try {
        await assert.rejects(
          camel.createOrder({
            customerName: 'Ada',
            shippingAddress: { streetName: 'x' },
            lineItems: [{ productId: 'p', unitCount: 1 }],
            priorityLevel: 1,
          }),
          (err: { status?: number; message?: string }) => err.status === 400 && /body\.customer_name/.test(err.message ?? ''),
        );
      } finally {
        closeClient(camel);
      }
    });
  });

  describe('per service, next to lowerCamel services in one App', () => {
    let app: App;
    let url: string;
    let document: oas30.OpenAPIObject;

    before(async () => {
      app = new App(appOptions([ProfileService, GreetService]));
      ({ url } = await app.listen());
      document = (await (await fetch(`${url}/go-doudou/openapi.json`)).json()) as oas30.OpenAPIObject;
    });
    after(() => app.close());

    it('the snake_case service binds and answers snake_case; the other keeps lowerCamel', async () => {
      const saved = await post(`${url}/profiles`, { display_name: 'Ada', favourite_colours: ['teal'] });
      assert.equal(saved.status, 200);
      assert.deepEqual(saved.json, { display_name: 'Ada', favourite_colours: ['teal'] });
      assert.deepEqual({ ...(received[0] as Profile) }, { displayName: 'Ada', favouriteColours: ['teal'] });
      assert.deepEqual(await (await fetch(`${url}/greetings/bo`)).json(), { greetingText: 'hello bo' });
    });

    it('documents each service in its own case', () => {
      const schemas = document.components?.schemas as Record<string, oas30.SchemaObject>;
      assert.deepEqual(Object.keys(schemas.Profile.properties ?? {}), ['display_name', 'favourite_colours']);
      assert.deepEqual(Object.keys(schemas.Greeting.properties ?? {}), ['greetingText']);
    });

    it("a contract's own jsonCase wins over the client's option", async () => {
      const profiles = createClient(ProfileService, { baseUrl: url, jsonCase: 'lowerCamel', retryCount: 0 });
      try {
        assert.deepEqual(
          { ...(await profiles.saveProfile({ displayName: 'Bo', favouriteColours: [] })) },
          {
            displayName: 'Bo',
            favouriteColours: [],
          },
        );
      } finally {
        closeClient(profiles);
      }
    });
  });

  it('refuses to start when one DTO is served in two cases (its component would carry two sets of names)', async () => {
    @Service({ name: 'camelprofiles' })
    class CamelProfiles {
      @Get('/camel-profile', { returns: Profile })
      async camelProfile(): Promise<Profile> {
        return { displayName: 'x', favouriteColours: [] };
      }
    }
    const app = new App(appOptions([ProfileService, CamelProfiles]));
    try {
      await rejectsCode(
        app.listen(),
        ConfigError,
        'SCHEMA_NAME_COLLISION',
        'Profile',
        'profilesvc (jsonCase snake)',
        'camelprofiles (jsonCase lowerCamel)',
      );
    } finally {
      await app.close();
      unregisterService(CamelProfiles);
    }
  });
});
