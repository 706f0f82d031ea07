import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { parseFieldSelector, parseLabelSelector } from '../../src/testing/selectors.js';
import { humanDuration, jsonPathFirst } from '../../src/testing/table.js';
import { call, startWithFixtures, TABLE_ACCEPT, widget, WIDGETS } from './helpers.js';

const labelled = (labels: Record<string, string>) => ({ metadata: { name: 'x', namespace: 'ns', labels } });

describe('label selectors', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['tier=gold', { tier: 'gold' }, true],
    ['tier==gold', { tier: 'gold' }, true],
    ['tier=gold', { tier: 'silver' }, false],
    ['tier!=gold', { tier: 'silver' }, true],
    ['tier!=gold', {}, true],
    ['tier in (gold,silver)', { tier: 'silver' }, true],
    ['tier in (gold, silver)', { tier: 'bronze' }, false],
    ['tier notin (gold)', {}, true],
    ['tier notin (gold)', { tier: 'gold' }, false],
    ['tier', { tier: '' }, true],
    ['tier', {}, false],
    ['!tier', {}, true],
    ['!tier', { tier: 'x' }, false],
    ['app=x,tier in (a,b)', { app: 'x', tier: 'b' }, true],
    ['app=x,tier in (a,b)', { app: 'y', tier: 'b' }, false],
    ['example.com/role=db', { 'example.com/role': 'db' }, true],
    ['size>3', { size: '4' }, true],
    ['size<3', { size: '4' }, false],
    ['tier=', { tier: '' }, true],
  ];
  it.each(cases)('%s on %j -> %s', (selector, labels, want) => {
    expect(parseLabelSelector(selector)(labelled(labels))).toBe(want);
  });

  it('rejects what it cannot parse with 400', () => {
    expect(() => parseLabelSelector('tier in gold')).toThrow(/unable to parse requirement/);
    expect(() => parseLabelSelector('=x')).toThrow("found '=', expected: !, identifier, or 'end of string'");
  });
});

describe('field selectors', () => {
  it('selects by metadata.name and metadata.namespace with = == !=', () => {
    const object = { metadata: { name: 'w1', namespace: 'default' } };
    expect(parseFieldSelector('metadata.name=w1')(object)).toBe(true);
    expect(parseFieldSelector('metadata.name==w2')(object)).toBe(false);
    expect(parseFieldSelector('metadata.name!=w2,metadata.namespace=default')(object)).toBe(true);
    expect(() => parseFieldSelector('spec.color=red')).toThrow('field label not supported: spec.color');
  });
});

