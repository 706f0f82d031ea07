/**
 * Replaces the output folder as a whole: the new tree is built beside it (unchanged files and
 * everything crdgen did not write are hard links to the same files, so nothing of the user's is
 * copied or lost), then swapped in with two renames. See output-lock.ts for what a kill leaves.
 */
import { linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, rmdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { EmittedFile } from '../generator/model.js';
import { CliFailure, ExitCode } from './context.js';
import type { OutputDiff } from './output-diff.js';
import { checkInsideOutput } from './output-guard.js';
import { leftovers, lockOutput, outputPaths, step, type Counter, type OutputPaths, type StepHook } from './output-lock.js';

interface WriteRequest {
  readonly outDir: string;
  /** The output folder as the user wrote it, for messages. */
  readonly shown: string;
  readonly files: readonly EmittedFile[];
  readonly diff: OutputDiff;
  /** Generated files to leave out of the new tree (`--clean`). */
  readonly remove: readonly string[];
  readonly hook?: StepHook | undefined;
}

/** Writes the new output, or nothing when it already is on disk. */
export async function writeOutput(request: WriteRequest): Promise<void> {
  const { outDir, diff, remove } = request;
  if (diff.foreign.length > 0) throw foreignFailure(request.shown, diff.foreign);
  await checkInsideOutput(outDir, request.shown, [...diff.changed, ...diff.missing, ...remove]);
  const paths = outputPaths(outDir);
  const counter: Counter = { step: 0, hook: request.hook };
  if (diff.changed.length + diff.missing.length + remove.length === 0) {
    // Up to date: only what a killed run left beside it is cleared away.
    if ((await leftovers(paths)).length > 0) await (await lockOutput(paths, counter, request.shown))();
    return;
  }
  const unlock = await lockOutput(paths, counter, request.shown);
  try {
    await buildStaging(paths, request, counter);
    await swap(paths, counter, request.shown);
  } catch (error) {
    // A failure (not a kill) leaves the old output in place and nothing half built beside it.
    const present = (path: string) => stat(path).then(() => true, () => false);
    if (!(await present(paths.out)) && (await present(paths.backup))) await rename(paths.backup, paths.out);
    await rm(paths.staging, { recursive: true, force: true });
    throw error;
  } finally {
    await unlock();
  }
}

/**
 * Finishes or undoes what a killed run left beside `outDir`, so that the diff of this run is taken
 * against the output as it will be replaced. Does nothing when nothing was left.
 */
export async function repairOutput(outDir: string, shown: string, hook?: StepHook): Promise<void> {
  const paths = outputPaths(outDir);
  if ((await leftovers(paths)).length === 0) return;
  await (await lockOutput(paths, { step: 0, hook }, shown))();
}

function foreignFailure(shown: string, foreign: readonly string[]): CliFailure {
  const named = foreign.map((p) => `${shown}/${p}`);
  const list = named.length > 5 ? `${named.slice(0, 5).join(', ')} and ${named.length - 5} more` : named.join(', ');
  const them = foreign.length === 1 ? 'it' : 'them';
  return new CliFailure(`${list}: not written by crdgen (no banner), so crdgen will not replace ${them}; move ${them} away or choose another -o; nothing written`);
}

/** Checks `outDir` before anything is written: a folder (or absent), and not one that holds the current folder. */
export async function checkOutDir(outDir: string, shown: string, cwd: string): Promise<void> {
  const info = await lstat(outDir).catch(() => undefined);
  if (info && !info.isDirectory() && !(info.isSymbolicLink() && (await stat(outDir).catch(() => undefined))?.isDirectory())) {
    throw new CliFailure(`${shown}: exists and is not a folder (choose another -o)`);
  }
  const inside = relative(outDir, cwd);
  if (inside === '' || (!inside.startsWith('..') && !inside.startsWith(sep))) {
    throw new CliFailure(`-o ${shown}: the output folder is replaced as a whole, so it cannot be the current folder or hold it; choose a folder of its own, e.g. -o src/generated`, ExitCode.usage);
  }
}

/**
 * The new tree: the old one mirrored, then the files to write. The file calls are synchronous (each
 * still a step of its own): hundreds of links take a fraction of the CPU that as many promises do.
 */
async function buildStaging(paths: OutputPaths, request: WriteRequest, counter: Counter): Promise<void> {
  const replaced = new Set([...request.diff.changed, ...request.diff.missing, ...request.remove]);
  await step(counter, 'stage: mkdir', () => mkdir(paths.staging));
  // Folders of the new tree made so far ('' its root), each made once with one mkdir.
  const folders = new Set<string>(['']);
  if (await stat(paths.out).then(() => true, () => false)) await mirror(paths.out, paths.staging, '', replaced, counter, folders);
  const toWrite = new Set([...request.diff.changed, ...request.diff.missing]);
  for (const file of request.files) {
    if (!toWrite.has(file.path)) continue;
    const target = join(paths.staging, file.path);
    await step(counter, `stage: write ${file.path}`, async () => {
      makeFolders(paths.staging, file.path, folders);
      writeFileSync(target, file.contents, 'utf8');
    });
  }
  // Folders that held only removed files go too (never a folder that was empty before).
  for (const path of request.remove) {
    let dir = dirname(path);
    while (dir !== '.' && (await rmdir(join(paths.staging, dir)).then(() => true, () => false))) dir = dirname(dir);
  }
}

/**
 * Makes the folders of `path` (relative, `/`-separated) below `root` that `folders` does not hold,
 * outermost first, and adds them: a folder per mkdir, where mkdir's `recursive` tries the
 * innermost first and fails (or, for a folder made already, fails and stats it).
 */
function makeFolders(root: string, path: string, folders: Set<string>): void {
  const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  if (folders.has(parent)) return;
  makeFolders(root, parent, folders);
  mkdirSync(join(root, parent));
  folders.add(parent);
}

/** Recreates `from` in `to`: folders anew (each added to `folders`), files as hard links, symlinks as symlinks; skips `replaced`. */
async function mirror(from: string, to: string, prefix: string, replaced: ReadonlySet<string>, counter: Counter, folders: Set<string>): Promise<void> {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      const { mode } = lstatSync(source);
      await step(counter, `stage: mkdir ${rel}`, async () => mkdirSync(target, { mode }));
      folders.add(rel);
      await mirror(source, target, rel, replaced, counter, folders);
    } else if (entry.isSymbolicLink()) {
      const pointsAt = readlinkSync(source);
      await step(counter, `stage: symlink ${rel}`, async () => symlinkSync(pointsAt, target));
    } else if (!replaced.has(rel)) {
      await step(counter, `stage: link ${rel}`, async () => {
        try {
          linkSync(source, target);
        } catch (error) {
          const { code, message } = error as NodeJS.ErrnoException;
          throw new CliFailure(`${source}: cannot link it into the new output: ${code ?? message} (crdgen replaces the output folder as a whole; does the file system allow hard links?)`);
        }
      });
    }
  }
}

async function swap(paths: OutputPaths, counter: Counter, shown: string): Promise<void> {
  const hadOutput = await stat(paths.out).then(() => true, () => false);
  const fail = (error: NodeJS.ErrnoException): never => {
    throw new CliFailure(`${shown}: cannot replace it: ${error.code ?? error.message} (is it a mount point? write into a folder inside it)`);
  };
  if (hadOutput) await step(counter, 'swap: out -> old', () => rename(paths.out, paths.backup).catch(fail));
  await step(counter, 'swap: new -> out', () => rename(paths.staging, paths.out));
  if (hadOutput) await step(counter, 'swap: remove old', async () => removeTree(paths.backup));
}

/**
 * Removes a folder and everything in it: a readdir per folder, an unlink per file and symlink
 * (fs.rmSync lstat-s every path and tries rmdir on a folder before emptying it, an error per
 * folder: median 34 ms of CPU against 22 for the old output of a 1x-bundle re-run, 784 entries).
 * Whatever fails here is left to fs.rmSync.
 */
function removeTree(dir: string): void {
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) removeTree(path);
      else unlinkSync(path);
    }
    rmdirSync(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}
