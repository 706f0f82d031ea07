// The CRDs of the runtime tests' kinds, read from the fixture they are generated from
// (fixtures/valid/runtime-kinds.yaml -> generated/example.com/v1, imported by kinds.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { VALID } from '../../support/fixtures.js';

type Crd = { metadata: { name: string } } & Record<string, unknown>;
const crds = loadAll(readFileSync(join(VALID, 'runtime-kinds.yaml'), 'utf8')) as Crd[];
const byName = (name: string): Crd => {
  const found = crds.find((c) => c.metadata.name === name);
  if (!found) throw new Error(`fixtures/valid/runtime-kinds.yaml has no CRD ${name}`);
  return found;
};

export const widgetCrd = byName('widgets.example.com');
export const gadgetCrd = byName('gadgets.example.com');
export const partCrd = byName('parts.example.com');

/** The namespaces the runtime tests write into (the test API server has only the usual four otherwise). */
export const RUNTIME_NAMESPACES = [
  'ns1', 'ns2', 'ns-b', 'team', 'team-a', 'other', 'mine', 'x', 'ignored',
  'frozen', 'many', 'order', 'relist', 'denied', 'gone', 'stop', 'store', 'resync',
  'bulk', 'mapped', 'slow', 'flaky', 'requeue', 'owned', 'generation', 'shutdown', 'fin', 'lab',
];
