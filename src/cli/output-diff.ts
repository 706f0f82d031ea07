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

/** What is at `path` (relative, `/`-separated) below `outDir`, without following symlinks. */
async function inspect(outDir: string, path: string): Promise<Found> {
  const parts = path.split('/');
  // A parent that is a file or a symlink: the file cannot be written without replacing it.
  for (let i = 1; i < parts.length; i++) {
    const parent = parts.slice(0, i).join('/');
    const info = await lstat(join(outDir, parent)).catch(() => undefined);
    if (info === undefined) return { kind: 'none' };
    if (!info.isDirectory()) return { kind: 'foreign', at: parent };
  }
  const info = await lstat(join(outDir, path)).catch(() => undefined);
  if (info === undefined) return { kind: 'none' };
  if (!info.isFile()) return { kind: 'foreign', at: path };
  const text = await readFile(join(outDir, path), 'utf8');
  return hasBanner(text) ? { kind: 'ours', text } : { kind: 'foreign', at: path };
}

export async function diffOutput(outDir: string, files: readonly EmittedFile[]): Promise<OutputDiff> {
  const changed: string[] = [];
  const missing: string[] = [];
  const unchanged: string[] = [];
  const foreign = new Set<string>();
  for (const file of files) {
    const found = await inspect(outDir, file.path);
    if (found.kind === 'none') missing.push(file.path);
    else if (found.kind === 'foreign') foreign.add(found.at);
    else if (found.text !== file.contents) changed.push(file.path);
    else unchanged.push(file.path);
  }
  const wanted = new Set(files.map((f) => f.path));
  const stale = (await listGenerated(outDir)).filter((path) => !wanted.has(path));
  return { changed, missing, unchanged, stale, foreign: [...foreign].sort() };
}

/** Every .ts file below `outDir` that starts with the crdgen banner, as a `/` path relative to it. */
async function listGenerated(outDir: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') await visit(path);
      else if (entry.isFile() && entry.name.endsWith('.ts')) {
        const head = await readFile(path, 'utf8').then((t) => t.slice(0, 80), () => '');
        if (hasBanner(head)) out.push(relative(outDir, path).split(sep).join('/'));
      }
    }
  };
  await visit(outDir);
  return out.sort();
}
