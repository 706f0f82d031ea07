/**
 * The string formats the real server checks in CRD schemas (apiextensions-apiserver keeps only the
 * formats in its supported list and blanks every other one, so e.g. `int32`, `int64`, `float` and
 * `double` are never checked), and Go (RE2) `pattern` translation to ECMAScript.
 *
 * These are re-implementations of Go's checks; where Go relies on a parser (net/mail, net/url,
 * net.ParseMAC ...) the check here is a close approximation of what that parser accepts.
 */
import { daysIn } from './objectmeta.js';

/** Formats the real server validates (by name with dashes removed, as go-openapi normalises them). */
export const SUPPORTED_FORMATS: ReadonlySet<string> = new Set([
  'bsonobjectid', 'uri', 'email', 'hostname', 'ipv4', 'ipv6', 'cidr', 'mac', 'uuid', 'uuid3', 'uuid4', 'uuid5',
  'isbn', 'isbn10', 'isbn13', 'creditcard', 'ssn', 'hexcolor', 'rgbcolor', 'byte', 'password', 'date', 'duration',
  'datetime',
]);

/** The format the validator uses for a schema's `format`, or '' when the server ignores it. */
export function effectiveFormat(format: unknown): string {
  if (typeof format !== 'string' || format === '') return '';
  return SUPPORTED_FORMATS.has(format.replace(/-/g, '')) ? format : '';
}

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split('t');
  const [date = '', time] = parts;
  if (time === undefined || !isDate(date)) return false;
  const m = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/.exec(time);
  if (!m) return false;
  return (m[1] ?? '') <= '23' && (m[2] ?? '') <= '59' && (m[3] ?? '') <= '59';
}

function isIPv4Sloppy(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  if (!s.includes(':')) return false;
  let rest = s;
  let groupsNeeded = 8;
  const lastColon = rest.lastIndexOf(':');
  const tail = rest.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4Sloppy(tail)) return false;
    rest = rest.slice(0, lastColon + 1) + '0:0';
  }
  const halves = rest.split('::');
  if (halves.length > 2) return false;
  const parse = (h: string): string[] | undefined => {
    if (h === '') return [];
    const groups = h.split(':');
    return groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups : undefined;
  };
  const head = parse(halves[0] ?? '');
  if (!head) return false;
  if (halves.length === 1) return head.length === groupsNeeded;
  const back = parse(halves[1] ?? '');
  if (!back) return false;
  groupsNeeded -= 1;
  return head.length + back.length <= groupsNeeded;
}

function isCIDR(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const ip = s.slice(0, slash), bits = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  if (isIPv4Sloppy(ip)) return Number(bits) <= 32;
  return isIPv6(ip) && Number(bits) <= 128;
}

function isMAC(s: string): boolean {
  const octets = [6, 8, 20];
  for (const sep of [':', '-']) {
    const groups = s.split(sep);
    if (octets.includes(groups.length) && groups.every((g) => /^[0-9a-fA-F]{2}$/.test(g))) return true;
  }
  const dotted = s.split('.');
  return octets.map((n) => n / 2).includes(dotted.length) && dotted.every((g) => /^[0-9a-fA-F]{4}$/.test(g));
}

const encoder = new TextEncoder();
const utf8Length = (s: string): number => encoder.encode(s).length;

function isHostname(s: string): boolean {
  const re = /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
  if (!re.test(s)) return false;
  return utf8Length(s) <= 255 && s.split('.').every((p) => utf8Length(p) <= 63);
}

function isEmail(s: string): boolean {
  const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  const addr = `${atom}(?:\\.${atom})*@${atom}(?:\\.${atom})*`;
  return new RegExp(`^(?:${addr}|[^<>]*<${addr}>)$`).test(s.trim());
}

function isRequestURI(s: string): boolean {
  if (s === '' || /[\s\u0000-\u001f\u007f]/.test(s)) return false;
  if (s.startsWith('/')) return true;
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s);
}

