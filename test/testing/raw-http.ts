/** Raw HTTP for probing the test API server: node:http requests with any body, and bare sockets. */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { TestApiServer } from '../../src/testing/index.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: any;
}

export interface RawOptions {
  readonly headers?: Record<string, string>;
  /** The body: one buffer or string, or chunks written one after another (a large upload). */
  readonly body?: string | Buffer | Iterable<Buffer>;
}

/** Sends one request over a fresh connection and resolves with the answer, whatever its status. */
export function rawRequest(server: TestApiServer, method: string, path: string, options: RawOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let responded = false;
    const { body } = options;
    // node:http sends DELETE bodies without a length unless told one.
    const length = typeof body === 'string' || Buffer.isBuffer(body) ? { 'content-length': String(Buffer.byteLength(body)) } : {};
    const headers = { ...length, ...options.headers };
    const req = request(`${server.url}${path}`, { method, headers, agent: false }, (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const answer = { status: res.statusCode ?? 0, headers: res.headers, text, json };
        // An upload answered early goes on until it is sent; resolve once it is.
        if (req.writableFinished || req.destroyed) resolve(answer);
        else req.once('finish', () => resolve(answer)).once('close', () => resolve(answer));
      });
    });
    req.on('error', (error) => {
      if (!responded) reject(error);
    });
    void writeBody(req, options.body);
  });
}

async function writeBody(req: ReturnType<typeof request>, body: RawOptions['body']): Promise<void> {
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
    req.end(body);
    return;
  }
  for (const chunk of body) {
    if (req.destroyed) return;
    if (!req.write(chunk)) await new Promise((resolve) => req.once('drain', resolve).once('close', resolve));
  }
  req.end();
}

/**
 * Opens a socket to the server, writes `text` as is (for malformed HTTP) and resolves with what
 * came back once the connection closed; `hangUp` closes it right after writing.
 */
export function rawSocket(server: TestApiServer, text: string, options: { hangUp?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(server.port, '127.0.0.1', () => {
      socket.write(text);
      if (options.hangUp) socket.destroy();
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The server still answers (it did not crash or wedge). */
export async function healthy(server: TestApiServer): Promise<boolean> {
  const r = await rawRequest(server, 'GET', '/healthz');
  return r.status === 200 && r.text === 'ok';
}
