// Where the client's configuration comes from, in the order the Python original used.
import { KubeConfig } from '@kubernetes/client-node';
import type { ApiOptions } from './types.js';

export function loadKubeConfig(options: ApiOptions): KubeConfig {
  let kc = options.kubeConfig;
  if (kc === undefined) {
    kc = new KubeConfig();
    if (options.configFile !== undefined) kc.loadFromFile(options.configFile);
    else kc.loadFromDefault();
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
