// Label selectors with the grammar and the error messages of apimachinery's labels.Parse
// (k8s.io/apimachinery/pkg/labels/selector.go): `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`,
// `a`, `!a`, `a>1`, `a<1`, comma = and. One parser for store.list({ labelSelector }) and the test
// API server (which passes the label key and value rules as checks), so one selector string means
// the same in a list call, in the cache and on the server.

export type LabelMatcher = (labels: { readonly [key: string]: string } | undefined) => boolean;

/** The rules a key and each value must meet (messages as the server's); none by default. */
interface SelectorChecks {
  readonly key?: (key: string) => readonly string[];
  readonly value?: (value: string) => readonly string[];
}

type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

/** One requirement of a selector: `key op values`, values sorted and unique. */
export interface LabelRequirement {
  readonly key: string;
  readonly op: LabelOperator;
  readonly values: readonly string[];
}

type TokenKind = 'id' | 'end' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'in' | 'notin';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
const BINARY = 'in, notin, =, ==, !=, gt, lt';

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (WHITESPACE.has(ch)) {
      i++;
    } else if (SPECIAL.has(ch)) {
      const two = text.slice(i, i + 2);
      const symbol = two === '!=' || two === '==' ? two : ch;
      tokens.push({ kind: symbol as TokenKind, text: symbol });
      i += symbol.length;
    } else {
      let end = i;
      while (end < text.length && !SPECIAL.has(text[end] ?? '') && !WHITESPACE.has(text[end] ?? '')) end++;
      const word = text.slice(i, end);
      tokens.push({ kind: word === 'in' || word === 'notin' ? word : 'id', text: word });
      i = end;
    }
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

