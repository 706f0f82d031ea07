// Which Node / @kubernetes/client-node pairs work, and the one line an unusable one gets: from the
// runtime (checked before client-node loads) and from the CLI (test-server, --from-cluster).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireUsableClientNode } from '../../src/cli/client-node.js';
import { clientNodeProblem, clientNodeVersionFrom, ownDir } from '../../src/runtime/compat.js';

const LINE_2_ON_20 =
  '@kubernetes/client-node 2.0.1 needs Node 22.19 or newer, and this is Node 20.20.2: install the 1.x line (npm install @kubernetes/client-node@^1.4.0), or run on Node 22.19+';

/** A project folder whose node_modules holds a client-node package.json of `version`. */
function projectWith(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'crdgen-compat-unit-'));
  mkdirSync(join(dir, 'node_modules/@kubernetes/client-node'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/@kubernetes/client-node/package.json'), JSON.stringify({ name: '@kubernetes/client-node', version }));
  mkdirSync(join(dir, 'src/generated/runtime'), { recursive: true });
  return dir;
}

describe('Node / client-node pairs', () => {
  it.each([
    ['2.0.1', '20.20.2', LINE_2_ON_20],
    ['2.0.1', '22.18.0', expect.stringContaining('needs Node 22.19 or newer, and this is Node 22.18.0')],
    ['2.0.1', '22.19.0', undefined],
    ['2.3.0', '24.1.0', undefined],
    ['1.4.0', '20.19.0', undefined],
    ['1.4.0', '22.23.3', undefined],
    [undefined, '20.20.2', undefined],
  ])('client-node %s on Node %s', (clientNode, node, want) => {
    expect(clientNodeProblem(clientNode, node)).toEqual(want);
  });

  it('reads the version Node would resolve: the nearest node_modules going up', () => {
    const dir = projectWith('2.0.1');
    expect(clientNodeVersionFrom(join(dir, 'src/generated/runtime'))).toBe('2.0.1');
    expect(clientNodeVersionFrom(mkdtempSync(join(tmpdir(), 'crdgen-compat-none-')))).toBeUndefined();
  });

  it('finds its own folder from a stack frame, in ESM and in CommonJS', () => {
    expect(ownDir('Error\n    at ownDir (file:///app/src/generated/runtime/compat.js:40:3)\n')).toBe('/app/src/generated/runtime');
    expect(ownDir('Error\n    at ownDir (/app/dist/runtime/compat.js:40:3)\n    at Object.<anonymous> (/app/x.js:1:1)')).toBe('/app/dist/runtime');
    expect(ownDir('Error\n    at file:///my%20app/runtime/compat.js:1:1')).toBe('/my app/runtime');
    expect(ownDir()).toBe(join(import.meta.dirname, '..', '..', 'src', 'runtime'));
  });

  it('the CLI fails with the same line (exit 1) before it loads client-node', () => {
    const dir = projectWith('2.0.1');
    expect(() => requireUsableClientNode(join(dir, 'src'), '20.20.2')).toThrow(expect.objectContaining({ name: 'CliFailure', message: LINE_2_ON_20, exitCode: 1 }));
    expect(() => requireUsableClientNode(join(dir, 'src'), '22.19.0')).not.toThrow();
    expect(() => requireUsableClientNode(join(projectWith('1.4.0'), 'src'), '20.20.2')).not.toThrow();
  });
});
