// crdgen and its floor as the bench runs them: whole CLI processes on fresh output folders.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { outputManifest } from './inputs.js';
import { measure, type Sample } from './measure.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'crdgen.js');

/** Which of the flags the bench uses this crdgen has (the bench also runs on older checkouts). */
export function crdgenFeatures(cli: string = CLI): { workers: boolean; cache: boolean } {
  if (!features) {
    const help = spawnSync(process.execPath, [cli, 'generate', '--help'], { encoding: 'utf8' }).stdout ?? '';
    features = { workers: help.includes('--workers'), cache: help.includes('--cache') };
  }
  return features;
}
let features: { workers: boolean; cache: boolean } | undefined;

interface CrdgenRun {
  /** Keep the output folder of an earlier run (a re-run); fresh by default. */
  readonly keepOut?: boolean;
  /** A cache folder to empty first. */
  readonly freshCache?: string;
}

/** `crdgen generate <inputs> -o bench/out/crdgen-<name>`, flags the bench knows this crdgen lacks dropped. */
export function crdgen(out: string, name: string, inputs: readonly string[], flags: readonly string[], run: CrdgenRun = {}): Sample {
  const dir = join(out, `crdgen-${name}`);
  if (!run.keepOut) rmSync(dir, { recursive: true, force: true });
  if (run.freshCache) rmSync(run.freshCache, { recursive: true, force: true });
  const has = crdgenFeatures();
  const supported = flags.filter((f, i) => (f.includes('cache') || flags[i - 1] === '--cache' ? has.cache : f === '--workers' || flags[i - 1] === '--workers' ? has.workers : true));
  return measure(process.execPath, [CLI, 'generate', ...inputs, '-o', dir, '--quiet', ...supported]);
}

/** The floor on `inputs`, writing as many bytes as crdgen-<name> holds. */
export function floor(out: string, name: string, inputs: readonly string[]): Sample {
  const manifest = join(out, `floor-${name}.json`);
  const outDir = join(out, `floor-${name}`);
  // A fresh folder, as crdgen gets: removing an earlier run's 2,000 files took the floor seconds.
  rmSync(outDir, { recursive: true, force: true });
  writeFileSync(manifest, JSON.stringify({ inputs, outDir, outputs: outputManifest(join(out, `crdgen-${name}`)) }));
  return measure(process.execPath, [join(import.meta.dirname, 'floor.mjs'), manifest]);
}

/** `identical`, or what differs between two output folders. */
export function sameTree(a: string, b: string): string {
  const list = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile()).sort();
  const left = list(a);
  const right = list(b);
  if (left.join('\n') !== right.join('\n')) return `DIFFERENT file lists (${left.length} and ${right.length} files)`;
  const differing = left.filter((p) => !readFileSync(join(a, p)).equals(readFileSync(join(b, p))));
  return differing.length === 0 ? `identical (${left.length} files)` : `DIFFERENT: ${differing.length} files, e.g. ${differing[0]}`;
}
