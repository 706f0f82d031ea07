/** Runs the real kubectl against a test server: one fresh --cache-dir per call, no shell. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The kubectl binary: `$KUBECTL` when set (to try another version), else `kubectl` from PATH. */
export const KUBECTL = process.env.KUBECTL || 'kubectl';

export interface KubectlResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Fails with a clear message when kubectl is missing (CI installs Debian's kubernetes-client);
 * returns its minor version (the gcloud dispatcher reports `32+` and runs the 1.32 binary here).
 */
export function requireKubectl(): number {
  const probe = spawnSync(KUBECTL, ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : probe.stderr;
    throw new Error(
      `kubectl is required for this test and could not be run (${why.trim()}). ` +
        'Install it (Debian: apt-get install kubernetes-client; .ci/run does this) and run the tests again.',
    );
  }
  const parsed = JSON.parse(probe.stdout) as { clientVersion?: { minor?: string } };
  return Number.parseInt(parsed.clientVersion?.minor ?? '0', 10);
}

export class Kubectl {
  readonly dir: string;
  readonly kubeconfig: string;

  constructor(kubeconfigYaml: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'crdgen-kubectl-'));
    this.kubeconfig = join(this.dir, 'kubeconfig.yaml');
    writeFileSync(this.kubeconfig, kubeconfigYaml, { mode: 0o600 });
  }

  /** Writes a manifest into the temp folder and returns its path. */
  file(name: string, text: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, text);
    return path;
  }

  #args(args: readonly string[]): string[] {
    // A fresh cache per call: a warm discovery cache goes stale when CRDs come and go.
    const cache = mkdtempSync(join(this.dir, 'cache-'));
    return ['--kubeconfig', this.kubeconfig, `--cache-dir=${cache}`, ...args];
  }

  /** Runs kubectl to completion. Asynchronous: the server answering it may live in this process. */
  run(...args: string[]): Promise<KubectlResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(KUBECTL, this.#args(args), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: this.dir } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  /** Starts a long-running kubectl (e.g. `get -w`) in its own process group. */
  start(...args: string[]): RunningKubectl {
    const child = spawn(KUBECTL, this.#args(args), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HOME: this.dir },
      detached: true,
    });
    return new RunningKubectl(child);
  }
}

export class RunningKubectl {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Waits until stdout has at least `lines` whole lines (ended by a line break: kubectl may write a
   * line in more than one chunk, and a line still being written is not counted).
   */
  async waitForLines(lines: number, timeoutMs = 120_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.stdout.slice(0, this.stdout.lastIndexOf('\n') + 1).split('\n').filter((l) => l.trim() !== '');
      if (got.length >= lines) return got;
      if (Date.now() > deadline) {
        throw new Error(`kubectl printed ${got.length} of ${lines} lines within ${timeoutMs} ms:\n${this.stdout}\n${this.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Ends the process group this kubectl started (the dispatcher and the versioned binary). */
  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (pid !== undefined && this.child.exitCode === null) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await this.exited;
  }
}
