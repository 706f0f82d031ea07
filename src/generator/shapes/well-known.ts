import type { JsonSchema } from '../../kube/model.js';
import type { Project } from 'ts-morph';
import { declarationsLike } from './k8s/catalog.js';

/**
 * Kubernetes' own types (LabelSelector, Condition, Toleration, Affinity, ...) found in CRDs: a
 * named node whose structure is exactly one of them is typed by that type, declared once in
 * `<out>/k8s.ts`. "Exactly" means json-schema-to-typescript and our rules would give the node the
 * same TypeScript type (see k8s/signature.ts); the node's description stays on the property that
 * holds it. The types are described in k8s/ (written by us, in wire form: date-times are strings).
 */

export interface WellKnownContext {
  /**
   * The CRD keeps unknown fields (a legacy v1beta1 CRD that does not prune): every object is
   * typed with an index signature, so no node is exactly a Kubernetes type.
   */
  readonly keepsUnknownFields?: boolean;
  /**
   * Wire name of the property that holds the node (for array items and map values: the property
   * holding the array or map). Types of one structure (SecretKeySelector and
   * ConfigMapKeySelector) are told apart by it: `configMapKeyRef` is a ConfigMapKeySelector.
   */
  readonly property?: string;
}

/** The well-known type a named CRD node is exactly (raw schema node, as in the CRD), or undefined. */
export function matchWellKnown(node: JsonSchema, context: WellKnownContext = {}): string | undefined {
  if (context.keepsUnknownFields === true) return undefined;
  const property = context.property ?? '';
  const candidates = declarationsLike(node, (type) => type.onlyHeldBy?.test(property) ?? true);
  const chosen = candidates.find((d) => d.type.heldBy?.test(property) === true);
  return (chosen ?? candidates[0])?.name;
}

/**
 * Printed declarations of `<out>/k8s.ts`, each made once (see k8s/k8s-file.ts): a run can make
 * those of the types its units name while other units run.
 */
export interface DeclarationTexts {
  readonly made: Map<string, string>;
  /** Where k8s-file.ts prints them, made on first use. */
  project?: Project;
}

/**
 * Contents of `<out>/k8s.ts` declaring `names` (sorted, deduplicated, each returned by
 * matchWellKnown) and what they refer to, with the declarations `texts` has made. Typing loads
 * json-schema-to-typescript and ts-morph: only a run that uses a Kubernetes type pays for it here.
 */
export async function wellKnownFile(names: readonly string[], texts: DeclarationTexts = { made: new Map() }): Promise<string> {
  const { wellKnownText } = await import('./k8s/k8s-file.js');
  return wellKnownText(names, texts);
}

/** Makes into `texts` the declarations `<out>/k8s.ts` declaring `names` holds that it has not made yet. */
export async function makeWellKnown(names: readonly string[], texts: DeclarationTexts): Promise<void> {
  const { makeDeclarations } = await import('./k8s/k8s-file.js');
  await makeDeclarations(names, texts);
}
