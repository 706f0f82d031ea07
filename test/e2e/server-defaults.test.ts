// Required fields with a default may be left out of create and replace bodies (PresetInput), at
// every depth; the API server fills them in, and the read type (Preset) still has them all. Over
// HTTP through the generated Preset client, and by compiling what the types accept and refuse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PresetApi, type Preset, type PresetInput } from '../../generated/mapping.example.com/v1/index.js';
import type { TestApiServer } from '../../src/testing/index.js';
import { inMemoryProgram } from '../support/program.js';
import { STRICT_NODENEXT } from '../support/typecheck.js';
import { NAMESPACE, startClients } from './support.js';

let server: TestApiServer;
let presets: PresetApi;

beforeAll(async () => {
  ({ server } = await startClients());
  presets = new PresetApi({ kubeConfig: server.kubeConfig, namespace: NAMESPACE, fieldManager: 'e2e', retry: { baseDelayMs: 10 } });
});
afterAll(() => server.close());

const DEFAULTED = { replicas: 1, mode: 'auto', ports: [{ port: 80, protocol: 'TCP' }], limits: { cpu: { max: 10 } }, policy: { retry: { attempts: 3 } }, tls: { port: 443 } };

describe('fields the server defaults', () => {
  it('create leaves them out at every depth; the object read back has them', async () => {
    const created: Preset = await presets.create({
      metadata: { name: 'p1' },
      spec: { name: 'web', ports: [{ port: 80 }], limits: { cpu: {} }, policy: { retry: {} }, tls: {}, owner: { team: 'a' } },
    });
    expect(created.spec).toEqual({ name: 'web', owner: { team: 'a' }, ...DEFAULTED });
    const read = await presets.get('p1');
    // Used as the read type says: every defaulted field is there, no optional chaining needed.
    expect([read.spec.replicas + 1, read.spec.mode.toUpperCase(), read.spec.ports?.[0]?.protocol.toLowerCase()]).toEqual([2, 'AUTO', 'tcp']);
  });

  it('replace sends a body without them and the server defaults them again (defaulting runs on update too)', async () => {
    const current = await presets.get('p1');
    const body: PresetInput = { apiVersion: current.apiVersion, kind: current.kind, metadata: current.metadata, spec: { name: 'api', mode: 'manual', tls: null } };
    const replaced = await presets.replace(body);
    expect(replaced.spec).toEqual({ name: 'api', replicas: 1, mode: 'manual', tls: null });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(current.metadata?.resourceVersion));
  });

  it('a field without a default stays required in bodies, and the server says so when it is missing', async () => {
    const missing = await presets.create({ metadata: { name: 'p2' }, spec: {} as PresetInput['spec'] }).catch((error: unknown) => error);
    expect(missing).toMatchObject({ code: 422, message: expect.stringContaining('spec.name: Required value') });
  });

  it('the types: bodies may leave defaulted fields out, the read types still have them, the rest stays required', () => {
    const use = [
      "import { PresetApi, type Preset, type PresetInput, type PresetSpecInput } from '../../generated/mapping.example.com/v1/index.js';",
      'export async function use(presets: PresetApi, read: Preset): Promise<void> {',
      "  await presets.create({ metadata: { name: 'a' }, spec: { name: 'x', ports: [{ port: 1 }], limits: { a: {} }, policy: { retry: {} }, tls: {} } });",
      "  await presets.replace({ ...read, spec: { name: 'y' } });",
      '  await presets.replace(read);',
      "  await presets.apply({ metadata: { name: 'a' }, spec: { replicas: 2 } });",
      "  // @ts-expect-error name has no default: a body still needs it",
      "  await presets.create({ metadata: { name: 'a' }, spec: { replicas: 1 } });",
      "  // @ts-expect-error a port has no default",
      "  await presets.create({ metadata: { name: 'a' }, spec: { name: 'x', ports: [{ protocol: 'UDP' }] } });",
      "  // @ts-expect-error owner's team has no default: owner is the read interface",
      "  await presets.create({ metadata: { name: 'a' }, spec: { name: 'x', owner: {} } });",
      '}',
      "// @ts-expect-error the read type requires what the server defaults",
      "export const readSpec: Preset['spec'] = { name: 'x' };",
      "// @ts-expect-error ...at every depth",
      "export const port: NonNullable<Preset['spec']['ports']>[number] = { port: 1 };",
      "export const inputSpec: PresetSpecInput = { name: 'x', tls: null };",
      "export const input: PresetInput['spec'] = inputSpec;",
    ].join('\n');
    const program = inMemoryProgram([{ path: 'use.ts', contents: use }], STRICT_NODENEXT, 'e2e-server-defaults');
    expect(program.errors()).toEqual([]);
  });
});
