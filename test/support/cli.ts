import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import { distIsFresh } from '../package/dist.js';
import { ROOT } from './fixtures.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as a user would from `cwd`, and captures what it prints. */
export async function runCli(argv: readonly string[], options: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    cwd: options.cwd ?? process.cwd(),
    env: { ...options.env },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => options.stdin ?? '',
    isTTY: false,
  };
  const code = await main(argv, ctx);
  return { code, stdout, stderr };
}

let cliStart: readonly string[] | undefined;

/**
 * The arguments of `node` that start the real CLI, from any folder: the package's bin (what
 * `npx crdgen` runs) when dist/ is a build of the sources as they are, as after `npm ci`; else tsx's
 * loader on src/cli/bin.ts. The bin starts without the loader's transpiling: a small generate took
 * 0.9 s of CPU from the bin and 2.2 s through tsx.
 */
export function cliStartArgs(): readonly string[] {
  cliStart ??= distIsFresh(ROOT)
    ? [join(ROOT, 'bin', 'crdgen.js')]
    : ['--import', pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, join(ROOT, 'src', 'cli', 'bin.ts')];
  return cliStart;
}

/** The real CLI as a child process, its output collected as it comes. */
export interface LiveCli {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once `check` holds for what the child printed; rejects when it exits first or after `timeoutMs`. */
  until(what: string, check: (stdout: string, stderr: string) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (signals count as 128 + number). */
  readonly exited: Promise<number>;
}

/**
 * Starts `crdgen <argv>` in `cwd` as a user would (see cliStartArgs); `wrapper` is a command the
 * CLI runs under (e.g. setpriv with its options).
 */
export function spawnCli(argv: readonly string[], options: { cwd: string; wrapper?: readonly string[]; env?: Record<string, string> }): LiveCli {
  const command = [...(options.wrapper ?? []), process.execPath, ...cliStartArgs(), ...argv];
  const child = spawn(command[0] as string, command.slice(1), { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const changed = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => ((out += chunk.toString()), changed.forEach((f) => f())));
  child.stderr?.on('data', (chunk: Buffer) => ((err += chunk.toString()), changed.forEach((f) => f())));
  const exited = new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => done(code ?? 128 + (signal ? osConstants.signals[signal] : 0)));
  });
  const until = (what: string, check: (stdout: string, stderr: string) => boolean, timeoutMs = 120_000) =>
    new Promise<void>((done, fail) => {
      const finish = (error?: Error) => {
        changed.delete(look);
        clearTimeout(timer);
        if (error) fail(error);
        else done();
      };
      const look = () => check(out, err) && finish();
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}; stdout: ${out} stderr: ${err}`)), timeoutMs);
      void exited.then((code) => finish(check(out, err) ? undefined : new Error(`exited ${code} before ${what}; stdout: ${out} stderr: ${err}`)));
      changed.add(look);
      look();
    });
  return { child, stdout: () => out, stderr: () => err, until, exited };
}
