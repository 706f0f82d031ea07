/** Reading a request off the wire (bounded body), and the bounded log of requests tests inspect. */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { readBody } from './body.js';
import type { ApiRequest } from './http.js';
import { badRequest } from './status.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Query parameters, form-decoded (the last value when one repeats). */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** The body as text, cut at `requestLog.maxBodyBytes` (the cut is marked). */
  readonly body: string;
}

export interface RequestLogOptions {
  /** How many requests the log keeps; the oldest go first (default 1000; 0 keeps none). */
  readonly maxRequests?: number;
  /** How much of each body is kept, in bytes (default 64 KiB). */
  readonly maxBodyBytes?: number;
}

export const DEFAULT_REQUEST_LOG: Required<RequestLogOptions> = { maxRequests: 1000, maxBodyBytes: 64 * 1024 };

/**
 * Appends to `log` (the array tests read and clear), keeping at most `maxRequests` entries of at most
 * `maxBodyBytes` each, so a long-running server holds a bounded amount however much it is sent.
 */
export function recordRequest(log: RecordedRequest[], request: ApiRequest, options: Required<RequestLogOptions>): void {
  if (options.maxRequests <= 0) return;
  const cut = request.body.length > options.maxBodyBytes;
  const text = request.body.subarray(0, options.maxBodyBytes).toString('utf8');
  log.push({
    method: request.method,
    path: request.path,
    query: Object.fromEntries(request.query.entries()),
    headers: request.headers,
    body: cut ? `${text}... [${request.body.length - options.maxBodyBytes} more bytes not kept]` : text,
  });
  if (log.length > options.maxRequests) log.splice(0, log.length - options.maxRequests);
}

/** The request with its body (413 past `maxBodyBytes`, see readBody). */
export async function readRequest(req: IncomingMessage, maxBodyBytes: number): Promise<ApiRequest> {
  const head = requestHead(req);
  return { ...head, body: await readBody(req, maxBodyBytes) };
}

/** Method, path and query of a request, for answering before (or without) its body. */
function requestHead(req: IncomingMessage): ApiRequest {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    throw badRequest(`the request URI ${JSON.stringify(req.url)} could not be parsed`);
  }
  const rawPath = url.pathname;
  const segments = rawPath
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: rawPath,
    segments,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.alloc(0),
  };
}
