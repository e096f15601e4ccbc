/**
 * The start-up banner: GDD_BANNER_TEXT in figlet's "Doom" font, as go-doudou prints it with go-figure
 * (docs/go-doudou-differences.md#start-up-and-shutdown). Fonts ship inside the figlet package, so this works offline.
 */
import figlet from 'figlet';

export interface BannerOptions {
  /** figlet font name (default 'Doom'). */
  font?: string;
  /** Wrap in ANSI green like go-doudou (default false: the caller decides whether the terminal wants colour). */
  color?: boolean;
}

export function renderBanner(text: string, options: BannerOptions = {}): string {
  let art: string;
  try {
    art = figlet.textSync(text, { font: (options.font ?? 'Doom') as figlet.FontName });
  } catch {
    art = text; // an unknown font must not stop start-up
  }
  // figlet pads every row to the same width; trailing blanks and blank rows only add noise to logs.
  const lines = art.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const banner = lines.join('\n');
  return options.color ? `\u001b[32m${banner}\u001b[0m` : banner;
}
