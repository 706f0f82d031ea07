/**
 * `crdgen generate --watch`: generate, then again whenever an input changes. Changes are
 * debounced (an editor's save is several events), a run that fails prints its error and the watch
 * goes on, and a change during a run starts one more run after it. Stops when `signal` aborts.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { CliFailure, ExitCode, STDIN_ARG, type CliContext } from './context.js';
import { isGlob, splitGlob } from './glob.js';
import { isUrl } from './url.js';

interface WatchPlan {
  readonly inputs: readonly string[];
  readonly outDir: string;
  readonly debounceMs?: number;
}

interface Target {
  readonly dir: string;
  /** Only this name in `dir` (a file input); every change below `dir` when absent. */
  readonly name?: string;
}

/** What to watch for each input: folders recursively, a file through its folder (editors replace files). */
async function targetsFor(inputs: readonly string[], ctx: CliContext): Promise<Target[]> {
  const targets: Target[] = [];
  for (const input of inputs) {
    if (input === '-' || input === STDIN_ARG) throw new CliFailure('--watch cannot watch standard input (-): name the files', ExitCode.usage);
    if (isUrl(input)) {
      ctx.stderr(`warning: ${input}: a URL is read once, not watched\n`);
      continue;
    }
    const path = resolve(ctx.cwd, isGlob(input) ? splitGlob(input).base : input);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) targets.push({ dir: path });
    else targets.push({ dir: dirname(path), name: basename(path) });
  }
  return targets;
}

/** Runs `generate` once, then on every change until `signal` aborts; returns 0. */
export async function watchInputs(plan: WatchPlan, ctx: CliContext, signal: AbortSignal, generate: () => Promise<number>): Promise<number> {
  const targets = await targetsFor(plan.inputs, ctx);
  const once = async () => {
    try {
      await generate();
    } catch (error) {
      // A bad edit is reported like a run of its own would, and the watch goes on.
      ctx.stderr(`crdgen: ${error instanceof CliFailure ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`}\n`);
    }
  };
  await once();
  const rerun = debounced(once, plan.debounceMs ?? 200);
  const ours = (path: string) => isInside(path, plan.outDir) || basename(path).includes('.crdgen-');
  const watchers: FSWatcher[] = targets.map((target) =>
    watch(target.dir, { recursive: target.name === undefined }, (_event, file) => {
      const name = file?.toString();
      if (name === undefined || (target.name !== undefined && name !== target.name) || ours(resolve(target.dir, name))) return;
      rerun();
    }),
  );
  const shown = plan.inputs.filter((i) => !isUrl(i)).join(', ');
  ctx.stderr(`crdgen: watching ${shown} for changes (Ctrl-C stops)\n`);
  await new Promise<void>((done) => (signal.aborted ? done() : signal.addEventListener('abort', () => done(), { once: true })));
  for (const watcher of watchers) watcher.close();
  await rerun.idle();
  return ExitCode.ok;
}

/** Calls `run` once things are quiet for `ms`; a call while it runs makes it run once more after. */
function debounced(run: () => Promise<void>, ms: number): { (): void; idle: () => Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const start = () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        start();
      }
    });
  };
  const trigger = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(start, ms);
  };
  trigger.idle = async () => {
    if (timer) clearTimeout(timer);
    while (running) await running;
  };
  return trigger;
}

const isInside = (path: string, dir: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
};
