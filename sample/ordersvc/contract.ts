import { Body, Contract, Get, Path, Post } from '../../lib';
import { NewOrder, Order } from './dto';

const notImplemented = (): never => {
  throw new Error('not implemented: this is the contract, serve OrderServiceImpl');
};

/** The order service contract: orders reference users of usersvc. */
@Contract({ name: 'ordersvc', description: 'Orders; calls usersvc through a typed, balanced client' })
export class OrderServiceContract {
  @Post('/orders', {
    returns: Order,
    summary: 'Place an order for an existing user',
    description: 'Checks the user with usersvc and stores the order; 422 UNKNOWN_USER when usersvc has no such user.',
  })
  async createOrder(@Body() order: NewOrder): Promise<Order> {
    return notImplemented();
  }

  @Get('/orders/:id', {
    returns: Order,
    summary: 'Get an order with its user name',
    description: "The order with this id and its user's current name, read from usersvc; 404 ORDER_NOT_FOUND when there is none.",
  })
  async getOrder(@Path('id', { integer: true, minimum: 1 }) id: number): Promise<Order> {
    return notImplemented();
  }
}
