// Hostile schemas: text that tries to end a doc comment or a string literal, values that a
// rewrite could change, names that break the type generator. One generate call, one strict
// program; the marker PWNED must never become code, and every value must come out as written.
import { beforeAll, describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/generator/model.js';
import { BREAK_QUOTES, CLOSE_COMMENT, hostileCrd, memberNames, probe, specOf, type Probe } from './support/hostile.js';

const P = CLOSE_COMMENT;
const str = (extra: object = {}) => ({ type: 'string', ...extra });

/** Each kind probes one place where schema text reaches the output. */
const KINDS: Record<string, { schema?: object; versionExtra?: object }> = {
  Described: { schema: specOf({ a: str({ description: `ends ${P}` }), b: str({ description: 'see /api/v1/*' }), c: str({ description: 'under /api/v1/*', default: 'x' }) }) },
  Enumerated: { schema: specOf({ a: str({ enum: [P, '[k: string]', "it's", 'say "hi"', 'back\\slash', 'line\nbreak', '\u2028', ...BREAK_QUOTES] }) }) },
  Defaulted: { schema: specOf({ a: str({ default: P }), b: { type: 'object', properties: { c: str() }, default: { c: P } } }) },
  Named: { schema: specOf({ [P]: str(), "it's": str(), 'say "hi"': str(), 'back\\slash': str(), 'new\nline': str(), ...Object.fromEntries(BREAK_QUOTES.map((q) => [q, str()])) }) },
  Ruled: {
    schema: specOf({
      a: str({ 'x-kubernetes-validations': [{ rule: `self.matches('^a*/b$') ${P}`, message: P, messageExpression: `'${P}'` }] }),
      b: str({ pattern: '^a*/b$' }),
      c: str({ format: P, maxLength: 3 }),
      d: { type: 'array', items: str({ pattern: '[*/]', description: 'item */' }), 'x-kubernetes-list-type': P },
    }),
  },
  Deprecated: { versionExtra: { deprecated: true, deprecationWarning: `old ${P}` } },
  Columned: { versionExtra: { additionalPrinterColumns: [{ name: P, type: 'string', jsonPath: '.spec.a', description: P }] } },
  Mapped: { schema: specOf({ m: { type: 'object', additionalProperties: str({ description: `value ${P}`, enum: ['[k: string]'] }) } }) },
};

const INPUTS: InputFile[] = Object.entries(KINDS).map(([kind, spec]) => ({ path: `hostile/${kind}.yaml`, text: hostileCrd({ kind, ...spec }) }));

describe('hostile schema text', () => {
  let run: Probe;
  const file = (kind: string) => run.kinds.get(`example.com/v1/${kind.toLowerCase()}.ts`) ?? '';

  beforeAll(async () => {
    run = await probe(INPUTS, 'hostile-emit');
  }, 120_000);

  it('generates and compiles in one strict program', () => {
    expect(run.errors).toEqual([]);
    expect(run.tsErrors).toEqual([]);
  });

  it('no payload ends a comment or a string literal: the marker is never code', () => {
    expect(run.injected).toEqual([]);
  });

  it('descriptions: */ is escaped, a path glob before a tag stays text', () => {
    expect(file('Described')).toContain('ends *\\/ PWNED(); /\\*');
    expect(file('Described')).toContain('see /api/v1/\\*');
    expect(file('Described')).toMatch(/under \/api\/v1\/\\\*\n\s+\* @default "x"/);
  });

  it('enum values come out exactly as written, [k: string] included', () => {
    const line = file('Enumerated').split('\n').find((l) => /^\s+a\?:/.test(l)) ?? '';
    for (const value of ['[k: string]', "it's", 'say "hi"', 'back\\slash', 'line\nbreak', P, ...BREAK_QUOTES]) {
      expect(line).toContain(JSON.stringify(value).slice(1, -1));
    }
    expect(file('Mapped')).toContain('"[k: string]"');
  });

  it('property names are kept (quoted), whatever they hold', () => {
    expect(memberNames(file('Named'), 'NamedSpec')).toEqual(Object.keys((KINDS.Named?.schema as { properties: { spec: { properties: object } } }).properties.spec.properties));
  });

  it('CEL rules, messages, patterns and list types stay inside their comment', () => {
    const text = file('Ruled');
    expect(text).toContain("@validation self.matches('^a*\\/b$') *\\/ PWNED(); /\\* (*\\/ PWNED(); /\\*)");
    expect(text).toContain('@pattern ^a*\\/b$');
  });

  it('a deprecation warning stays in its @deprecated tag', () => {
    expect(file('Deprecated')).toContain('@deprecated old *\\/ PWNED(); /\\*');
  });

  it('printer columns never reach the output as code', () => {
    expect(run.injected.filter((hit) => hit.includes('columned'))).toEqual([]);
  });
});
