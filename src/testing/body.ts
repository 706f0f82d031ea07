/**
 * What the server accepts as a request body, as kube-apiserver bounds it: at most
 * `maxRequestBodyBytes` (k8s.io/apiserver's server.Config default is 3 MiB, twice etcd's 1.5 MiB
 * object limit; more is 413), in a media type it can decode (else 415), nested no deeper than its JSON
 * decoder allows (10 000 levels, as Go's encoding/json and apimachinery's util/json; deeper is 400;
 * this server stops at 1000, see SERVER_MAX_DEPTH).
 */
import type { IncomingMessage } from 'node:http';
import { StatusError, unsupportedMediaType } from './status.js';

/** k8s.io/apiserver pkg/server/config.go: MaxRequestBodyBytes 3 * 1024 * 1024. */
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** Go's encoding/json maxNestingDepth, which apimachinery's decoders inherit. */
const MAX_JSON_DEPTH = 10_000;

/**
 * This server's own bound, below Go's: its object handling recurses, and a stack overflow must
 * not become a 500. No real schema nests anywhere near this deep.
 */
export const SERVER_MAX_DEPTH = 1000;

/** The media types kube-apiserver decodes object bodies from (the order its 415 message lists them). */
const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'] as const;

/** `Request entity too large: limit is N` (errors.NewRequestEntityTooLargeError). */
function entityTooLarge(limit: number): StatusError {
  return new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
}

/**
 * Reads the body, holding at most `limit` bytes. Past the limit it keeps reading without holding
 * anything and rejects with 413 once the upload has ended, so the client always gets the answer
 * (a connection closed under a client still sending could lose it) and the connection stays usable.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length']);
    let over = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        over = true;
        chunks.length = 0;
      }
    });
    req.on('end', () => (over ? reject(entityTooLarge(limit)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/**
 * 415 unless `contentType` names a type object bodies can be sent in; an absent Content-Type is
 * JSON, as kube-apiserver takes its first supported type. Parameters (`; charset=utf-8`) are ignored.
 */
export function checkObjectMediaType(contentType: string): void {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '' || (OBJECT_MEDIA_TYPES as readonly string[]).includes(type)) return;
  throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${OBJECT_MEDIA_TYPES.join(', ')}`);
}

/**
 * How deeply `value` nests (a scalar is 0, `{}` is 1), counted without recursion so that a hostile
 * body cannot overflow the stack here; stops counting past `limit`. For bodies parsed from YAML.
 */
export function nestingDepth(value: unknown, limit: number = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const pending: Array<readonly [unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() ?? [undefined, 0];
    if (typeof current !== 'object' || current === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const inner of Object.values(current)) pending.push([inner, level]);
  }
  return deepest;
}

/**
 * The bracket at which JSON `text` nests deeper than Go's decoder allows, found before parsing (one
 * pass, strings skipped); undefined when it stays within the limit.
 */
function excessBracket(text: string, limit: number = MAX_JSON_DEPTH): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      depth++;
      if (depth > limit) return ch;
    } else if (ch === '}' || ch === ']') depth--;
  }
  return undefined;
}

/** 400 for a JSON body nested deeper than Go's decoder or this server allows; undefined when it is not. */
export function depthError(text: string, body: Buffer, kind: string | undefined): StatusError | undefined {
  if (excessBracket(text, SERVER_MAX_DEPTH) === undefined) return undefined;
  const bracket = excessBracket(text, MAX_JSON_DEPTH);
  if (bracket) return undecodable(kind, `invalid character '${bracket}' exceeded max depth`, body);
  return undecodable(kind, `nested deeper than ${SERVER_MAX_DEPTH} levels, which the test API server does not accept`, body);
}

/**
 * 400 as kube-apiserver's create and update handlers word an undecodable body
 * (transformDecodeError: the kind, Go's decoder error, the first 30 bytes).
 */
export function undecodable(kind: string | undefined, why: string, body: Buffer): StatusError {
  const head = body.subarray(0, 30);
  const summary = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  const what = kind ? ` (must be of type ${kind})` : '';
  return new StatusError(400, 'BadRequest', `the object provided is unrecognized${what}: ${why} (${summary}${body.length > 30 ? ' ...' : ''})`);
}
