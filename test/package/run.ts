// Running real programs (npm, npx, node, tsc) from the package and compatibility tests.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/fixtures.js';

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * The environment of a user's shell: what `npm test` adds (npm_* settings of this repository,
 * vitest's own variables) is left out so that npm and node in a temp project behave as for a user.
 */
export function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(npm_|VITEST|NODE_OPTIONS$|INIT_CWD$)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** Runs a program to its end (never through a shell) and reports its exit code and output. */
export function run(file: string, args: readonly string[], cwd: string, options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { cwd, env: options.env ?? userEnv(), timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr), ms: Date.now() - started });
      },
    );
  });
}

/** Fails with the program's output when it did not exit 0. */
export function ok(ran: Ran, what: string): Ran {
  if (ran.code !== 0) throw new Error(`${what} exited ${ran.code}\n${ran.stdout}\n${ran.stderr}`);
  return ran;
}

/** The repository's TypeScript compiler, as a user's own would be. */
export const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
