/**
 * Server-side apply requests (`application/apply-patch+yaml`) on the main endpoint, /status and
 * /scale, and the PatchOptions checks every PATCH gets first.
 */
import { namespaceOf, writeOptions, type ResourceTarget, type ServerContext } from './server-context.js';
import { booleanParam, decodeBody, type ApiRequest } from './http.js';
import { isObject, objectAt, type JsonObject } from './json.js';
import { isPrintable, scopeFor } from './managed-fields.js';
import type { UpdateTarget, WriteResult } from './objects.js';
import type { PatchType } from './patch.js';
import { typeKey } from './registry.js';
import { recordApply } from './ssa/fieldmanager.js';
import { StatusError, badRequest } from './status.js';

interface OptionCause {
  readonly reason: string;
  readonly message: string;
  readonly field: string;
}

/** ValidatePatchOptions: apply needs a fieldManager, only apply may say `force`, and the manager must be valid. */
export function checkPatchOptions(request: ApiRequest, type: PatchType): void {
  const q = request.query;
  const causes: OptionCause[] = [];
  if (type === 'apply' && !q.get('fieldManager')) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' });
  }
  if (type !== 'apply' && q.has('force')) {
    causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' });
  }
  throwInvalidOptions('PatchOptions', [...causes, ...fieldManagerCauses(q.get('fieldManager') ?? '')]);
}

/** ValidateCreateOptions / ValidateUpdateOptions: the fieldManager parameter, when given, must be valid. */
export function checkWriteParams(request: ApiRequest, kind: 'CreateOptions' | 'UpdateOptions'): void {
  throwInvalidOptions(kind, fieldManagerCauses(request.query.get('fieldManager') ?? ''));
}

/** ValidateFieldManager: at most 128 bytes, printable characters only. */
function fieldManagerCauses(manager: string): OptionCause[] {
  const causes: OptionCause[] = [];
  if (Buffer.byteLength(manager) > 128) {
    causes.push({ reason: 'FieldValueTooLong', message: 'Too long: may not be more than 128 bytes', field: 'fieldManager' });
  }
  let offset = 0;
  for (const char of manager) {
    if (!isPrintable(char)) {
      const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
      const why = `Invalid value: ${goQuote(manager)}: invalid character ${code} (at position ${offset})`;
      causes.push({ reason: 'FieldValueInvalid', message: why, field: 'fieldManager' });
    }
    offset += Buffer.byteLength(char);
  }
  return causes;
}

const GO_ESCAPES: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };

/** A string as Go's %q prints it (control characters as \xNN, other non-printables as \uNNNN). */
function goQuote(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (GO_ESCAPES[char]) out += GO_ESCAPES[char];
    else if (isPrintable(char)) out += char;
    else if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `"${out}"`;
}

function throwInvalidOptions(kind: string, causes: readonly OptionCause[]): void {
  if (causes.length === 0) return;
  const parts = causes.map((c) => `${c.field}: ${c.message}`);
  const what = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  throw new StatusError(422, 'Invalid', `${kind}.meta.k8s.io "" is invalid: ${what}`, { group: 'meta.k8s.io', kind, causes });
}

/** The applied configuration from the body, with the URL's name (400 when they differ). */
export function appliedConfig(request: ApiRequest, name: string): JsonObject {
  const body = decodeBody(request);
  if (!isObject(body)) throw badRequest('the applied configuration must be an object');
  const metadata = objectAt(body, 'metadata');
  if (typeof metadata.name === 'string' && metadata.name !== name) {
    throw badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
  }
  return { ...body, metadata: { ...metadata, name } };
}

interface ApplyResult extends WriteResult {
  readonly created: boolean;
}

/** Server-side apply on the main endpoint or /status: creates the object when missing (main endpoint only). */
export function serverSideApply(ctx: ServerContext, request: ApiRequest, target: ResourceTarget & { name: string }, into: UpdateTarget): ApplyResult {
  const { ref, name } = target;
  const namespace = namespaceOf(target);
  const manager = request.query.get('fieldManager') ?? '';
  const config = appliedConfig(request, name);
  const exists = ctx.store.get(typeKey(ref.type), namespace, name) !== undefined;
  if (!exists && into === 'status') ctx.objects.read(ref, namespace, name);
  const live = exists ? ctx.objects.read(ref, namespace, name) : undefined;
  const scope = scopeFor(ref, into === 'status' ? 'status' : undefined);
  const applied = recordApply(scope, live, config, manager, booleanParam(request.query, 'force'));
  const entries = objectAt(applied.object, 'metadata').managedFields;
  const options = {
    ...writeOptions(request),
    managedFields: Array.isArray(entries) ? entries.filter(isObject) : [],
    target: into,
    requireResourceVersion: false,
  };
  if (!exists) return { ...ctx.objects.create(ref, namespace, applied.object, options), created: true };
  return { ...ctx.objects.update(ref, namespace, name, applied.object, options), created: false };
}