describe('humanDuration and printer-column JSONPath', () => {
  const cases: [number, string][] = [
    [5_000, '5s'],
    [119_000, '119s'],
    [182_000, '3m2s'],
    [600_000, '10m'],
    [3 * 3600_000 + 120_000, '3h2m'],
    [30 * 3600_000, '30h'],
    [(4 * 24 + 5) * 3600_000, '4d5h'],
    [40 * 24 * 3600_000, '40d'],
    [(3 * 365 + 20) * 24 * 3600_000, '3y20d'],
  ];
  it.each(cases)('%i ms -> %s', (ms, want) => expect(humanDuration(ms)).toBe(want));

  it('selects simple paths, indexes and filters', () => {
    const object = { spec: { a: [{ b: 1 }, { b: 2 }], 'x.y': 'dot' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(jsonPathFirst(object, '.spec.a[1].b')).toBe(2);
    expect(jsonPathFirst(object, '.spec.a[*].b')).toBe(1);
    expect(jsonPathFirst(object, ".spec['x.y']")).toBe('dot');
    expect(jsonPathFirst(object, '.status.conditions[?(@.type=="Ready")].status')).toBe('True');
    expect(jsonPathFirst(object, '.status.missing')).toBeUndefined();
  });
});

describe('lists over HTTP', () => {
  let server: TestApiServer;
  beforeAll(async () => {
    server = await startWithFixtures();
    for (const [name, tier] of [['a', 'gold'], ['b', 'silver'], ['c', 'gold'], ['d', 'bronze'], ['e', 'gold']] as const) {
      await call(server, 'POST', WIDGETS, widget(name, { color: 'red', size: name.charCodeAt(0) - 96 }, { labels: { tier } }));
    }
  });
  afterAll(() => server.close());

  const names = (body: { items: { metadata: { name: string } }[] }) => body.items.map((i) => i.metadata.name);

  it('filters by label selector, form-encoded as kubectl and client-node send it', async () => {
    expect(names((await call(server, 'GET', `${WIDGETS}?labelSelector=tier%3Dgold&limit=500`)).body)).toEqual(['a', 'c', 'e']);
    expect(names((await call(server, 'GET', `${WIDGETS}?labelSelector=tier+in+%28silver%2Cbronze%29`)).body)).toEqual(['b', 'd']);
    expect(names((await call(server, 'GET', `${WIDGETS}?labelSelector=tier+notin+%28gold%29`)).body)).toEqual(['b', 'd']);
    expect(names((await call(server, 'GET', `${WIDGETS}?labelSelector=%21tier`)).body)).toEqual([]);
    const bad = await call(server, 'GET', `${WIDGETS}?labelSelector=tier+in+gold`);
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toBe('BadRequest');
  });

  it('filters by field selector', async () => {
    expect(names((await call(server, 'GET', `${WIDGETS}?fieldSelector=metadata.name%3Db`)).body)).toEqual(['b']);
    expect(names((await call(server, 'GET', `/apis/example.com/v1/widgets?fieldSelector=metadata.namespace!%3Ddefault`)).body)).toEqual([]);
  });

  it('pages with limit and an opaque continue token', async () => {
    const first = await call(server, 'GET', `${WIDGETS}?limit=2`);
    expect(names(first.body)).toEqual(['a', 'b']);
    expect(first.body.metadata.remainingItemCount).toBe(3);
    const token = first.body.metadata.continue;
    expect(typeof token).toBe('string');
    const second = await call(server, 'GET', `${WIDGETS}?limit=2&continue=${encodeURIComponent(token)}`);
    expect(names(second.body)).toEqual(['c', 'd']);
    expect(second.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
    const third = await call(server, 'GET', `${WIDGETS}?limit=2&continue=${encodeURIComponent(second.body.metadata.continue)}`);
    expect(names(third.body)).toEqual(['e']);
    expect(third.body.metadata.continue).toBeUndefined();
    expect((await call(server, 'GET', `${WIDGETS}?continue=garbage`)).status).toBe(400);
  });

  it('answers a Table when the Accept asks for one: printer columns, pre-rendered Age, row metadata', async () => {
    await call(server, 'PATCH', `${WIDGETS}/a/status`, { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, {
      'content-type': 'application/merge-patch+json',
    });
    const r = await call(server, 'GET', `${WIDGETS}?labelSelector=tier%3Dgold&limit=500`, undefined, { accept: TABLE_ACCEPT });
    expect(r.body.kind).toBe('Table');
    expect(r.body.apiVersion).toBe('meta.k8s.io/v1');
    expect(r.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Color', 'Size', 'Ready', 'Age']);
    expect(r.body.rows[0].cells.slice(0, 4)).toEqual(['a', 'red', 1, 'True']);
    expect(r.body.rows[1].cells[3]).toBeNull();
    expect(r.body.rows[0].cells[4]).toMatch(/^\d+s$/);
    expect(r.body.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'a', namespace: 'default', labels: { tier: 'gold' } } });
    expect(r.body.metadata.resourceVersion).toMatch(/^\d+$/);
    const one = await call(server, 'GET', `${WIDGETS}/b`, undefined, { accept: TABLE_ACCEPT });
    expect(one.body.rows).toHaveLength(1);
    const crds = await call(server, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', undefined, { accept: TABLE_ACCEPT });
    expect(crds.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Created At']);
    const gadgets = await call(server, 'GET', '/apis/example.com/v1/gadgets', undefined, { accept: TABLE_ACCEPT });
    expect(gadgets.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Age']);
  });
});
