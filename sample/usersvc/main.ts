/** One user-service process. Started by sample/cluster.ts in micro mode, or alone: node dist/sample/usersvc/main.js */
import { runService } from '../run-service';
import './service';

runService('usersvc');
