// Where the client's configuration comes from, in the order the Python original used.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { ApiOptions } from './types.js';

/**
 * Said when there is nothing to load, in the CLI's words. Without it client-node falls back to
 * http://localhost:8080 and every call fails with "HTTP protocol is not allowed when skipTLSVerify
 * is not set or false", which does not say what is missing.
 */
const NO_KUBECONFIG = 'no kubeconfig: pass configFile or kubeConfig, set KUBECONFIG, or create ~/.kube/config';

/** Throws NO_KUBECONFIG when loadFromDefault would find neither a file nor an in-cluster service account. */
function requireDefaultConfig(env: NodeJS.ProcessEnv = process.env): void {
  // Bracket access: generated code is checked under noPropertyAccessFromIndexSignature.
  const kubeconfig = env['KUBECONFIG'];
  if (kubeconfig !== undefined && kubeconfig !== '') return;
  if (existsSync(join(env['HOME'] || homedir(), '.kube', 'config'))) return;
  if (env['KUBERNETES_SERVICE_HOST'] !== undefined && env['KUBERNETES_SERVICE_PORT'] !== undefined) return;
  throw new Error(NO_KUBECONFIG);
}

export function loadKubeConfig(options: ApiOptions): KubeConfig {
  let kc = options.kubeConfig;
  if (kc === undefined) {
    kc = new KubeConfig();
    if (options.configFile !== undefined) {
      if (!existsSync(options.configFile)) throw new Error(`configFile ${options.configFile}: no such kubeconfig file`);
      kc.loadFromFile(options.configFile);
    } else {
      requireDefaultConfig();
      kc.loadFromDefault();
    }
  } else if (options.context !== undefined) {
    // A copy, so switching context here does not change the caller's object under its feet.
    const copy = new KubeConfig();
    copy.loadFromOptions({ clusters: kc.clusters, users: kc.users, contexts: kc.contexts, currentContext: kc.currentContext });
    kc = copy;
  }
  if (options.context !== undefined) {
    if (kc.getContextObject(options.context) === null) {
      const known = kc.getContexts().map((c) => c.name).join(', ') || 'none';
      throw new Error(`Context "${options.context}" is not in the kubeconfig (contexts: ${known})`);
    }
    kc.setCurrentContext(options.context);
  }
  return kc;
}

export function resolveNamespace(kc: KubeConfig, option: string | undefined): string {
  if (option !== undefined && option !== '') return option;
  return kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
}
