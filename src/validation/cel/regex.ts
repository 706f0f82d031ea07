/**
 * RE2 patterns (Go's regexp, which cel-go uses) run as ECMAScript RegExps: leading flag groups
 * such as `(?i)`, `\A`, `\z` and `(?P<name>` are translated; compiled patterns are cached, as
 * rules run the same few patterns on every write.
 */
const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 500;

function translate(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  if (lead) {
    source = source.slice(lead[0].length);
    for (const f of lead[1] ?? '') if ('ims'.includes(f) && !flags.includes(f)) flags += f;
  }
  source = source
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\(\?P</g, '(?<');
  return { source, flags };
}

/** The RegExp for an RE2 pattern; throws an Error worded like cel-go's when it does not compile. */
export function re2(pattern: string, global = false): RegExp {
  const key = (global ? 'g' : '') + pattern;
  const hit = cache.get(key);
  if (hit) return hit;
  const { source, flags } = translate(pattern);
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, flags + 'u' + (global ? 'g' : ''));
  } catch {
    try {
      compiled = new RegExp(source, flags + (global ? 'g' : ''));
    } catch (e) {
      throw new Error(`error parsing regexp: ${(e as Error).message}`);
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, compiled);
  return compiled;
}
