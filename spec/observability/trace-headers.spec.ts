import assert from 'node:assert/strict';
import type { SpanContext } from 'opentracing';
import { traceparentOf, uberTraceIdFromTraceparent } from '../../lib/observability/trace-headers';

const context = (trace: string, span: string): SpanContext => ({ toTraceId: () => trace, toSpanId: () => span }) as SpanContext;

describe('observability/trace-headers', () => {
  it('turns a W3C traceparent into the equivalent uber-trace-id, keeping the sampled flag', () => {
    assert.equal(
      uberTraceIdFromTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'),
      '4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1',
    );
    assert.equal(
      uberTraceIdFromTraceparent('00-00000000000000001234567890abcdef-00f067aa0ba902b7-00'),
      '1234567890abcdef:00f067aa0ba902b7:0:0',
    );
  });

  it('ignores malformed, all-zero and version ff traceparents', () => {
    for (const bad of [
      '',
      'garbage',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e473x-00f067aa0ba902b7-01',
    ]) {
      assert.equal(uberTraceIdFromTraceparent(bad), undefined, bad);
    }
  });

  it('writes a traceparent with 32 and 16 hex digits from Jaeger ids', () => {
    assert.equal(traceparentOf(context('abc', 'def'), true), '00-00000000000000000000000000000abc-0000000000000def-01');
    assert.equal(traceparentOf(context('abc', 'def'), false), '00-00000000000000000000000000000abc-0000000000000def-00');
    assert.equal(traceparentOf(context('', ''), true), undefined);
  });
});
