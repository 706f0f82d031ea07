// How the bench measures a command: wall time around a blocking spawn, CPU time of the child and
// every descendant it waited for (the growth of this process's cutime + cstime in /proc/self/stat,
// which the kernel adds to when a child is reaped), and peak RSS of every Node process in the tree
// (report-rss.mjs, preloaded through NODE_OPTIONS, prints it on exit).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Sample {
  readonly ok: boolean;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
  /** Last line of stderr when the command failed. */
  readonly note: string;
  readonly stdout: string;
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (ms) of the reaped children of this process, or NaN where /proc is missing. */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing paren).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime are fields 16 and 17 of stat(5): indexes 13 and 14 here.
    return (Number(fields[13]) + Number(fields[14])) * CLOCK_TICK_MS;
  } catch {
    return Number.NaN;
  }
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

/** Runs a command once and measures it. */
export function measure(command: string, args: readonly string[], options: RunOptions = {}): Sample {
  const preload = join(import.meta.dirname, 'report-rss.mjs');
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const run = spawnSync(command, [...args], {
    cwd: options.cwd ?? process.cwd(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...options.env, NODE_OPTIONS: `--import=${preload}`, NO_COLOR: '1' },
  });
  const wallMs = performance.now() - started;
  const cpuMs = childrenCpuMs() - cpuBefore;
  const stderr = run.stderr ?? '';
  const stats = [...stderr.matchAll(/@@bench (\{.*\})/g)].map((m) => JSON.parse(m[1] as string) as { maxRssKb: number });
  const maxRssMb = Math.max(0, ...stats.map((s) => s.maxRssKb / 1024));
  const last = (stderr.replace(/@@bench .*/g, '').trim().split('\n').filter(Boolean).pop() ?? String(run.error ?? '')).slice(0, 160);
  return { ok: run.status === 0, wallMs, cpuMs, maxRssMb, note: run.status === 0 ? '' : `exit ${run.status}: ${last}`, stdout: run.stdout ?? '' };
}

/** Adds up samples of a loop (one run per file): times add, memory is the largest. */
export function total(samples: readonly Sample[]): Sample {
  const failed = samples.filter((s) => !s.ok);
  return {
    ok: failed.length === 0,
    wallMs: samples.reduce((n, s) => n + s.wallMs, 0),
    cpuMs: samples.reduce((n, s) => n + s.cpuMs, 0),
    maxRssMb: Math.max(0, ...samples.map((s) => s.maxRssMb)),
    note: failed.length === 0 ? '' : `${failed.length} of ${samples.length} runs failed, e.g. ${failed[0]?.note ?? ''}`,
    stdout: '',
  };
}

/** The sample with the median wall time of `repeat` runs. */
export function medianOf(repeat: number, run: () => Sample): Sample {
  const samples = Array.from({ length: repeat }, run).sort((a, b) => a.wallMs - b.wallMs);
  return samples[Math.floor(samples.length / 2)] as Sample;
}

export const fmtMs = (ms: number): string => (Number.isNaN(ms) ? '?' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
