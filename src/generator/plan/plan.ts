import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import type { CrdModel, CrdVersion } from '../../kube/model.js';
import { camelCase } from './naming.js';
import { matchesSelector, type GenerateOptions } from '../options.js';
import { checkSelectors } from './selectors.js';
import { assignNestedNames, assignRootNames, claim, reservedNames, type RootNames, type Taken } from './names.js';
import { assignInputNames, type InputNames, type InputType } from './input-names.js';

/**
 * A kind at one version as the whole run sees it: its file and its own names. The names of its
 * nested types (KindPlan) are given per group-version folder by nameKinds, where the unit of work
 * runs, and only for a unit the cache does not hold.
 */
export interface KindOutline {
  readonly crd: CrdModel;
  readonly version: CrdVersion;
  /** `Kind.group/version`, used in messages. */
  readonly subject: string;
  /** Output path, e.g. `jumpstarter.dev/v1alpha1/exporter.ts`. */
  readonly file: string;
  readonly typeName: string;
  readonly listName: string;
  readonly apiName: string;
  readonly resourceName: string;
}

/** Every name of one kind at one version, decided once. */
export interface KindPlan extends KindOutline {
  /** Schema pointer (`#`, `#/properties/spec`, ...) -> interface name, for every named node. */
  readonly typeNames: ReadonlyMap<string, string>;
  /** What create and replace take (see server-defaults.ts). */
  readonly inputName: string;
  /** Schema pointer -> its body interface, for the named nodes whose body type differs from the read type. */
  readonly inputTypes: ReadonlyMap<string, InputType>;
}

export interface GroupVersionOutline {
  readonly group: string;
  readonly version: string;
  /** `group/version` folder of the output (`group/version/variant` for a CRD defined again). */
  readonly dir: string;
  /** Name of the namespace export in the root index (`jumpstarterDevV1Alpha1`). */
  readonly exportName: string;
  readonly kinds: readonly KindOutline[];
}

export interface GroupVersionPlan extends GroupVersionOutline {
  readonly kinds: readonly KindPlan[];
}

/** A group's own folder: `<group>/index.ts` exports each kind at its storage version. */
export interface GroupPlan {
  readonly group: string;
  /** Name of the group's namespace export in the root index (`certManagerIo`). */
  readonly exportName: string;
}

