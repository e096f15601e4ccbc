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

  it('draws each line of a multi-line text, and prints text it cannot draw as it is', () => {
    const two = renderBanner('a\nb');
    assert.ok(two.startsWith(renderBanner('a')), two);
    assert.ok(two.endsWith(renderBanner('b').split('\n').slice(-1)[0]), two);
    assert.equal(renderBanner('€'), '€');
  });

  it('colours the banner green only when asked', () => {
    assert.ok(!renderBanner('x').includes('\u001b['));
    const esc = '\u001b';
    const coloured = renderBanner('x', { color: true });
    assert.ok(coloured.startsWith(`${esc}[32m`) && coloured.endsWith(`${esc}[0m`), coloured);
  });
});
