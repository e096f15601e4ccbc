/**
 * A Jaeger agent stand-in: a UDP socket on 127.0.0.1 that receives what jaeger-client really sends
 * (`Agent.emitBatch`, binary Thrift — the agent's port 6832) and decodes it with a real Thrift decoder:
 * thriftrw and the IDL that jaeger-client ships. Not a fake of the tracer: the bytes are the tracer's.
 */
import * as dgram from 'node:dgram';
import * as path from 'node:path';
import { Thrift } from 'thriftrw';
import { waitFor } from './wait-for';

type TagValue = string | number | boolean;

interface ThriftTag {
  key: string;
  vType: 'STRING' | 'DOUBLE' | 'BOOL' | 'LONG' | 'BINARY';
  vStr: string;
  vDouble: number;
  vBool: boolean;
  vLong: Buffer;
  vBinary: Buffer;
}
interface ThriftSpan {
  traceIdLow: Buffer;
  traceIdHigh: Buffer;
  spanId: Buffer;
  parentSpanId: Buffer;
  operationName: string;
  startTime: Buffer;
  duration: Buffer;
  tags: ThriftTag[] | null;
  logs: Array<{ timestamp: Buffer; fields: ThriftTag[] }> | null;
}
/** A jaeger.thrift Batch: what the agent's emitBatch carries and what a collector's /api/traces receives. */
export interface ThriftBatch {
  process: { serviceName: string; tags: ThriftTag[] | null };
  spans: ThriftSpan[];
}

export interface ReceivedSpan {
  /** Hex without leading zeros (how Jaeger prints ids). */
  traceId: string;
  spanId: string;
  /** '0' for a root span. */
  parentSpanId: string;
  operationName: string;
  /** The reporting process's service name. */
  service: string;
  processTags: Record<string, TagValue>;
  tags: Record<string, TagValue>;
  logs: Array<Record<string, TagValue>>;
  durationMicros: number;
}

/** Ids as Jaeger prints them: hex, no leading zeros. */
export function hexId(id: string | Buffer): string {
  const hex = typeof id === 'string' ? id : id.toString('hex');
  return hex.replace(/^0+(?=.)/, '');
}

function tagValue(t: ThriftTag): TagValue {
  switch (t.vType) {
    case 'STRING':
      return t.vStr;
    case 'DOUBLE':
      return t.vDouble;
    case 'BOOL':
      return t.vBool;
    case 'LONG':
      return Number(t.vLong.readBigInt64BE(0));
    default:
      return t.vBinary.toString('hex');
  }
}

function tagMap(tags: ThriftTag[] | null): Record<string, TagValue> {
  const out: Record<string, TagValue> = {};
  for (const t of tags ?? []) out[t.key] = tagValue(t);
  return out;
}

/** A decoder for one of the Thrift IDL files jaeger-client ships: the agent's, or jaeger.thrift (spans) it includes. */
export function jaegerIdl(file: 'agent' | 'jaeger'): Thrift {
  const dir = path.dirname(require.resolve('jaeger-client'));
  return new Thrift({
    entryPoint: file === 'agent' ? path.join(dir, 'thriftrw-idl', 'agent.thrift') : path.join(dir, 'jaeger-idl', 'thrift', 'jaeger.thrift'),
    allowOptionalArguments: true,
    allowFilesystemAccess: true,
  });
}

const agentThrift = jaegerIdl('agent');

/** The spans of a decoded batch, ids and tags as Jaeger shows them. */
export function spansOfBatch(batch: ThriftBatch): ReceivedSpan[] {
  const processTags = tagMap(batch.process.tags);
  return batch.spans.map((s) => {
    const high = hexId(s.traceIdHigh);
    return {
      traceId: high === '0' ? hexId(s.traceIdLow) : high + s.traceIdLow.toString('hex'),
      spanId: hexId(s.spanId),
      parentSpanId: hexId(s.parentSpanId),
      operationName: s.operationName,
      service: batch.process.serviceName,
      processTags,
      tags: tagMap(s.tags),
      logs: (s.logs ?? []).map((l) => tagMap(l.fields)),
      durationMicros: Number(s.duration.readBigInt64BE(0)),
    };
  });
}

export class JaegerAgentStandIn {
  readonly spans: ReceivedSpan[] = [];
  /** Datagrams received, and how many did not decode as Agent.emitBatch. */
  packets = 0;
  undecodable = 0;

  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (buf) => this.receive(buf));
  }

  static async start(): Promise<JaegerAgentStandIn> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new JaegerAgentStandIn(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Env for a process whose tracer should report here. */
  env(serviceName?: string): Record<string, string> {
    return {
      JAEGER_AGENT_HOST: '127.0.0.1',
      JAEGER_AGENT_PORT: String(this.port),
      JAEGER_REPORTER_FLUSH_INTERVAL: '100ms',
      ...(serviceName ? { JAEGER_SERVICE_NAME: serviceName } : {}),
    };
  }

  /** Waits until a received span satisfies `match`. */
  waitForSpan(match: (s: ReceivedSpan) => boolean, timeoutMs = 10_000, what = 'span'): Promise<ReceivedSpan> {
    return waitFor(() => this.spans.find(match), { timeoutMs, message: `${what} at the Jaeger agent stand-in (got ${this.describe()})` });
  }

  describe(): string {
    return JSON.stringify(this.spans.map((s) => `${s.service} ${s.operationName}`));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private receive(buf: Buffer): void {
    this.packets++;
    const read = agentThrift.Agent.emitBatch.argumentsMessageRW.readFrom(buf, 0);
    if (read.err || read.value.name !== 'emitBatch') {
      this.undecodable++;
      return;
    }
    this.spans.push(...spansOfBatch(read.value.body.batch as ThriftBatch));
  }
}
