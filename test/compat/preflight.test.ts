// The runtime on the pair npm installs by default on Node 20 (client-node 2.x, whose undici needs
// Node 22.19): a program importing it stops with one line saying what to install, never with
// client-node's "Cannot read properties of undefined (reading 'bind')".
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, writeCopyModeOutput } from '../support/fixtures.js';
import { run } from '../package/run.js';
import { installed } from './install.js';

const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

describe('runtime preflight on Node 20 with @kubernetes/client-node 2.0.1', () => {
  it('a program importing the generated classes exits with one line naming what to install', async () => {
    expect(process.versions.node.startsWith('20.')).toBe(true);
    const dir = await installed('@kubernetes/client-node@2.0.1');
    const app = join(dir, 'preflight-app');
    rmSync(app, { recursive: true, force: true });
    await writeCopyModeOutput(join(app, 'generated'));
    writeFileSync(join(app, 'main.ts'), "import { ExporterApi } from './generated/lab.example.com/v1alpha1/index.js';\nconsole.log(typeof ExporterApi);\n");
    const ran = await run(process.execPath, ['--import', TSX, join(app, 'main.ts')], app, { timeoutMs: 120_000 });
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain(`Error: @kubernetes/client-node 2.0.1 needs Node 22.19 or newer, and this is Node ${process.versions.node}: install the 1.x line (npm install @kubernetes/client-node@^1.4.0), or run on Node 22.19+\n`);
    expect(ran.stderr).not.toContain("reading 'bind'");
    // Thrown from the runtime's check, before any of client-node ran.
    expect(ran.stderr).toMatch(/\n\s+at .*generated\/runtime\/preflight\.ts/);
    expect(ran.stderr).not.toContain('node_modules/undici');
  });
});
