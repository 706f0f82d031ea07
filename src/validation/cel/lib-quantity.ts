/**
 * Kubernetes' quantity and format CEL libraries (apiserver pkg/cel/library/{quantity,format}.go).
 * A quantity is kept exact as a fraction of bigints, so comparisons and isInteger are exact as
 * resource.Quantity's are.
 */
import { Optional, type Environment } from './engine.js';
import { celError } from './values.js';

export class KubeQuantity {
  constructor(readonly num: bigint, readonly den: bigint) {}
}

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

function parseQuantity(s: string): KubeQuantity | undefined {
  const m = QUANTITY.exec(s);
  if (!m) return undefined;
  const [whole = '', frac = ''] = (m[1] ?? '').replace(/^[+]/, '').split('.');
  let num = BigInt((whole.replace('-', '') || '0') + frac) * (whole.startsWith('-') ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const suffix = m[2] ?? '';
  const exp = BINARY[suffix] !== undefined ? undefined : suffix.startsWith('e') || suffix.startsWith('E') ? Number(suffix.slice(1)) : (DECIMAL[suffix] ?? 0);
  if (BINARY[suffix] !== undefined) num *= 1024n ** BigInt(BINARY[suffix]);
  else if (exp !== undefined && exp >= 0) num *= 10n ** BigInt(exp);
  else if (exp !== undefined) den *= 10n ** BigInt(-exp);
  return new KubeQuantity(num, den);
}

function quantity(s: string): KubeQuantity {
  const q = parseQuantity(s);
  if (!q) throw celError('quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'');
  return q;
}

function compare(a: KubeQuantity, b: KubeQuantity): number {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

const toQuantity = (x: KubeQuantity | bigint): KubeQuantity => (typeof x === 'bigint' ? new KubeQuantity(x, 1n) : x);
const add = (a: KubeQuantity, b: KubeQuantity): KubeQuantity => new KubeQuantity(a.num * b.den + b.num * a.den, a.den * b.den);
const neg = (a: KubeQuantity): KubeQuantity => new KubeQuantity(-a.num, a.den);
const MAX_INT64 = 2n ** 63n - 1n;

function registerQuantity(env: Environment): void {
  env
    .registerType('Quantity', KubeQuantity)
    .registerFunction('quantity(string): Quantity', quantity)
    .registerFunction('isQuantity(string): bool', (s: string) => parseQuantity(s) !== undefined)
    .registerFunction('Quantity.isInteger(): bool', (q: KubeQuantity) => q.num % q.den === 0n && q.num / q.den <= MAX_INT64 && q.num / q.den >= -MAX_INT64 - 1n)
    .registerFunction('Quantity.asInteger(): int', (q: KubeQuantity) => {
      if (q.num % q.den !== 0n || q.num / q.den > MAX_INT64 || q.num / q.den < -MAX_INT64 - 1n) throw celError('cannot convert value to integer');
      return q.num / q.den;
    })
    .registerFunction('Quantity.asApproximateFloat(): double', (q: KubeQuantity) => Number(q.num) / Number(q.den))
    .registerFunction('Quantity.sign(): int', (q: KubeQuantity) => BigInt(compare(q, new KubeQuantity(0n, 1n))))
    .registerFunction('Quantity.compareTo(Quantity): int', (a: KubeQuantity, b: KubeQuantity) => BigInt(compare(a, b)))
    .registerFunction('Quantity.isGreaterThan(Quantity): bool', (a: KubeQuantity, b: KubeQuantity) => compare(a, b) > 0)
    .registerFunction('Quantity.isLessThan(Quantity): bool', (a: KubeQuantity, b: KubeQuantity) => compare(a, b) < 0)
    .registerFunction('Quantity.add(Quantity): Quantity', (a: KubeQuantity, b: KubeQuantity) => add(a, b))
    .registerFunction('Quantity.add(int): Quantity', (a: KubeQuantity, b: bigint) => add(a, toQuantity(b)))
    .registerFunction('Quantity.sub(Quantity): Quantity', (a: KubeQuantity, b: KubeQuantity) => add(a, neg(b)))
    .registerFunction('Quantity.sub(int): Quantity', (a: KubeQuantity, b: bigint) => add(a, neg(toQuantity(b))));
  env.registerOperator('Quantity == Quantity', (a: KubeQuantity, b: KubeQuantity) => compare(a, b) === 0);
}

// -- format library

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

type Check = (s: string) => string[];
const bounded = (max: number, re: RegExp, msg: string): Check => (s) => [
  ...(s.length > max ? [`must be no more than ${max} characters`] : []),
  ...(re.test(s) ? [] : [msg]),
];
const prefixed = (check: Check): Check => (s) => check(s.endsWith('-') ? `${s.slice(0, -1)}a` : s);

export class KubeFormat {
  constructor(readonly name: string, readonly check: Check) {}
}

const FORMATS: Record<string, Check> = {
  dns1123Label: bounded(63, DNS1123_LABEL, LABEL_MSG),
  dns1123Subdomain: bounded(253, DNS1123_SUBDOMAIN, SUBDOMAIN_MSG),
  dns1035Label: bounded(63, DNS1035_LABEL, DNS1035_MSG),
  dns1123LabelPrefix: prefixed(bounded(63, DNS1123_LABEL, LABEL_MSG)),
  dns1123SubdomainPrefix: prefixed(bounded(253, DNS1123_SUBDOMAIN, SUBDOMAIN_MSG)),
  dns1035LabelPrefix: prefixed(bounded(63, DNS1035_LABEL, DNS1035_MSG)),
  uuid: (s) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s) ? [] : ['does not match the UUID format']),
};

class FormatNamespace {}

function registerFormat(env: Environment): void {
  env.registerType('FormatNamespace', FormatNamespace).registerType('Format', KubeFormat);
  env.registerConstant('format', 'FormatNamespace', new FormatNamespace());
  for (const [name, check] of Object.entries(FORMATS)) {
    env.registerFunction(`FormatNamespace.${name}(): Format`, () => new KubeFormat(name, check));
  }
  env
    .registerFunction('FormatNamespace.named(string): optional<Format>', (_ns: unknown, name: string) => {
      const check = FORMATS[name];
      return check ? Optional.of(new KubeFormat(name, check)) : Optional.none();
    })
    .registerFunction('Format.validate(string): optional<list<string>>', (f: KubeFormat, s: string) => {
      const errors = f.check(s);
      return errors.length === 0 ? Optional.none() : Optional.of(errors);
    });
  // cel-go type-checks `optional == null` and answers false: an optional never equals null.
  env.registerOperator('optional<list<string>> == null', () => false);
}

export function registerQuantityAndFormat(env: Environment): void {
  registerQuantity(env);
  registerFormat(env);
}
