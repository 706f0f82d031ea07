// The output is replaced as a whole: a run SIGKILLed before any of its changes on disk leaves the
// old output or the new one, never a mix; `--check` names what the killed run left beside it, and
// the next run finishes the job. Each kill point is reached by CRDGEN_PAUSE_AT_STEP (the writer
// stops there and says so), never by timing. The writer's child (test/cli/support/write-child.ts)
// runs as plain JavaScript: the tests start it dozens of times.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliStartArgs, runCli } from '../support/cli.js';
import { ROOT, VALID } from '../support/fixtures.js';
import { plainChild } from './support/plain-child.js';

type Tree = Record<string, string>;

/** Every entry below `dir`: folders, symlinks (their target) and files (their text). */
function snapshot(dir: string, prefix = ''): Tree {
  const tree: Tree = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const rel = `${prefix}${name}`;
    const info = lstatSync(path);
    if (info.isSymbolicLink()) tree[rel] = `symlink ${readlinkSync(path)}`;
    else if (info.isDirectory()) Object.assign(tree, { [rel]: 'dir' }, snapshot(path, `${rel}/`));
    else tree[rel] = readFileSync(path, 'utf8');
  }
  return tree;
}

const NEW_ARGS = ['generate', 'new-crds', '-o', 'out', '--runtime', 'crdgen/runtime', '--clean'];
const CHECK_ARGS = ['generate', 'new-crds', '-o', 'out', '--runtime', 'crdgen/runtime', '--check'];

/**
 * A generate cache for the runs that check and repair each killed run, dozens of runs of the same
 * inputs: what they generate is served from it (the folders have no node_modules, so no cache of
 * their own), what they find on disk and write (what these tests are about) is not.
 */
const CACHE = mkdtempSync(join(tmpdir(), 'crdgen-atomic-cache-'));
const cached = (args: readonly string[]) => [...args, '--cache', CACHE];

/**
 * A project whose `out/` holds the output of old-crds/ (exporters and leases) plus a file of the
 * user's and a symlink; new-crds/ holds exporters (changed) and clients, so a run from new-crds
 * writes, links, removes (leases, with --clean) and keeps.
 */
async function template(): Promise<{ dir: string; manifest: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'crdgen-atomic-'));
  mkdirSync(join(dir, 'old-crds'));
  mkdirSync(join(dir, 'new-crds'));
  cpSync(join(VALID, 'lab', 'exporters.yaml'), join(dir, 'old-crds', 'exporters.yaml'));
  cpSync(join(VALID, 'lab', 'leases.yaml'), join(dir, 'old-crds', 'leases.yaml'));
  const exporters = readFileSync(join(VALID, 'lab', 'exporters.yaml'), 'utf8');
  writeFileSync(join(dir, 'new-crds', 'exporters.yaml'), exporters.replace(/description: /, 'description: Changed. '));
  cpSync(join(VALID, 'lab', 'clients.yaml'), join(dir, 'new-crds', 'clients.yaml'));
  expect((await runCli(['generate', 'old-crds', '-o', 'out', '--runtime', 'crdgen/runtime'], { cwd: dir })).code).toBe(0);
  writeFileSync(join(dir, 'out', 'NOTES.md'), 'mine\n');
  mkdirSync(join(dir, 'out', 'clients'));
  writeFileSync(join(dir, 'out', 'clients', 'exporter.ts'), '// mine too\n');
  // The files a run from new-crds writes, as the child's manifest.
  const scratch = join(dir, 'scratch');
  expect((await runCli(['generate', 'new-crds', '-o', 'scratch', '--runtime', 'crdgen/runtime'], { cwd: dir })).code).toBe(0);
  const files = Object.entries(snapshot(scratch)).filter(([, text]) => text !== 'dir').map(([path, contents]) => ({ path, contents }));
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ files, clean: true }));
  return { dir, manifest };
}

interface Child {
  /** 'paused' when it stopped at the step (and was killed), 'done' when it finished. */
  outcome: 'paused' | 'done';
  stderr: string;
}

/** Runs `node <args>` in a child process that pauses at `step`; kills it with SIGKILL once it says so. */
function runUntil(step: number, args: readonly string[], cwd: string, whilePaused?: () => Promise<void>): Promise<Child> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, CRDGEN_PAUSE_AT_STEP: String(step) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let paused = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!paused && stderr.includes(`paused before step ${step} `)) {
        paused = true;
        void (whilePaused ?? (async () => undefined))().then(() => child.kill('SIGKILL'), (error: unknown) => {
          child.kill('SIGKILL');
          fail(error);
        });
      }
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      if (paused) done({ outcome: 'paused', stderr });
      else if (code === 0) done({ outcome: 'done', stderr });
      else fail(new Error(`child exited ${String(code)}: ${stderr}`));
    });
  });
}

const beside = (dir: string, suffix: string) => join(dir, `.out.crdgen-${suffix}`);

