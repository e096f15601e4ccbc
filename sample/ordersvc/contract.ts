import { Body, Contract, Get, Path, Post } from '../../lib';
import { UserNotFound } from '../usersvc/errors';
import { NewOrder, Order } from './dto';
import { OrderNotFound, UnknownUser } from './errors';

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
    errors: [UnknownUser],
  })
  async createOrder(@Body() order: NewOrder): Promise<Order> {
    return notImplemented();
  }

  @Get('/orders/:id', {
    returns: Order,
    summary: 'Get an order with its user name',
    description: "The order with this id and its user's current name, read from usersvc; 404 ORDER_NOT_FOUND when there is none.",
    // the order's user may have been deleted since: usersvc's 404 is passed on
    errors: [OrderNotFound, UserNotFound],
  })
  async getOrder(@Path('id', { integer: true, minimum: 1 }) id: number): Promise<Order> {
    return notImplemented();
  }
}
