// crdgen's benchmarks: wall time and peak memory of whole CLI runs, crdgen next to a peer generator
// (@kubernetes-models/crd-generate, installed in bench/ only), on the same inputs, in one run, plus a
// strict type-check of each tool's output. Prints numbers and ratios; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchControllers } from './controllers.js';

const ROOT = resolve(import.meta.dirname, '..');
const BENCH = join(ROOT, 'bench');
const CORPUS = resolve(process.env.CRDGEN_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));
const OUT = join(BENCH, 'out');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const PEER = join(BENCH, 'node_modules', '.bin', 'crd-generate');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

interface Sample {
  ok: boolean;
  ms: number;
  maxRssMb: number;
  note: string;
}

function yamlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => yamlFiles(join(path, name)))
    .filter((p) => /\.(ya?ml|json)$/.test(p));
}

/** Runs a Node CLI once; its peak RSS comes from the preloaded report-rss.mjs. */
function measure(command: string, args: string[]): Sample {
  const started = performance.now();
  const run = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: `--import=${join(BENCH, 'report-rss.mjs')}`, NO_COLOR: '1' },
  });
  const ms = performance.now() - started;
  const stats = [...run.stderr.matchAll(/@@bench (\{.*\})/g)].map((m) => JSON.parse(m[1] as string) as { maxRssKb: number });
  const maxRssMb = Math.max(0, ...stats.map((s) => s.maxRssKb / 1024));
  const last = (run.stderr.replace(/@@bench .*/g, '').trim().split('\n').filter(Boolean).pop() ?? '').slice(0, 100);
  return { ok: run.status === 0, ms, maxRssMb, note: run.status === 0 ? '' : `exit ${run.status}: ${last}` };
}

/** Strict type-check of an output folder; returns the number of errors. */
function typeErrors(dir: string, resolution: 'nodenext' | 'bundler'): number {
  const files = yamlFiles(dir).length >= 0 ? listTs(dir) : [];
  const module = resolution === 'nodenext' ? 'nodenext' : 'esnext';
  const run = spawnSync(TSC, ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', module, '--moduleResolution', resolution, '--lib', 'es2022,esnext.disposable', '--types', 'node', ...files], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return (run.stdout.match(/error TS\d+/g) ?? []).length;
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.includes('node_modules'))
    .map((p) => join(dir, p));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function bench(name: string, inputs: string[]): void {
  const files = inputs.flatMap(yamlFiles);
  const rows: Array<{ tool: string; samples: Sample[]; errors: number | string }> = [];
  const crdgenOut = join(OUT, `crdgen-${name}`);
  const peerOut = join(OUT, `peer-${name}`);
  const repeat = files.length > 50 ? 1 : REPEAT;
  const ours: Sample[] = [];
  const theirs: Sample[] = [];
  for (let i = 0; i < repeat; i++) {
    rmSync(crdgenOut, { recursive: true, force: true });
    ours.push(measure(process.execPath, [join(ROOT, 'bin', 'crdgen.js'), 'generate', ...inputs, '-o', crdgenOut, '--quiet']));
    if (existsSync(PEER)) {
      rmSync(peerOut, { recursive: true, force: true });
      theirs.push(measure(process.execPath, [PEER, '--input', ...files, '--output', peerOut]));
    }
  }
  rows.push({ tool: 'crdgen', samples: ours, errors: ours.some((s) => s.ok) ? typeErrors(crdgenOut, 'nodenext') : '-' });
  if (theirs.length > 0) rows.push({ tool: 'crd-generate', samples: theirs, errors: existsSync(peerOut) ? typeErrors(peerOut, 'bundler') : '-' });
  console.log(`\n${name}: ${files.length} files, ${(files.reduce((n, f) => n + statSync(f).size, 0) / 1e6).toFixed(1)} MB, median of ${repeat}`);
  for (const row of rows) {
    const ok = row.samples.filter((s) => s.ok);
    const ms = median(row.samples.map((s) => s.ms));
    const rss = median(row.samples.map((s) => s.maxRssMb));
    const status = ok.length === row.samples.length ? 'ok' : row.samples.find((s) => !s.ok)?.note ?? 'failed';
    console.log(`  ${row.tool.padEnd(13)} ${String(Math.round(ms)).padStart(7)} ms  ${rss.toFixed(0).padStart(5)} MB peak  ${String(row.errors).padStart(6)} type errors (strict)  ${status}`);
  }
  if (ours.length > 0 && theirs.length > 0) {
    console.log(`  ratio (crd-generate / crdgen): time ${(median(theirs.map((s) => s.ms)) / median(ours.map((s) => s.ms))).toFixed(2)}x, memory ${(median(theirs.map((s) => s.maxRssMb)) / median(ours.map((s) => s.maxRssMb))).toFixed(2)}x`);
  }
}

function startup(): void {
  const samples = Array.from({ length: REPEAT }, () => measure(process.execPath, [join(ROOT, 'bin', 'crdgen.js'), '--help']));
  console.log(`crdgen --help (start-up): ${Math.round(median(samples.map((s) => s.ms)))} ms, ${median(samples.map((s) => s.maxRssMb)).toFixed(0)} MB peak`);
}

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run npm run build first (npm run bench does)');
if (!existsSync(PEER)) console.log('peer generator not installed (npm --prefix bench install): measuring crdgen alone');
mkdirSync(OUT, { recursive: true });
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}; corpus ${existsSync(CORPUS) ? CORPUS : 'absent'}`);
startup();
bench('fixtures', [join(ROOT, 'fixtures', 'valid')]);
if (existsSync(CORPUS)) {
  bench('jumpstarter', [join(CORPUS, 'jumpstarter')]);
  bench('cert-manager', [join(CORPUS, 'cert-manager')]);
  bench('argo-workflow-2.9MB', [join(CORPUS, 'argo-workflows', 'argoproj.io_workflows.yaml')]);
  bench('corpus-268-crds', [CORPUS]);
}
await benchControllers(ROOT);
