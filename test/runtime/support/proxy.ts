// A loopback TCP proxy that can freeze: its open connections stop forwarding bytes in either
// direction but stay open (no FIN, no RST), as a stuck NAT or proxy leaves them. New connections
// after a freeze are forwarded normally.
import { createServer, connect, type Socket } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { kubeConfigYaml } from '../../../src/testing/index.js';

export interface FreezingProxy extends AsyncDisposable {
  readonly url: string;
  readonly kubeConfig: KubeConfig;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Stops forwarding on every open connection; returns how many were frozen. */
  freeze(): number;
  close(): Promise<void>;
}

export async function startFreezingProxy(upstreamPort: number): Promise<FreezingProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  const frozen: Socket[] = [];
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    const upstream = connect(upstreamPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(kubeConfigYaml(url));
  const close = async () => {
    for (const s of frozen) s.destroy();
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url,
    kubeConfig,
    get connections() {
      return connections;
    },
    freeze() {
      const all = [...pairs];
      for (const { client, upstream } of all) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        // Read nothing more from either side: bytes pile up in the kernel, nothing is forwarded.
        client.pause();
        upstream.pause();
        client.removeAllListeners('close');
        upstream.removeAllListeners('close');
        frozen.push(client, upstream);
        pairs.clear();
      }
      return all.length;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
