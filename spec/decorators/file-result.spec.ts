import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { FileResult } from '../../lib/decorators/file-result';

describe('FileResult', () => {
  it('knows the size of a Buffer and defaults to application/octet-stream', () => {
    const f = new FileResult(Buffer.from('hello'), 'a.txt');
    assert.deepEqual([f.fileName, f.contentType, f.size], ['a.txt', 'application/octet-stream', 5]);
  });

  it('keeps a stream, its content type and a size given by the caller', () => {
    const stream = Readable.from(['x']);
    const f = new FileResult(stream, 'b.csv', 'text/csv', 1);
    assert.equal(f.data, stream);
    assert.deepEqual([f.contentType, f.size], ['text/csv', 1]);
    assert.equal(new FileResult(Readable.from([]), 'c').size, undefined);
  });
});
