// Validator benchmark (printed, never asserted): cert-manager's Certificate generated with
// --validators by the built CLI, transpiled to JavaScript as a user's build would, then
// validateCertificate and isCertificate run over varied valid and invalid Certificates. The rate
// is per second of wall time and per second of this process's CPU time (the machine is shared,
// so the CPU rate is the steadier one), printed beside the goal of 10,000 Certificates per second
// with the machine's load.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const COUNT = Number(process.env.BENCH_VALIDATIONS ?? 50_000);
const GOAL = 10_000;

/** Every .ts file below `dir` written beside itself as .js (transpiled, not type-checked). */
function transpileTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) transpileTree(path);
    else if (name.endsWith('.ts')) {
      const out = ts.transpileModule(readFileSync(path, 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true } });
      writeFileSync(path.replace(/\.ts$/, '.js'), out.outputText);
    }
  }
}

/** Certificates as users write them: a few shapes, names and sizes; one in five is invalid. */
function certificates(n: number): object[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: `cert-${i}`, namespace: 'apps', labels: { app: 'web', tier: i % 2 ? 'front' : 'back' } },
    spec: {
      secretName: `cert-${i}-tls`,
      issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      dnsNames: Array.from({ length: 1 + (i % 4) }, (_, j) => `host${j}.example${i}.com`),
      duration: '2160h',
      renewBefore: '360h',
      usages: ['digital signature', 'key encipherment', ...(i % 3 === 0 ? ['server auth'] : [])],
      privateKey: { algorithm: i % 5 === 4 ? 'DSA' : 'ECDSA', size: 256, rotationPolicy: 'Always', encoding: 'PKCS1' },
      ...(i % 7 === 0 ? { subject: { organizations: ['Example Inc'], countries: ['DE'] }, isCA: false } : {}),
    },
  }));
}

interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

function rate(label: string, objects: readonly object[], check: (o: object) => unknown): Rate {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < COUNT; i++) check(objects[i % objects.length] as object);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const perCpu = COUNT / cpuS;
  console.log(`  ${label.padEnd(34)} ${Math.round(COUNT / wallS).toLocaleString('en-US').padStart(9)}/s wall  ${Math.round(perCpu).toLocaleString('en-US').padStart(9)}/s cpu`);
  return { wall: COUNT / wallS, cpu: perCpu };
}

const shown = (n: number): string => Math.round(n).toLocaleString('en-US');
const verdict = (n: number): string => (n >= GOAL ? 'met' : 'MISSED');

export async function benchValidators(root: string, corpus: string): Promise<void> {
  const crd = join(corpus, 'cert-manager', 'cert-manager.io_certificates.yaml');
  const out = join(root, 'bench', 'out', 'validators');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  execFileSync(process.execPath, [join(root, 'bin', 'crdgen.js'), 'generate', crd, '-o', out, '--validators', '--quiet'], { stdio: 'inherit' });
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  transpileTree(out);
  const file = join(out, 'cert-manager.io', 'v1', 'certificate.js');
  const mod = (await import(pathToFileURL(file).href)) as { validateCertificate: (o: object) => unknown[]; isCertificate: (o: object) => boolean };
  const objects = certificates(100);
  const t0 = performance.now();
  const refused = objects.filter((o) => mod.validateCertificate(o).length > 0).length;
  console.log(`\nValidators: cert-manager Certificate (${COUNT.toLocaleString('en-US')} checks over 100 objects, ${refused} of them invalid; first 100 checks, schema build included: ${(performance.now() - t0).toFixed(0)} ms)`);
  const validate = rate('validateCertificate', objects, mod.validateCertificate);
  rate('isCertificate', objects, mod.isCertificate);
  const schemaBytes = JSON.stringify(JSON.parse(execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(require('js-yaml').load(require('fs').readFileSync(${JSON.stringify(crd)}, 'utf8')).spec.versions[0].schema.openAPIV3Schema))`], { cwd: root, encoding: 'utf8' }))).length;
  const data = /const certificateValidator = .*$/m.exec(readFileSync(join(out, 'cert-manager.io', 'v1', 'certificate.ts'), 'utf8'))?.[0].length ?? 0;
  console.log(`  validator data ${data.toLocaleString('en-US')} bytes for ${schemaBytes.toLocaleString('en-US')} bytes of schema JSON`);
  const [load1] = loadavg();
  console.log(
    `  goal: >= ${shown(GOAL)} Certificates/s: ${shown(validate.wall)}/s wall (${verdict(validate.wall)}), ${shown(validate.cpu)}/s cpu (${verdict(validate.cpu)}); ` +
      `load ${load1?.toFixed(1)} on ${availableParallelism()} cores (wall time counts the other processes' share)`,
  );
}