/** A fresh copy of the template's inputs and old output. */
function copyOf(base: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'crdgen-atomic-run-'));
  for (const name of ['new-crds', 'out']) cpSync(join(base, name), join(dir, name), { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** Copies what a run in `from` left (output, the trees beside it, the lock, the inputs) into a new folder. */
function copyState(from: string, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const name of ['out', '.out.crdgen-new', '.out.crdgen-old', '.out.crdgen-lock', 'new-crds']) {
    if (existsSync(join(from, name))) cpSync(join(from, name), join(dir, name), { recursive: true, verbatimSymlinks: true });
  }
  return dir;
}

const leftOver = (dir: string) => ['new', 'old', 'lock'].filter((s) => existsSync(beside(dir, s)));

describe('atomic replacement of the output', () => {
  const child = plainChild(join(ROOT, 'test', 'cli', 'support', 'write-child.ts'));
  let base: string;
  let manifest: string;
  /** The output before and after a complete run of the writer. */
  let OLD: Tree;
  let NEW: Tree;
  /** A run of the writer killed at each step, in order, until the step it finishes before. */
  const kills: Array<{ step: number; dir: string }> = [];
  /** A copy of the kill between the two renames (no out/, old and new beside it), taken before any test repairs it. */
  let between: string | undefined;

  beforeAll(async () => {
    ({ dir: base, manifest } = await template());
    OLD = snapshot(join(base, 'out'));
    const first = copyOf(base);
    expect((await runUntil(0, [child.script, join(first, 'out'), manifest], ROOT)).outcome).toBe('done');
    NEW = snapshot(join(first, 'out'));
    for (let step = 1; step < 500; step++) {
      const dir = copyOf(base);
      if ((await runUntil(step, [child.script, join(dir, 'out'), manifest], ROOT)).outcome === 'done') break;
      kills.push({ step, dir });
      if (between === undefined && !existsSync(join(dir, 'out'))) between = copyState(dir, 'crdgen-atomic-between-');
    }
  }, 900_000);
  afterAll(() => {
    child.remove();
    rmSync(CACHE, { recursive: true, force: true });
  });

  it('a SIGKILL before any step leaves the old or the new output; --check names the leftovers; the next run repairs', async () => {
    expect(NEW).not.toEqual(OLD);
    expect(NEW['NOTES.md']).toBe('mine\n');
    expect(Object.keys(NEW).some((p) => p.includes('lease'))).toBe(false);
    const seen = { old: 0, new: 0, between: 0, withLeftovers: 0 };
    for (const { dir } of kills) {
      const left = leftOver(dir);
      if (existsSync(join(dir, 'out'))) {
        const now = snapshot(join(dir, 'out'));
        expect([OLD, NEW]).toContainEqual(now);
        seen[JSON.stringify(now) === JSON.stringify(OLD) ? 'old' : 'new']++;
      } else {
        // Killed between the two renames: the old tree and the complete new one wait beside it.
        seen.between++;
        expect(snapshot(beside(dir, 'old'))).toEqual(OLD);
        expect(snapshot(beside(dir, 'new'))).toEqual(NEW);
      }
      const check = await runCli(cached(CHECK_ARGS), { cwd: dir });
      expect(check.code).toBe(1);
      for (const suffix of left) expect(check.stderr).toContain(`.out.crdgen-${suffix}: left by an interrupted run (crdgen generate removes it)\n`);
      if (left.length > 0) seen.withLeftovers++;
      const again = await runCli(cached(NEW_ARGS), { cwd: dir });
      expect(again.code, again.stderr).toBe(0);
      expect(leftOver(dir)).toEqual([]);
      expect(snapshot(join(dir, 'out'))).toEqual(NEW);
      expect((await runCli(cached(CHECK_ARGS), { cwd: dir })).code).toBe(0);
    }
    const steps = kills.length;
    console.log(`atomic: killed at each of ${steps} steps: ${seen.old} left the old output, ${seen.new} the new, ${seen.between} between the renames`);
    expect(kills.map((k) => k.step)).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
    expect(steps).toBeGreaterThan(10);
    expect(seen.old).toBeGreaterThan(5);
    expect(seen.new).toBeGreaterThan(0);
    expect(seen.between).toBe(1);
    expect(seen.withLeftovers).toBe(steps - 1);
  }, 900_000);

  it('a run that repairs a killed one can itself be killed at each of its steps: still the old or the new output', async () => {
    // The state of the kill between the two renames: no out/, the old and new trees beside it.
    expect(between).toBeDefined();
    const state = between as string;
    let killed = 0;
    for (let step = 1; step < 50; step++) {
      const dir = copyState(state, 'crdgen-atomic-repair-');
      if ((await runUntil(step, [child.script, join(dir, 'out'), manifest], ROOT)).outcome === 'done') break;
      killed++;
      if (existsSync(join(dir, 'out'))) expect([OLD, NEW]).toContainEqual(snapshot(join(dir, 'out')));
      else {
        // Between this run's own renames the tree set aside is the repaired one: old or new.
        expect([OLD, NEW], `old tree after a kill at step ${step}`).toContainEqual(snapshot(beside(dir, 'old')));
        expect(snapshot(beside(dir, 'new')), `new tree after a kill at step ${step}`).toEqual(NEW);
      }
      expect((await runCli(cached(NEW_ARGS), { cwd: dir })).code).toBe(0);
      expect(snapshot(join(dir, 'out'))).toEqual(NEW);
      expect(leftOver(dir)).toEqual([]);
    }
    expect(killed).toBeGreaterThanOrEqual(3); // lock, the finishing rename, removing the old tree, ...
  }, 900_000);

  it('a second run while one is writing fails with one line; the CLI honours the pause hook too', async () => {
    const dir = copyOf(base);
    let during: Awaited<ReturnType<typeof runCli>> | undefined;
    const run = await runUntil(3, [...cliStartArgs(), ...NEW_ARGS], dir, async () => {
      during = await runCli(NEW_ARGS, { cwd: dir });
    });
    expect(run.outcome).toBe('paused');
    expect(run.stderr).toMatch(/crdgen: paused before step 3 \(stage: /);
    expect(during?.code).toBe(1);
    expect(during?.stderr).toMatch(/^crdgen: out: another crdgen run \(pid \d+\) is writing it; wait for it to finish\n$/);
    expect(snapshot(join(dir, 'out'))).toEqual(OLD);
    expect((await runCli(NEW_ARGS, { cwd: dir })).code).toBe(0);
    expect(leftOver(dir)).toEqual([]);
  }, 300_000);
});
