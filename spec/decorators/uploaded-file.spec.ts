import assert from 'node:assert/strict';
import { toUploadedFileInfo } from '../../lib/decorators/uploaded-file';

describe('toUploadedFileInfo', () => {
  it('maps formidable fields to the framework names', () => {
    assert.deepEqual(toUploadedFileInfo('file', { filepath: '/tmp/x', originalFilename: 'a.png', mimetype: 'image/png', size: 3 }), {
      fieldName: 'file',
      fileName: 'a.png',
      mimeType: 'image/png',
      size: 3,
      path: '/tmp/x',
    });
  });

  it('fills a missing name and type', () => {
    const info = toUploadedFileInfo('f', { filepath: '/tmp/y', originalFilename: null, mimetype: null, size: 0 });
    assert.deepEqual([info.fileName, info.mimeType], ['', 'application/octet-stream']);
  });
});
