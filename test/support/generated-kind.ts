/**
 * A test API server serving a kind that `crdgen generate --validators` generated a client for:
 * the CRD is written to a directory below tmp/ (inside the project, so the output's imports
 * resolve), generated there with the CLI, served, and its kind module imported. Used by the tests
 * that compare generated validators with the server (test/e2e) and by the runtime's
 * `validate: true` tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KubeConfig } from '@kubernetes/client-node';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { runCli } from './cli.js';
import { ROOT } from './fixtures.js';

type Obj = Record<string, unknown>;

export interface KindSpec {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly version?: string;
  readonly scope?: 'Namespaced' | 'Cluster';
  /** A status subresource (default true). */
  readonly status?: boolean;
  readonly schema: object;
}

/** The CustomResourceDefinition of one kind with one version. */
export function crdOf(spec: KindSpec): Obj {
  const singular = spec.kind.toLowerCase();
  const version = { name: spec.version ?? 'v1', served: true, storage: true, schema: { openAPIV3Schema: spec.schema }, ...(spec.status === false ? {} : { subresources: { status: {} } }) };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${spec.plural}.${spec.group}` },
    spec: { group: spec.group, scope: spec.scope ?? 'Namespaced', names: { kind: spec.kind, plural: spec.plural, singular, listKind: `${spec.kind}List` }, versions: [version] },
  };
}

type ApiLike = { create(body: unknown, options?: object): Promise<unknown>; replace(body: unknown, options?: object): Promise<unknown> };
type ApiClass = new (options: { kubeConfig: KubeConfig; namespace: string; fieldManager?: string }) => ApiLike;

export interface KindModule {
  readonly Api: ApiClass;
  readonly is: (x: unknown) => boolean;
  readonly validate: (x: unknown, options?: { old?: unknown }) => unknown[];
}

/** The generated module of a kind (`<out>/<file>`): its Api class and its `is…`/`validate…` functions. */
export async function loadKind(dir: string, kind: { readonly file: string }): Promise<KindModule> {
  const mod = (await import(pathToFileURL(join(dir, 'out', kind.file)).href)) as Record<string, unknown>;
  const pick = <T>(test: (name: string) => boolean): T => {
    const name = Object.keys(mod).find(test);
    if (!name) throw new Error(`${kind.file}: export not found`);
    return mod[name] as T;
  };
  return {
    Api: pick<ApiClass>((n) => n.endsWith('Api') && typeof mod[n] === 'function'),
    is: pick((n) => /^is[A-Z]/.test(n)),
    validate: pick((n) => /^validate[A-Z]/.test(n)),
  };
}

export interface Outcome {
  readonly accepted: boolean;
  /** Local (no request was sent) or from the server. */
  readonly local: boolean;
  readonly code?: number;
  readonly message?: string;
  readonly causes?: unknown;
}

/** What a write came back with. */
export async function outcome(write: Promise<unknown>): Promise<Outcome> {
  try {
    await write;
    return { accepted: true, local: false };
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown; method?: unknown; details?: { causes?: unknown } };
    if (typeof err.code !== 'number') throw e;
    return { accepted: false, local: err.method === undefined, code: err.code, message: String(err.message), causes: err.details?.causes ?? [] };
  }
}

export interface ServedKind extends AsyncDisposable {
  /** The directory below tmp/: the CRD file and the generated output in `out/`. */
  readonly dir: string;
  readonly crd: Obj;
  readonly server: TestApiServer;
  readonly module: KindModule;
  /** The generated Api class, bound to the server and `namespace`. */
  readonly api: ApiLike;
}

/** Generates `spec`'s kind with validators (the CLI, as a user runs it), serves its CRD and loads it. */
export async function serveGeneratedKind(spec: KindSpec, options: { namespace: string; label: string; fieldManager?: string }): Promise<ServedKind> {
  mkdirSync(join(ROOT, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'tmp', `${options.label}-`));
  const crd = crdOf(spec);
  writeFileSync(join(dir, 'crd.json'), JSON.stringify(crd));
  const generated = await runCli(['generate', join(dir, 'crd.json'), '-o', join(dir, 'out'), '--validators', '--quiet'], { cwd: ROOT });
  if (generated.code !== 0) throw new Error(`crdgen generate --validators failed: ${generated.stderr}`);
  const server = await startTestApiServer({ crds: [crd], namespaces: [options.namespace] });
  const module = await loadKind(dir, { file: `${spec.group}/${spec.version ?? 'v1'}/${spec.kind.toLowerCase()}.ts` });
  const api = new module.Api({ kubeConfig: server.kubeConfig, namespace: options.namespace, ...(options.fieldManager ? { fieldManager: options.fieldManager } : {}) });
  return {
    dir, crd, server, module, api,
    async [Symbol.asyncDispose]() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
