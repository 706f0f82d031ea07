import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import type { CrdModel, CrdVersion } from '../../kube/model.js';
import { camelCase } from './naming.js';
import { matchesSelector, type GenerateOptions } from '../options.js';
import { checkSelectors } from './selectors.js';
import { assignNestedNames, assignRootNames, claim, reservedNames, type RootNames } from './names.js';
import { assignInputNames, type InputNames, type InputType } from './input-names.js';

/** Every name of one kind at one version, decided once. */
export interface KindPlan {
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
  /** Schema pointer (`#`, `#/properties/spec`, ...) -> interface name, for every named node. */
  readonly typeNames: ReadonlyMap<string, string>;
  /** What create and replace take (see server-defaults.ts). */
  readonly inputName: string;
  /** Schema pointer -> its body interface, for the named nodes whose body type differs from the read type. */
  readonly inputTypes: ReadonlyMap<string, InputType>;
}

export interface GroupVersionPlan {
  readonly group: string;
  readonly version: string;
  /** `group/version` folder of the output (`group/version/variant` for a CRD defined again). */
  readonly dir: string;
  /** Name of the namespace export in the root index (`jumpstarterDevV1Alpha1`). */
  readonly exportName: string;
  readonly kinds: readonly KindPlan[];
}

/** A group's own folder: `<group>/index.ts` exports each kind at its storage version. */
export interface GroupPlan {
  readonly group: string;
  /** Name of the group's namespace export in the root index (`certManagerIo`). */
  readonly exportName: string;
}

export interface GenerationPlan {
  readonly groupVersions: readonly GroupVersionPlan[];
  /** Sorted by group. */
  readonly groups: readonly GroupPlan[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Chooses the versions to generate and names every file, type, class and export. */
export function plan(crds: readonly CrdModel[], options: GenerateOptions): GenerationPlan {
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
      kinds: planKinds(key, entries, options.renames, diagnostics),
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

function planKinds(
  dir: string,
  entries: Array<{ crd: CrdModel; version: CrdVersion }>,
  renames: GenerateOptions['renames'],
  diagnostics: Diagnostic[],
): KindPlan[] {
  const taken = reservedNames();
  // Root names first, so a nested type can never take a kind's own names.
  const roots = assignRootNames(dir, entries, renames, taken, diagnostics);
  const nested = assignNestedNames(entries, roots, taken, diagnostics);
  const inputs = assignInputNames(entries, nested, taken, diagnostics);
  // File names are lower case, so kinds differing only in case need distinct files.
  // `index` is the folder's own index file: a kind named Index gets `index-kind.ts`.
  const takenFiles = new Map<string, string>([['index', 'the folder index']]);
  const files = new Map(
    entries.map(({ crd }) => {
      const base = crd.names.kind.toLowerCase();
      return [crd.names.kind, claim(takenFiles, base, [`${base}-kind`], crd.names.kind, (n) => n.toLowerCase())];
    }),
  );
  return entries.map(({ crd, version }, index) => {
    const root = roots[index] as RootNames;
    const typeNames = new Map<string, string>();
    const prefix = `${index} `;
    for (const [key, name] of nested) if (key.startsWith(prefix)) typeNames.set(key.slice(prefix.length), name);
    return {
      crd,
      version,
      subject: `${crd.names.kind}.${crd.group}/${version.name}`,
      file: `${dir}/${files.get(crd.names.kind) as string}.ts`,
      ...root,
      typeNames,
      ...(inputs[index] as InputNames),
    };
  });
}
