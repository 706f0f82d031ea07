/**
 * Glob inputs (`crds/**\/*.yaml`, `charts/*\/crds/*.{yaml,yml}`) with nothing but node built-ins:
 * Node 20 has no fs.glob. `**` spans folders, `*` and `?` stay within one name, `{a,b}` and `[ab]`
 * are alternatives; names starting with a dot are matched only by a pattern that names the dot.
 */
const GLOB_CHARS = /[*?[{]/;

export function isGlob(input: string): boolean {
  return GLOB_CHARS.test(input);
}

/** The folder a glob walks (the part before its first wildcard) and the pattern for the rest. */
export function splitGlob(glob: string): { base: string; pattern: string } {
  const parts = glob.split('/');
  const first = parts.findIndex((part) => isGlob(part));
  if (first < 0) return { base: glob, pattern: '' };
  const base = parts.slice(0, first).join('/');
  return { base: base === '' ? (glob.startsWith('/') ? '/' : '.') : base, pattern: parts.slice(first).join('/') };
}

/** A RegExp that matches a `/`-separated relative path against the glob pattern as a whole. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      // `**/` is zero or more whole folders (never a dot-folder); a trailing `**` is anything below.
      source += slash ? '(?:(?!\\.)[^/]*/)*' : '(?:(?!\\.)[^/]*(?:/|$))*';
      i += slash ? 2 : 1;
    } else if (c === '*' || c === '?') {
      // A wildcard at the start of a name never matches a dot-name (as in shells).
      const atStart = i === 0 || pattern[i - 1] === '/';
      source += `${atStart ? '(?!\\.)' : ''}${c === '*' ? '[^/]*' : '[^/]'}`;
    }
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) source += '\\{';
      else {
        source += `(?:${pattern.slice(i + 1, end).split(',').map(escape).join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        const body = pattern.slice(i + 1, end);
        source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else source += escape(c);
  }
  return new RegExp(`^${source}$`);
}

const escape = (text: string): string => text.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
