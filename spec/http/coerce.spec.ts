import { strict as assert } from 'node:assert';
import { coerceScalar, isDateString, syntaxError } from '../../lib/http/coerce';

describe('coerce', () => {
  it('turns numeric strings into numbers and leaves the rest for the validator to name', () => {
    assert.equal(coerceScalar('42', 'integer'), 42);
    assert.equal(coerceScalar('-1.5e2', 'number'), -150);
    assert.equal(coerceScalar('12abc', 'number'), '12abc');
    assert.equal(coerceScalar('0x10', 'number'), '0x10');
    assert.equal(coerceScalar('Infinity', 'number'), 'Infinity');
  });
  it('gives an integer one spelling only: digits with an optional minus, exactly representable', () => {
    assert.equal(coerceScalar('-7', 'integer'), -7);
    assert.equal(coerceScalar('007', 'integer'), 7);
    assert.equal(coerceScalar('9007199254740991', 'integer'), 9007199254740991);
    for (const raw of ['1.5', '1.0', '1e0', '+1', ' 1', '1 ', '9007199254740993', '1e400', '0x1']) {
      assert.equal(coerceScalar(raw, 'integer'), raw, raw);
      assert.match(syntaxError(raw, 'integer') ?? '', /must be integer/, raw);
    }
  });
  it('accepts finite decimals only as numbers', () => {
    assert.equal(coerceScalar('.5', 'number'), 0.5);
    assert.equal(coerceScalar('1e3', 'number'), 1000);
    for (const raw of ['1e400', '-1e400', '+1', ' 1', 'NaN']) {
      assert.equal(coerceScalar(raw, 'number'), raw, raw);
      assert.match(syntaxError(raw, 'number') ?? '', /must be number/, raw);
    }
    assert.equal(syntaxError('2.5', 'number'), undefined);
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
