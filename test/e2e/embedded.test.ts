// An embedded resource's metadata (`x-kubernetes-embedded-resource`) is typed as what the server
// sends, EmbeddedObjectMeta (timestamps are strings), while the object's own metadata is decoded
// into V1ObjectMeta (Dates): checked over HTTP through the generated Wrapper client, and by
// compiling code that uses each timestamp as its type says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrapperApi, type Wrapper } from '../../generated/mapping.example.com/v1/index.js';
import type { TestApiServer } from '../../src/testing/index.js';
import { inMemoryProgram } from '../support/program.js';
import { STRICT_NODENEXT } from '../support/typecheck.js';
import { NAMESPACE, startClients } from './support.js';

let server: TestApiServer;
let wrappers: WrapperApi;

beforeAll(async () => {
  ({ server } = await startClients());
  wrappers = new WrapperApi({ kubeConfig: server.kubeConfig, namespace: NAMESPACE, fieldManager: 'e2e', retry: { baseDelayMs: 10 } });
});
afterAll(() => server.close());

/** Each timestamp used through a method of its declared type: a string's for embedded metadata, a Date's for the root's. */
function stamps(w: Wrapper): { root: string | undefined; typed: boolean | undefined; open: string | undefined } {
  return {
    root: w.metadata?.creationTimestamp?.toISOString(),
    typed: w.spec?.typedTemplate?.metadata?.creationTimestamp?.endsWith('Z'),
    open: w.spec?.template?.metadata?.creationTimestamp?.slice(0, 10),
  };
}

describe('embedded resources', () => {
  it('nested metadata comes back in its wire form, as typed; the root metadata is decoded', async () => {
    await wrappers.create({
      metadata: { name: 'w1' },
      spec: {
        // The server stores ObjectMeta timestamps in UTC: +02:00 comes back as ...T08:00:00Z.
        typedTemplate: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1', creationTimestamp: '2024-05-01T10:00:00+02:00' }, data: { a: 'b' } },
        template: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1', labels: { app: 'x' }, creationTimestamp: '2024-06-01T00:00:00Z' }, type: 'Opaque' },
      },
    });
    const read = await wrappers.get('w1');
    expect(read.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(read.spec?.typedTemplate?.metadata).toEqual({ name: 'c1', creationTimestamp: '2024-05-01T08:00:00Z' });
    expect(read.spec?.template?.metadata).toEqual({ name: 's1', labels: { app: 'x' }, creationTimestamp: '2024-06-01T00:00:00Z' });
    const used = stamps(read);
    expect(used.root).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect([used.typed, used.open]).toEqual([true, '2024-06-01']);
    // Listing and writing the read object back keep the wire form (replace sends it as read).
    const [listed] = (await wrappers.list()).items;
    expect(listed?.spec?.typedTemplate?.metadata?.creationTimestamp).toBe('2024-05-01T08:00:00Z');
    const replaced = await wrappers.replace(read);
    expect(stamps(replaced)).toEqual({ ...used, root: replaced.metadata?.creationTimestamp?.toISOString() });
  });

  it('code using each timestamp as its type says compiles under strict', () => {
    const use = [
      "import type { Wrapper } from '../../generated/mapping.example.com/v1/index.js';",
      'export const root = (w: Wrapper): string | undefined => w.metadata?.creationTimestamp?.toISOString();',
      'export const typed = (w: Wrapper): boolean | undefined => w.spec?.typedTemplate?.metadata?.creationTimestamp?.endsWith("Z");',
      'export const open = (w: Wrapper): string | undefined => w.spec?.template?.metadata?.creationTimestamp?.slice(0, 10);',
      "export const body: Wrapper['spec'] = { typedTemplate: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: '2024-05-01T08:00:00Z' } } };",
    ].join('\n');
    const program = inMemoryProgram([{ path: 'use.ts', contents: use }], STRICT_NODENEXT, 'e2e-embedded');
    expect(program.errors()).toEqual([]);
  });
});
