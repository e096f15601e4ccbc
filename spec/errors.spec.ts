import assert from 'node:assert/strict';
import { HttpError, ValidationError } from '../lib/errors';

describe('errors', () => {
  it('a ValidationError is a 400 that names every bad field', () => {
    const err = new ValidationError([
      { field: 'query.page', message: 'must be >= 1' },
      { field: 'body.name', message: 'is required' },
    ]);
    assert.ok(err instanceof HttpError);
    assert.equal(err.status, 400);
    assert.equal(err.code, 'VALIDATION_FAILED');
    assert.match(err.message, /query\.page, body\.name/);
  });
});