class Parser {
  #at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  /** The next token; in a value position `in` and `notin` are plain identifiers. */
  peek(values = true): Token {
    const token = this.tokens[this.#at] ?? { kind: 'end', text: '' };
    return values && (token.kind === 'in' || token.kind === 'notin') ? { kind: 'id', text: token.text } : token;
  }

  take(values = true): Token {
    const token = this.peek(values);
    this.#at = Math.min(this.#at + 1, this.tokens.length - 1);
    return token;
  }
}

function parseAll(text: string, checks: SelectorChecks): LabelRequirement[] {
  const p = new Parser(tokenize(text));
  const requirements: LabelRequirement[] = [];
  for (;;) {
    const next = p.peek();
    if (next.kind === 'end') return requirements;
    if (next.kind !== 'id' && next.kind !== '!') throw new Error(`found '${next.text}', expected: !, identifier, or 'end of string'`);
    try {
      requirements.push(parseRequirement(p, checks));
    } catch (error) {
      throw new Error(`unable to parse requirement: ${(error as Error).message}`);
    }
    const after = p.take();
    if (after.kind === 'end') return requirements;
    if (after.kind !== ',') throw new Error(`found '${after.text}', expected: ',' or 'end of string'`);
    const following = p.peek();
    if (following.kind !== 'id' && following.kind !== '!') throw new Error(`found '${following.text}', expected: identifier after ','`);
  }
}

function parseRequirement(p: Parser, checks: SelectorChecks): LabelRequirement {
  let token = p.take();
  const negated = token.kind === '!';
  if (negated) token = p.take();
  if (token.kind !== 'id') throw new Error(`found '${token.text}', expected: identifier`);
  const key = token.text;
  const keyErrors = checks.key?.(key) ?? [];
  if (keyErrors.length > 0) throw new Error(invalidValue('<nil>', key, keyErrors.join('; ')));
  const next = p.peek().kind;
  if (negated || next === 'end' || next === ',') return checked({ key, op: negated ? '!' : 'exists', values: [] }, checks);
  const opToken = p.take(false);
  const op = ({ in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' } as const)[opToken.kind as string];
  if (op === undefined) throw new Error(`found '${opToken.text}', expected: ${BINARY}`);
  const values = op === 'in' || op === 'notin' ? parseSet(p) : parseExact(p);
  return checked({ key, op, values: [...new Set(values)].sort() }, checks);
}

function parseSet(p: Parser): string[] {
  const open = p.take();
  if (open.kind !== '(') throw new Error(`found '${open.text}' expected: '('`);
  const first = p.peek();
  if (first.kind === ')') {
    p.take();
    return [''];
  }
  if (first.kind !== 'id' && first.kind !== ',') throw new Error(`found '${first.text}', expected: ',', ')' or identifier`);
  const values: string[] = [];
  for (;;) {
    const token = p.take();
    if (token.kind === 'id') {
      values.push(token.text);
      const after = p.peek();
      if (after.kind === ')') break;
      if (after.kind !== ',') throw new Error(`found '${after.text}', expected: ',' or ')'`);
    } else if (token.kind === ',') {
      // `(,a)`, `(a,,b)` and `(a,)` hold the empty value
      if (values.length === 0 || p.peek().kind === ',' || p.peek().kind === ')') values.push('');
      if (p.peek().kind === ')') break;
    } else {
      throw new Error(`found '${token.text}', expected: ',', or identifier`);
    }
  }
  const close = p.take();
  if (close.kind !== ')') throw new Error(`found '${first.text}', expected: ')'`);
  return values;
}

function parseExact(p: Parser): string[] {
  const next = p.peek();
  if (next.kind === 'end' || next.kind === ',') return [''];
  const token = p.take();
  if (token.kind === 'id') return [token.text];
  throw new Error(`found '${token.text}', expected: identifier`);
}

/** labels.NewRequirement's checks: integer bounds for gt/lt, valid label values. */
function checked(requirement: LabelRequirement, checks: SelectorChecks): LabelRequirement {
  const errors: string[] = [];
  const { key, op, values } = requirement;
  values.forEach((value, i) => {
    if ((op === 'gt' || op === 'lt') && !/^[-+]?\d+$/.test(value)) {
      errors.push(invalidValue(`values[${i}]`, value, "for 'Gt', 'Lt' operators, the value must be an integer"));
    }
  });
  values.forEach((value, i) => {
    const problems = checks.value?.(value) ?? [];
    if (problems.length > 0) errors.push(invalidValue(`values[${i}][${key}]`, value, problems.join('; ')));
  });
  const unique = [...new Set(errors)];
  if (unique.length === 1) throw new Error(unique[0]);
  if (unique.length > 1) throw new Error(`[${unique.join(', ')}]`);
  return requirement;
}

function invalidValue(field: string, value: string, detail: string): string {
  return `${field}: Invalid value: ${JSON.stringify(value)}: ${detail}`;
}

function matches(requirement: LabelRequirement, labels: { readonly [key: string]: unknown }): boolean {
  const raw = labels[requirement.key];
  const value = typeof raw === 'string' ? raw : undefined;
  const { op, values } = requirement;
  switch (op) {
    case 'exists':
      return value !== undefined;
    case '!':
      return value === undefined;
    case 'in':
    case '=':
    case '==':
      return value !== undefined && values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !values.includes(value);
    default: {
      if (value === undefined || !/^[-+]?\d+$/.test(value)) return false;
      const [bound] = values;
      return op === 'gt' ? BigInt(value) > BigInt(bound ?? '0') : BigInt(value) < BigInt(bound ?? '0');
    }
  }
}

/** Parses a selector; throws an Error with labels.Parse's message when it is invalid. */
export function parseLabelRequirements(text: string, checks: SelectorChecks = {}): LabelRequirement[] {
  return text.trim() === '' ? [] : parseAll(text, checks);
}

/** True when `labels` meets every requirement (a label that is not a string counts as absent). */
export function matchesLabelRequirements(requirements: readonly LabelRequirement[], labels: { readonly [key: string]: unknown } | undefined): boolean {
  return requirements.every((r) => matches(r, labels ?? {}));
}

/** A matcher for `selector` (everything when empty); throws one clear error when it cannot be parsed. */
export function parseLabelSelector(selector: string | undefined): LabelMatcher {
  if (selector === undefined) return () => true;
  let requirements: LabelRequirement[];
  try {
    requirements = parseLabelRequirements(selector);
  } catch (error) {
    throw new Error(`invalid label selector ${JSON.stringify(selector)}: ${(error as Error).message}`);
  }
  return (labels) => matchesLabelRequirements(requirements, labels);
}
