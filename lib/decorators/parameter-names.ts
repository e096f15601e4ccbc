/**
 * Parameter names read from a compiled function's source (`Function.prototype.toString()`), so that
 * `@Query() page: number` needs no repeated name. Reflection has no parameter names; the source does.
 * Destructured parameters have no single name: they come back as `undefined` and the caller must ask for an
 * explicit one.
 */

/** Index just past a string, template or comment starting at `i`, or -1 when none starts there. */
function skipLiteral(src: string, i: number): number {
  const c = src[i];
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '`') return skipTemplate(src, i + 1);
  if (c === '/' && src[i + 1] === '/') {
    const end = src.indexOf('\n', i);
    return end === -1 ? src.length : end + 1;
  }
  if (c === '/' && src[i + 1] === '*') {
    const end = src.indexOf('*/', i + 2);
    return end === -1 ? src.length : end + 2;
  }
  return -1;
}

/** Skips a template literal body (after the opening backtick), including `${ … }` expressions. */
function skipTemplate(src: string, start: number): number {
  let j = start;
  while (j < src.length) {
    if (src[j] === '\\') j += 2;
    else if (src[j] === '`') return j + 1;
    else if (src[j] === '$' && src[j + 1] === '{') j = skipBalanced(src, j + 1);
    else j += 1;
  }
  return j;
}

const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** Index just past the bracket group opening at `open`, skipping literals inside it. */
function skipBalanced(src: string, open: number): number {
  const stack: string[] = [CLOSERS[src[open]]];
  let j = open + 1;
  while (j < src.length && stack.length > 0) {
    const past = skipLiteral(src, j);
    if (past !== -1) {
      j = past;
      continue;
    }
    const c = src[j];
    if (CLOSERS[c] !== undefined) stack.push(CLOSERS[c]);
    else if (c === stack[stack.length - 1]) stack.pop();
    j += 1;
  }
  return j;
}

/** The text between the parentheses of the parameter list, or the bare parameter of `x => …`. */
function parameterListOf(src: string): string {
  let i = 0;
  while (i < src.length) {
    const past = skipLiteral(src, i);
    if (past !== -1) {
      i = past;
      continue;
    }
    const c = src[i];
    if (c === '[') {
      i = skipBalanced(src, i); // computed method name: [Symbol.iterator](…)
      continue;
    }
    if (c === '(') return src.slice(i + 1, skipBalanced(src, i) - 1);
    if (c === '=' && src[i + 1] === '>') return src.slice(0, i).replace(/^\s*async\s+/, '');
    i += 1;
  }
  return '';
}

/** Splits a parameter list at its top-level commas, dropping comments. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let current = '';
  let i = 0;
  while (i < list.length) {
    const past = skipLiteral(list, i);
    if (past !== -1) {
      const isComment = list[i] === '/';
      if (!isComment) current += list.slice(i, past);
      i = past;
      continue;
    }
    const c = list[i];
    if (CLOSERS[c] !== undefined) {
      const end = skipBalanced(list, i);
      current += list.slice(i, end);
      i = end;
      continue;
    }
    if (c === ',') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
    i += 1;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p, idx, all) => p !== '' || idx < all.length - 1);
}

/**
 * The declared names of `fn`'s parameters, in order. A destructured parameter (`{ a, b }`, `[x]`) is
 * `undefined`; a rest parameter gives its name; default values are ignored (`page = 1` → `page`).
 */
export function parameterNames(fn: (...args: never[]) => unknown): (string | undefined)[] {
  const parts = splitTopLevel(parameterListOf(Function.prototype.toString.call(fn)));
  return parts.map((part) => {
    const text = part.replace(/^\.\.\./, '').trim();
    const match = /^[A-Za-z_$][\w$]*/.exec(text);
    return match === null ? undefined : match[0];
  });
}
