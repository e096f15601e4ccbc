import { strict as assert } from 'node:assert';
import { loadCaptures, parseCaptures } from './captures';

describe('wire spec support: capture file parser', () => {
  it('parses a record with its ports, transport, bytes and notes', () => {
    const [c] = parseCaptures('#16 t=0.479 UDP 7981 -> 7980 (3 bytes)\n  hex: 0282a7\n  [02] ack {}\n');
    assert.equal(c.id, 16);
    assert.equal(c.transport, 'UDP');
    assert.equal(c.fromPort, 7981);
    assert.equal(c.toPort, 7980);
    assert.deepEqual([...c.bytes], [0x02, 0x82, 0xa7]);
    assert.deepEqual(c.notes, ['[02] ack {}']);
  });

  it('refuses a record whose hex length differs from its header, or without hex', () => {
    assert.throws(() => parseCaptures('#1 t=0.1 UDP 1 -> 2 (4 bytes)\n  hex: 0282a7\n'), /header says 4/);
    assert.throws(() => parseCaptures('#1 t=0.1 TCP stream 1 -> 2 (4 bytes)\n  note\n'), /no hex/);
  });

  it('loads the three capture files shared by the interop work', () => {
    const counts = ['plain.txt', 'nocompress.txt', 'enc-label.txt'].map((f) => loadCaptures(f).length);
    assert.deepEqual(counts, [15, 12, 12]);
  });
});
