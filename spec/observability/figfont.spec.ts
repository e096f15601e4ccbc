/**
 * The FIGfont renderer against figlet itself (a dev dependency here, no longer a runtime one): the same
 * Doom font, the same art, for every printable character, every pair of them and random texts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import figlet from 'figlet';
import { mulberry32 } from '../../lib/discovery/core/random';
import { FigFont, FigFontError } from '../../lib/observability/figfont';
import { DOOM_FONT } from '../../lib/observability/fonts/doom';

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** figlet's rendering, rows as FigFont.render returns them. */
function figletRows(text: string): string[] {
  return figlet.textSync(text, { font: 'Doom' }).split('\n');
}

describe('observability/figfont', () => {
  const doom = FigFont.parse(DOOM_FONT);

  it('holds, byte for byte, the Doom font figlet ships', () => {
    // require.resolve('figlet') is <figlet>/dist/node-figlet.cjs
    const shipped = readFileSync(path.resolve(require.resolve('figlet'), '..', '..', 'fonts', 'Doom.flf'), 'utf8');
    assert.equal(`${DOOM_FONT}\n`, shipped);
  });

  it('draws each printable character as figlet does', () => {
    for (const char of PRINTABLE) assert.deepEqual(doom.render(char), figletRows(char), JSON.stringify(char));
  });

  it('overlaps every pair of printable characters as figlet does (fitting and the smushing rules)', () => {
    for (const a of PRINTABLE) {
      for (const b of PRINTABLE) assert.deepEqual(doom.render(a + b), figletRows(a + b), JSON.stringify(a + b));
    }
  });

  it('draws service names and random texts as figlet does', () => {
    const random = mulberry32(20261201);
    const texts = [
      'go-doudou',
      'usersvc',
      'ordersvc',
      'ts-doudou v0.1.0',
      'Hello, World!',
      '[{(<|>)}]_/\\',
      'a-rather-long-service-name-beyond-80-columns',
    ];
    for (let i = 0; i < 200; i++) {
      const length = 1 + Math.floor(random() * 12);
      texts.push(Array.from({ length }, () => PRINTABLE[Math.floor(random() * PRINTABLE.length)]).join(''));
    }
    for (const text of texts) assert.deepEqual(doom.render(text), figletRows(text), JSON.stringify(text));
  });

  it('skips characters the font does not have', () => {
    assert.deepEqual(doom.render('a€b'), doom.render('ab'));
  });

  it('refuses text that is not a FIGfont', () => {
    assert.throws(() => FigFont.parse('hello'), FigFontError);
  });
});
