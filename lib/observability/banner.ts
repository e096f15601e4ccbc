/**
 * The start-up banner: GDD_BANNER_TEXT in the "Doom" FIGfont, as go-doudou prints it with go-figure
 * (docs/go-doudou-differences.md#start-up-and-shutdown). The font is compiled in (fonts/doom.ts), so
 * the banner needs no font package and works offline.
 */
import { FigFont } from './figfont';
import { DOOM_FONT } from './fonts/doom';

export interface BannerOptions {
  /** Wrap in ANSI green like go-doudou (default false: the caller decides whether the terminal wants colour). */
  color?: boolean;
}

let doom: FigFont | undefined;

export function renderBanner(text: string, options: BannerOptions = {}): string {
  doom ??= FigFont.parse(DOOM_FONT);
  const font = doom;
  // Trailing blanks and blank rows only add noise to logs.
  const lines = text.split('\n').flatMap((line) => font.render(line).map((row) => row.trimEnd()));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const banner = lines.length > 0 ? lines.join('\n') : text;
  return options.color ? `\u001b[32m${banner}\u001b[0m` : banner;
}
