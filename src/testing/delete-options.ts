/**
 * DeleteOptions from a DELETE request: the body (JSON or protobuf) and the query parameters
 * (`propagationPolicy`, `orphanDependents`, `dryRun`), checked as apimachinery's
 * ValidateDeleteOptions does (422 naming `DeleteOptions.meta.k8s.io ""`).
 */
import { checkObjectMediaType } from './body.js';
import { booleanParam, decodeBody, dryRunParam, header, type ApiRequest } from './http.js';
import { isObject, type JsonObject } from './json.js';
import type { DeleteOptions, PropagationPolicy } from './objects.js';
import { fieldCause, invalid, type StatusCause } from './status.js';

const POLICIES: readonly string[] = ['Foreground', 'Background', 'Orphan'];

export function deleteOptions(request: ApiRequest): DeleteOptions {
  if (request.body.length > 0) checkObjectMediaType(header(request, 'content-type'));
  const decoded = decodeBody(request);
  const body: JsonObject = isObject(decoded) ? decoded : {};
  const dryRun = dryRunParam(request.query) || (Array.isArray(body.dryRun) && body.dryRun.includes('All'));
  const policy = typeof body.propagationPolicy === 'string' ? body.propagationPolicy : request.query.get('propagationPolicy') ?? undefined;
  const orphan = typeof body.orphanDependents === 'boolean' ? body.orphanDependents : request.query.has('orphanDependents') ? booleanParam(request.query, 'orphanDependents') : undefined;
  const causes: StatusCause[] = [];
  if (orphan !== undefined && policy !== undefined) {
    causes.push(fieldCause('propagationPolicy', 'FieldValueInvalid', 'orphanDependents and deletionPropagation cannot be both set', policy));
  }
  if (policy !== undefined && !POLICIES.includes(policy)) {
    const supported = [...POLICIES, 'nil'].map((p) => JSON.stringify(p)).join(', ');
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(policy)}: supported values: ${supported}`, field: 'propagationPolicy' });
  }
  if (causes.length > 0) throw invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', causes);
  // The deprecated orphanDependents: true means Orphan, false means Background.
  const propagationPolicy = (policy ?? (orphan === undefined ? undefined : orphan ? 'Orphan' : 'Background')) as PropagationPolicy | undefined;
  const pre = isObject(body.preconditions) ? body.preconditions : undefined;
  return {
    dryRun,
    ...(propagationPolicy ? { propagationPolicy } : {}),
    ...(pre
      ? {
          preconditions: {
            ...(typeof pre.uid === 'string' ? { uid: pre.uid } : {}),
            ...(typeof pre.resourceVersion === 'string' ? { resourceVersion: pre.resourceVersion } : {}),
          },
        }
      : {}),
  };
}
