import { strict as assert } from 'node:assert';
import { estimateSize } from '../../../lib/discovery/core/size';
import { encodedSize } from '../../../lib/discovery/wire/message-codec';
import type { PacketMessage } from '../../../lib/discovery/wire/messages';

describe('discovery/core/size', () => {
  const samples: PacketMessage[] = [
    { type: 'ping', seqNo: 1, node: 'goB', sourceAddr: '127.0.0.1', sourcePort: 17946, sourceNode: 'goA' },
    { type: 'ping', seqNo: 70000, node: '' },
    {
      type: 'indirectPing',
      seqNo: 300,
      target: '10.0.0.2',
      port: 7946,
      node: 'n2',
      nack: true,
      sourceAddr: '10.0.0.1',
      sourcePort: 7946,
      sourceNode: 'n1',
    },
    { type: 'ack', seqNo: 200 },
    { type: 'ack', seqNo: 5, payload: new Uint8Array(40) },
    { type: 'nack', seqNo: 4 },
    { type: 'suspect', incarnation: 1, node: 'goC', from: 'goB' },
    { type: 'dead', incarnation: 4_000_000_000, node: 'a'.repeat(40), from: 'x' },
    {
      type: 'alive',
      incarnation: 1,
      node: 'goB',
      addr: '127.0.0.1',
      port: 17947,
      meta: new TextEncoder().encode('meta-goB'),
      vsn: [1, 5, 2, 0, 0, 0],
    },
    { type: 'alive', incarnation: 9, node: 'v6', addr: 'fd00::2', port: 7946, vsn: [1, 5, 2, 2, 5, 5] },
    { type: 'alive', incarnation: 9, node: 'big', addr: '10.0.0.9', port: 7946, meta: new Uint8Array(512), vsn: [1, 5, 2, 0, 0, 0] },
    { type: 'user', payload: new Uint8Array(9) },
  ];

  it('estimates exactly the length the wire codec encodes', () => {
    for (const m of samples) assert.equal(estimateSize(m), encodedSize(m), JSON.stringify(m));
  });

  it('matches the captured 63-byte ping and 67-byte alive', () => {
    assert.equal(estimateSize(samples[0]), 63);
    assert.equal(estimateSize(samples[8]), 67);
  });
});
