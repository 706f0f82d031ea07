/** Runs scripts with Python's official Kubernetes client (Debian's python3-kubernetes). */
import { spawn, spawnSync } from 'node:child_process';

/** Interpreters to try: Debian's (where apt installs the package) first, then whatever `python3` is on PATH. */
const CANDIDATES = [process.env.PYTHON_KUBERNETES, '/usr/bin/python3', 'python3'].filter((p): p is string => Boolean(p));

/** A python3 that can `import kubernetes`; fails with a clear message when there is none. */
export function requirePythonKubernetes(): string {
  for (const python of CANDIDATES) {
    const probe = spawnSync(python, ['-c', 'import kubernetes; print(kubernetes.__version__)'], { encoding: 'utf8', timeout: 60_000 });
    if (!probe.error && probe.status === 0) return python;
  }
  throw new Error(
    "Python's Kubernetes client is required for this test and could not be imported. " +
      'Install it (Debian: apt-get install python3-kubernetes; .ci/run does this) and run the tests again.',
  );
}

export interface PythonResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `script` with `args`; asynchronous, since the server it talks to may live in this process. */
export function runPython(python: string, script: string, args: readonly string[]): Promise<PythonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
