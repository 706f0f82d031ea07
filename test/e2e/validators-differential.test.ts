// Differential test of `crdgen generate --validators` against the test API server: corpus CRDs
// (a seeded sample of files, cert-manager's Certificate always among them) are generated with
// validators into tmp/, and seeded random objects drawn from each version's schema, two thirds of
// them mutated (wrong type, out of range, bad pattern or format, bad enum, required field dropped,
// CEL-ruled node re-drawn, unknown field, null) or their metadata (bad label key or value, bad or
// oversized annotations, broken owner references, bad finalizers), are created through the generated Api class
// twice, dry-run: with `{ validate: true }` and without. The local verdict and the server's must
// agree on every case: accepted by both, or refused by both with the same message and causes.
// CRDGEN_DIFF_CASES (default 500), CRDGEN_DIFF_SEED (14) and CRDGEN_DIFF_FILES (corpus files,
// default 12; 0 = all) size the run.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startTestApiServer } from '../../src/testing/index.js';
import { readCorpus } from '../corpus/support/run.js';
import { explainMissingCorpus, HAS_CORPUS } from '../support/corpus.js';
import { random } from '../generator/support/fuzz-schema.js';
import { MUTATIONS, mutate } from '../validation/support/mutate.js';
import { mutateMetadata } from '../validation/support/mutate-metadata.js';
import { ObjectSampler, SKIP } from '../validation/support/sample.js';
import { generateInto, kindsUnderTest, loadKind, outcome, pickFiles, type KindUnderTest, type Outcome } from './support/differential.js';

const CASES = Number(process.env.CRDGEN_DIFF_CASES ?? 500);
const SEED = Number(process.env.CRDGEN_DIFF_SEED ?? 14);
const FILES = Number(process.env.CRDGEN_DIFF_FILES ?? 12);

explainMissingCorpus();

type Obj = Record<string, unknown>;

function verdictsDiffer(local: Outcome, remote: Outcome): string | undefined {
  if (!local.local) {
    // Nothing found locally, so the validated call went to the server: it must have accepted.
    if (local.accepted && remote.accepted) return undefined;
    return `validator found nothing, server refused (${remote.code}): ${remote.message ?? local.message}`;
  }
  if (remote.accepted) return `validator refused, server accepted: ${local.message}`;
  if (remote.code !== 422) return `validator refused (422), server answered ${remote.code}: ${remote.message}`;
  if (local.message !== remote.message) return `messages differ:\n  local:  ${local.message}\n  server: ${remote.message}`;
  if (JSON.stringify(local.causes) !== JSON.stringify(remote.causes)) return `causes differ:\n  local:  ${JSON.stringify(local.causes)}\n  server: ${JSON.stringify(remote.causes)}`;
  return undefined;
}

function objectFor(kind: KindUnderTest, sampler: ObjectSampler, i: number): Obj {
  const drawn = sampler.value(kind.schema, 0);
  const body = drawn !== SKIP && typeof drawn === 'object' && drawn !== null && !Array.isArray(drawn) ? (drawn as Obj) : {};
  return { ...body, apiVersion: `${kind.group}/${kind.version}`, kind: kind.kind, metadata: { name: `case-${i}` } };
}

describe.runIf(HAS_CORPUS)(`generated validators and the test API server (${CASES} cases, seed ${SEED})`, () => {
  it('agree on accept/reject, messages and causes for every case', async () => {
    const next = random(SEED);
    const files = pickFiles(readCorpus(), FILES, next);
    const { dir, result } = await generateInto(files, 'differential');
    const { crds, kinds } = kindsUnderTest(files, result);
    expect(kinds.length).toBeGreaterThan(0);
    await using server = await startTestApiServer({ crds, namespaces: ['diff'] });
    const sampler = new ObjectSampler(next);
    const apis = new Map<KindUnderTest, Awaited<ReturnType<typeof loadKind>> & { api: { create(b: unknown, o: object): Promise<unknown> } }>();
    const disagreements: string[] = [];
    const tally = { accepted: 0, refused: 0, mutated: 0 };
    for (let i = 0; i < CASES; i++) {
      const kind = kinds[Math.floor(next() * kinds.length)] as KindUnderTest;
      let loaded = apis.get(kind);
      if (!loaded) {
        const mod = await loadKind(dir, kind);
        loaded = { ...mod, api: new mod.Api({ kubeConfig: server.kubeConfig, namespace: 'diff' }) };
        apis.set(kind, loaded);
      }
      const obj = objectFor(kind, sampler, i);
      const mutation = i % 3 === 0 ? 'none' : i % 6 === 5 ? mutateMetadata(obj, sampler) : mutate(obj, kind.schema, sampler, MUTATIONS[i % MUTATIONS.length] ?? 'null');
      if (mutation !== 'none') tally.mutated++;
      const local = await outcome(loaded.api.create(structuredClone(obj), { validate: true, dryRun: true }));
      const remote = await outcome(loaded.api.create(structuredClone(obj), { dryRun: true }));
      if (remote.accepted) tally.accepted++;
      else tally.refused++;
      const problem = verdictsDiffer(local, remote);
      if (problem) disagreements.push(`case ${i} ${kind.kind}.${kind.group}/${kind.version} (${mutation}): ${problem}\n  object: ${JSON.stringify(obj).slice(0, 400)}`);
    }
    console.log(
      `validators differential: ${CASES} cases (seed ${SEED}) over ${apis.size} of ${kinds.length} kind versions from ${files.length} corpus files; ` +
        `${tally.mutated} mutated; server accepted ${tally.accepted}, refused ${tally.refused}; ${disagreements.length} disagreements`,
    );
    expect(disagreements.slice(0, 10)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }, 600_000 + CASES * 300);
});
