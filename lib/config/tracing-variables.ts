/**
 * The tracing rows (variables.ts includes them in order): Jaeger's standard JAEGER_* names, read by
 * jaeger-client and go-doudou's Go tracer alike, and the GDD_* ones of ts-doudou's tracing.
 */
import * as p from './parsers';
import type { JaegerSamplerType } from './types';
import { v, type ConfigVariable } from './variable';

export const TRACING_VARIABLES: readonly ConfigVariable[] = Object.freeze([
  v({
    name: 'JAEGER_DISABLED',
    group: 'tracing',
    default: 'auto',
    field: 'tracing.disabled',
    example: 'false',
    parse: p.boolOrAuto(),
    description:
      '`true`: no tracing. `false`: trace (to localhost:6832 unless an agent or endpoint is set). Unset: trace when JAEGER_AGENT_HOST, JAEGER_AGENT_PORT or JAEGER_ENDPOINT is set (a go-doudou .env sets the agent), otherwise off at no cost.',
    assign: (d, x) => {
      d.tracing.disabled = x;
    },
  }),
  v({
    name: 'JAEGER_SERVICE_NAME',
    group: 'tracing',
    default: '',
    defaultText: 'GDD_SERVICE_NAME',
    field: 'tracing.serviceName',
    example: 'usersvc-eu',
    parse: p.text(),
    description: 'Service name on the spans.',
    assign: (d, x) => {
      d.tracing.serviceName = x;
    },
  }),
  v({
    name: 'JAEGER_AGENT_HOST',
    group: 'tracing',
    default: '',
    defaultText: 'localhost',
    field: 'tracing.agentHost',
    example: '127.0.0.1',
    parse: p.optionalHost(),
    description: 'Jaeger agent receiving spans over UDP.',
    assign: (d, x) => {
      d.tracing.agentHost = x;
    },
  }),
  v({
    name: 'JAEGER_AGENT_PORT',
    group: 'tracing',
    default: '',
    defaultText: '6832',
    field: 'tracing.agentPort',
    example: '16832',
    parse: p.optionalInt({ min: 1, max: 65_535, what: 'port' }),
    description:
      "The agent's UDP port for **binary** Thrift (6832). Not 6831: that port takes compact Thrift, which Go clients send; jaeger-client's binary packets are dropped there.",
    assign: (d, x) => {
      d.tracing.agentPort = x ?? 0;
    },
  }),
  v({
    name: 'JAEGER_ENDPOINT',
    group: 'tracing',
    default: '',
    field: 'tracing.endpoint',
    example: 'http://jaeger:14268/api/traces',
    parse: p.text(),
    description: "A collector's HTTP endpoint; when set, spans go there instead of to the agent.",
    assign: (d, x) => {
      d.tracing.endpoint = x;
    },
  }),
  v({
    name: 'JAEGER_USER',
    group: 'tracing',
    default: '',
    field: 'tracing.user',
    example: 'tracer',
    parse: p.text(),
    description: 'Basic-auth user for JAEGER_ENDPOINT.',
    assign: (d, x) => {
      d.tracing.user = x;
    },
  }),
  v({
    name: 'JAEGER_PASSWORD',
    group: 'tracing',
    default: '',
    field: 'tracing.password',
    example: 's3cret',
    secret: true,
    parse: p.text({ trim: false }),
    description: 'Basic-auth password for JAEGER_ENDPOINT (masked wherever the config is shown).',
    assign: (d, x) => {
      d.tracing.password = x;
    },
  }),
  v({
    name: 'JAEGER_SAMPLER_TYPE',
    group: 'tracing',
    default: 'const',
    field: 'tracing.samplerType',
    example: 'probabilistic',
    parse: p.oneOf<JaegerSamplerType>(['const', 'probabilistic', 'ratelimiting', 'remote']),
    description:
      '`const` (param 1 = every trace, 0 = none), `probabilistic` (param = probability), `ratelimiting` (param = traces per second) or `remote` (asks the agent on port 5778; param = initial probability).',
    assign: (d, x) => {
      d.tracing.samplerType = x;
    },
  }),
  v({
    name: 'JAEGER_SAMPLER_PARAM',
    group: 'tracing',
    default: '1',
    field: 'tracing.samplerParam',
    example: '0.1',
    parse: p.number({ min: 0 }),
    description: "The sampler's parameter; go-doudou samples everything (const 1).",
    assign: (d, x) => {
      d.tracing.samplerParam = x;
    },
  }),
  v({
    name: 'JAEGER_TAGS',
    group: 'tracing',
    default: '',
    field: 'tracing.tags',
    example: 'region=eu,team=billing',
    parse: p.tagList(),
    description: 'Process tags on every span: `key=value,key2=value2`.',
    assign: (d, x) => {
      d.tracing.tags = x;
    },
  }),
  v({
    name: 'JAEGER_REPORTER_FLUSH_INTERVAL',
    group: 'tracing',
    default: '1s',
    field: 'tracing.flushIntervalMs',
    example: '200ms',
    parse: p.duration({ bareInteger: 'milliseconds', positive: true }),
    description: 'How often buffered spans are sent (they are also flushed on graceful shutdown).',
    assign: (d, x) => {
      d.tracing.flushIntervalMs = x;
    },
  }),
  v({
    name: 'GDD_TRACING_METRICS_ROOT',
    group: 'tracing',
    default: 'tracing',
    field: 'tracing.metricsRoot',
    example: 'usersvc',
    parse: p.text(),
    description:
      "Prefix of the tracer's own metrics on /go-doudou/prometheus (`tracing_jaeger_started_spans_total`, `tracing_jaeger_reporter_spans_total`, …).",
    assign: (d, x) => {
      d.tracing.metricsRoot = x;
    },
  }),
]);
