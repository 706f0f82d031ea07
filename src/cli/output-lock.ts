/**
 * The folders and lock file beside the output folder that make its replacement atomic, and the
 * recovery after a run that was killed half way.
 *
 * A run builds the whole new tree in `.<out>.crdgen-new`, then renames `<out>` to
 * `.<out>.crdgen-old` and the new tree to `<out>`, then removes the old one. A run killed at any
 * point leaves `<out>` as it was or as it would be, or (between the two renames) absent with the
 * complete new tree beside it; the next run finishes or undoes that before it does anything else.
 */
import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliFailure } from './context.js';

export interface OutputPaths {
  readonly out: string;
  /** The new tree while it is being built. */
  readonly staging: string;
  /** The previous tree between the two renames. */
  readonly backup: string;
  /** Holds the pid of the run writing `out`. */
  readonly lock: string;
}

/** Called before every change on disk; tests use it to stop a run at each point in turn. */
export type StepHook = (step: number, what: string) => Promise<void>;

/**
 * `CRDGEN_PAUSE_AT_STEP=N`: the writer stops before its Nth change on disk and says so on stderr,
 * so that a test can kill the process at exactly that point (no timing involved).
 */
export function pauseHook(env: Readonly<Record<string, string | undefined>>, stderr: (text: string) => void): StepHook | undefined {
  const at = Number(env.CRDGEN_PAUSE_AT_STEP);
  if (!Number.isInteger(at) || at <= 0) return undefined;
  return async (n, what) => {
    if (n !== at) return;
    stderr(`crdgen: paused before step ${n} (${what})\n`);
    await new Promise(() => setInterval(() => undefined, 60_000));
  };
}

export function outputPaths(out: string): OutputPaths {
  const beside = (suffix: string) => join(dirname(out), `.${basename(out)}.crdgen-${suffix}`);
  return { out, staging: beside('new'), backup: beside('old'), lock: beside('lock') };
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/** The pid in the lock file when that process still runs; undefined when there is no live holder. */
async function liveHolder(lock: string): Promise<number | undefined> {
  const text = await readFile(lock, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const pid = Number.parseInt(text, 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/** What an interrupted run left beside `out` (names as shown to the user); empty when clean. */
export async function leftovers(paths: OutputPaths): Promise<string[]> {
  // A live run's staging folder is work in progress, not a leftover.
  if ((await liveHolder(paths.lock)) !== undefined) return [];
  const found: string[] = [];
  for (const path of [paths.staging, paths.backup, paths.lock]) if (await exists(path)) found.push(path);
  return found;
}

export interface Counter {
  step: number;
  readonly hook?: StepHook | undefined;
}

/** Runs one change on disk, after telling the hook. */
export async function step<T>(counter: Counter, what: string, change: () => Promise<T>): Promise<T> {
  counter.step++;
  await counter.hook?.(counter.step, what);
  return change();
}

/**
 * Takes the lock (failing when another live run holds it), then repairs what a killed run left.
 * Returns the function that releases the lock.
 */
export async function lockOutput(paths: OutputPaths, counter: Counter, shown: string): Promise<() => Promise<void>> {
  const holder = await liveHolder(paths.lock);
  if (holder !== undefined) throw new CliFailure(`${shown}: another crdgen run (pid ${holder}) is writing it; wait for it to finish`);
  // The previous holder is gone: its lock is stale.
  await step(counter, 'lock', async () => {
    await mkdir(dirname(paths.out), { recursive: true });
    await unlink(paths.lock).catch(() => undefined);
    const handle = await open(paths.lock, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') throw new CliFailure(`${shown}: another crdgen run is writing it; wait for it to finish`);
      throw new CliFailure(`${shown}: cannot write beside it: ${error.code ?? error.message} (check the permissions of its parent folder)`);
    });
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
  });
  await recover(paths, counter);
  return () => step(counter, 'unlock', () => unlink(paths.lock).catch(() => undefined));
}

/** Finishes or undoes the swap of a killed run, then removes what is left of it. */
async function recover(paths: OutputPaths, counter: Counter): Promise<void> {
  if (!(await exists(paths.out)) && (await exists(paths.backup))) {
    // Killed between the two renames: the new tree was complete, so finish; else restore the old one.
    const from = (await exists(paths.staging)) ? paths.staging : paths.backup;
    await step(counter, 'recover: rename', () => rename(from, paths.out));
  }
  for (const path of [paths.backup, paths.staging]) {
    if (await exists(path)) await step(counter, `recover: remove ${basename(path)}`, () => rm(path, { recursive: true, force: true }));
  }
}
