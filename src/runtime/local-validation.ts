// `validate: true` on a write: the body is checked by the kind's generated validator before it is
// sent, and refused with the ApiError the API server would answer (422 Invalid, same causes).
import { ApiError } from './errors.js';
import type { LocalValidator, ResourceDescriptor, Subresource } from './types.js';

type Body = { readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown }; readonly status?: unknown };

/**
 * The object the server validates for a write of `body`: the namespace of the request filled in,
 * and, on the main resource of a kind with a status subresource, the stored status (`old`'s, none
 * on a create): the server ignores the body's.
 */
function asServerSees(resource: ResourceDescriptor, body: Body, write: LocalWrite, old: unknown): Body {
  const { namespace, sub } = write;
  const metadata = namespace === undefined || body.metadata?.namespace !== undefined ? body.metadata : { ...body.metadata, namespace };
  const { status: _ignored, ...withoutStatus } = body;
  const stored = typeof old === 'object' && old !== null ? (old as Body).status : undefined;
  const seen = sub === undefined && resource.subresources.status ? (stored === undefined ? withoutStatus : { ...withoutStatus, status: stored }) : body;
  return metadata === undefined ? seen : { ...seen, metadata };
}

export interface LocalWrite {
  readonly body: unknown;
  readonly namespace: string | undefined;
  readonly sub?: Subresource | undefined;
  /** The patch type, for a patch (only an apply body is a whole object). */
  readonly patch?: string;
}

/**
 * Throws the 422 ApiError the server would answer for this write when `options.validate` is set
 * (with `{ old }`: as an update of that stored object; `everyWrite`: unless set to false, on every
 * whole-object write) and the validator finds problems; does nothing otherwise. Scale bodies (autoscaling/v1 Scale)
 * are the server's to check; a patch other than apply fails, having no whole object to check.
 */
export function validateLocally(
  validator: LocalValidator | undefined,
  resource: ResourceDescriptor,
  write: LocalWrite,
  options: { readonly validate?: boolean | { readonly old?: unknown } } | undefined,
  everyWrite = false,
): void {
  const validate = options?.validate ?? (everyWrite && (write.patch === undefined || write.patch === 'apply'));
  if (validate === false) return;
  if (validator === undefined) {
    throw new Error(`${resource.kind}: validate: true needs a client generated with validators (crdgen generate --validators)`);
  }
  if (write.patch !== undefined && write.patch !== 'apply') {
    throw new Error(`${resource.kind}: validate: true checks whole objects (create, replace, update, apply); a ${write.patch} patch is checked by the server only`);
  }
  if (write.sub === 'scale' || typeof write.body !== 'object' || write.body === null) return;
  const old = validate === true ? undefined : validate.old;
  const object = asServerSees(resource, write.body as Body, write, old);
  const causes = validator.validate(object, old === undefined ? {} : { old });
  if (causes.length === 0) return;
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  throw new ApiError({
    code: 422,
    reason: 'Invalid',
    message: validator.invalidMessage(object, causes),
    details: { name, group: resource.group, kind: resource.kind, causes: causes.map((c) => ({ reason: c.reason, message: c.message, field: c.field })) },
  });
}
