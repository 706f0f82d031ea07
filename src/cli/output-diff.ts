/**
 * How the output folder on disk differs from what the generator made, and which of its files
 * crdgen may not touch because it did not write them.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { hasBanner } from '../generator/emit/banner.js';
import type { EmittedFile } from '../generator/model.js';

export interface OutputDiff {
  readonly changed: readonly string[];
  readonly missing: readonly string[];
  readonly unchanged: readonly string[];
  /** Files under the output folder that carry our banner but are no longer generated. */
  readonly stale: readonly string[];
  /**
   * Paths crdgen would have to replace but did not write: a file without the banner, a symlink,
   * a folder where a file goes, or a file where a folder goes. Their presence stops the run.
   */
  readonly foreign: readonly string[];
}

type Found = { kind: 'none' } | { kind: 'ours'; text: string } | { kind: 'foreign'; at: string };

/** Files inspected at once: enough to keep the disk busy, few enough for any open-file limit. */
const PARALLEL = 32;

/** What is at `path` (relative, `/`-separated) below `outDir`, without following symlinks; `parents` memoizes folder checks. */
async function inspect(outDir: string, path: string, parents: Map<string, Promise<Found | undefined>>): Promise<Found> {
  const parts = path.split('/');
  // A parent that is a file or a symlink: the file cannot be written without replacing it.
  for (let i = 1; i < parts.length; i++) {
    const parent = parts.slice(0, i).join('/');
    let checked = parents.get(parent);
    if (!checked) {
      checked = lstat(join(outDir, parent)).then(
        (info): Found | undefined => (info.isDirectory() ? undefined : { kind: 'foreign', at: parent }),
        (): Found => ({ kind: 'none' }),
      );
      parents.set(parent, checked);
    }
    const found = await checked;
    if (found) return found;
  }
  const info = await lstat(join(outDir, path)).catch(() => undefined);
  if (info === undefined) return { kind: 'none' };
  if (!info.isFile()) return { kind: 'foreign', at: path };
  const text = await readFile(join(outDir, path), 'utf8');
  return hasBanner(text) ? { kind: 'ours', text } : { kind: 'foreign', at: path };
}

/** `work` applied to every item, at most PARALLEL at a time; results in the order of `items`. */
async function mapParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, lane));
  return results;
}

export async function diffOutput(outDir: string, files: readonly EmittedFile[]): Promise<OutputDiff> {
  const changed: string[] = [];
  const missing: string[] = [];
  const unchanged: string[] = [];
  const foreign = new Set<string>();
  const parents = new Map<string, Promise<Found | undefined>>();
  const found = await mapParallel(files, (file) => inspect(outDir, file.path, parents));
  files.forEach((file, i) => {
    const at = found[i] as Found;
    if (at.kind === 'none') missing.push(file.path);
    else if (at.kind === 'foreign') foreign.add(at.at);
    else if (at.text !== file.contents) changed.push(file.path);
    else unchanged.push(file.path);
  });
  const wanted = new Set(files.map((f) => f.path));
  const stale = await listGenerated(outDir, wanted);
  return { changed, missing, unchanged, stale, foreign: [...foreign].sort() };
}

/**
 * Every .ts file below `outDir` that starts with the crdgen banner, as a `/` path relative to it,
 * leaving out `wanted` (generated again, so never stale; inspect() has read them already).
 */
async function listGenerated(outDir: string, wanted: ReadonlySet<string>): Promise<string[]> {
  const candidates: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') await visit(path);
      else if (entry.isFile() && entry.name.endsWith('.ts')) {
        const rel = relative(outDir, path).split(sep).join('/');
        if (!wanted.has(rel)) candidates.push(rel);
      }
    }
  };
  await visit(outDir);
  const heads = await mapParallel(candidates, (rel) => readFile(join(outDir, rel), 'utf8').then((t) => t.slice(0, 80), () => ''));
  return candidates.filter((_, i) => hasBanner(heads[i] as string)).sort();
}
