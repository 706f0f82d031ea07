// Without any kubeconfig the generated classes say what the CLI says (what to pass, set or
// create), at construction, instead of client-node's "HTTP protocol is not allowed when
// skipTLSVerify is not set or false" on the first call; with one, they use it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { WidgetApi } from './support/kinds.js';
import { startRecorder, type Recorder } from './support/recorder.js';

const saved = { HOME: process.env.HOME, KUBECONFIG: process.env.KUBECONFIG, KUBERNETES_SERVICE_HOST: process.env.KUBERNETES_SERVICE_HOST };
let home: string;
let server: Recorder;
beforeAll(async () => {
  server = await startRecorder();
});
afterAll(() => server.close());
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'crdgen-home-'));
  process.env.HOME = home;
  delete process.env.KUBECONFIG;
  delete process.env.KUBERNETES_SERVICE_HOST;
});
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('no kubeconfig', () => {
  it('the runtime says what to pass, set or create, as the CLI does', async () => {
    expect(() => new WidgetApi()).toThrow(new Error('no kubeconfig: pass configFile or kubeConfig, set KUBECONFIG, or create ~/.kube/config'));
    const cli = await runCli(['list', '--from-cluster'], { cwd: home, env: { HOME: home } });
    expect(cli.stderr).toBe('crdgen: no kubeconfig: pass --kubeconfig <file>, set KUBECONFIG, or create ~/.kube/config\n');
  });

  it('a configFile that does not exist is named', () => {
    expect(() => new WidgetApi({ configFile: join(home, 'nope.yaml') })).toThrow(new Error(`configFile ${join(home, 'nope.yaml')}: no such kubeconfig file`));
  });

  it('~/.kube/config, $KUBECONFIG and an in-cluster service account are each enough', async () => {
    const yaml = server.kubeConfig('ns1').exportConfig();
    mkdirSync(join(home, '.kube'));
    writeFileSync(join(home, '.kube', 'config'), yaml);
    const fromHome = new WidgetApi();
    expect((await fromHome.get('w1')).metadata?.name).toBe('w1');
    expect(fromHome.namespace).toBe('ns1');

    const other = mkdtempSync(join(tmpdir(), 'crdgen-home-'));
    process.env.HOME = other;
    writeFileSync(join(other, 'kc.yaml'), yaml);
    process.env.KUBECONFIG = join(other, 'kc.yaml');
    expect((await new WidgetApi().get('w1')).metadata?.name).toBe('w1');

    delete process.env.KUBECONFIG;
    process.env.KUBERNETES_SERVICE_HOST = '10.0.0.1';
    process.env.KUBERNETES_SERVICE_PORT = '443';
    // In a pod, client-node reads the service account; here there is none, and it says so itself.
    expect(() => new WidgetApi()).not.toThrow(new Error('no kubeconfig: pass configFile or kubeConfig, set KUBECONFIG, or create ~/.kube/config'));
    delete process.env.KUBERNETES_SERVICE_PORT;
  });
});
