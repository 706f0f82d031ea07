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

/** What one state of the config says to watch. */
interface WatchPlan {
  readonly inputs: readonly string[];
  /** Absolute; undefined when neither -o nor the config names it (the run says so). */
  readonly outDir: string | undefined;
  /** The config file the runs read (absolute), for the "watching" line. */
  readonly config: string | undefined;
  /** Where the config is or could appear (absolute files): a change of one reads the config again. */
  readonly configPaths: readonly string[];
}

interface WatchSetup {
  /** Reads the config and says what to watch; throws a CliFailure for a config that became invalid. */
  readonly plan: () => Promise<WatchPlan>;
  readonly generate: () => Promise<number>;
  readonly debounceMs?: number;
}

interface Target {
  readonly dir: string;
  /** Only these names in `dir` (a file input, the config); every change below `dir` when absent. */
  readonly names?: readonly string[];
  readonly isConfig?: boolean;
}

/** What to watch for each input: folders recursively, a file through its folder (editors replace files). */
async function targetsFor(plan: WatchPlan, cwd: string): Promise<Target[]> {
  const targets: Target[] = [];
  for (const input of plan.inputs) {
    if (input === '-' || input === STDIN_ARG) throw new CliFailure('--watch cannot watch standard input (-): name the files', ExitCode.usage);
    if (isUrl(input)) continue;
    const path = resolve(cwd, isGlob(input) ? splitGlob(input).base : input);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) targets.push({ dir: path });
    else targets.push({ dir: dirname(path), names: [basename(path)] });
  }
  const configDirs = new Map<string, string[]>();
  for (const path of plan.configPaths) configDirs.set(dirname(path), [...(configDirs.get(dirname(path)) ?? []), basename(path)]);
  for (const [dir, names] of configDirs) targets.push({ dir, names, isConfig: true });
  return targets;
}

/** The one line about URL inputs, which no watcher can see change. */
const urlNote = (urls: readonly string[]) => `crdgen: not watching ${urls.join(', ')}: a URL is read again only by a run that a change of a watched file starts\n`;

/** The "watching" line: the inputs that are files or folders, then the config. */
function watchingLine(plan: WatchPlan, cwd: string): string {
  const shown = plan.inputs.filter((i) => !isUrl(i));
  if (plan.config !== undefined) shown.push(relative(cwd, plan.config) || plan.config);
  if (shown.length === 0) return `crdgen: watching for a config file (${basename(plan.configPaths[0] ?? 'crdgen.config.json')}) (Ctrl-C stops)\n`;
  return `crdgen: watching ${shown.join(', ')} for changes (Ctrl-C stops)\n`;
}

/**
 * Runs `generate` once, then on every change until `signal` aborts; returns 0. A change of the
 * config reads it again first: the new inputs and output are watched from then on, and a config
 * that became invalid prints its one error line while the watch goes on.
 */
export async function watchInputs(setup: WatchSetup, ctx: CliContext, signal: AbortSignal): Promise<number> {
  let plan = await setup.plan();
  let configChanged = false;
  const watchers = new Watchers((target, name) => {
    if (target.isConfig) configChanged = true;
    else if (ours(plan, resolve(target.dir, name))) return;
    rerun();
  });
  const once = async () => {
    try {
      if (configChanged) {
        configChanged = false;
        plan = await setup.plan();
        if (await watchers.set(await targetsFor(plan, ctx.cwd))) ctx.stderr(watchingLine(plan, ctx.cwd));
        noteUrls();
      }
      await setup.generate();
    } catch (error) {
      // A bad edit is reported like a run of its own would, and the watch goes on.
      ctx.stderr(`crdgen: ${error instanceof CliFailure ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`}\n`);
    }
  };
  let noted = '';
  const noteUrls = () => {
    const urls = plan.inputs.filter(isUrl);
    if (urls.length > 0 && urls.join() !== noted) ctx.stderr(urlNote(urls));
    noted = urls.join();
  };
  const rerun = debounced(once, setup.debounceMs ?? 200);
  await watchers.set(await targetsFor(plan, ctx.cwd));
  noteUrls();
  await once();
  ctx.stderr(watchingLine(plan, ctx.cwd));
  await new Promise<void>((done) => (signal.aborted ? done() : signal.addEventListener('abort', () => done(), { once: true })));
  watchers.close();
  await rerun.idle();
  return ExitCode.ok;
}

/** The run's own output and staging folders are no change of an input. */
const ours = (plan: WatchPlan, path: string): boolean => (plan.outDir !== undefined && isInside(path, plan.outDir)) || basename(path).includes('.crdgen-');

/** The fs watchers of the current targets; `set` replaces them when the targets differ. */
class Watchers {
  private current: FSWatcher[] = [];
  private key = '';
  constructor(private readonly onChange: (target: Target, name: string) => void) {}

  /** True when the targets changed (and the watchers with them). */
  async set(targets: readonly Target[]): Promise<boolean> {
    const key = JSON.stringify(targets);
    if (key === this.key) return false;
    this.close();
    this.key = key;
    this.current = targets.map((target) =>
      watch(target.dir, { recursive: target.names === undefined }, (_event, file) => {
        const name = file?.toString();
        if (name === undefined || (target.names !== undefined && !target.names.includes(name))) return;
        this.onChange(target, name);
      }),
    );
    return true;
  }

  close(): void {
    for (const watcher of this.current) watcher.close();
    this.current = [];
  }
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
