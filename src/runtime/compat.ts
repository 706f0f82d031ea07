// Which @kubernetes/client-node works on which Node. client-node 2.x loads undici 8, which needs
// Node 22.19 (zlib.createZstdDecompress); on an older Node its import dies with "Cannot read
// properties of undefined (reading 'bind')", which says nothing about the cause. npm installs the
// newest peer, 2.x, on Node 20 too, so this is what a new user meets first.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const NEEDS = { clientNodeMajor: 2, node: [22, 19] as const };

/** One line saying what to install when this client-node cannot run on this Node; undefined when fine. */
export function clientNodeProblem(clientNodeVersion: string | undefined, nodeVersion: string = process.versions.node): string | undefined {
  if (clientNodeVersion === undefined) return undefined;
  const major = Number.parseInt(clientNodeVersion, 10);
  const [nodeMajor = 0, nodeMinor = 0] = nodeVersion.split('.').map((part) => Number.parseInt(part, 10));
  const [needMajor, needMinor] = NEEDS.node;
  const nodeTooOld = nodeMajor < needMajor || (nodeMajor === needMajor && nodeMinor < needMinor);
  if (major < NEEDS.clientNodeMajor || !nodeTooOld) return undefined;
  return (
    `@kubernetes/client-node ${clientNodeVersion} needs Node ${needMajor}.${needMinor} or newer, and this is Node ${nodeVersion}: ` +
    `install the 1.x line (npm install @kubernetes/client-node@^1.4.0), or run on Node ${needMajor}.${needMinor}+`
  );
}

/**
 * The version of the @kubernetes/client-node that Node resolves from `fromDir` (the nearest
 * node_modules going up), or undefined when there is none.
 */
export function clientNodeVersionFrom(fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', '@kubernetes', 'client-node', 'package.json');
    if (existsSync(file)) {
      try {
        const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
        return typeof version === 'string' ? version : undefined;
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** This module's folder, read from a stack frame: works in ESM and CommonJS alike (no import.meta). */
export function ownDir(stack: string | undefined = new Error().stack): string | undefined {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const file = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?$/.exec(line.trim())?.[1];
    if (file !== undefined) return dirname(file.startsWith('file://') ? decodeURIComponent(file.slice('file://'.length)) : file);
  }
  return undefined;
}
