// The group entry point's classes over HTTP: each kind talks to the version the entry point chose
// (Box at its storage version v1; Vault at v2 because its storage version v1 is not served).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoxApi, VaultApi, type Vault } from '../../generated/store.example.com/index.js';
import type { TestApiServer } from '../../src/testing/index.js';
import { NAMESPACE, startClients } from './support.js';

let server: TestApiServer;

beforeAll(async () => {
  ({ server } = await startClients());
});
afterAll(() => server.close());

describe('<out>/<group>/index.ts over HTTP', () => {
  it('creates and reads each kind at the version its plain name stands for', async () => {
    const options = { kubeConfig: server.kubeConfig, fieldManager: 'e2e', retry: { baseDelayMs: 10 } };
    const boxes = new BoxApi({ ...options, namespace: NAMESPACE });
    const vaults = new VaultApi(options);
    await boxes.create({ metadata: { name: 'b1' }, spec: { size: 2 } });
    const made: Vault = await vaults.create({ metadata: { name: 'v1' }, spec: { code: 'x', owner: 'me' } });
    expect(made.apiVersion).toBe('store.example.com/v2');
    expect((await boxes.get('b1')).apiVersion).toBe('store.example.com/v1');
    expect((await vaults.get('v1')).spec?.owner).toBe('me');
    const paths = server.requests.map((r) => `${r.method} ${r.path}`).filter((p) => p.includes('store.example.com'));
    expect(paths).toEqual([
      `POST /apis/store.example.com/v1/namespaces/${NAMESPACE}/boxes`,
      'POST /apis/store.example.com/v2/vaults',
      `GET /apis/store.example.com/v1/namespaces/${NAMESPACE}/boxes/b1`,
      'GET /apis/store.example.com/v2/vaults/v1',
    ]);
  });
});
