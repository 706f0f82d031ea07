/**
 * The query parameters of list and watch, decoded and checked as kube-apiserver does
 * (k8s.io/apiserver pkg/endpoints/handlers/get.go listOpts): a value that does not convert is 400
 * with the conversion's message, a combination ValidateListOptions (k8s.io/apimachinery
 * pkg/apis/meta/internalversion/validation) refuses is 422 on `ListOptions.meta.k8s.io`.
 */
import { booleanParam } from './http.js';
import { badRequest, fieldCause, invalid, type StatusCause } from './status.js';

type ResourceVersionMatch = '' | 'Exact' | 'NotOlderThan';

export interface ListOptions {
  readonly watch: boolean;
  /** 0: no limit (kube-apiserver reads a negative limit as none too). */
  readonly limit: number;
  readonly continueToken: string;
  readonly resourceVersion: string;
  readonly resourceVersionMatch: ResourceVersionMatch;
  readonly timeoutSeconds: number | undefined;
  /** Undefined when the parameter is absent (the server then picks per resourceVersion). */
  readonly sendInitialEvents: boolean | undefined;
}

/** `strconv.ParseInt(s, 10, 64)`, with its error text. */
function parseInt64(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  const value = BigInt(text);
  if (value > 2n ** 63n - 1n || value < -(2n ** 63n)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`);
  return Number(value);
}

function optionalInt(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  return text === null ? undefined : parseInt64(text);
}

/** Decodes and validates the list or watch parameters of `query`. */
export function listOptions(query: URLSearchParams, watch: boolean): ListOptions {
  const options: ListOptions = {
    watch,
    limit: Math.max(0, optionalInt(query, 'limit') ?? 0),
    continueToken: query.get('continue') ?? '',
    resourceVersion: query.get('resourceVersion') ?? '',
    resourceVersionMatch: (query.get('resourceVersionMatch') ?? '') as ResourceVersionMatch,
    timeoutSeconds: optionalInt(query, 'timeoutSeconds'),
    sendInitialEvents: query.has('sendInitialEvents') ? booleanParam(query, 'sendInitialEvents') : undefined,
  };
  const causes = watch ? watchProblems(options) : listProblems(options);
  if (causes.length > 0) throw invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', causes);
  return options;
}

function forbiddenMatch(detail: string): StatusCause {
  return fieldCause('resourceVersionMatch', 'FieldValueForbidden', detail);
}

function notSupported(value: string, supported: readonly string[]): StatusCause {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return { reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${list}`, field: 'resourceVersionMatch' };
}

function listProblems(o: ListOptions): StatusCause[] {
  const causes: StatusCause[] = [];
  const match = o.resourceVersionMatch;
  if (match !== '') {
    if (o.resourceVersion === '') causes.push(forbiddenMatch('resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (o.continueToken !== '') causes.push(forbiddenMatch('resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan') causes.push(notSupported(match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && o.resourceVersion === '0') causes.push(forbiddenMatch('resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  }
  if (o.sendInitialEvents !== undefined) causes.push(fieldCause('sendInitialEvents', 'FieldValueForbidden', 'sendInitialEvents is forbidden for list'));
  return causes;
}

function watchProblems(o: ListOptions): StatusCause[] {
  const causes: StatusCause[] = [];
  const match = o.resourceVersionMatch;
  if (o.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
    causes.push(forbiddenMatch('sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
  }
  if (match !== '') {
    if (o.sendInitialEvents === undefined) causes.push(forbiddenMatch('resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
    if (match !== 'NotOlderThan') causes.push(notSupported(match, ['NotOlderThan']));
    if (o.continueToken !== '') causes.push(forbiddenMatch('resourceVersionMatch is forbidden when continue is provided'));
  }
  return causes;
}

/**
 * A resourceVersion as the storage layer parses it (`strconv.ParseUint`; "" and "0" are 0), or the
 * message of its error (`resourceVersion: Invalid value: "x": strconv.ParseUint: ...`).
 */
export function parseResourceVersion(text: string): number | string {
  if (text === '' || text === '0') return 0;
  const why = /^\d+$/.test(text) ? (BigInt(text) > 2n ** 64n - 1n ? 'value out of range' : undefined) : 'invalid syntax';
  if (why === undefined) return Number(text);
  return `resourceVersion: Invalid value: ${JSON.stringify(text)}: strconv.ParseUint: parsing ${JSON.stringify(text)}: ${why}`;
}
