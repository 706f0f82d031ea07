import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
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

/** tsx's loader by URL and the CLI's entry point, so the real CLI runs from any folder. */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const BIN = join(ROOT, 'src', 'cli', 'bin.ts');

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
 * Starts `crdgen <argv>` in `cwd` as a user would (node + tsx on src/cli/bin.ts); `wrapper` is a
 * command the CLI runs under (e.g. setpriv with its options).
 */
export function spawnCli(argv: readonly string[], options: { cwd: string; wrapper?: readonly string[]; env?: Record<string, string> }): LiveCli {
  const command = [...(options.wrapper ?? []), process.execPath, '--import', TSX_LOADER, BIN, ...argv];
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
