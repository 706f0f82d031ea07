/**
 * List semantics as kube-apiserver serves them (https://kubernetes.io/docs/reference/using-api/api-concepts/
 * "Semantics for get and list"; k8s.io/apiserver pkg/storage ValidateListOptions, etcd3 errors.go,
 * continue.go; apimachinery's ListOptions validation), over real HTTP.
 */
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call, MERGE, startWithFixtures, widget, WIDGETS } from './helpers.js';

let server: TestApiServer;
beforeEach(async () => {
  server = await startWithFixtures({ namespaces: ['other'] });
});
afterEach(() => server.close());

const names = (body: any): string[] => body.items.map((o: any) => `${o.metadata.name}:${o.spec.color}`);
const rvOf = (body: any): string => body.metadata.resourceVersion;

async function seed(...list: string[]): Promise<string> {
  for (const name of list) expect((await call(server, 'POST', WIDGETS, widget(name))).status).toBe(201);
  return rvOf((await call(server, 'GET', WIDGETS)).body);
}

function decodeToken(token: string): unknown {
  return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
}

describe('resourceVersion and resourceVersionMatch', () => {
  it('Exact answers the state at that resourceVersion from history', async () => {
    const rv = await seed('a', 'b');
    await call(server, 'PATCH', `${WIDGETS}/a`, { spec: { color: 'blue' } }, MERGE);
    await call(server, 'DELETE', `${WIDGETS}/b`);
    await call(server, 'POST', WIDGETS, widget('c'));
    const then = await call(server, 'GET', `${WIDGETS}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    expect([then.status, names(then.body), rvOf(then.body)]).toEqual([200, ['a:red', 'b:red'], rv]);
    const now = await call(server, 'GET', WIDGETS);
    expect(names(now.body)).toEqual(['a:blue', 'c:red']);
  });

  it('NotOlderThan, 0 and the legacy form without limit answer the latest state', async () => {
    const rv = await seed('a');
    await call(server, 'PATCH', `${WIDGETS}/a`, { spec: { color: 'green' } }, MERGE);
    const latest = rvOf((await call(server, 'GET', WIDGETS)).body);
    for (const query of [`resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`, 'resourceVersion=0', `resourceVersion=${rv}`]) {
      const r = await call(server, 'GET', `${WIDGETS}?${query}`);
      expect([query, names(r.body), rvOf(r.body)]).toEqual([query, ['a:green'], latest]);
    }
  });

  it('reads a resourceVersion with a limit as an exact snapshot (the legacy rule)', async () => {
    const rv = await seed('a', 'b', 'c');
    await call(server, 'DELETE', `${WIDGETS}/a`);
    const r = await call(server, 'GET', `${WIDGETS}?resourceVersion=${rv}&limit=2`);
    expect([names(r.body), rvOf(r.body)]).toEqual([['a:red', 'b:red'], rv]);
  });

  it('answers a resourceVersion newer than any with 504 Too large resource version', async () => {
    const rv = Number(await seed('a'));
    const r = await call(server, 'GET', `${WIDGETS}?resourceVersion=${rv + 50}&resourceVersionMatch=Exact`);
    expect(r.status).toBe(504);
    expect(r.body).toMatchObject({
      reason: 'Timeout',
      message: `Timeout: Too large resource version: ${rv + 50}, current: ${rv}`,
      details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
    });
  });

  it('answers 410 Expired once the history is compacted on demand', async () => {
    const rv = await seed('a');
    await call(server, 'POST', WIDGETS, widget('b'));
    server.compact();
    const r = await call(server, 'GET', `${WIDGETS}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    expect([r.status, r.body.reason, r.body.message]).toEqual([410, 'Expired', 'The resourceVersion for the provided list is too old.']);
    const current = rvOf((await call(server, 'GET', WIDGETS)).body);
    const atCompaction = await call(server, 'GET', `${WIDGETS}?resourceVersion=${current}&resourceVersionMatch=Exact`);
    expect(atCompaction.status).toBe(200);
  });

  it('compacts by eventHistorySize: only the last N revisions stay readable', async () => {
    await server.close();
    server = await startWithFixtures({ eventHistorySize: 3 });
    const rv = await seed('a');
    const kept = await seed('b');
    await seed('c', 'd', 'e');
    // Three events kept (c, d, e): the state just before them is still readable, older is not.
    const r = await call(server, 'GET', `${WIDGETS}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    expect(r.status).toBe(410);
    const oldest = await call(server, 'GET', `${WIDGETS}?resourceVersion=${kept}&resourceVersionMatch=Exact`);
    expect([oldest.status, names(oldest.body)]).toEqual([200, ['a:red', 'b:red']]);
  });
});

describe('continue tokens', () => {
  it('carry the first page\'s snapshot: later writes do not show on later pages', async () => {
    const rv = await seed('a', 'b', 'c', 'd');
    const first = await call(server, 'GET', `${WIDGETS}?limit=2`);
    expect([names(first.body), rvOf(first.body), first.body.metadata.remainingItemCount]).toEqual([['a:red', 'b:red'], rv, 2]);
    expect(decodeToken(first.body.metadata.continue)).toEqual({ v: 'meta.k8s.io/v1', rv: Number(rv), start: 'b\u0000' });
    await call(server, 'DELETE', `${WIDGETS}/c`);
    await call(server, 'PATCH', `${WIDGETS}/d`, { spec: { color: 'blue' } }, MERGE);
    await call(server, 'POST', WIDGETS, widget('e'));
    const second = await call(server, 'GET', `${WIDGETS}?limit=2&continue=${first.body.metadata.continue}`);
    expect([names(second.body), rvOf(second.body), second.body.metadata.continue]).toEqual([['c:red', 'd:red'], rv, undefined]);
  });

  it('key pages across namespaces by namespace/name', async () => {
    await seed('a');
    await call(server, 'POST', '/apis/example.com/v1/namespaces/other/widgets', widget('a'));
    const first = await call(server, 'GET', '/apis/example.com/v1/widgets?limit=1');
    expect(decodeToken(first.body.metadata.continue)).toMatchObject({ start: 'default/a\u0000' });
    const second = await call(server, 'GET', `/apis/example.com/v1/widgets?limit=1&continue=${first.body.metadata.continue}`);
    expect(second.body.items.map((o: any) => o.metadata.namespace)).toEqual(['other']);
  });

  it('expire with compaction: 410 with the inconsistent-continue token, which goes on at the latest state', async () => {
    await seed('a', 'b', 'c');
    const first = await call(server, 'GET', `${WIDGETS}?limit=1`);
    await call(server, 'PATCH', `${WIDGETS}/c`, { spec: { color: 'green' } }, MERGE);
    server.compact();
    const expired = await call(server, 'GET', `${WIDGETS}?limit=1&continue=${first.body.metadata.continue}`);
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({
      kind: 'Status',
      reason: 'Expired',
      message:
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, ' +
        'or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an ' +
        'inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
    });
    const inconsistent = expired.body.metadata.continue as string;
    expect(decodeToken(inconsistent)).toEqual({ v: 'meta.k8s.io/v1', rv: -1, start: 'a\u0000' });
    const rest = await call(server, 'GET', `${WIDGETS}?continue=${inconsistent}`);
    expect([rest.status, names(rest.body)]).toEqual([200, ['b:red', 'c:green']]);
    expect(rvOf(rest.body)).toBe(rvOf((await call(server, 'GET', WIDGETS)).body));
  });
});

describe('invalid combinations (422 on ListOptions.meta.k8s.io, as ValidateListOptions words them)', () => {
  const invalid = 'ListOptions.meta.k8s.io "" is invalid: ';
  it.each([
    ['resourceVersionMatch=Exact', 'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided'],
    ['resourceVersion=0&resourceVersionMatch=Exact', 'resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"'],
    ['resourceVersion=1&resourceVersionMatch=Newest', 'resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""'],
    ['sendInitialEvents=true', 'sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list'],
    [
      'resourceVersionMatch=NotOlderThan&continue=x',
      '[resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided, resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided]',
    ],
    ['watch=true&resourceVersionMatch=NotOlderThan', 'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'],
    ['watch=true&sendInitialEvents=true', 'resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'],
  ])('%s', async (query, message) => {
    const r = await call(server, 'GET', `${WIDGETS}?${query}`);
    expect([r.status, r.body.reason, r.body.message]).toEqual([422, 'Invalid', `${invalid}${message}`]);
    expect(r.body.details).toMatchObject({ group: 'meta.k8s.io', kind: 'ListOptions' });
  });
});
