// One error type for everything the API server (or the network) refuses. Messages are built
// here from the Status body only: client-node's own messages carry headers and raw bodies.
import { STATUS_CODES } from 'node:http';
import { ApiException, type V1Status, type V1StatusDetails } from '@kubernetes/client-node';

// The runtime is copied into every generated output, so a program can hold several copies of
// this class; a registered symbol makes `instanceof` and the checks below work across them.
const BRAND = Symbol.for('crdgen.runtime.ApiError');

/** Reasons for status codes when the body is not a Status (401, proxies, ...); as apimachinery names them. */
const REASON_BY_CODE: { readonly [code: number]: string } = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** A reason in the API's style (one word) for a code without a Status body. */
function reasonFor(code: number): string {
  return REASON_BY_CODE[code] ?? STATUS_CODES[code]?.replace(/[^A-Za-z]/g, '') ?? 'Unknown';
}

export interface ApiErrorInit {
  /** HTTP status; 0 when no response arrived (connection refused, reset, DNS). */
  readonly code: number;
  readonly reason: string;
  readonly message: string;
  readonly details?: V1StatusDetails | undefined;
  readonly retryAfterSeconds?: number | undefined;
  readonly method?: string | undefined;
  readonly url?: string | undefined;
}

export class ApiError extends Error {
  readonly code: number;
  /** Status reason (`NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, ...) or `NetworkError`. */
  readonly reason: string;
  readonly details: V1StatusDetails | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly method: string | undefined;
  /** Request URL without credentials. */
  readonly url: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.reason = init.reason;
    this.details = init.details;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.method = init.method;
    this.url = init.url;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }
}

/** The request an error belongs to, recorded by the transport middleware. */
export interface RequestInfo {
  method?: string;
  url?: string;
}

/** Strips user:password from a URL; everything else (path, query) is kept for the reader. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '<unparsable url>';
  }
}

function parseStatus(body: unknown): Partial<V1Status> | undefined {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status') {
    return value as Partial<V1Status>;
  }
  return undefined;
}

function retryAfter(headers: { [key: string]: string } | undefined, status: Partial<V1Status> | undefined) {
  const header = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const seconds = header === undefined ? NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  return status?.details?.retryAfterSeconds;
}

/** Socket-level codes of Node, node-fetch (client-node 1.x) and undici (2.x): no usable response arrived. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND',
  'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_STREAM_PREMATURE_CLOSE']);

/** The code worth naming; the raw message is not used, it can hold the URL with credentials. */
function networkCode(e: unknown): string | undefined {
  for (const candidate of [e, (e as { cause?: unknown }).cause]) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function isNetworkFailure(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  // node-fetch wraps every transport error in FetchError; undici's fetch says "fetch failed" or "terminated".
  if (e.name === 'FetchError' || e.message === 'fetch failed' || e.message === 'terminated') return true;
  const code = networkCode(e);
  return code !== undefined && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR_'));
}

/**
 * Turns whatever client-node threw into an ApiError. Aborts are not errors of the server and are
 * returned unchanged, as are errors that are already ApiErrors.
 */
export function toApiError(e: unknown, request: RequestInfo): unknown {
  if (e instanceof ApiError) return e;
  const method = request.method;
  const url = request.url === undefined ? undefined : redactUrl(request.url);
  const where = `${method ?? 'request'} ${url ?? ''}`.trim();
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) return e;
  if (e instanceof ApiException) {
    const status = parseStatus(e.body);
    const reason = status?.reason || reasonFor(e.code);
    const message = status?.message || `${where}: HTTP ${e.code} ${reason}`;
    const headers = e.headers as { [key: string]: string } | undefined;
    return new ApiError({ code: e.code, reason, message, details: status?.details, method, url,
      retryAfterSeconds: retryAfter(headers, status) });
  }
  if (isNetworkFailure(e)) {
    const code = networkCode(e);
    return new ApiError({ code: 0, reason: 'NetworkError', method, url,
      message: `${where}: no response from the API server${code === undefined ? '' : ` (${code})`}` });
  }
  return e;
}

/** An error response whose body is a Status, for watch ERROR events (they carry a Status object). */
export function apiErrorFromStatus(status: Partial<V1Status>, request: RequestInfo): ApiError {
  const code = typeof status.code === 'number' ? status.code : 500;
  const reason = status.reason || reasonFor(code);
  const url = request.url === undefined ? undefined : redactUrl(request.url);
  const where = `${request.method ?? 'request'} ${url ?? ''}`.trim();
  return new ApiError({ code, reason, message: status.message || `${where}: HTTP ${code} ${reason}`,
    details: status.details, method: request.method, url });
}

function hasReason(e: unknown, ...reasons: string[]): boolean {
  return e instanceof ApiError && reasons.includes(e.reason);
}

export const isNotFound = (e: unknown): e is ApiError => hasReason(e, 'NotFound');
export const isAlreadyExists = (e: unknown): e is ApiError => hasReason(e, 'AlreadyExists');
/** A write lost a race (stale resourceVersion) or a delete precondition failed. */
export const isConflict = (e: unknown): e is ApiError => hasReason(e, 'Conflict');
export const isInvalid = (e: unknown): e is ApiError => hasReason(e, 'Invalid');
export const isForbidden = (e: unknown): e is ApiError => hasReason(e, 'Forbidden');
export const isUnauthorized = (e: unknown): e is ApiError => hasReason(e, 'Unauthorized');
/** 410: a resourceVersion or continue token too old to serve (`Expired` or `Gone`). */
export const isGone = (e: unknown): e is ApiError => hasReason(e, 'Gone', 'Expired');
export const isTooManyRequests = (e: unknown): e is ApiError => hasReason(e, 'TooManyRequests');
export const isNetworkError = (e: unknown): e is ApiError => hasReason(e, 'NetworkError');
