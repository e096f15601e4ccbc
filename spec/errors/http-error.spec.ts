import assert from 'node:assert/strict';
import { DoudouError, HttpError, HttpErrorCodes, ValidationError } from '../../lib/errors';

describe('errors/http-error', () => {
  it('a ValidationError is a 400 that names every bad field', () => {
    const err = new ValidationError([
      { field: 'query.page', message: 'must be >= 1' },
      { field: 'body.name', message: 'is required' },
    ]);
    assert.ok(err instanceof HttpError);
    assert.ok(err instanceof DoudouError);
    assert.equal(err.status, 400);
    assert.equal(err.code, 'VALIDATION_FAILED');
    assert.equal(err.name, 'ValidationError');
    assert.match(err.message, /query\.page, body\.name/);
  });

  it('HttpError.of takes the status of a framework code from the registry', () => {
    for (const code of ['NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'HEADERS_TOO_LARGE', 'INTERNAL'] as const) {
      const err = HttpError.of(code, 'm', { field: 'x' });
      assert.equal(err.status, HttpErrorCodes.table[code].status, code);
      assert.deepEqual([err.code, err.message, err.details], [code, 'm', { field: 'x' }]);
    }
    assert.equal(HttpError.of('PAYLOAD_TOO_LARGE', 'm').status, 413);
  });

  it('carries a handler’s own code and the cause it was given', () => {
    const cause = new Error('db down');
    const err = new HttpError(409, 'TODO_EXISTS', 'todo 7 exists', { id: 7 }, { cause });
    assert.deepEqual([err.status, err.code, err.details, err.cause], [409, 'TODO_EXISTS', { id: 7 }, cause]);
    assert.equal(err.name, 'HttpError');
  });
});
