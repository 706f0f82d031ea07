/**
 * Kubernetes' CEL string and list libraries where the evaluator has no built-in: cel-go's strings
 * extension (charAt, replace, format, quote, reverse), Kubernetes' list library (isSorted, sum,
 * min, max, indexOf, lastIndexOf) and regex library (find, findAll). Semantics and error texts
 * follow cel-go's ext/strings.go and apiserver's pkg/cel/library/{lists,regex}.go.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { re2 } from './regex.js';
import { celError, compareValues, valuesEqual } from './values.js';

function codePoints(s: string): string[] {
  return Array.from(s);
}

function charAt(s: string, i: bigint): string {
  const chars = codePoints(s);
  if (i < 0n || i > BigInt(chars.length)) throw celError(`index out of range: ${i}`);
  return chars[Number(i)] ?? '';
}

function replace(s: string, from: string, to: string, n: bigint = -1n): string {
  if (from === '') {
    // As Go's strings.Replace: an empty old string matches before every rune and at the end.
    const chars = codePoints(s);
    const limit = n < 0n ? chars.length + 1 : Number(n);
    return chars.map((c, i) => (i < limit ? to + c : c)).join('') + (chars.length < limit ? to : '');
  }
  if (n < 0n) return s.split(from).join(to);
  let out = s;
  let done = 0n;
  let start = 0;
  while (done < n) {
    const at = out.indexOf(from, start);
    if (at < 0) break;
    out = out.slice(0, at) + to + out.slice(at + from.length);
    start = at + to.length + (from === '' ? 1 : 0);
    done++;
  }
  return out;
}

function formatNumber(verb: string, arg: unknown, precision: number | undefined): string {
  const isInt = typeof arg === 'bigint';
  if (verb === 'd') {
    if (!isInt && !(typeof arg === 'object' && arg !== null)) throw celError(`error during formatting: decimal clause can only be used on integers, was given ${typeName(arg)}`);
    return String(arg);
  }
  const n = typeof arg === 'bigint' ? arg : Number(arg);
  if (verb === 'f') return Number(n).toFixed(precision ?? 6);
  if (verb === 'e') return Number(n).toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
  const radix = verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
  if (typeof arg === 'string') return Array.from(new TextEncoder().encode(arg), (b) => b.toString(16).padStart(2, '0')).join('');
  const text = BigInt(n as bigint).toString(radix);
  return verb === 'X' ? text.toUpperCase() : text;
}

function typeName(v: unknown): string {
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  return v === null ? 'null_type' : 'map';
}

function formatString(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (Array.isArray(arg)) return `[${arg.map(formatString).join(', ')}]`;
  if (arg === null) return 'null';
  if (typeof arg === 'number') return Number.isInteger(arg) ? String(arg) : String(arg);
  if (typeof arg === 'object') return `{${Object.entries(arg).map(([k, v]) => `${formatString(k)}: ${formatString(v)}`).join(', ')}}`;
  return String(arg);
}

/** cel-go's `string.format(list)`: %s %d %f %e %b %o %x %X and %%, with `.N` precision. */
function format(template: string, args: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%(?:\.(\d+))?([sdfeboxX%])/g, (_m, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) throw celError(`index ${i} out of range`);
    const arg = args[i++];
    if (verb === 's') return formatString(arg);
    return formatNumber(verb, arg, precision === undefined ? undefined : Number(precision));
  });
}

function listCompare(list: readonly unknown[], pick: (c: number) => boolean, what: string): unknown {
  if (list.length === 0) throw celError(`${what} called on empty list`);
  return list.reduce((best, x) => (pick(compareValues(x, best)) ? x : best));
}

function sum(list: readonly unknown[]): unknown {
  if (list.length === 0) return 0n;
  return list.reduce((a, b) => (a as bigint) + (b as bigint));
}

/** cel-go's sets extension (sets.contains, sets.equivalent, sets.intersects), by CEL equality. */
function registerSets(env: Environment): void {
  const has = (list: readonly unknown[], x: unknown) => list.some((y) => valuesEqual(x, y));
  env
    .registerFunction('k8s_sets_contains(list, list): bool', (a: unknown[], b: unknown[]) => b.every((x) => has(a, x)))
    .registerFunction('k8s_sets_equivalent(list, list): bool', (a: unknown[], b: unknown[]) => b.every((x) => has(a, x)) && a.every((x) => has(b, x)))
    .registerFunction('k8s_sets_intersects(list, list): bool', (a: unknown[], b: unknown[]) => a.some((x) => has(b, x)));
}

export function registerStringLibraries(env: Environment): void {
  registerSets(env);
  env
    .registerFunction('string.charAt(int): string', charAt)
    .registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) => replace(s, a, b))
    .registerFunction('string.replace(string, string, int): string', replace)
    .registerFunction('string.format(list): string', format)
    .registerFunction('string.k8s_lowerAscii(): string', (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()))
    .registerFunction('string.k8s_upperAscii(): string', (s: string) => s.replace(/[a-z]/g, (c) => c.toUpperCase()))
    .registerFunction('string.reverse(): string', (s: string) => codePoints(s).reverse().join(''))
    .registerFunction('string.k8s_matches(string): bool', (s: string, re: string) => re2(re).test(s))
    .registerFunction('k8s_matches(string, string): bool', (s: string, re: string) => re2(re).test(s))
    .registerFunction('string.find(string): string', (s: string, re: string) => re2(re).exec(s)?.[0] ?? '')
    .registerFunction('string.findAll(string): list<string>', (s: string, re: string) => Array.from(s.matchAll(re2(re, true)), (m) => m[0]))
    .registerFunction('string.findAll(string, int): list<string>', (s: string, re: string, n: bigint) => {
      const all = Array.from(s.matchAll(re2(re, true)), (m) => m[0]);
      return n < 0n ? all : all.slice(0, Number(n));
    })
    .registerFunction('list.isSorted(): bool', (l: unknown[]) => l.every((x, i) => i === 0 || compareValues(l[i - 1], x) <= 0))
    .registerFunction('list.sum(): dyn', sum)
    .registerFunction('list.min(): dyn', (l: unknown[]) => listCompare(l, (c) => c < 0, 'min'))
    .registerFunction('list.max(): dyn', (l: unknown[]) => listCompare(l, (c) => c > 0, 'max'))
    .registerFunction('list.indexOf(dyn): int', (l: unknown[], x: unknown) => BigInt(l.findIndex((y) => valuesEqual(x, y))))
    .registerFunction('list.lastIndexOf(dyn): int', (l: unknown[], x: unknown) => {
      for (let i = l.length - 1; i >= 0; i--) if (valuesEqual(x, l[i])) return BigInt(i);
      return -1n;
    });
}
