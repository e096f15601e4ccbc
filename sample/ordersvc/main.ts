/** One order-service process; it finds usersvc instances through the gossip cluster. */
import { runService } from '../run-service';
import './service';

runService('ordersvc');
