import assert from 'node:assert/strict';
import { joinRoutePath, pathVariables } from '../../lib/decorators/route-path';

describe('joinRoutePath', () => {
  it('joins parts with single slashes and drops empty parts and trailing slashes', () => {
    assert.equal(joinRoutePath('/api/', '/v1', 'users/:id/'), '/api/v1/users/:id');
  });

  it('gives / for nothing but slashes', () => {
    assert.equal(joinRoutePath('/', '', '/'), '/');
    assert.equal(joinRoutePath(), '/');
  });
});

describe('pathVariables', () => {
  it('lists the :name variables in order', () => {
    assert.deepEqual(pathVariables('/shelves/:shelf/books/:book_id'), ['shelf', 'book_id']);
    assert.deepEqual(pathVariables('/plain'), []);
  });
});
