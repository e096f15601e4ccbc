/** The HTTP server's GDD_* rows and the built-in /go-doudou/* endpoints' (variables.ts includes them in order). */
import type { JsonCase } from '../decorators/json-case';
import * as p from './parsers';
import { v, type ConfigVariable } from './variable';

export const HTTP_VARIABLES: readonly ConfigVariable[] = Object.freeze([
  // ── HTTP server ──
  v({
    name: 'GDD_HOST',
    group: 'http',
    default: '',
    field: 'http.host',
    example: '127.0.0.1',
    parse: p.text(),
    description: 'Address the HTTP server listens on; empty = all interfaces.',
    assign: (d, x) => {
      d.http.host = x;
    },
  }),
  v({
    name: 'GDD_PORT',
    group: 'http',
    default: '6060',
    field: 'http.port',
    example: '8080',
    parse: p.int({ min: 0, max: 65535, what: 'port' }),
    description: 'HTTP port (0 picks a free one).',
    assign: (d, x) => {
      d.http.port = x;
    },
  }),
  v({
    name: 'GDD_ROUTE_ROOT_PATH',
    group: 'http',
    default: '',
    field: 'http.routeRootPath',
    example: '/api',
    parse: p.routeRootPath(),
    description: 'Prefix for every business route (not for /go-doudou/*), e.g. `/api/v1`.',
    assign: (d, x) => {
      d.http.routeRootPath = x;
    },
  }),
  v({
    name: 'GDD_READ_TIMEOUT',
    group: 'http',
    default: '15s',
    field: 'http.readTimeoutMs',
    example: '20s',
    parse: p.duration({ bareInteger: 'none' }),
    description:
      'Longest time to receive one request, headers and body, counted from its first byte (from the accept for the first request of a connection). Past it the client gets 408 REQUEST_TIMEOUT within a second and the connection is closed. 0 = no limit on the body; headers then still get 60s.',
    assign: (d, x) => {
      d.http.readTimeoutMs = x;
    },
  }),
  v({
    name: 'GDD_WRITE_TIMEOUT',
    group: 'http',
    default: '15s',
    field: 'http.writeTimeoutMs',
    example: '20s',
    parse: p.duration({ bareInteger: 'none' }),
    description:
      'Longest silence of a connection while a request is open: nothing received and nothing sent (a handler that writes nothing for this long, a client that stops reading its answer). The connection is then closed, recorded as `write-timeout`. Not a bound on the total response time; 0 = none.',
    assign: (d, x) => {
      d.http.writeTimeoutMs = x;
    },
  }),
  v({
    name: 'GDD_IDLE_TIMEOUT',
    group: 'http',
    default: '60s',
    field: 'http.idleTimeoutMs',
    example: '2m',
    parse: p.duration({ bareInteger: 'none' }),
    description: 'How long a keep-alive connection may wait for its next request before it is closed; 0 = no limit.',
    assign: (d, x) => {
      d.http.idleTimeoutMs = x;
    },
  }),
  v({
    name: 'GDD_GRACE_TIMEOUT',
    group: 'http',
    default: '15s',
    field: 'http.graceTimeoutMs',
    example: '30s',
    parse: p.duration({ bareInteger: 'none' }),
    description:
      'On SIGTERM/SIGINT, once the node has left the gossip cluster: the longest the HTTP shutdown may take. Requests in flight finish; whatever is still open at the end is closed (recorded as `shutdown`), then the process exits 0.',
    assign: (d, x) => {
      d.http.graceTimeoutMs = x;
    },
  }),
  v({
    name: 'GDD_DRAIN_WINDOW',
    group: 'http',
    default: '5s',
    field: 'http.drainWindowMs',
    example: '2s',
    parse: p.duration({ bareInteger: 'none' }),
    description:
      'Lame-duck drain at shutdown, inside GDD_GRACE_TIMEOUT: new connections are refused, but for this long requests on open keep-alive connections are still answered, with `Connection: close`, and each connection is closed after its response; idle connections left at the end are closed. Ends early when no connection is left. Not in go-doudou.',
    assign: (d, x) => {
      d.http.drainWindowMs = x;
    },
  }),
  v({
    name: 'GDD_BODY_LIMIT',
    group: 'http',
    default: '1mb',
    field: 'http.bodyLimitBytes',
    example: '10mb',
    parse: p.size(),
    description: 'Largest accepted request body (bytes, or with b/kb/mb/gb). Not in go-doudou.',
    assign: (d, x) => {
      d.http.bodyLimitBytes = x;
    },
  }),
  v({
    name: 'GDD_ENABLE_RESPONSE_GZIP',
    group: 'http',
    default: 'true',
    field: 'http.enableResponseGzip',
    example: 'false',
    parse: p.bool(),
    description: 'Compress responses when the client accepts gzip.',
    assign: (d, x) => {
      d.http.enableResponseGzip = x;
    },
  }),
  v({
    name: 'GDD_JSON_CASE',
    group: 'http',
    default: 'lowerCamel',
    field: 'http.jsonCase',
    example: 'snake',
    parse: p.oneOf<JsonCase>(['lowerCamel', 'snake']),
    description:
      'Wire names of DTO properties in JSON bodies and the document: `lowerCamel` (as declared) or `snake` (`pageSize` → `page_size`); `@Service({ jsonCase })` and `@Prop({ name })` win. Also the case of injected contract clients.',
    assign: (d, x) => {
      d.http.jsonCase = x;
    },
  }),
  // ── built-in endpoints ──
  v({
    name: 'GDD_MANAGE_ENABLE',
    group: 'manage',
    default: 'true',
    field: 'manage.enable',
    example: 'false',
    parse: p.bool(),
    description: 'Serve /go-doudou/* (openapi.json, doc, registry, prometheus, health).',
    assign: (d, x) => {
      d.manage.enable = x;
    },
  }),
  v({
    name: 'GDD_MANAGE_USER',
    group: 'manage',
    default: '',
    field: 'manage.user',
    example: 'admin',
    parse: p.text(),
    description:
      'Basic-auth user for /go-doudou/*. User and password empty = no auth (warned outside dev). go-doudou defaults to admin/admin.',
    assign: (d, x) => {
      d.manage.user = x;
    },
  }),
  v({
    name: 'GDD_MANAGE_PASS',
    group: 'manage',
    default: '',
    field: 'manage.pass',
    example: 's3cret',
    secret: true,
    parse: p.text({ trim: false }),
    description: 'Basic-auth password for /go-doudou/*. Secret: shown as `***` in errors and logs.',
    assign: (d, x) => {
      d.manage.pass = x;
    },
  }),
]);
