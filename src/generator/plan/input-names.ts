import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import type { CrdModel, CrdVersion } from '../../kube/model.js';
import { inputNodes } from '../server-defaults.js';
import { claim, type Taken } from './names.js';

/** An interface of a create/replace body: the read interface with its defaulted required properties optional. */
export interface InputType {
  readonly name: string;
  /** Wire names of the properties that are optional here and required in the read type. */
  readonly defaulted: readonly string[];
}

export interface InputNames {
  /** `<Kind>Input`, what create and replace take: an interface, or an alias of the kind when nothing differs. */
  readonly inputName: string;
  /** Schema pointer -> input interface, for every named node whose body type differs. */
  readonly inputTypes: ReadonlyMap<string, InputType>;
}

type Entry = { readonly crd: CrdModel; readonly version: CrdVersion };

/**
 * Input names for one group/version folder, claimed after every other name there so that they
 * never displace one: `<Name>Input`, else `<Name>_Input`, shallow nodes first, then by pointer.
 * `nested` is the planner's `<index> <pointer>` -> name map (roots at `<index> #`).
 */
export function assignInputNames(entries: readonly Entry[], nested: ReadonlyMap<string, string>, taken: Taken, diagnostics: Diagnostic[]): InputNames[] {
  const requests = entries.flatMap((entry, index) => {
    const nodes = inputNodes(entry.version.schema);
    // Every kind gets its input name; an alias of the kind when no body type differs.
    const differs = nodes.size > 0;
    return [...(differs ? nodes : new Map([['#', []]]))]
      .filter(([pointer]) => nested.has(`${index} ${pointer}`))
      .map(([pointer, defaulted]) => ({ index, entry, pointer, defaulted, differs, depth: pointer.split('/').length }));
  });
  requests.sort((a, b) => a.depth - b.depth || a.index - b.index || (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
  const out = entries.map((): { inputName: string; inputTypes: Map<string, InputType> } => ({ inputName: '', inputTypes: new Map() }));
  for (const { index, entry, pointer, defaulted, differs } of requests) {
    const read = nested.get(`${index} ${pointer}`) as string;
    const subject = `${entry.crd.names.kind}.${entry.crd.group}/${entry.version.name}`;
    const name = claim(taken, `${read}Input`, [`${read}_Input`], `the input type of ${subject} ${pointer}`);
    if (name !== `${read}Input`) {
      diagnostics.push(diagnostic('info', 'type-renamed', `type named ${name}: ${read}Input is taken by ${taken.get(`${read}Input`) ?? 'another type'}`, {
        source: entry.crd.source, subject, schemaPath: pointer,
      }));
    }
    const target = out[index] as { inputName: string; inputTypes: Map<string, InputType> };
    if (pointer === '#') target.inputName = name;
    if (differs) target.inputTypes.set(pointer, { name, defaulted });
  }
  return out;
}