/** The plan without the names of nested types (see KindOutline). */
export interface GenerationOutline {
  readonly groupVersions: readonly GroupVersionOutline[];
  /** Sorted by group. */
  readonly groups: readonly GroupPlan[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface GenerationPlan extends GenerationOutline {
  readonly groupVersions: readonly GroupVersionPlan[];
}

/** Chooses the versions to generate and names every file, type, class and export. */
export function plan(crds: readonly CrdModel[], options: GenerateOptions): GenerationPlan {
  return planWith(crds, options, (dir, entries, diagnostics) => {
    const taken = reservedNames();
    return namedKinds(outlineKinds(dir, entries, options.renames, taken, diagnostics), taken, diagnostics);
  });
}

/**
 * The plan up to the names of nested types: what plan() returns without typeNames and input
 * names, and without the diagnostics of giving them (nameKinds gives both, per folder).
 */
export function outline(crds: readonly CrdModel[], options: GenerateOptions): GenerationOutline {
  return planWith(crds, options, (dir, entries, diagnostics) => outlineKinds(dir, entries, options.renames, reservedNames(), diagnostics));
}

/**
 * The nested type names and input names of a folder's kinds, as plan() gives them, and the
 * diagnostics of giving them. `renames` is the option the outline was made with.
 */
export function nameKinds(groupVersion: GroupVersionOutline, renames: GenerateOptions['renames']): { groupVersion: GroupVersionPlan; diagnostics: Diagnostic[] } {
  const taken = reservedNames();
  // The folder's own names claimed again, as the outline claimed them (its diagnostics are the outline's).
  outlineKinds(groupVersion.dir, groupVersion.kinds, renames, taken, []);
  const diagnostics: Diagnostic[] = [];
  return { groupVersion: { ...groupVersion, kinds: namedKinds(groupVersion.kinds, taken, diagnostics) }, diagnostics };
}

type Entry = { readonly crd: CrdModel; readonly version: CrdVersion };

function planWith<K extends KindOutline>(
  crds: readonly CrdModel[],
  options: GenerateOptions,
  kindsOf: (dir: string, entries: readonly Entry[], diagnostics: Diagnostic[]) => K[],
): { groupVersions: Array<GroupVersionOutline & { readonly kinds: readonly K[] }>; groups: GroupPlan[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = checkSelectors(crds, options.include, options.exclude);
  const byGv = new Map<string, Array<{ crd: CrdModel; version: CrdVersion }>>();
  for (const crd of crds) {
    if (!selected(crd, options)) continue;
    for (const version of chooseVersions(crd, options)) {
      const key = `${crd.group}/${version.name}${crd.variant ? `/${crd.variant}` : ''}`;
      const list = byGv.get(key) ?? [];
      list.push({ crd, version });
      byGv.set(key, list);
    }
  }
  const keys = [...byGv.keys()].sort();
  const exportNames = new Map<string, string>();
  const takenExports = new Map<string, string>();
  for (const key of keys) {
    const candidate = camelCase(key);
    const name = claim(takenExports, candidate, [key.replace(/[^A-Za-z0-9]+/g, '_')], key);
    if (name !== candidate) {
      diagnostics.push(diagnostic('info', 'type-renamed', `namespace export named ${name}: ${candidate} is taken by ${takenExports.get(candidate) ?? 'another'} in the root index`, { subject: key }));
    }
    exportNames.set(key, name);
  }
  // Claimed after every group/version: the names the root index had before groups came stay.
  const groups = [...new Set([...byGv.values()].map((entries) => (entries[0] as { crd: CrdModel }).crd.group))].sort().map((group) => {
    const candidate = camelCase(group);
    const exportName = claim(takenExports, candidate, [group.replace(/[^A-Za-z0-9]+/g, '_')], group);
    if (exportName !== candidate) {
      diagnostics.push(diagnostic('info', 'type-renamed', `namespace export named ${exportName}: ${candidate} is taken by ${takenExports.get(candidate) ?? 'another'} in the root index`, { subject: group }));
    }
    return { group, exportName };
  });
  const groupVersions = keys.map((key) => {
    const entries = [...(byGv.get(key) ?? [])].sort((a, b) => (a.crd.names.kind < b.crd.names.kind ? -1 : 1));
    const first = entries[0] as { crd: CrdModel; version: CrdVersion };
    return {
      group: first.crd.group,
      version: first.version.name,
      dir: key,
      exportName: exportNames.get(key) as string,
      kinds: kindsOf(key, entries, diagnostics),
    };
  });
  for (const key of Object.keys(options.renames).sort()) {
    if (crds.some((crd) => key === crd.names.kind || key === `${crd.names.kind}.${crd.group}`)) continue;
    diagnostics.push(diagnostic('warning', 'rename-unused', `renames: ${key} matches no kind of the inputs (use Kind or Kind.group, or remove it)`));
  }
  return { groupVersions, groups, diagnostics };
}

function selected(crd: CrdModel, options: GenerateOptions): boolean {
  const matches = (s: string) => matchesSelector(s, crd.group, crd.names.kind, crd.names.plural);
  if (options.include.length > 0 && !options.include.some(matches)) return false;
  return !options.exclude.some(matches);
}

function chooseVersions(crd: CrdModel, options: GenerateOptions): CrdVersion[] {
  if (options.versions === 'all') return [...crd.versions];
  if (options.versions === 'storage') {
    const storage = crd.versions.find((v) => v.storage) ?? crd.versions.find((v) => v.served);
    return storage ? [storage] : [];
  }
  return crd.versions.filter((v) => v.served);
}

/** A folder's kinds (sorted by kind) with their files and own names, claimed in `taken`. */
function outlineKinds(dir: string, entries: readonly Entry[], renames: GenerateOptions['renames'], taken: Taken, diagnostics: Diagnostic[]): KindOutline[] {
  // Root names first, so a nested type can never take a kind's own names.
  const roots = assignRootNames(dir, entries, renames, taken, diagnostics);
  // File names are lower case, so kinds differing only in case need distinct files.
  // `index` is the folder's own index file: a kind named Index gets `index-kind.ts`.
  const takenFiles = new Map<string, string>([['index', 'the folder index']]);
  const files = new Map(
    entries.map(({ crd }) => {
      const base = crd.names.kind.toLowerCase();
      return [crd.names.kind, claim(takenFiles, base, [`${base}-kind`], crd.names.kind, (n) => n.toLowerCase())];
    }),
  );
  return entries.map(({ crd, version }, index) => ({
    crd,
    version,
    subject: `${crd.names.kind}.${crd.group}/${version.name}`,
    file: `${dir}/${files.get(crd.names.kind) as string}.ts`,
    ...(roots[index] as RootNames),
  }));
}

/** The nested type names and input names of a folder's kinds, claimed in `taken` after the kinds' own. */
function namedKinds(kinds: readonly KindOutline[], taken: Taken, diagnostics: Diagnostic[]): KindPlan[] {
  const nested = assignNestedNames(kinds, kinds, taken, diagnostics);
  const inputs = assignInputNames(kinds, nested, taken, diagnostics);
  return kinds.map((kind, index) => {
    const typeNames = new Map<string, string>();
    const prefix = `${index} `;
    for (const [key, name] of nested) if (key.startsWith(prefix)) typeNames.set(key.slice(prefix.length), name);
    return { ...kind, typeNames, ...(inputs[index] as InputNames) };
  });
}
