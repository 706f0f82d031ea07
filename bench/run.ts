// crdgen's benchmarks (`npm run bench`): whole CLI runs of crdgen beside the floor (read, parse with
// js-yaml, write the bytes), beside peer generators (installed in bench/ only) on the same files,
// and on synthetic bundles; every goal of issue 13 printed beside its ratio, measured in one run.
// Prints; asserts nothing. BENCH_PEER_FILES=n runs the peers (and crdgen beside them) on n of the
// corpus files only; BENCH_CRD_GENERATE=1 adds @kubernetes-models/crd-generate; BENCH_SKIP=a,b
// leaves sections out (startup, corpus, peers, rerun, scale, small, validators, controllers).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { benchControllers } from './controllers.js';
import { benchValidators } from './validators.js';
import { crdgen, crdgenFeatures, floor, sameTree } from './crdgen.js';
import { goal, line, printGoals, ratio } from './goals.js';
import { megabytes, smallBundle, syntheticBundle, touchOneCrd, yamlFiles } from './inputs.js';
import { measure, medianOf } from './measure.js';
import { PEERS, peerLoop, sample } from './peers.js';

const ROOT = resolve(import.meta.dirname, '..');
const BENCH = join(ROOT, 'bench');
const OUT = join(BENCH, 'out');
const CORPUS = resolve(process.env.CRDGEN_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));
const SMALL_CRD = join(CORPUS, 'cert-manager', 'cert-manager.io_certificaterequests.yaml');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const CLI = join(ROOT, 'bin', 'crdgen.js');

function startup(): void {
  console.log('\nStart-up (median of', REPEAT, 'runs):');
  const help = medianOf(REPEAT, () => measure(process.execPath, [CLI, '--help']));
  console.log(line('crdgen --help', help));
  const invalid = medianOf(REPEAT, () => measure(process.execPath, [CLI, 'generate', join(ROOT, 'fixtures', 'invalid', 'bad-kind.yaml'), '-o', join(OUT, 'invalid')]));
  console.log(line('crdgen generate <invalid CRD> (exit 1)', { ...invalid, ok: true }));
  const cold = medianOf(REPEAT, () => crdgen(OUT, 'small-cold', [SMALL_CRD], ['--no-cache']));
  const bare = medianOf(REPEAT, () => measure(process.execPath, [join(BENCH, 'bare.mjs'), SMALL_CRD, join(OUT, 'bare.json')]));
  console.log(line(`crdgen generate, one ${Math.round(megabytes([SMALL_CRD]) * 1000)} KB CRD`, cold));
  console.log(line('node + js-yaml + write one file', bare));
  goal('small CRD cold / bare node start (wall)', ratio(cold.wallMs, bare.wallMs), '<=', 3);
  goal('small CRD cold / bare node start (cpu)', ratio(cold.cpuMs, bare.cpuMs), '<=', 3);
}

function corpus(files: readonly string[]): void {
  console.log(`\nCorpus: ${files.length} files, ${megabytes(files).toFixed(1)} MB`);
  const features = crdgenFeatures(CLI);
  const full = crdgen(OUT, 'corpus', [CORPUS], ['--no-cache']);
  console.log(line('crdgen generate (default workers)', full));
  const base = floor(OUT, 'corpus', files);
  console.log(line('floor: read + js-yaml + write bytes', base));
  goal('corpus: crdgen / floor (wall)', ratio(full.wallMs, base.wallMs), '<=', 3);
  goal('corpus: crdgen / floor (cpu)', ratio(full.cpuMs, base.cpuMs), '<=', 3);
  goal('corpus: crdgen cpu / wall (2 cores)', ratio(full.cpuMs, full.wallMs), '>=', 1.7);
  goal('corpus: peak memory', full.maxRssMb, '<=', 600, 'MB');
  if (features.workers) {
    const single = crdgen(OUT, 'corpus-1-worker', [CORPUS], ['--no-cache', '--workers', '1']);
    console.log(line('crdgen generate --workers 1', single));
    console.log(`  output with default workers and with 1 worker: ${sameTree(join(OUT, 'crdgen-corpus'), join(OUT, 'crdgen-corpus-1-worker'))}`);
  }
}

