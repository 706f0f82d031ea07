import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { formatDiagnostic, hasErrors } from '../../generator/diagnostics.js';
import { CliFailure, ExitCode, type CliContext } from '../context.js';
import { readInputs } from '../io.js';
import type { CommandRun } from '../main.js';

interface TestServerOptions {
  /** CRD files or folders (folders are read recursively: *.yaml, *.yml, *.json). */
  readonly inputs: readonly string[];
  readonly port: number;
  /** Where to write a kubeconfig for the server (mode 0600). */
  readonly kubeconfigOut?: string;
  readonly token?: string;
}

export function registerTestServer(cli: Argv, ctx: CliContext, run: CommandRun): Argv {
  return cli.command(
    'test-server [crds..]',
    'Run the in-memory test API server (kubectl and client-node work against it) until Ctrl-C',
    (y) =>
      y
        .positional('crds', { type: 'string', array: true, describe: 'CRD files or folders to serve from the start' })
        .option('port', { type: 'number', default: 0, describe: 'Port on 127.0.0.1 (0 picks a free one)' })
        .option('kubeconfig-out', { type: 'string', describe: 'Write a kubeconfig pointing at the server to this file' })
        .option('token', { type: 'string', describe: 'Require this bearer token (kubectl sends none over http)' }),
    async (args) => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const options: TestServerOptions = {
          inputs: args.crds ?? [],
          port: args.port,
          ...(args['kubeconfig-out'] !== undefined ? { kubeconfigOut: args['kubeconfig-out'] } : {}),
          ...(args.token !== undefined ? { token: args.token } : {}),
        };
        run.exitCode = await runTestServer(options, ctx, controller.signal);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    },
  );
}

/** Starts the server, prints its URL, serves until `signal` aborts, then closes it. */
export async function runTestServer(options: TestServerOptions, ctx: CliContext, signal: AbortSignal): Promise<number> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new CliFailure(`--port must be an integer from 0 to 65535, got ${String(options.port)}`, ExitCode.usage);
  }
  if (options.kubeconfigOut === '') throw new CliFailure('--kubeconfig-out needs a file name', ExitCode.usage);
  const files = await readInputs(options.inputs, ctx);
  const { parse } = await import('../../generator/parse/parse.js');
  const { documents, diagnostics } = parse(files);
  for (const d of diagnostics) ctx.stderr(`${formatDiagnostic(d)}\n`);
  if (hasErrors(diagnostics)) throw new CliFailure('the CRD inputs have errors (see above); the server was not started');
  // Imported here: the server loads @kubernetes/client-node, which no other command should pay for.
  (await import('../client-node.js')).requireUsableClientNode();
  const { startTestApiServer } = await import('../../testing/index.js');
  let server;
  try {
    server = await startTestApiServer({ port: options.port, ...(options.token !== undefined ? { token: options.token } : {}) });
  } catch (error) {
    throw new CliFailure(error instanceof Error ? error.message : String(error));
  }
  // Each CRD is registered as `kubectl apply` would: one the API server refuses (an invalid label,
  // say) is reported and left out, and the others are served.
  let registered = 0;
  for (const doc of documents) {
    try {
      for (const warning of server.addCrd(doc.raw)) ctx.stderr(`${doc.source.file}:${doc.source.line}: warning: ${warning}\n`);
      registered++;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      ctx.stderr(`${doc.source.file}:${doc.source.line}: warning: not registered, the API server refuses it: ${message}\n`);
    }
  }
  if (documents.length > 0 && registered === 0) {
    await server.close();
    throw new CliFailure('none of the CRDs could be registered (see above); the server was not started');
  }
  try {
    if (options.kubeconfigOut !== undefined) {
      await writeFile(resolve(ctx.cwd, options.kubeconfigOut), server.kubeConfigYaml, { mode: 0o600 });
    }
    ctx.stdout(`crdgen test-server listening on ${server.url}\n`);
    if (options.kubeconfigOut !== undefined) {
      ctx.stderr(`kubeconfig written to ${options.kubeconfigOut} (kubectl --kubeconfig ${options.kubeconfigOut} get crds)\n`);
    }
    if (!signal.aborted) await new Promise((done) => signal.addEventListener('abort', done, { once: true }));
  } finally {
    await server.close();
  }
  ctx.stderr('crdgen test-server stopped\n');
  return ExitCode.ok;
}
