import { DeclaredError } from '../../lib';

/** The errors ordersvc answers with besides ts-doudou's own; the contract declares them on its routes. */
export const UnknownUser = new DeclaredError({
  status: 422,
  code: 'UNKNOWN_USER',
  description: 'The order names a user that does not exist in usersvc',
});

export const OrderNotFound = new DeclaredError({ status: 404, code: 'ORDER_NOT_FOUND', description: 'No order has this id' });
