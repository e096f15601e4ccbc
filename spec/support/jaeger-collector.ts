/**
 * A Jaeger collector stand-in: an HTTP server on 127.0.0.1 taking what jaeger-client's HTTP sender really
 * posts to JAEGER_ENDPOINT (`POST /api/traces`, `application/x-thrift`, a binary Thrift Batch), decoded
 * with the jaeger.thrift IDL jaeger-client ships — the collector counterpart of jaeger-agent.ts.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jaegerIdl, spansOfBatch, type ReceivedSpan, type ThriftBatch } from './jaeger-agent';
import { waitFor } from './wait-for';

const jaegerThrift = jaegerIdl('jaeger');

export interface CollectorPost {
  path: string;
  contentType: string;
  authorization: string;
}

export class JaegerCollectorStandIn {
  readonly spans: ReceivedSpan[] = [];
  readonly posts: CollectorPost[] = [];

  private constructor(private readonly server: http.Server) {
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.posts.push({
          path: req.url ?? '',
          contentType: req.headers['content-type'] ?? '',
          authorization: req.headers.authorization ?? '',
        });
        const read = jaegerThrift.Batch.rw.readFrom(Buffer.concat(chunks), 0);
        if (read.err) {
          res.writeHead(400).end(String(read.err));
          return;
        }
        this.spans.push(...spansOfBatch(read.value as ThriftBatch));
        res.writeHead(202).end();
      });
    });
  }

  static async start(): Promise<JaegerCollectorStandIn> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new JaegerCollectorStandIn(server);
  }

  /** JAEGER_ENDPOINT for a tracer that should post here. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/traces`;
  }

  waitForSpan(match: (s: ReceivedSpan) => boolean, timeoutMs = 10_000): Promise<ReceivedSpan> {
    return waitFor(() => this.spans.find(match), { timeoutMs, message: 'span at the Jaeger collector stand-in' });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
