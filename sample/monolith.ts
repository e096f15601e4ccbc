/**
 * Both sample services in one process (GDD_MODE=mono): OrderServiceImpl gets the local UserServiceImpl
 * injected where, in micro mode, it gets a client — the same code runs either way.
 *   node dist/sample/monolith.js
 */
import { runService } from './run-service';
import './usersvc/service';
import './ordersvc/service';
import { provideUserStore } from './usersvc/user-store-provider';

runService('monolith', provideUserStore);
