// Where configuration and the default namespace come from, and what dispose does.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GadgetApi, WidgetApi } from './support/kinds.js';
import { defaultHandler, startRecorder, TOKEN, type Recorder } from './support/recorder.js';

let a: Recorder;
let b: Recorder;
let configFile: string;

beforeAll(async () => {
  a = await startRecorder();
  b = await startRecorder();
  configFile = join(mkdtempSync(join(tmpdir(), 'crdgen-runtime-')), 'config');
  writeFileSync(configFile, `apiVersion: v1
kind: Config
current-context: ctx-a
clusters:
- name: a
  cluster: { server: '${a.url}', insecure-skip-tls-verify: true }
- name: b
  cluster: { server: '${b.url}', insecure-skip-tls-verify: true }
users:
- name: u
  user: { token: ${TOKEN} }
contexts:
- name: ctx-a
  context: { cluster: a, user: u, namespace: team-a }
- name: ctx-b
  context: { cluster: b, user: u }
`);
});
afterAll(async () => {
  await a.close();
  await b.close();
});
beforeEach(() => {
  a.requests.length = 0;
  b.requests.length = 0;
  a.handler = defaultHandler;
});

const paths = (r: Recorder) => r.requests.map((x) => `${x.method} ${x.path}`);

describe('configuration', () => {
  it('configFile: the current context and its namespace', async () => {
    const api = new WidgetApi({ configFile });
    expect(api.namespace).toBe('team-a');
    await api.get('w1');
    expect(paths(a)).toEqual(['GET /apis/example.com/v1/namespaces/team-a/widgets/w1']);
  });

  it('context switches cluster; a context without namespace means `default`', async () => {
    const api = new WidgetApi({ configFile, context: 'ctx-b' });
    expect(api.namespace).toBe('default');
    await api.get('w1');
    expect(paths(b)).toEqual(['GET /apis/example.com/v1/namespaces/default/widgets/w1']);
    expect(paths(a)).toEqual([]);
  });

  it('the namespace option wins over the context', () => {
    expect(new WidgetApi({ configFile, namespace: 'mine' }).namespace).toBe('mine');
  });

  it('a given KubeConfig is used, and switching its context does not change the caller\'s object', async () => {
    const kc = a.kubeConfig('from-kc');
    kc.addCluster({ name: 'other', server: b.url, skipTLSVerify: true });
    kc.addContext({ name: 'other', cluster: 'other', user: 'tester', namespace: 'ns-b' });
    const api = new WidgetApi({ kubeConfig: kc, context: 'other' });
    expect(api.namespace).toBe('ns-b');
    expect(kc.getCurrentContext()).toBe('test');
    await api.get('w1');
    expect(paths(b)).toEqual(['GET /apis/example.com/v1/namespaces/ns-b/widgets/w1']);
    expect(new WidgetApi({ kubeConfig: kc }).namespace).toBe('from-kc');
  });

  it('an unknown context is refused with the ones there are', () => {
    expect(() => new WidgetApi({ configFile, context: 'nope' })).toThrow(new Error('Context "nope" is not in the kubeconfig (contexts: ctx-a, ctx-b)'));
  });

  describe('loadFromDefault', () => {
    const saved = process.env.KUBECONFIG;
    afterEach(() => {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    });
    it('reads $KUBECONFIG when nothing is given', async () => {
      process.env.KUBECONFIG = configFile;
      const api = new WidgetApi();
      expect(api.namespace).toBe('team-a');
      await api.list();
      expect(paths(a)).toEqual(['GET /apis/example.com/v1/namespaces/team-a/widgets']);
    });
  });

  it('cluster-scoped kinds ignore the namespace everywhere', async () => {
    const api = new GadgetApi({ configFile });
    await api.get('g1');
    await api.create({ metadata: { name: 'g2', namespace: 'ignored' } });
    expect(paths(a)).toEqual(['GET /apis/example.com/v1/gadgets/g1', 'POST /apis/example.com/v1/gadgets']);
  });
});

describe('dispose', () => {
  it('`await using` aborts in-flight requests and refuses new ones', async () => {
    a.handler = () => new Promise(() => undefined); // never answers
    let pending: Promise<unknown> | undefined;
    let escaped: WidgetApi | undefined;
    {
      await using api = new WidgetApi({ configFile });
      escaped = api;
      pending = api.get('w1').catch((e: unknown) => e);
      // disposed only once the request is in flight (reached the server), however slow the machine
      while (a.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    }
    const e = (await pending) as Error;
    expect(e.name).toBe('AbortError');
    expect(e.message).toBe('Widget API object was disposed');
    await expect(escaped.get('w1')).rejects.toThrow('Widget API object was disposed');
    expect(a.requests).toHaveLength(1);
  });
});
