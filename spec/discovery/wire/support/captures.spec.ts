import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { capturesDir, loadCaptures, parseCaptureFile, readCaptureFile, type CaptureFile } from './captures';

const record = (over: Partial<CaptureFile['packets'][number]> = {}): CaptureFile => ({
  what: 'test',
  captured: { on: '2026-01-01', with: 'hand' },
  software: {},
  packets: [{ id: 16, transport: 'udp', fromPort: 7981, toPort: 7980, bytes: 3, contains: 'ack', hex: '0282a7', ...over }],
});

describe('wire spec support: capture fixtures', () => {
  it('reads a record with its ports, transport, bytes and summary', () => {
    const [c] = parseCaptureFile(record());
    assert.equal(c.id, 16);
    assert.equal(c.transport, 'UDP');
    assert.equal(c.fromPort, 7981);
    assert.equal(c.toPort, 7980);
    assert.deepEqual([...c.bytes], [0x02, 0x82, 0xa7]);
    assert.equal(c.contains, 'ack');
  });

  it('refuses a record whose hex length differs from its byte count, or without hex', () => {
    assert.throws(() => parseCaptureFile(record({ bytes: 4 })), /says 4/);
    assert.throws(() => parseCaptureFile(record({ hex: '' })), /no hex/);
  });

  it('loads every fixture from the repository itself, each saying how it was captured', () => {
    const files = readdirSync(capturesDir())
      .filter((f) => f.endsWith('.json'))
      .sort();
    assert.deepEqual(files, [
      'go-doudou-v2.json',
      'memberlist-0.2.2-nocompress.json',
      'memberlist-0.2.2.json',
      'memberlist-0.5.0-encrypted-label.json',
    ]);
    assert.deepEqual(
      files.map((f) => loadCaptures(f).length),
      [5, 12, 15, 12],
    );
    for (const f of files) {
      const file = readCaptureFile(f);
      assert.ok(file.captured.on && file.captured.with && Object.keys(file.software).length > 0, `${f} says how it was captured`);
    }
  });
});
