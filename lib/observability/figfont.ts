/**
 * A FIGfont (FIGlet's font format, "flf2a") and its horizontal layout: enough of the FIGfont 2 spec to
 * draw one line of text as figlet (the JavaScript FIGlet) does — full width, fitting (kerning) or
 * smushing with the six controlled rules or universal smushing, as the font's header asks. Vertical layout (several lines
 * stacked into each other) and right-to-left fonts are not needed for a banner and not implemented.
 */
import { DoudouError, defineErrorCodes, type CodeOf } from '../errors';

/** Horizontal layout bits of the header's full_layout (FIGfont 2 spec, "Interpretation of layout parameters"). */
const EQUAL = 1;
const LOWLINE = 2;
const HIERARCHY = 4;
const PAIR = 8;
const BIG_X = 16;
const HARDBLANK = 32;
const KERN = 64;
const SMUSH = 128;
const RULES = EQUAL | LOWLINE | HIERARCHY | PAIR | BIG_X | HARDBLANK;

/** Rule 3's classes, lowest first: the sub-character of the later class wins. */
const HIERARCHY_CLASSES = ['|', '/\\', '[]', '{}', '()', '<>'];

/** The characters every FIGfont defines, in file order after ASCII 32–126: Ä Ö Ü ä ö ü ß. */
const DEUTSCH = [196, 214, 220, 228, 246, 252, 223];

export const FigFontErrorCodes = defineErrorCodes('observability', 'FigFontError', {
  FIGFONT_INVALID: { meaning: 'The banner font is not a FIGfont (no flf2a header) or a character in it is cut short.' },
});

export class FigFontError extends DoudouError<CodeOf<typeof FigFontErrorCodes>> {
  constructor(message: string) {
    super('FIGFONT_INVALID', message);
  }
}

export class FigFont {
  private constructor(
    readonly hardblank: string,
    readonly height: number,
    /** full_layout's horizontal bits (derived from old_layout when the header has no full_layout). */
    private readonly layout: number,
    private readonly glyphs: ReadonlyMap<number, readonly string[]>,
  ) {}

  /** Reads a font from the text of an .flf file. */
  static parse(text: string): FigFont {
    const lines = text.split(/\r?\n/);
    const header = /^flf2a(.) (\d+) \d+ \d+ (-?\d+) (\d+)(?: \d+)?(?: (\d+))?/.exec(lines[0] ?? '');
    if (!header) throw new FigFontError('not a FIGfont: the first line must start with flf2a');
    const [, hardblank, heightText, oldLayoutText, commentText, fullLayoutText] = header;
    const height = Number(heightText);
    const oldLayout = Number(oldLayoutText);
    // old_layout: -1 full width, 0 kerning, n > 0 smushing with rules n (spec: "old_layout")
    const layout =
      fullLayoutText !== undefined ? Number(fullLayoutText) : oldLayout < 0 ? 0 : oldLayout === 0 ? KERN : SMUSH | (oldLayout & RULES);
    const glyphs = new Map<number, string[]>();
    let at = 1 + Number(commentText);
    const readGlyph = (code: number): void => {
      const rows = lines.slice(at, at + height).map(stripEndmark);
      if (rows.length < height) throw new FigFontError(`character ${code} is cut short`);
      glyphs.set(code, rows);
      at += height;
    };
    for (let code = 32; code <= 126; code++) readGlyph(code);
    for (const code of DEUTSCH) if (at < lines.length && lines[at] !== '') readGlyph(code);
    // code-tagged characters: a line "<code> [comment]", then the rows
    while (at < lines.length && /^\s*-?(0x[0-9a-f]+|\d+)/i.test(lines[at])) {
      const code = parseCharCode(lines[at].trim().split(/\s+/)[0]);
      at += 1;
      readGlyph(code);
    }
    return new FigFont(hardblank, height, layout, glyphs);
  }

