// Differential test of generated validators on updates: the corpus CRDs with transition rules (CEL
// rules that read oldSelf, such as `self == oldSelf`) are generated with validators into tmp/; for
// each case a seeded random object is created on the test API server (the stored object is `old`),
// then a copy is changed: unchanged, a node under a transition rule re-drawn, one of the create
// mutations, or a metadata mutation. The generated `validateKind(next, { old })` and a dry-run PUT
// over HTTP must agree on every case: both accept, or both refuse with the same message and causes.
// CRDGEN_DIFF_UPDATES (default 500) and CRDGEN_DIFF_SEED (14) size the run.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startTestApiServer } from '../../src/testing/index.js';
import { invalidStatusMessage } from '../../src/validation/index.js';
import { readCorpus } from '../corpus/support/run.js';
import { explainMissingCorpus, HAS_CORPUS } from '../support/corpus.js';
import { random } from '../generator/support/fuzz-schema.js';
import { MUTATIONS, mutate } from '../validation/support/mutate.js';
import { mutateMetadata } from '../validation/support/mutate-metadata.js';
import { ObjectSampler, SKIP } from '../validation/support/sample.js';
import { generateInto, kindsUnderTest, loadKind, outcome, type KindUnderTest, type Outcome } from './support/differential.js';

const CASES = Number(process.env.CRDGEN_DIFF_UPDATES ?? 500);
const SEED = Number(process.env.CRDGEN_DIFF_SEED ?? 14);
const DRAWS = 6;

explainMissingCorpus();

type Obj = Record<string, unknown>;
type Loaded = Awaited<ReturnType<typeof loadKind>> & { api: InstanceType<Awaited<ReturnType<typeof loadKind>>['Api']> };

function verdictsDiffer(kind: KindUnderTest, next: Obj, local: readonly unknown[], remote: Outcome): string | undefined {
  if (local.length === 0) return remote.accepted ? undefined : `validator found nothing, server refused (${remote.code}): ${remote.message}`;
  const name = String((next['metadata'] as Obj)['name']);
  const message = invalidStatusMessage(`${kind.kind}.${kind.group}`, name, local as never);
  if (remote.accepted) return `validator refused, server accepted: ${message}`;
  if (remote.code !== 422) return `validator refused, server answered ${remote.code}: ${remote.message}`;
  if (message !== remote.message) return `messages differ:\n  local:  ${message}\n  server: ${remote.message}`;
  if (JSON.stringify(local) !== JSON.stringify(remote.causes)) return `causes differ:\n  local:  ${JSON.stringify(local)}\n  server: ${JSON.stringify(remote.causes)}`;
  return undefined;
}

/** The messages of the kind's transition rules (those that read oldSelf). */
function transitionMessages(kind: KindUnderTest): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      const r = node as Obj;
      if (typeof r['rule'] === 'string' && r['rule'].includes('oldSelf')) out.push(typeof r['message'] === 'string' ? r['message'] : `failed rule: ${r['rule']}`);
      Object.values(r).forEach(visit);
    }
  };
  visit(kind.schema);
  return out;
}

function refusedByTransitionRule(kind: KindUnderTest, remote: Outcome): boolean {
  const messages = transitionMessages(kind);
  return ((remote.causes ?? []) as { message?: string }[]).some((c) => messages.some((m) => c.message?.endsWith(m)));
}

/** A stored object of `kind`: random draws until the server takes one (undefined when none is taken). */
async function storedObject(loaded: Loaded, kind: KindUnderTest, sampler: ObjectSampler, i: number): Promise<Obj | undefined> {
  for (let d = 0; d < DRAWS; d++) {
    const drawn = sampler.value(kind.schema, 0);
    const body = drawn !== SKIP && typeof drawn === 'object' && drawn !== null && !Array.isArray(drawn) ? (drawn as Obj) : {};
    const obj = { ...body, apiVersion: `${kind.group}/${kind.version}`, kind: kind.kind, metadata: { name: `old-${i}-${d}` } };
    try {
      return (await loaded.api.create(obj)) as Obj;
    } catch {
      // refused: draw again
    }
  }
  return undefined;
}

