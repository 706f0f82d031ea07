/**
 * `crdgen/testing`: an in-memory Kubernetes API server for custom resources over real HTTP, for
 * tests of code that talks to a cluster (client-node, kubectl, generated clients).
 */
export { startTestApiServer } from './server.js';
export type { RecordedRequest, TestApiServer, TestApiServerOptions } from './server.js';
export { Faults } from './faults.js';
export type { DelayOptions, FailOptions, RequestMatch, ResetOptions, WatchLimitOptions } from './faults.js';
export { kubeConfigYaml } from './kubeconfig.js';