  /** One line of text as FIGlet draws it (characters the font lacks are skipped). */
  render(text: string): string[] {
    let out: string[] = Array.from({ length: this.height }, () => '');
    for (const char of text) {
      const glyph = this.glyphs.get(char.codePointAt(0) ?? 0);
      if (!glyph) continue;
      const overlap = Math.min(...out.map((row, i) => this.distance(row, glyph[i])));
      out = out.map((row, i) => this.merge(row, glyph[i], overlap));
    }
    return out.map((row) => row.split(this.hardblank).join(' '));
  }

  /**
   * How far the next glyph's row may slide into the output row: until two visible sub-characters meet
   * and may not smush, or (smushing) just after the first that do; at most the whole output row.
   */
  private distance(left: string, right: string): number {
    if ((this.layout & (SMUSH | KERN)) === 0) return 0;
    for (let distance = 1; distance <= left.length; distance++) {
      let smushed = false;
      for (let i = 0; i < Math.min(distance, right.length); i++) {
        const a = left[left.length - distance + i];
        const b = right[i];
        if (a === ' ' || b === ' ') continue;
        if ((this.layout & SMUSH) === 0) return distance - 1; // fitting: touching, never overlapping
        if ((this.layout & RULES) === 0) return a === this.hardblank || b === this.hardblank ? distance - 1 : distance;
        if (this.smushByRules(a, b) === undefined) return distance - 1;
        smushed = true;
      }
      if (smushed) return distance;
    }
    return left.length;
  }

  /** The output row with the glyph's row laid over its last `overlap` columns. */
  private merge(left: string, right: string, overlap: number): string {
    let merged = left.slice(0, Math.max(0, left.length - overlap));
    for (let i = 0; i < overlap; i++) {
      const a = left[left.length - overlap + i] ?? ' ';
      const b = right[i] ?? ' ';
      const controlled = a !== ' ' && b !== ' ' && (this.layout & SMUSH) !== 0 && (this.layout & RULES) !== 0;
      merged += (controlled ? this.smushByRules(a, b) : undefined) ?? this.overlay(a, b);
    }
    return merged + right.slice(overlap);
  }

  /** Universal smushing: the later sub-character wins, except a blank, or a hardblank over a visible one. */
  private overlay(a: string, b: string): string {
    if (b === ' ') return a;
    if (b === this.hardblank && a !== ' ') return a;
    return b;
  }

  /** Controlled smushing: the character the font's rules make of two visible ones, or undefined. */
  private smushByRules(a: string, b: string): string | undefined {
    const hard = this.hardblank;
    if (this.layout & EQUAL && a === b && a !== hard) return a;
    if (this.layout & LOWLINE) {
      if (a === '_' && '|/\\[]{}()<>'.includes(b)) return b;
      if (b === '_' && '|/\\[]{}()<>'.includes(a)) return a;
    }
    if (this.layout & HIERARCHY) {
      const rank = (c: string): number => HIERARCHY_CLASSES.findIndex((members) => members.includes(c));
      const ra = rank(a);
      const rb = rank(b);
      if (ra >= 0 && rb >= 0 && ra !== rb) return ra > rb ? a : b;
    }
    if (this.layout & PAIR && ['[]', '][', '{}', '}{', '()', ')('].includes(a + b)) return '|';
    if (this.layout & BIG_X) {
      const big = ({ '/\\': '|', '\\/': 'Y', '><': 'X' } as Record<string, string>)[a + b];
      if (big !== undefined) return big;
    }
    if (this.layout & HARDBLANK && a === hard && b === hard) return hard;
    return undefined;
  }
}

/** A row of an .flf character without its endmark (the last character, doubled on the last row). */
function stripEndmark(row: string): string {
  const trimmed = row.trimEnd();
  const mark = trimmed[trimmed.length - 1];
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === mark) end--;
  return trimmed.slice(0, end);
}

/** A code tag's character code: decimal, 0x… hexadecimal or 0… octal (spec: "code-tagged FIGcharacters"). */
function parseCharCode(tag: string): number {
  const negative = tag.startsWith('-');
  const digits = negative ? tag.slice(1) : tag;
  const value = /^0x/i.test(digits)
    ? Number.parseInt(digits.slice(2), 16)
    : /^0\d/.test(digits)
      ? Number.parseInt(digits, 8)
      : Number(digits);
  return negative ? -value : value;
}