/** The changed copy of `old`, and what was changed. */
function changed(old: Obj, kind: KindUnderTest, sampler: ObjectSampler, i: number): { next: Obj; change: string } {
  const next = structuredClone(old);
  const change =
    i % 4 === 0 ? 'unchanged'
    : i % 4 === 1 ? mutate(next, kind.schema, sampler, 'break-transition')
    : i % 8 === 2 ? mutateMetadata(next, sampler)
    : mutate(next, kind.schema, sampler, MUTATIONS[i % MUTATIONS.length] ?? 'null');
  // The main resource of a kind with a status subresource keeps the stored status (the server's merge).
  if (kind.status) {
    if (old['status'] === undefined) delete next['status'];
    else next['status'] = structuredClone(old['status']);
  }
  return { next, change };
}

describe.runIf(HAS_CORPUS)(`generated validators and the test API server on updates (${CASES} cases, seed ${SEED})`, () => {
  it('agree on accept/reject, messages and causes for every (old, new) pair', async () => {
    const rng = random(SEED);
    const files = readCorpus().filter((f) => f.text.includes('oldSelf'));
    const { dir, result } = await generateInto(files, 'update-differential');
    const { crds, kinds } = kindsUnderTest(files, result);
    const transitional = kinds.filter((k) => JSON.stringify(k.schema).includes('oldSelf'));
    expect(transitional.length).toBeGreaterThan(0);
    await using server = await startTestApiServer({ crds, namespaces: ['diff'] });
    const sampler = new ObjectSampler(rng);
    const apis = new Map<KindUnderTest, Loaded>();
    const disagreements: string[] = [];
    const tally = { pairs: 0, noOld: 0, accepted: 0, refused: 0, transition: 0, byOldSelf: 0 };
    for (let i = 0; i < CASES; i++) {
      const pool = i % 4 === 1 ? transitional : kinds;
      const kind = pool[Math.floor(rng() * pool.length)] as KindUnderTest;
      let loaded = apis.get(kind);
      if (!loaded) {
        const mod = await loadKind(dir, kind);
        loaded = { ...mod, api: new mod.Api({ kubeConfig: server.kubeConfig, namespace: 'diff' }) };
        apis.set(kind, loaded);
      }
      const old = await storedObject(loaded, kind, sampler, i);
      if (!old) {
        tally.noOld++;
        continue;
      }
      const { next, change } = changed(old, kind, sampler, i);
      if (change.startsWith('break-transition')) tally.transition++;
      const local = loaded.validate(structuredClone(next), { old });
      const remote = await outcome(loaded.api.replace(structuredClone(next), { dryRun: true }));
      tally.pairs++;
      if (remote.accepted) tally.accepted++;
      else tally.refused++;
      if (!remote.accepted && refusedByTransitionRule(kind, remote)) tally.byOldSelf++;
      const problem = verdictsDiffer(kind, next, local, remote);
      if (problem) disagreements.push(`case ${i} ${kind.kind}.${kind.group}/${kind.version} (${change}): ${problem}\n  new: ${JSON.stringify(next).slice(0, 400)}`);
    }
    console.log(
      `validators update differential: ${CASES} cases (seed ${SEED}) over ${apis.size} of ${kinds.length} kind versions from ${files.length} corpus files; ` +
        `${tally.pairs} (old, new) pairs (${tally.noOld} cases without an accepted old object), ${tally.transition} under transition rules; ` +
        `server accepted ${tally.accepted}, refused ${tally.refused} (${tally.byOldSelf} by a transition rule); ${disagreements.length} disagreements`,
    );
    expect(tally.pairs).toBeGreaterThan(CASES / 2);
    expect(tally.byOldSelf).toBeGreaterThan(0);
    expect(disagreements.slice(0, 10)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }, 600_000 + CASES * 600);
});
