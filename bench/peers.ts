// Peer generators, installed in bench/ only (bench/package.json pins them), each run once per CRD
// file the way their docs show it: that per-file loop is what a user of them runs on a folder.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { measure, total, type Sample } from './measure.js';

const BIN = join(import.meta.dirname, 'node_modules', '.bin');

export interface Peer {
  readonly name: string;
  /** The goal crdgen is held to against this peer (peer time / crdgen time), if any. */
  readonly goal?: number;
  readonly installed: () => boolean;
  /** One run on one file, writing below `out`. */
  readonly runOne: (file: string, out: string, index: number) => Sample;
}

const bin = (name: string) => join(BIN, name);

export const PEERS: readonly Peer[] = [
  {
    name: 'cdk8s import',
    goal: 30,
    installed: () => existsSync(bin('cdk8s')),
    // `cdk8s import crd.yaml -l typescript`; --no-save keeps it from editing a cdk8s.yaml.
    runOne: (file, out, index) => measure(bin('cdk8s'), ['import', `m${index}:=${file}`, '-l', 'typescript', '-o', join(out, String(index)), '--no-save', '--no-check-upgrade']),
  },
  {
    name: 'crdtoapi',
    goal: 8,
    installed: () => existsSync(bin('crdtoapi')),
    // It reads a folder; --match picks the one file (a regular expression on the name).
    runOne: (file, out, index) => measure(bin('crdtoapi'), ['-i', dirname(file), '-m', `^${escapeRegExp(basename(file))}$`, '-o', join(out, `${index}.yaml`)]),
  },
  {
    name: 'crd-generate',
    installed: () => existsSync(bin('crd-generate')),
    runOne: (file, out, index) => measure(bin('crd-generate'), ['--input', file, '--output', join(out, String(index))]),
  },
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The peer once per file, in order; the samples added up. */
export function peerLoop(peer: Peer, files: readonly string[], out: string): Sample {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  return total(files.map((file, index) => peer.runOne(file, out, index)));
}

/** `count` files spread evenly over `files` (all of them when count is 0 or larger). */
export function sample(files: readonly string[], count: number): string[] {
  if (count <= 0 || count >= files.length) return [...files];
  return Array.from({ length: count }, (_, i) => files[Math.floor((i * files.length) / count)] as string);
}
