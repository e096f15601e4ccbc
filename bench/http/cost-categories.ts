/**
 * Where a CPU profile's samples go, per default of the request path. Two kinds of rules:
 *  - entry rules: the function and everything it calls (inclusive) — for functions that do one default's
 *    work and do not call the rest of the chain (AccessLog.write, HttpMetrics.observe, ParamBinder.bind…);
 *  - file rules: only the sample's own function (self time), when no entry rule is above it — for code that
 *    wraps the rest of the chain (Koa's dispatch, the router, the lifecycle) and for node's internals.
 * A file rule never takes a sample an entry rule above it took: winston's stream code called from
 * AccessLog.flush is the access log, not "node streams".
 */

export interface CallFrame {
  functionName: string;
  url: string;
}

interface Rule {
  category: string;
  url: RegExp;
  fn?: RegExp;
}

const ENTRY_RULES: readonly Rule[] = [
  { category: 'access log', url: /lib\/http\/access-log\.js$/ },
  { category: 'access log', url: /lib\/observability\/(logger|log-context|access-line[^/]*)\.js$/ },
  { category: 'metrics', url: /lib\/observability\/metrics\.js$/, fn: /observe/ },
  { category: 'request id', url: /lib\/http\/request-id\.js$/ },
  { category: 'CORS', url: /lib\/http\/cors\.js$/, fn: /apply/ },
  { category: 'compression negotiation', url: /lib\/http\/compression\.js$/ },
  { category: 'binding + validation', url: /lib\/http\/(param-binder|request-validator|coerce|forbidden-keys|route-binder[^/]*)\.js$/ },
  { category: 'body reading', url: /lib\/http\/(request-body|utf8)\.js$/ },
  { category: 'serialization', url: /lib\/http\/(response-writer|response-serializer)\.js$/ },
  { category: 'handler', url: /bench\/http\/targets\/stack\.js$/ },
  { category: 'error mapping', url: /lib\/http\/error-mapper\.js$/ },
  { category: 'tracing hooks', url: /lib\/http\/server-span\.js$/ },
  { category: 'response bookkeeping', url: /lib\/http\/(response-outcome|open-connections)\.js$/ },
];

const FILE_RULES: readonly Rule[] = [
  { category: 'garbage collection', url: /^$/, fn: /^\(garbage collector\)$/ },
  {
    category: 'Koa',
    url: /node_modules\/(koa|koa-compose|on-finished|ee-first|statuses|only|delegates|cache-content-type|mime-types|mime-db|content-type|type-is|media-typer|encodeurl|escape-html|fresh|http-errors|depd|vary|accepts|negotiator|content-disposition|destroy)\//,
  },
  { category: 'router', url: /node_modules\/(@koa\/router|path-to-regexp|koa-compose)\// },
  {
    category: 'access log',
    url: /node_modules\/(winston|winston-transport|logform|readable-stream|safe-stable-stringify|@colors|triple-beam|fecha|ms|string_decoder|util-deprecate|inherits|stack-trace|async|one-time|fn.name|colorspace|kuler|color|color-string|simple-swizzle|text-hex|enabled|@dabh|@so-ric)\//,
  },
  { category: 'metrics', url: /node_modules\/(prom-client|tdigest|bintrees)\// },
  { category: 'binding + validation', url: /node_modules\/(ajv|ajv-formats|fast-uri|fast-deep-equal|json-schema-traverse)\// },
  { category: 'serialization', url: /node_modules\/(fast-json-stringify|json-schema-ref-resolver|@fastify)\// },
  { category: 'response bookkeeping', url: /lib\/http\/counting-response\.js$/ },
  { category: 'lifecycle and chain', url: /lib\/(http|observability)\/[^/]+\.js$/ },
  { category: 'lifecycle and chain', url: /^node:async_hooks$|^node:internal\/async_local_storage/ },
  { category: 'node:http, net, streams', url: /^node:/ },
  { category: 'V8 and natives', url: /^$/ },
];

function matches(rule: Rule, frame: CallFrame): boolean {
  return rule.url.test(frame.url) && (rule.fn === undefined || rule.fn.test(frame.functionName));
}

/** The entry rule's category of a frame, if any. */
export function entryCategory(frame: CallFrame): string | undefined {
  return ENTRY_RULES.find((r) => matches(r, frame))?.category;
}

/** The file rule's category of a frame: its own code's. */
export function fileCategory(frame: CallFrame): string {
  return FILE_RULES.find((r) => matches(r, frame))?.category ?? 'other';
}

/** Samples the profiler took while nothing ran: not part of any request's cost. */
export function isIdle(frame: CallFrame): boolean {
  return frame.functionName === '(idle)' || frame.functionName === '(program)';
}
