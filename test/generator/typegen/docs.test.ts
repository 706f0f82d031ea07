// A doc on every node, read back the way an editor reads it: inline CRDs generated, compiled in one
// strict program, and each property's doc taken from TypeScript's language service (the text and
// tags a hover shows).
import { beforeAll, describe, expect, it } from 'vitest';
import { crd, generateInline, object, type InlineRun } from '../../support/inline.js';

const str = { type: 'string' };
const subject = 'Doc.example.com/v1';

const spec = object({
  tags: {
    description: 'Free-form tags.',
    type: 'array',
    'x-kubernetes-list-type': 'set',
    items: { type: 'string', description: 'One tag, like @team.', pattern: '^[a-z]+$', default: 'none', 'x-kubernetes-validations': [{ rule: "self != 'all'" }] },
  },
  bare: { type: 'array', items: { type: 'string', description: 'A host name.', maxLength: 63 } },
  labels: { description: 'Labels to add.', type: 'object', additionalProperties: { type: 'string', description: 'A label value.', maxLength: 63 } },
  matrix: { type: 'array', description: 'Rows.', items: { type: 'array', description: 'One row.', items: { type: 'integer', description: 'One cell.', minimum: 0 } } },
  schedule: { type: 'string', description: 'Run @daily or @hourly;\n@every 5m works too. Ask @ops or mail ops@example.com, see {@link x}.' },
  oldName: { type: 'string', description: 'The name it had before.\n\nDeprecated: use name instead.' },
  oldPort: { type: 'integer', description: 'oldPort is deprecated: use ports instead.' },
  gone: { type: 'string', description: 'Deprecated.' },
  roundRobin: { type: 'string', description: 'RoundRobin value is deprecated and supported for backward compatibility.' },
  tls: object({ secret: str }, { description: 'TLS settings. Certificates come from the secret.\nMore info: https://example.com/tls', 'x-kubernetes-validations': [{ rule: 'has(self.secret)' }] }),
  nullableTls: object({ secret: str, ca: str }, { description: 'Maybe TLS. Or null.', nullable: true }),
  targets: { type: 'array', description: 'Where to send it.', items: object({ host: str }, { description: 'A target. It gets every note.' }) },
  match: object({ exact: str, prefix: str }, { oneOf: [{ required: ['exact'] }, { required: ['prefix'] }] }),
  source: object(
    { url: str, path: str },
    { description: 'Where to read from.', oneOf: [{ not: { anyOf: [{ required: ['url'] }, { required: ['path'] }] } }, { required: ['url'] }, { required: ['path'] }] },
  ),
});

describe('docs as an editor shows them', () => {
  let run: InlineRun;
  const doc = (path: string) => run.docAt(subject, path);

  beforeAll(async () => {
    // A legacy CRD whose property is typed by its junctor: an array or a string.
    const either = { description: 'Hosts.', oneOf: [{ type: 'array', description: 'The old form.', items: { type: 'string', description: 'A host.' } }, { type: 'string', description: 'One host.', maxLength: 9 }] };
    const legacy = crd({ kind: 'Old', apiVersion: 'v1beta1', versions: [{ name: 'v1', schema: object({ spec: object({ either }) }) }], extra: { preserveUnknownFields: false } });
    const inputs = [{ path: 'doc.yaml', text: crd({ kind: 'Doc', versions: [{ name: 'v1', schema: object({ spec }) }] }) }, { path: 'old.yaml', text: legacy }];
    run = await generateInline(inputs, 'docs-check');
  });

  it('compiles', () => {
    expect(run.program.errors()).toEqual([]);
  });

  it('primitive item docs: prose under "Each item:" before the tags, item tags as @item...', () => {
    expect(doc('spec.tags')).toEqual({
      text: 'Free-form tags.\n\nEach item: One tag, like \\@team.',
      tags: ['@listType set', '@itemDefault "none"', '@itemPattern ^[a-z]+$', "@itemValidation self != 'all'"],
    });
    expect(doc('spec.bare')).toEqual({ text: 'Each item: A host name.', tags: ['@itemMaxLength 63'] });
  });

  it('map-value docs on the map property, none left inline', () => {
    expect(doc('spec.labels')).toEqual({ text: 'Labels to add.\n\nEach value: A label value.', tags: ['@valueMaxLength 63'] });
    expect(run.typeAt(subject, 'spec.labels')).toBe('{ [key: string]: string }');
  });

  it('nested items: every level labelled', () => {
    expect(doc('spec.matrix')).toEqual({ text: 'Rows.\n\nEach item: One row.\n\nEach item of each item: One cell.', tags: ['@itemItemMinimum 0'] });
  });

  it('@ in prose never starts a tag', () => {
    expect(doc('spec.schedule')).toEqual({ text: 'Run \\@daily or \\@hourly;\n\\@every 5m works too. Ask \\@ops or mail ops@example.com, see {\\@link x}.', tags: [] });
  });

  it('deprecation notes give @deprecated (the note leaves the prose)', () => {
    expect(doc('spec.oldName')).toEqual({ text: 'The name it had before.', tags: ['@deprecated use name instead.'] });
    expect(doc('spec.oldPort')).toEqual({ text: '', tags: ['@deprecated oldPort is deprecated: use ports instead.'] });
    expect(doc('spec.gone')).toEqual({ text: '', tags: ['@deprecated'] });
    expect(doc('spec.roundRobin')?.tags).toEqual([]);
  });

  it("a named object's doc is on its property once; its interface has the first sentence", () => {
    const full = { text: 'TLS settings. Certificates come from the secret.\nMore info: https://example.com/tls', tags: ['@validation has(self.secret)'] };
    expect(doc('spec.tls')).toEqual(full);
    expect(run.docAt(subject, 'spec.tls', true)).toEqual({ text: 'TLS settings.', tags: [] });
    expect(doc('spec.nullableTls')).toEqual({ text: 'Maybe TLS. Or null.', tags: [] });
    expect(run.typeAt(subject, 'spec.nullableTls')).toBe('DocNullableTls | null');
    expect(run.docAt(subject, 'spec.nullableTls', true)).toEqual({ text: 'Maybe TLS.', tags: [] });
  });

  it('named items: the array property has its own doc, the item interface keeps the item doc', () => {
    expect(doc('spec.targets')).toEqual({ text: 'Where to send it.', tags: [] });
    expect(run.docAt(subject, 'spec.targets', true)).toEqual({ text: 'A target. It gets every note.', tags: [] });
  });

  it('required-only oneOf branches are stated (the properties stay optional)', () => {
    expect(doc('spec.match')?.text).toBe('Exactly one of `exact` or `prefix` is required.');
    expect(doc('spec.source')?.text).toBe('Where to read from.\n\nAt most one of `url` or `path` may be set.');
    expect(run.membersAt(subject, 'spec.match')).toEqual(['exact?: string', 'prefix?: string']);
  });

  it('union branches printed inline: their docs on the property, by what each branch is', () => {
    expect(run.typeAt('Old.example.com/v1', 'spec.either')).toBe('string[] | string');
    expect(run.docAt('Old.example.com/v1', 'spec.either')).toEqual({
      text: 'Hosts.\n\nWhen an array: The old form.\n\nWhen an array, each item: A host.\n\nWhen a string: One host.',
      tags: ['@stringMaxLength 9'],
    });
  });

  it('no doc text in the output is written twice for one node', () => {
    const text = run.contents(run.kindFiles.find((f) => f.endsWith('doc.ts')) as string);
    expect(text.split('Certificates come from the secret.').length - 1).toBe(1);
    expect(text).not.toContain('Items:');
  });
});
