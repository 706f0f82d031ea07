/**
 * One seeded mutation of an object's metadata, aimed at apimachinery's ObjectMeta checks: a bad
 * label key or value, a bad annotation key, annotations over 256 KiB in all, a broken owner
 * reference (a part missing, an Event owner, two controllers), a bad finalizer; or a valid one of
 * each (upper-case annotation keys, 63-character label values, exactly 256 KiB of annotations).
 */
import type { ObjectSampler } from './sample.js';

type Obj = Record<string, unknown>;

const LIMIT = 256 * 1024;

const owner = (name: string, extra: Obj = {}): Obj => ({ apiVersion: 'v1', kind: 'ConfigMap', name, uid: `uid-${name}`, ...extra });

const VARIANTS: Readonly<Record<string, (meta: Obj, rng: ObjectSampler) => void>> = {
  'bad label key': (m, rng) => (m['labels'] = { [rng.pick(['a b', '-a', 'a/b/c', '/a', 'Example.com/a', `${'k'.repeat(64)}`])]: 'v' }),
  'bad label value': (m, rng) => (m['labels'] = { app: rng.pick(['-x', 'x-', 'a b', 'v'.repeat(64), 'ü']) }),
  'valid labels': (m) => (m['labels'] = { 'example.com/app': 'v'.repeat(63), tier: '' }),
  'bad annotation key': (m, rng) => (m['annotations'] = { [rng.pick(['a b', 'a/b/c', '_x', 'x_'])]: 'v' }),
  'valid annotation keys': (m) => (m['annotations'] = { 'Example.COM/Key': 'any text: ü', 'UPPER': '' }),
  'oversized annotations': (m, rng) => {
    const extra = rng.pick([1, 2, 1000]);
    m['annotations'] = { 'example.com/a': 'x'.repeat(LIMIT / 2), 'example.com/b': 'y'.repeat(LIMIT / 2 - 26 + extra) };
  },
  'annotations at the limit': (m) => (m['annotations'] = { 'example.com/a': 'x'.repeat(LIMIT - 'example.com/a'.length) }),
  'owner reference without a part': (m, rng) => {
    const ref = owner('o');
    delete ref[rng.pick(['apiVersion', 'kind', 'name', 'uid'])];
    m['ownerReferences'] = [ref];
  },
  'owner reference without a version': (m) => (m['ownerReferences'] = [{ ...owner('o'), apiVersion: 'apps/' }]),
  'Event owner': (m) => (m['ownerReferences'] = [{ ...owner('e'), kind: 'Event' }]),
  'two controllers': (m) => (m['ownerReferences'] = [owner('a', { controller: true }), owner('b', { controller: true, blockOwnerDeletion: true })]),
  'bad finalizer': (m, rng) => (m['finalizers'] = [rng.pick(['a/b/c', 'a b', '-x', 'orphan'])].concat(rng.pick([[], ['foregroundDeletion']]))),
};

export const METADATA_VARIANTS = Object.keys(VARIANTS);

/** Applies one metadata mutation to `obj` in place; returns its name. */
export function mutateMetadata(obj: Obj, rng: ObjectSampler): string {
  const meta = (obj['metadata'] ??= {}) as Obj;
  const name = rng.pick(METADATA_VARIANTS);
  VARIANTS[name]?.(meta, rng);
  return `metadata: ${name}`;
}
