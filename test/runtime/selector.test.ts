// One label-selector parser (src/runtime/selector.ts) for the cache and the test API server: every
// selector here selects the same objects from the informer's store as a list over real HTTP does,
// and both refuse the same selectors with labels.Parse's message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabelSelector } from '../../src/runtime/index.js';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { RUNTIME_NAMESPACES, widgetCrd } from './support/crds.js';
import { WidgetApi } from './support/kinds.js';

let server: TestApiServer;
beforeAll(async () => {
  server = await startTestApiServer({ crds: [widgetCrd], namespaces: RUNTIME_NAMESPACES });
});
afterAll(() => server.close());

const LABELS: Record<string, Record<string, string>> = {
  a: { app: 'web', tier: 'front', rank: '3' },
  b: { app: 'web', rank: '10' },
  c: { app: 'db', in: 'notin' },
  d: {},
};

const SELECTORS = [
  'app=web', 'app==web', 'app!=web', 'app in (web,db)', 'app notin (web)', 'tier', '!tier',
  'app=web,tier', 'rank>4', 'rank<4', 'in=notin', 'app in (web, db), !in', ' app = web ', 'app=',
];

describe('label selectors: the store and the server agree', () => {
  it.each(SELECTORS)('%j', async (selector) => {
    const widgets = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'mapped' });
    if ((await widgets.list()).items.length === 0) {
      for (const [name, labels] of Object.entries(LABELS)) await widgets.create({ metadata: { name, labels } });
    }
    await using informer = widgets.informer();
    await informer.synced;
    const listed = (await widgets.list({ labelSelector: selector })).items.map((w) => w.metadata?.name).sort();
    const cached = informer.store.list({ labelSelector: selector }).map((w) => w.metadata?.name).sort();
    expect(cached).toEqual(listed);
    const matcher = parseLabelSelector(selector);
    expect(Object.keys(LABELS).filter((name) => matcher(LABELS[name])).sort()).toEqual(listed);
  });

  it.each([
    ['app in web', "unable to parse requirement: found 'web' expected: '('"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['x>abc', `unable to parse requirement: values[0]: Invalid value: "abc": for 'Gt', 'Lt' operators, the value must be an integer`],
  ])('%j is refused by both with one message', async (selector, message) => {
    const widgets = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'mapped' });
    await expect(widgets.list({ labelSelector: selector })).rejects.toMatchObject({ code: 400, message: expect.stringContaining(message) });
    expect(() => parseLabelSelector(selector)).toThrow(`invalid label selector ${JSON.stringify(selector)}: ${message}`);
  });
});
