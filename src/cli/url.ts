/**
 * CRDs from https (or http) URLs, e.g. a release asset. node:https rather than fetch, so that a
 * private CA can be trusted for this request alone: CRDGEN_CA_FILE names a PEM file whose
 * certificates are trusted beside the system's (NODE_EXTRA_CA_CERTS works too, process-wide).
 *
 * The network modules load when a URL is read: node:https and what it needs (tls, net, http) took
 * ~10 ms of CPU to load, in every run, also of those that read no URL.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { CliFailure } from './context.js';

export const isUrl = (input: string): boolean => /^https?:\/\//i.test(input);

interface UrlOptions {
  /** A PEM file of extra certificates to trust (CRDGEN_CA_FILE). */
  readonly caFile?: string | undefined;
  readonly timeoutMs?: number;
}

const MAX_BYTES = 64 * 1024 * 1024;
const MAX_REDIRECTS = 5;

/** The body of `url` as text; one clear line for a status, a network or a certificate problem. */
export async function readUrl(url: string, options: UrlOptions = {}): Promise<string> {
  let ca: string[] | undefined;
  if (options.caFile !== undefined) {
    try {
      ca = [...(await import('node:tls')).rootCertificates, readFileSync(options.caFile, 'utf8')];
    } catch (error) {
      throw new CliFailure(`CRDGEN_CA_FILE ${options.caFile}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const { get } = current.toLowerCase().startsWith('https:') ? await import('node:https') : await import('node:http');
    const response = await request(get, current, url, ca, options.timeoutMs ?? 30_000);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location !== undefined) {
      response.resume();
      current = new URL(location, current).href;
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new CliFailure(`${url}: ${status} ${response.statusMessage ?? ''}`.trimEnd() + ' (check the URL)');
    }
    return body(response, url);
  }
  throw new CliFailure(`${url}: more than ${MAX_REDIRECTS} redirects`);
}

function request(get: typeof import('node:https').get, url: string, shown: string, ca: string[] | undefined, timeoutMs: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = get(url, { ...(ca ? { ca } : {}), headers: { accept: 'application/yaml, application/json, text/plain, */*' } }, resolve);
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('no answer'), { code: `timed out after ${timeoutMs / 1000}s` })));
    req.on('error', (error: NodeJS.ErrnoException) => reject(new CliFailure(networkLine(shown, error))));
  });
}

function networkLine(url: string, error: NodeJS.ErrnoException): string {
  const code = error.code ?? error.message;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return `${url}: the server's certificate is not trusted (${code}); set CRDGEN_CA_FILE to the PEM file of its CA`;
  }
  return `${url}: cannot reach it: ${code}`;
}

function body(response: IncomingMessage, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BYTES) {
        response.destroy();
        reject(new CliFailure(`${url}: larger than ${MAX_BYTES / 1024 / 1024} MB; download it and pass the file`));
      } else chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', (error: NodeJS.ErrnoException) => reject(new CliFailure(networkLine(url, error))));
  });
}
