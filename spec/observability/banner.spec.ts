import assert from 'node:assert/strict';
import { renderBanner } from '../../lib/observability/banner';

describe('observability/banner', () => {
  it('draws the text as multi-line ASCII art in the Doom font', () => {
    const banner = renderBanner('go-doudou');
    const lines = banner.split('\n');
    assert.ok(lines.length >= 6, banner);
    assert.ok(!banner.includes('go-doudou'), 'the text is drawn, not printed');
    assert.ok(
      lines.every((l) => /^[\x20-\x7e]*$/.test(l)),
      'ASCII only',
    );
    assert.ok(
      lines.every((l) => l === l.trimEnd()),
      'no trailing blanks',
    );
    // Doom's "d" has this ascender: `| |` columns; a different font would not.
    assert.match(banner, /\| \|/);
    assert.notEqual(renderBanner('usersvc'), banner);
  });

  it('uses another font when asked and falls back to plain text for an unknown one', () => {
    assert.notEqual(renderBanner('abc', { font: 'Standard' }), renderBanner('abc'));
    assert.equal(renderBanner('abc', { font: 'No Such Font' }), 'abc');
  });

  it('colours the banner green only when asked', () => {
    assert.ok(!renderBanner('x').includes('\u001b['));
    const esc = '\u001b';
    const coloured = renderBanner('x', { color: true });
    assert.ok(coloured.startsWith(`${esc}[32m`) && coloured.endsWith(`${esc}[0m`), coloured);
  });
});
