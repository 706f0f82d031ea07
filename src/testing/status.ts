/**
 * `Status` bodies shaped like kube-apiserver's (k8s.io/apimachinery/pkg/api/errors), and the error
 * the handlers throw to answer with one.
 */

export interface StatusCause {
  readonly reason?: string;
  readonly message: string;
  readonly field?: string;
}

interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly uid?: string;
  readonly causes?: readonly StatusCause[];
  readonly retryAfterSeconds?: number;
}

export interface StatusBody {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  /** Empty but for the continue token of a 410 on an expired continued list. */
  readonly metadata: { readonly continue?: string };
  readonly status: 'Failure' | 'Success';
  readonly message?: string;
  readonly reason?: string;
  readonly details?: StatusDetails;
  readonly code: number;
}

/** A resource as errors name it: `widgets.example.com` (core resources have no group). */
export interface QualifiedResource {
  readonly group: string;
  readonly resource: string;
}

/** A kind as validation errors name it: `Widget.example.com`. */
export interface QualifiedKind {
  readonly group: string;
  readonly kind: string;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The reason kube-apiserver gives for an HTTP status code (`Unknown` when it has none). */
export function reasonFor(code: number): string {
  return REASONS[code] ?? 'Unknown';
}

/** An error answered as a `Status` body with its HTTP code. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'StatusError';
  }

  toStatus(): StatusBody {
    return failureStatus(this.code, this.reason, this.message, this.details);
  }
}

function failureStatus(code: number, reason: string, message: string, details?: StatusDetails): StatusBody {
  // Go omits an empty reason (StatusReasonUnknown is "") and an empty group (core kinds).
  const body: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, ...(reason ? { reason } : {}), code };
  return details ? { ...body, details: details.group === '' ? withoutGroup(details) : details } : body;
}

function withoutGroup(details: StatusDetails): StatusDetails {
  const { group: _group, ...rest } = details;
  return rest;
}

export function successStatus(details: StatusDetails): StatusBody {
  const shown = details.group === '' ? withoutGroup(details) : details;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: shown, code: 200 };
}

function qualifiedResourceName(qr: QualifiedResource): string {
  return qr.group ? `${qr.resource}.${qr.group}` : qr.resource;
}

function resourceDetails(qr: QualifiedResource, name: string): StatusDetails {
  return { name, group: qr.group, kind: qr.resource };
}

export function notFound(qr: QualifiedResource, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResourceName(qr)} "${name}" not found`, resourceDetails(qr, name));
}

/** The answer for a path nothing is served at. */
export function pathNotFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function alreadyExists(qr: QualifiedResource, name: string): StatusError {
  const message = `${qualifiedResourceName(qr)} "${name}" already exists`;
  return new StatusError(409, 'AlreadyExists', message, resourceDetails(qr, name));
}

const MODIFIED_CONFLICT =
  'the object has been modified; please apply your changes to the latest version and try again';

export function conflict(qr: QualifiedResource, name: string, why: string = MODIFIED_CONFLICT): StatusError {
  const message = `Operation cannot be fulfilled on ${qualifiedResourceName(qr)} "${name}": ${why}`;
  return new StatusError(409, 'Conflict', message, resourceDetails(qr, name));
}

/** 422 Invalid: the message lists `field: message` for each cause, in brackets when there are several. */
export function invalid(qk: QualifiedKind, name: string, causes: readonly StatusCause[]): StatusError {
  const what = `${qk.group ? `${qk.kind}.${qk.group}` : qk.kind} "${name}" is invalid`;
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const message = parts.length === 0 ? what : parts.length === 1 ? `${what}: ${parts[0]}` : `${what}: [${parts.join(', ')}]`;
  return new StatusError(422, 'Invalid', message, { name, group: qk.group, kind: qk.kind, causes });
}

/** 403 as errors.NewForbidden words it (`configmaps "x" is forbidden: why`; no name: `configmaps is forbidden`). */
export function forbidden(qr: QualifiedResource, name: string, why: string, causes?: readonly StatusCause[]): StatusError {
  const what = name ? `${qualifiedResourceName(qr)} "${name}"` : qualifiedResourceName(qr);
  return new StatusError(403, 'Forbidden', `${what} is forbidden: ${why}`, { ...resourceDetails(qr, name), ...(causes ? { causes } : {}) });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function methodNotAllowed(): StatusError {
  return new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

const PATCH_MEDIA_TYPES_MESSAGE =
  'the body of the request was in an unknown format - accepted media types include: ' +
  'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';

export function unsupportedMediaType(message: string = PATCH_MEDIA_TYPES_MESSAGE): StatusError {
  return new StatusError(415, 'UnsupportedMediaType', message);
}

export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

/** The watch error for a resourceVersion older than the kept event history. */
export function expired(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}

/** A field error as kube's field.ErrorList renders it (`Required value`, `Invalid value: "x": why`). */
export function fieldCause(field: string, reason: FieldReason, detail?: string, value?: unknown): StatusCause {
  const body =
    reason === 'FieldValueRequired'
      ? 'Required value'
      : reason === 'FieldValueForbidden'
        ? 'Forbidden'
        : `Invalid value: ${renderValue(value)}`;
  return { reason, message: detail ? `${body}: ${detail}` : body, field };
}

type FieldReason = 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueForbidden';

function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return '""';
  if (typeof value === 'object' && value !== null) return '"object"';
  return String(value);
}
