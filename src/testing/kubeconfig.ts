/** A kubeconfig that points kubectl or client-node at the test server. */
import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';

const KUBECONFIG_NAME = 'crdgen-test';

/**
 * One cluster, user and context, all named `crdgen-test`, namespace `default`. The cluster is plain
 * http, so `insecure-skip-tls-verify: true` is set: client-node refuses http:// without it.
 */
export function kubeConfigYaml(url: string, token?: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: KUBECONFIG_NAME, cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: KUBECONFIG_NAME, user: token ? { token } : {} }],
    contexts: [{ name: KUBECONFIG_NAME, context: { cluster: KUBECONFIG_NAME, user: KUBECONFIG_NAME, namespace: 'default' } }],
    'current-context': KUBECONFIG_NAME,
    preferences: {},
  });
}

export function kubeConfigFor(url: string, token?: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromString(kubeConfigYaml(url, token));
  return config;
}
