import { Database, type App } from '../../lib';
import { DatabaseUserStore } from './database-user-store';
import { MemoryUserStore, UserStore } from './user-store';

/**
 * Gives the App's user service its UserStore: in memory by default, on the database of GDD_DB_* when
 * GDD_DB_DRIVER is set — then the App also owns the Database (closed at shutdown, on /go-doudou/health).
 * Memory mode makes no Database, so it needs no driver package installed.
 */
export function provideUserStore(app: App): void {
  if (app.config.db.driver === '') {
    app.container.register(UserStore, { useClass: MemoryUserStore });
    return;
  }
  app.container.register(Database, Database.provider());
  app.container.register(UserStore, { useFactory: (db: Database) => new DatabaseUserStore(db), inject: [Database] });
}
