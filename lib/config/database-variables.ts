/** The GDD_DB_* rows (variables.ts includes them in order): what Database.fromConfig(), `doudou ddl` and `doudou svc crud` connect with. */
import * as p from './parsers';
import { v, type ConfigVariable } from './variable';

export const DATABASE_VARIABLES: readonly ConfigVariable[] = Object.freeze([
  v({
    name: 'GDD_DB_DRIVER',
    group: 'db',
    default: '',
    field: 'db.driver',
    example: 'postgres',
    parse: p.dbDriver(),
    description:
      '`mysql` (MySQL or MariaDB; `mariadb` is the same), `postgres`, or empty for no database. The driver package (`mysql2`, `pg`) is installed by the application.',
    assign: (d, x) => {
      d.db.driver = x;
    },
  }),
  v({
    name: 'GDD_DB_HOST',
    group: 'db',
    default: 'localhost',
    field: 'db.host',
    example: 'db.internal',
    parse: p.text(),
    description: 'Database server host.',
    assign: (d, x) => {
      d.db.host = x;
    },
  }),
  v({
    name: 'GDD_DB_PORT',
    group: 'db',
    default: '0',
    defaultText: '0 (3306 or 5432)',
    field: 'db.port',
    example: '3307',
    parse: p.int({ min: 0, max: 65535, what: 'port' }),
    description: "Database server port; 0 is the driver's default.",
    assign: (d, x) => {
      d.db.port = x;
    },
  }),
  v({
    name: 'GDD_DB_USER',
    group: 'db',
    default: '',
    field: 'db.user',
    example: 'app',
    parse: p.text(),
    description: "User to connect as; empty is the driver's default (PostgreSQL: the OS user).",
    assign: (d, x) => {
      d.db.user = x;
    },
  }),
  v({
    name: 'GDD_DB_PASSWD',
    group: 'db',
    default: '',
    secret: true,
    field: 'db.password',
    example: 's3cret',
    parse: p.text({ trim: false }),
    description: 'Password of GDD_DB_USER (masked wherever the config is shown).',
    assign: (d, x) => {
      d.db.password = x;
    },
  }),
  v({
    name: 'GDD_DB_SCHEMA',
    group: 'db',
    default: '',
    field: 'db.schema',
    example: 'shop',
    parse: p.text(),
    description: 'Where the tables live: the database on MySQL/MariaDB (required there), the schema on PostgreSQL (empty = `public`).',
    assign: (d, x) => {
      d.db.schema = x;
    },
  }),
  v({
    name: 'GDD_DB_NAME',
    group: 'db',
    default: '',
    field: 'db.database',
    example: 'shop',
    parse: p.text(),
    description: 'PostgreSQL only: the database to connect to (empty = the user name, as libpq does). New in ts-doudou.',
    assign: (d, x) => {
      d.db.database = x;
    },
  }),
  v({
    name: 'GDD_DB_CHARSET',
    group: 'db',
    default: 'utf8mb4',
    field: 'db.charset',
    example: 'utf8',
    parse: p.text(),
    description: 'MySQL/MariaDB: character set of the connection and of tables `ddl sync` creates.',
    assign: (d, x) => {
      d.db.charset = x;
    },
  }),
  v({
    name: 'GDD_DB_POOL_MAXOPENCONNS',
    group: 'db',
    default: '10',
    field: 'db.pool.maxOpen',
    example: '20',
    parse: p.count(1),
    description:
      'Most connections the pool opens; further queries wait for a free one. go-doudou defaults to unlimited (-1); a pool needs a bound.',
    assign: (d, x) => {
      d.db.pool.maxOpen = x;
    },
  }),
  v({
    name: 'GDD_DB_POOL_CONNMAXIDLETIME',
    group: 'db',
    default: '60s',
    field: 'db.pool.maxIdleTimeMs',
    example: '5m',
    parse: p.duration({ bareInteger: 'none', positive: true }),
    description: 'An idle pooled connection is closed after this long.',
    assign: (d, x) => {
      d.db.pool.maxIdleTimeMs = x;
    },
  }),
  v({
    name: 'GDD_DB_CONNECT_TIMEOUT',
    group: 'db',
    default: '10s',
    field: 'db.connectTimeoutMs',
    example: '3s',
    parse: p.duration({ bareInteger: 'none', positive: true }),
    description: 'How long opening one connection may take before the query (or the health check) fails. New in ts-doudou.',
    assign: (d, x) => {
      d.db.connectTimeoutMs = x;
    },
  }),
  v({
    name: 'GDD_DB_LOG_SLOWTHRESHOLD',
    group: 'db',
    default: '200ms',
    field: 'db.slowThresholdMs',
    example: '1s',
    parse: p.duration({ bareInteger: 'none' }),
    description: 'Queries slower than this are logged as warnings with their SQL (never their parameters); 0 turns it off.',
    assign: (d, x) => {
      d.db.slowThresholdMs = x;
    },
  }),
]);
