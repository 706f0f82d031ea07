import { compareVersionPriority } from '../../kube/versions.js';
import type { EmittedFile } from '../model.js';
import type { GenerationOutline, GroupPlan, KindOutline } from '../plan/plan.js';
import { stringLiteral } from '../escape.js';
import { BANNER } from './banner.js';

/** A name a kind file exports; types are re-exported with `export type`, as isolatedModules wants. */
export interface ExportedName {
  readonly name: string;
  readonly type: boolean;
  /** The output path of the module it is declared in, when the kind file only exports it again (shapes.ts, k8s.ts). */
  readonly from?: string;
}

/**
 * `<group>/index.ts`: every kind of the group at its storage version (the version the API server
 * stores objects in), so it can be imported without naming a version. A kind whose storage version
 * is not served (so not generated with `--versions served`; with `--versions all` its Api class
 * could only get 404s) comes at its highest-priority served version instead, as the file says. A
 * CRD defined again differently (generated under a variant folder) is left out: its first
 * definition is the kind.
 */
export function groupIndexFiles(generationPlan: GenerationOutline, exports: ReadonlyMap<string, readonly ExportedName[]>): EmittedFile[] {
  const exportedNames = new Map<KindOutline, readonly ExportedName[]>();
  for (const kind of generationPlan.groupVersions.flatMap((gv) => gv.kinds)) {
    const names = exports.get(kind.file);
    if (names !== undefined) exportedNames.set(kind, names);
  }
  // Each group's exported kinds of no variant, in the plan's order: one pass over the plan, not one per group.
  const byGroup = new Map<string, KindOutline[]>();
  for (const kind of exportedNames.keys()) {
    if (kind.crd.variant !== undefined) continue;
    const list = byGroup.get(kind.crd.group);
    if (list === undefined) byGroup.set(kind.crd.group, [kind]);
    else list.push(kind);
  }
  const files: EmittedFile[] = [];
  for (const group of generationPlan.groups) {
    const chosen = chooseKinds(byGroup.get(group.group) ?? []);
    if (chosen.length === 0) continue;
    files.push({ path: `${group.group}/index.ts`, contents: groupIndexText(group, chosen, exportedNames) });
  }
  return files;
}

/** The root index's line for each group that has an index of its own (`groupIndexes`). */
export function groupExportLines(generationPlan: GenerationOutline, groupIndexes: readonly EmittedFile[]): string[] {
  const written = new Set(groupIndexes.map((f) => f.path));
  return generationPlan.groups
    .filter((g) => written.has(`${g.group}/index.ts`))
    .map((g) => `export * as ${g.exportName} from ${stringLiteral(`./${g.group}/index.js`)};`);
}

interface Chosen {
  readonly kind: KindOutline;
  /** Why this version, when it is not the storage version. */
  readonly note?: string;
}

/** The kind file each kind of a group's `kinds` (exported, of no variant, in the plan's order) is exported from. */
function chooseKinds(kinds: readonly KindOutline[]): Chosen[] {
  const byKind = new Map<string, KindOutline[]>();
  for (const kind of kinds) {
    const list = byKind.get(kind.crd.names.kind);
    if (list === undefined) byKind.set(kind.crd.names.kind, [kind]);
    else list.push(kind);
  }
  return [...byKind.values()].map((kinds): Chosen => {
    // Served before not served (an Api class for an unserved version could only get 404), then
    // the storage version, then version priority.
    const rank = (k: KindOutline) => (k.version.served ? 0 : 2) + (k.version.storage ? 0 : 1);
    const best = [...kinds].sort((a, b) => rank(a) - rank(b) || compareVersionPriority(a.version.name, b.version.name))[0] as KindOutline;
    if (best.version.storage) return { kind: best };
    const stored = best.crd.versions.find((v) => v.storage);
    const why = stored === undefined ? 'it has no storage version' : `its storage version ${stored.name} is ${stored.served ? 'not generated' : 'not served'}`;
    return { kind: best, note: `${best.crd.names.kind} at ${best.version.name}: ${why}` };
  }).sort((a, b) => (a.kind.crd.names.kind < b.kind.crd.names.kind ? -1 : 1));
}

/**
 * One `export *` per kind file. Names declared by two chosen files (kinds of different versions
 * whose nested types were named alike) would make both star exports ambiguous: the file of the
 * kind the name belongs to (its own type, list, Api class or descriptor), else the first file,
 * exports it explicitly, and a comment says where the other one is.
 */
function groupIndexText(group: GroupPlan, chosen: readonly Chosen[], exportedNames: ReadonlyMap<KindOutline, readonly ExportedName[]>): string {
  const from = (kind: KindOutline) => stringLiteral(`./${kind.file.slice(group.group.length + 1).replace(/\.ts$/, '.js')}`);
  const holders = new Map<string, KindOutline[]>();
  const types = new Set<string>();
  // Where each name is declared: star exports of one declaration (a shape re-exported by two kind files) do not clash.
  const origins = new Map<string, Set<string>>();
  for (const { kind } of chosen) {
    for (const { name, type, from } of exportedNames.get(kind) ?? []) {
      holders.set(name, [...(holders.get(name) ?? []), kind]);
      origins.set(name, (origins.get(name) ?? new Set()).add(from ?? kind.file));
      if (type) types.add(name);
    }
  }
  const lines = [BANNER, `// The kinds of ${group.group}, each at its storage version (import a version folder for another).`];
  for (const { kind, note } of chosen) lines.push(`export * from ${from(kind)};${note ? ` // ${note}` : ''}`);
  for (const [name, kinds] of [...holders].filter(([n, k]) => k.length > 1 && (origins.get(n)?.size ?? 0) > 1).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const owner = kinds.find((k) => [k.typeName, k.listName, k.apiName, k.resourceName].includes(name)) ?? (kinds[0] as KindOutline);
    const others = kinds.filter((k) => k !== owner).map((k) => from(k)).join(', ');
    lines.push(`export ${types.has(name) ? 'type ' : ''}{ ${name} } from ${from(owner)}; // also declared in ${others}`);
  }
  return `${lines.join('\n')}\n`;
}
