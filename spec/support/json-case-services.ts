/**
 * The services and DTOs of spec/app-json-case.spec.ts: an order contract with nested DTOs and arrays of
 * DTOs, a profile with an explicit `@Prop({ name })`, a gateway calling the order service through a
 * typed client, and a greeter — each served in snake_case or lowerCamel by the spec.
 */
import { Body, Contract, Get, Path, Post, Prop, Query, Service } from '../../lib';

const notImplemented = (): never => {
  throw new Error('not implemented');
};

export class LineItem {
  @Prop({ minLength: 1 }) productId!: string;
  @Prop({ integer: true, minimum: 1 }) unitCount!: number;
}

export class ShippingAddress {
  @Prop({ minLength: 1 }) streetName!: string;
  @Prop({ optional: true }) postCode?: string;
}

export class OrderInput {
  @Prop({ minLength: 1 }) customerName!: string;
  @Prop({ type: ShippingAddress }) shippingAddress!: ShippingAddress;
  @Prop({ type: [LineItem], minItems: 1 }) lineItems!: LineItem[];
  @Prop({ type: ShippingAddress, optional: true, nullable: true }) billingAddress?: ShippingAddress | null;
  /** An explicit wire name wins over the case. */
  @Prop({ name: 'ref', optional: true }) externalRef?: string;
  @Prop({ integer: true, default: 1 }) priorityLevel!: number;
}

export class Order {
  @Prop() orderId!: string;
  @Prop() customerName!: string;
  @Prop({ type: ShippingAddress }) shippingAddress!: ShippingAddress;
  @Prop({ type: [LineItem] }) lineItems!: LineItem[];
  @Prop({ name: 'ref', optional: true }) externalRef?: string;
  @Prop() placedAt!: Date;
  @Prop({ integer: true }) priorityLevel!: number;
}

/** The contract does not say its case: the App's GDD_JSON_CASE (or the client's jsonCase) decides. */
@Contract('ordersvc')
export class OrderContract {
  @Post('/orders', { returns: Order })
  createOrder(@Body() input: OrderInput): Promise<Order> {
    return notImplemented();
  }

  @Get('/orders/:id', { returns: Order })
  getOrder(@Path('id') id: string, @Query('withItems', { optional: true }) withItems?: boolean): Promise<Order> {
    return notImplemented();
  }
}

export const received: unknown[] = [];
export const PLACED_AT = new Date('2026-01-02T03:04:05.000Z');

@Service('ordersvc')
export class OrderService extends OrderContract {
  private readonly orders = new Map<string, Order>();

  override async createOrder(input: OrderInput): Promise<Order> {
    received.push(input);
    const order = Object.assign(new Order(), {
      orderId: `o${this.orders.size + 1}`,
      customerName: input.customerName,
      shippingAddress: input.shippingAddress,
      lineItems: input.lineItems,
      externalRef: input.externalRef,
      placedAt: PLACED_AT,
      priorityLevel: input.priorityLevel,
      internalNote: 'never on the wire',
    });
    this.orders.set(order.orderId, order);
    return order;
  }

  override async getOrder(id: string, withItems?: boolean): Promise<Order> {
    const order = this.orders.get(id);
    if (order === undefined) throw new Error(`no order ${id}`);
    return withItems === false ? { ...order, lineItems: [] } : order;
  }
}

/** A service that states its own case, whatever the App's. */
export class Profile {
  @Prop() displayName!: string;
  @Prop({ type: [String] }) favouriteColours!: string[];
}

@Service({ name: 'profilesvc', jsonCase: 'snake' })
export class ProfileService {
  @Post('/profiles', { returns: Profile })
  async saveProfile(@Body() profile: Profile): Promise<Profile> {
    received.push(profile);
    return profile;
  }
}

/** Calls ordersvc through the contract client the App injects. */
@Service('gatewaysvc')
export class GatewayService {
  constructor(private readonly orders: OrderContract) {}

  @Get('/gateway/orders/:id', { returns: String })
  async describeOrder(@Path('id') id: string): Promise<string> {
    const order = await this.orders.getOrder(id);
    return `${order.customerName}: ${order.lineItems.map((i) => `${i.unitCount}×${i.productId}`).join(', ')} at ${order.placedAt.toISOString()}`;
  }
}

export class Greeting {
  @Prop() greetingText!: string;
}

@Service('greetsvc')
export class GreetService {
  @Get('/greetings/:name', { returns: Greeting })
  async greet(@Path('name') name: string): Promise<Greeting> {
    return { greetingText: `hello ${name}` };
  }
}

export const wireOrder = {
  customer_name: 'Ada',
  shipping_address: { street_name: 'Main St 1', post_code: '12345' },
  line_items: [
    { product_id: 'p1', unit_count: 2 },
    { product_id: 'p2', unit_count: 1 },
  ],
  billing_address: null,
  ref: 'ext-7',
};
