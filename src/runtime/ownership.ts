// ownerReference: the link from a dependent to the object that owns it. With controller: true the
// owner's controller is the one that reconciles the dependent (Controller's `owns` follows it), and
// the garbage collector deletes the dependent with its owner.
import type { V1OwnerReference } from '@kubernetes/client-node';

/** What an owner must have: a stored object (its uid) of a known kind. */
export interface OwnerLike {
  readonly apiVersion?: string | undefined;
  readonly kind?: string | undefined;
  readonly metadata?: { readonly name?: string | undefined; readonly uid?: string | undefined } | undefined;
}

export interface OwnerReferenceOptions {
  /** This owner's controller manages the dependent (at most one reference may say so). */
  readonly controller?: boolean;
  /** Foreground deletion of the owner waits for the dependent to go first. */
  readonly blockOwnerDeletion?: boolean;
}

export function ownerReference(owner: OwnerLike, options: OwnerReferenceOptions = {}): V1OwnerReference {
  const { apiVersion, kind } = owner;
  const name = owner.metadata?.name;
  const uid = owner.metadata?.uid;
  const missing = [['apiVersion', apiVersion], ['kind', kind], ['metadata.name', name], ['metadata.uid', uid]]
    .filter(([, v]) => typeof v !== 'string' || v === '').map(([k]) => k);
  if (missing.length > 0) {
    throw new Error(`ownerReference: the owner has no ${missing.join(', ')} (use the object as the server returned it)`);
  }
  const ref: V1OwnerReference = { apiVersion: apiVersion!, kind: kind!, name: name!, uid: uid! };
  if (options.controller !== undefined) ref.controller = options.controller;
  if (options.blockOwnerDeletion !== undefined) ref.blockOwnerDeletion = options.blockOwnerDeletion;
  return ref;
}
