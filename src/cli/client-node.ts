/**
 * Loads @kubernetes/client-node for the commands that need it (test-server, --from-cluster), after
 * checking that it can run on this Node: one line saying what to install instead of its crash.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientNodeProblem, clientNodeVersionFrom } from '../runtime/compat.js';
import { CliFailure } from './context.js';

/** Throws a CliFailure naming what to install when the client-node crdgen resolves cannot run here. */
export function requireUsableClientNode(fromDir: string = dirname(fileURLToPath(import.meta.url)), nodeVersion: string = process.versions.node): void {
  const problem = clientNodeProblem(clientNodeVersionFrom(fromDir), nodeVersion);
  if (problem !== undefined) throw new CliFailure(problem);
}

export async function loadClientNode(): Promise<typeof import('@kubernetes/client-node')> {
  requireUsableClientNode();
  return import('@kubernetes/client-node');
}
