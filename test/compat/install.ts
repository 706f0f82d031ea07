// Folders under the temp dir with one @kubernetes/client-node (and maybe a Node binary from npm)
// installed, kept between runs: a folder whose install finished is reused.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NPM, ok, run } from '../package/run.js';

export interface Pair {
  readonly clientNode: string;
  /** An npm package that ships the Node binary, or undefined for the Node running this test. */
  readonly nodePackage?: string;
  readonly nodeMajor: string;
}

/** The pair's folder with its packages installed; reused when a previous run finished installing it. */
export async function installed(pair: Pair): Promise<string> {
  const specs = [`@kubernetes/client-node@${pair.clientNode}`, ...(pair.nodePackage ? [pair.nodePackage] : [])];
  const dir = join(tmpdir(), `crdgen-compat-${specs.join('-').replace(/[^a-z0-9.-]+/gi, '_')}`);
  const marker = join(dir, '.installed');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === specs.join(' ')) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'crdgen-compat', private: true, type: 'module' }));
  ok(await run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-save', ...specs], dir, { timeoutMs: 600_000 }), `npm install ${specs.join(' ')}`);
  writeFileSync(marker, specs.join(' '));
  return dir;
}

