/**
 * One user-service process. Started by sample/cluster.ts in micro mode, or alone: node dist/sample/usersvc/main.js
 * (users in memory), or with GDD_DB_DRIVER=mysql|postgres and GDD_DB_* on a database.
 */
import { runService } from '../run-service';
import './service';
import { provideUserStore } from './user-store-provider';

runService('usersvc', provideUserStore);
