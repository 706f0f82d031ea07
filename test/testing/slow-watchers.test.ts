/**
 * Watch clients that stop reading do not grow the server without bound: as kube-apiserver's cacher
 * closes a watcher whose buffer is full (cacheWatcher.add: "Forcing ... watcher close due to
 * unresponsiveness"), the test API server ends a watch once its unread output passes
 * `watchBufferBytes` (default 1 MiB). Measured in-process over raw sockets.
 */
import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { GADGETS, startWithFixtures } from './helpers.js';
import { rawRequest } from './raw-http.js';

const WATCHERS = 20;
const WRITES = 300;
const BLOB = 100 * 1024;
const MIB = 1024 * 1024;

let server: TestApiServer;
beforeAll(async () => {
  server = await startWithFixtures();
});
afterAll(() => server.close());

/** Opens a watch on a bare socket and stops reading as soon as the response headers arrived. */
function stalledWatch(): Promise<{ socket: Socket; received: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(`GET ${GADGETS}?watch=true HTTP/1.1\r\nHost: test\r\n\r\n`);
    });
    socket.once('data', (chunk: Buffer) => {
      received.push(chunk);
      socket.pause();
      socket.on('data', (more: Buffer) => received.push(more));
      resolve({ socket, received });
    });
    socket.on('error', reject);
  });
}

/** Resumes reading and resolves once the chunked stream's terminator arrived. */
function readToEnd(watch: { socket: Socket; received: Buffer[] }): Promise<string> {
  const END = '\r\n0\r\n\r\n';
  return new Promise((resolve) => {
    // Only the last bytes can hold the terminator (it may span chunks): the whole text, megabytes
    // in 64 KiB chunks, is put together once at the end.
    const check = (): void => {
      let tail = '';
      for (let i = watch.received.length - 1; i >= 0 && tail.length < END.length; i--) tail = (watch.received[i] as Buffer).toString('latin1') + tail;
      if (tail.endsWith(END)) resolve(Buffer.concat(watch.received).toString('latin1'));
    };
    watch.socket.on('data', check);
    watch.socket.resume();
    check();
  });
}

// What the server holds, not garbage a collection has not reached yet (300 bodies of 100 KiB
// are garbage by the end; when V8 collects them depends on the machine's load and on the other
// files sharing this worker): a full collection runs before each reading.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heapMiB(): number {
  collect();
  collect();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / MIB;
}

it(`ends ${WATCHERS} watchers that never read while ${WRITES} writes of ${BLOB / 1024} KiB go by, and stays bounded`, async () => {
  const create = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'blob' }, spec: { blob: '' } };
  expect((await rawRequest(server, 'POST', GADGETS, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(create) })).status).toBe(201);
  const watches = await Promise.all(Array.from({ length: WATCHERS }, stalledWatch));
  const before = heapMiB();
  for (let i = 0; i < WRITES; i++) {
    const patch = JSON.stringify({ spec: { blob: String(i % 10).repeat(BLOB) } });
    const r = await rawRequest(server, 'PATCH', `${GADGETS}/blob`, { headers: { 'content-type': 'application/merge-patch+json' }, body: patch });
    expect(r.status).toBe(200);
  }
  const after = heapMiB();
  const unbounded = (WATCHERS * WRITES * BLOB) / MIB;
  console.log(
    `${WATCHERS} stalled watchers, ${WRITES} writes: heap+external ${before.toFixed(0)} -> ${after.toFixed(0)} MiB ` +
      `(+${(after - before).toFixed(0)}; holding every event would be +${unbounded.toFixed(0)})`,
  );
  expect(after - before).toBeLessThan(unbounded / 4);
  const streams = await Promise.all(watches.map(readToEnd));
  for (const [i, text] of streams.entries()) {
    const events = text.split('\n').filter((line) => line.startsWith('{"type"')).length;
    // The stream ended cleanly (chunked terminator) long before it carried every write.
    expect([i, events < WRITES]).toEqual([i, true]);
    watches[i]?.socket.destroy();
  }
}, 600_000);
