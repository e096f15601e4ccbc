import { strict as assert } from 'node:assert';
import { coerceScalar, isDateString } from '../../lib/http/coerce';

describe('coerce', () => {
  it('turns numeric strings into numbers and leaves the rest for the validator to name', () => {
    assert.equal(coerceScalar('42', 'integer'), 42);
    assert.equal(coerceScalar('-1.5e2', 'number'), -150);
    assert.equal(coerceScalar('1.5', 'integer'), 1.5, 'not truncated: the schema reports "must be integer"');
    assert.equal(coerceScalar('12abc', 'number'), '12abc');
    assert.equal(coerceScalar('0x10', 'number'), '0x10');
    assert.equal(coerceScalar('Infinity', 'number'), 'Infinity');
  });
  it('accepts only true/false/1/0 as booleans', () => {
    assert.equal(coerceScalar('true', 'boolean'), true);
    assert.equal(coerceScalar('1', 'boolean'), true);
    assert.equal(coerceScalar('false', 'boolean'), false);
    assert.equal(coerceScalar('0', 'boolean'), false);
    assert.equal(coerceScalar('yes', 'boolean'), 'yes');
    assert.equal(coerceScalar('FALSE', 'boolean'), 'FALSE');
  });
  it('keeps strings and dates as strings', () => {
    assert.equal(coerceScalar('007', 'string'), '007');
    assert.equal(coerceScalar('2024-01-01', 'date'), '2024-01-01');
  });
  it('recognises ISO 8601 dates and date-times only', () => {
    assert.equal(isDateString('2024-02-29'), true);
    assert.equal(isDateString('2024-02-29T10:00:00.123Z'), true);
    assert.equal(isDateString('2024-02-29T10:00:00+02:00'), true);
    assert.equal(isDateString('Feb 29 2024'), false);
    assert.equal(isDateString('2024-13-45'), false);
    assert.equal(isDateString('12'), false);
  });
});
