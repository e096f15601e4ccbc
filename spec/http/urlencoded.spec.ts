import { strict as assert } from 'node:assert';
import * as querystring from 'node:querystring';
import { parseUrlencoded } from '../../lib/http/urlencoded';

describe('urlencoded', () => {
  it('shapes fields as querystring.parse does for well-formed input', () => {
    for (const text of ['a=1&b=2', 'a=1&a=2&a=3', 'a', 'a=&b', 'x=a+b%20c', 'k%5B%5D=1&k[]=2', '&&a=1&', 'e=%E2%82%AC', 'pct=100%']) {
      assert.deepEqual({ ...parseUrlencoded(text, 'form') }, { ...querystring.parse(text) }, text);
    }
  });

  it('keeps __proto__ as a key instead of re-prototyping the result', () => {
    const fields = parseUrlencoded('__proto__=1', 'form');
    assert.equal(Object.getPrototypeOf(fields), null);
    assert.deepEqual(Object.keys(fields), ['__proto__']);
  });

  it('refuses a percent-escape that is not UTF-8, naming the field', () => {
    assert.throws(() => parseUrlencoded('a=1&name=%FF', 'form'), { code: 'MALFORMED_ENCODING', message: /form\.name .*offset 0/ });
  });
});
