import { strict as assert } from 'node:assert';
import { registryHtml } from '../../../lib/http/manage/registry-page';

describe('registry-page', () => {
  it('renders one row per instance with the union of keys as columns, escaped', () => {
    const html = registryHtml(
      {
        rows: [
          { svcName: 'a', port: 1 },
          { svcName: '<b>', weight: 2, data: { k: 'v' } },
        ],
      },
      'svc',
    );
    assert.match(html, /<tr><th>#<\/th><th>svcName<\/th><th>port<\/th><th>weight<\/th><th>data<\/th><\/tr>/);
    assert.match(html, /<tr><td>1<\/td><td>a<\/td><td>1<\/td><td><\/td><td><\/td><\/tr>/);
    assert.match(html, /<td>&#60;b&#62;<\/td>/);
    assert.match(html, /&#123;&#34;k&#34;:&#34;v&#34;&#125;|\{&#34;k&#34;:&#34;v&#34;\}/);
  });

  it("adds no counter column when the rows number themselves with go-doudou's index", () => {
    const html = registryHtml(
      {
        rows: [
          { index: 1, svcName: 'a' },
          { index: 2, svcName: 'b' },
        ],
      },
      'svc',
    );
    assert.match(html, /<tr><th>index<\/th><th>svcName<\/th><\/tr>/);
    assert.match(html, /<tr><td>2<\/td><td>b<\/td><\/tr>/);
  });
});