function peers(corpusFiles: readonly string[]): void {
  const files = sample(corpusFiles, Number(process.env.BENCH_PEER_FILES ?? 0));
  console.log(`\nPeers, one run per file, on ${files.length} corpus files (crdgen: one run on the same files):`);
  const ours = crdgen(OUT, 'peer-files', files, ['--no-cache']);
  console.log(line('crdgen generate <the files>', ours));
  for (const peer of PEERS) {
    if (!peer.installed()) {
      console.log(`  ${peer.name}: not installed (npm --prefix bench install)`);
      continue;
    }
    if (peer.goal === undefined && process.env.BENCH_CRD_GENERATE !== '1') continue;
    const theirs = peerLoop(peer, files, join(OUT, `peer-${peer.name.replace(/\W+/g, '-')}`));
    console.log(line(`${peer.name}, per file`, { ...theirs, ok: true }) + (theirs.ok ? '' : `  (${theirs.note})`));
    if (peer.goal === undefined) continue;
    goal(`${peer.name} per file / crdgen (cpu)`, ratio(theirs.cpuMs, ours.cpuMs), '>=', peer.goal);
    goal(`${peer.name} per file / crdgen (wall)`, ratio(theirs.wallMs, ours.wallMs), '>=', peer.goal);
  }
}

function rerun(x1: readonly string[]): void {
  console.log('\nRe-run after one CRD changed (synthetic 1x bundle, cache in bench/out):');
  if (!crdgenFeatures(CLI).cache) {
    console.log('  crdgen has no --cache: not measured');
    goal('re-run after one CRD changed / full run', Number.NaN, '<=', 10, '%');
    return;
  }
  const cache = join(OUT, 'cache-rerun');
  const full = crdgen(OUT, 'rerun', [join(OUT, 'x1')], ['--cache', cache], { freshCache: cache });
  console.log(line('crdgen generate, empty cache', full));
  touchOneCrd(x1[Math.floor(x1.length / 2)] as string, 'changed by the bench');
  const again = crdgen(OUT, 'rerun', [join(OUT, 'x1')], ['--cache', cache], { keepOut: true });
  console.log(line('crdgen generate, one CRD changed', again));
  goal('re-run after one CRD changed / full run', 100 * ratio(again.wallMs, full.wallMs), '<=', 10, '%');
}

function scale(x1: readonly string[], x4: readonly string[]): void {
  console.log(`\nScale: synthetic bundles, 1x = ${x1.length} files ${megabytes(x1).toFixed(1)} MB, 4x = ${x4.length} files ${megabytes(x4).toFixed(1)} MB:`);
  const one = crdgen(OUT, 'x1', [join(OUT, 'x1')], ['--no-cache']);
  console.log(line('crdgen generate 1x', one));
  const four = crdgen(OUT, 'x4', [join(OUT, 'x4')], ['--no-cache']);
  console.log(line('crdgen generate 4x', four));
  goal('4x bundle / 1x bundle (wall)', ratio(four.wallMs, one.wallMs), '<=', 4.5);
  goal('4x bundle / 1x bundle (cpu)', ratio(four.cpuMs, one.cpuMs), '<=', 4.5);
  goal('1x bundle: peak memory', one.maxRssMb, '<=', 600, 'MB');
  goal('4x bundle: peak memory', four.maxRssMb, '<=', 1500, 'MB');
}

function small(files: readonly string[]): void {
  console.log(`\n${files.length} small files, one CRD each (${megabytes(files).toFixed(1)} MB):`);
  const ours = crdgen(OUT, 'small', [join(OUT, 'small')], ['--no-cache']);
  console.log(line('crdgen generate', ours));
  const base = floor(OUT, 'small', files);
  console.log(line('floor: read + js-yaml + write bytes', base));
  goal(`${files.length} small files: crdgen / floor (wall)`, ratio(ours.wallMs, base.wallMs), '<=', 3);
}

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run npm run build first (npm run bench does)');
mkdirSync(OUT, { recursive: true });
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const benchStarted = Date.now();
/** The machine's load (1, 5, 15 minutes): the times above mean little on a busy machine. */
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
console.log(`crdgen ${version}, node ${process.version}, ${new Date().toISOString()}; corpus ${existsSync(CORPUS) ? CORPUS : 'absent'}; load ${load()}`);
const run = (section: string, body: () => void) => (SKIP.has(section) ? undefined : body());
run('startup', startup);
if (existsSync(CORPUS)) {
  const files = yamlFiles(CORPUS);
  run('corpus', () => corpus(files));
  run('peers', () => peers(files));
  const x1 = SKIP.has('rerun') && SKIP.has('scale') ? [] : syntheticBundle(files, join(OUT, 'x1'), 1);
  run('scale', () => scale(x1, syntheticBundle(files, join(OUT, 'x4'), 4)));
  run('rerun', () => rerun(x1));
  run('small', () => small(smallBundle(SMALL_CRD, join(OUT, 'small'), Number(process.env.BENCH_SMALL_FILES ?? 2000))));
}
printGoals();
console.log(`\nGoals measured in ${((Date.now() - benchStarted) / 60_000).toFixed(1)} min; load now ${load()}`);
writeFileSync(join(OUT, 'last-run.txt'), `${new Date().toISOString()}\n`);
if (!SKIP.has('validators') && existsSync(CORPUS)) await benchValidators(ROOT, CORPUS);
if (!SKIP.has('controllers')) await benchControllers(ROOT);