function isISBN10(s: string): boolean {
  const v = s.replace(/[\s-]+/g, '');
  if (!/^(?:[0-9]{9}X|[0-9]{10})$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (i + 1) * Number(v[i]);
  sum += v[9] === 'X' ? 100 : 10 * Number(v[9]);
  return sum % 11 === 0;
}

function isISBN13(s: string): boolean {
  const v = s.replace(/[\s-]+/g, '');
  if (!/^[0-9]{13}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(v[i]);
  return (10 - (sum % 10)) % 10 === Number(v[12]);
}

function isCreditCard(s: string): boolean {
  const v = s.replace(/[^0-9]+/g, '');
  if (!/^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11})$/.test(v)) {
    return false;
  }
  let sum = 0;
  let double = false;
  for (let i = v.length - 1; i >= 0; i--) {
    let d = Number(v[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const DURATION_UNITS: ReadonlyArray<readonly string[]> = [
  ['ns', 'nano'], ['us', 'µs', 'micro'], ['ms', 'milli'], ['s', 'sec'], ['m', 'min'], ['h', 'hr', 'hour'],
  ['d', 'day'], ['w', 'wk', 'week'],
];

function isDuration(s: string): boolean {
  // Go's time.ParseDuration
  if (/^[-+]?(?:0|(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.test(s)) return true;
  // go-openapi's fallback: "<n> <unit>" sequences such as "3 days" or "1h 30min"
  if (!/^\s*(?:\d+\s*[A-Za-zµ]+\s*)+$/.test(s)) return false;
  let ok = false;
  for (const m of s.matchAll(/(\d+)\s*([A-Za-zµ]+)/g)) {
    const unit = (m[2] ?? '').trim().toLowerCase();
    for (const variants of DURATION_UNITS) {
      variants.forEach((variant, i) => {
        if ((i === variants.length - 1 && unit.startsWith(variant)) || variant === unit) ok = true;
      });
    }
  }
  return ok;
}

const CHECKS: Readonly<Record<string, (s: string) => boolean>> = {
  bsonobjectid: (s) => /^[0-9a-fA-F]{24}$/.test(s),
  uri: isRequestURI,
  email: isEmail,
  hostname: isHostname,
  ipv4: (s) => s.includes('.') && (isIPv4Sloppy(s) || isIPv6(s)),
  ipv6: isIPv6,
  cidr: isCIDR,
  mac: isMAC,
  uuid: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s),
  uuid3: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s),
  uuid4: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(s),
  uuid5: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(s),
  isbn: (s) => isISBN10(s) || isISBN13(s),
  isbn10: isISBN10,
  isbn13: isISBN13,
  creditcard: isCreditCard,
  ssn: (s) => s.length === 11 && /^\d{3}[- ]?\d{2}[- ]?\d{4}$/.test(s),
  hexcolor: (s) => /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(s),
  rgbcolor: (s) => {
    const n = '(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])';
    return new RegExp(`^rgb\\(\\s*${n}\\s*,\\s*${n}\\s*,\\s*${n}\\s*\\)$`).test(s);
  },
  byte: (s) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/.test(s),
  password: () => true,
  date: isDate,
  duration: isDuration,
  datetime: isDateTime,
};

/** Whether `value` satisfies the (supported) format; unknown formats always pass. */
export function checkFormat(format: string, value: string): boolean {
  const check = CHECKS[format.replace(/-/g, '')];
  return check ? check(value) : true;
}

// ---------------------------------------------------------------------------------------------
// Patterns

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-/:-@[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

/** Rewrites the RE2 constructs ECMAScript lacks; returns the source and the flags it implies. */
export function translateGoPattern(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = '';
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    flags = [...new Set((leading[1] ?? '').replace('U', ''))].join('');
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .replace(/\[:(\^?)([a-z]+):\]/g, (m, neg: string, name: string) => {
      const cls = POSIX_CLASSES[name];
      return cls === undefined || neg ? m : cls;
    })
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$')
    .replace(/\\A/g, '^');
  return { source, flags };
}

const patternCache = new Map<string, RegExp | Error>();

/**
 * The pattern compiled as an ECMAScript RegExp approximating Go's RE2 (unanchored search, like
 * Go's `MatchString`), or the compile error. Unicode mode is tried first so `\p{...}` works.
 */
export function compilePattern(pattern: string): RegExp | Error {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const { source, flags } = translateGoPattern(pattern);
  let compiled: RegExp | Error;
  try {
    compiled = new RegExp(source, `${flags}u`);
  } catch {
    try {
      compiled = new RegExp(source, flags);
    } catch (err) {
      compiled = err instanceof Error ? err : new Error(String(err));
    }
  }
  patternCache.set(pattern, compiled);
  return compiled;
}
