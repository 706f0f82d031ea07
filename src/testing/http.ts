/** The request and reply shapes the handlers work with, and body decoding. */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { checkObjectMediaType, depthError, nestingDepth, SERVER_MAX_DEPTH, undecodable } from './body.js';
import { isObject, type JsonObject } from './json.js';
import { decodeProtobuf, isProtobuf } from './protobuf.js';
import { badRequest } from './status.js';

export interface ApiRequest {
  readonly method: string;
  /** The raw path, without the query string. */
  readonly path: string;
  /** Path segments, each percent-decoded (`a%2Fb` is one segment `a/b`). */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface Reply {
  readonly code: number;
  readonly body: unknown;
  /** Defaults to `application/json`. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
}

/** What a handler returns: a reply to send, or `streaming` when it took over the response (watch). */
export type HandlerResult = Reply | 'streaming';

export function reply(code: number, body: unknown, headers?: Reply['headers']): Reply {
  return headers ? { code, body, headers } : { code, body };
}

export function header(request: ApiRequest, name: string): string {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/**
 * The body as JSON (or YAML when the Content-Type says so); undefined when empty. Nesting deeper
 * than Go's JSON decoder allows is 400 (`kind` names the expected kind in the message).
 */
export function decodeBody(request: ApiRequest, kind?: string): unknown {
  if (request.body.length === 0) return undefined;
  const text = request.body.toString('utf8');
  if (text.trim() === '') return undefined;
  const contentType = header(request, 'content-type').toLowerCase();
  if (isProtobuf(contentType)) return decodeProtobuf(request.body);
  const yaml = contentType.includes('yaml');
  const tooDeep = yaml ? undefined : depthError(text, request.body, kind);
  if (tooDeep) throw tooDeep;
  let decoded: unknown;
  try {
    decoded = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw badRequest(`the body of the request could not be decoded: ${why}`);
  }
  if (yaml && nestingDepth(decoded, SERVER_MAX_DEPTH) > SERVER_MAX_DEPTH) {
    throw undecodable(kind, `nested deeper than ${SERVER_MAX_DEPTH} levels, which the test API server does not accept`, request.body);
  }
  return decoded;
}

/** The body of a create or update as an object: 415 for a media type objects are not sent in, 400 when missing or not an object. */
export function decodeObjectBody(request: ApiRequest, kind?: string): JsonObject {
  checkObjectMediaType(header(request, 'content-type'));
  const body = decodeBody(request, kind);
  if (!isObject(body)) {
    throw badRequest(body === undefined ? 'the request body is empty; an object is required' : 'the request body must be a JSON object');
  }
  return body;
}

/** Sends a reply: JSON, or plain text for `text/*` string bodies. */
export function sendReply(response: ServerResponse, result: Reply): void {
  const raw = typeof result.body === 'string' && result.contentType?.startsWith('text/');
  const text = Buffer.isBuffer(result.body) ? result.body : raw ? String(result.body) : JSON.stringify(result.body);
  const headers: Record<string, string | string[]> = {
    'content-type': result.contentType ?? 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-cache, private',
  };
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = typeof value === 'string' ? value : [...value];
  response.writeHead(result.code, headers);
  response.end(text);
}

/** apimachinery's string-to-bool conversion: absent, `0` and `false` (any case) are false; anything else is true. */
export function booleanParam(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

export function dryRunParam(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const value of values) {
    if (value !== 'All') throw badRequest(`Invalid dry run argument: unsupported value "${value}", supported values: "All"`);
  }
  return values.length > 0;
}
