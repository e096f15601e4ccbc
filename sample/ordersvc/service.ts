import { Service } from '../../lib';
import { UserServiceContract } from '../usersvc/contract';
import { OrderServiceContract } from './contract';
import { UserNotFound } from '../usersvc/errors';
import { NewOrder, Order } from './dto';
import { OrderNotFound, UnknownUser } from './errors';

interface StoredOrder {
  id: number;
  userId: number;
  item: string;
  quantity: number;
  createdAt: Date;
}

/**
 * The order service. Its constructor asks for the user service's contract: in micro mode the App
 * injects a typed client balanced over the usersvc instances in the cluster; when the same App also
 * serves UserServiceImpl (monolith mode) it injects that instance. The code is the same either way.
 */
@Service('ordersvc')
export class OrderServiceImpl extends OrderServiceContract {
  private readonly orders = new Map<number, StoredOrder>();

  constructor(private readonly users: UserServiceContract) {
    super();
  }

  override async createOrder(input: NewOrder): Promise<Order> {
    const user = await this.userOrUnprocessable(input.userId);
    const order: StoredOrder = { id: this.orders.size + 1, ...input, createdAt: new Date() };
    this.orders.set(order.id, order);
    return { ...order, userName: user.name };
  }

  override async getOrder(id: number): Promise<Order> {
    const order = this.orders.get(id);
    if (!order) throw OrderNotFound.error(`no order with id ${id}`);
    const user = await this.users.getUser(order.userId);
    return { ...order, userName: user.name };
  }

  private async userOrUnprocessable(userId: number) {
    try {
      return await this.users.getUser(userId);
    } catch (err) {
      // A remote 404 arrives as RemoteHttpError, a local one as HttpError: matches() takes both.
      if (UserNotFound.matches(err)) throw UnknownUser.error(`user ${userId} does not exist`);
      throw err;
    }
  }
}
