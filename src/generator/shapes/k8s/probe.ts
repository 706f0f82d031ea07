import { int32, int64, intOrString, list, opt, ref, req, str, type WellKnownType } from './describe.js';

/** Probes and lifecycle hooks of containers (core/v1), in wire form. */
export const PROBE_TYPES: readonly WellKnownType[] = [
  {
    name: 'Probe',
    doc: 'A check run on a container to tell whether it is alive, ready or started (core/v1 Probe): exactly one action is set.',
    fields: {
      exec: opt(ref('ExecAction'), 'Run a command in the container; exit status 0 is success.'),
      httpGet: opt(ref('HTTPGetAction'), 'An HTTP GET request; a status from 200 to 399 is success.'),
      tcpSocket: opt(ref('TCPSocketAction'), 'Open a TCP connection.'),
      grpc: opt(ref('GRPCAction'), 'A gRPC health check.', '1.23'),
      initialDelaySeconds: opt(int32, 'Seconds after the container starts before the first probe.'),
      timeoutSeconds: opt(int32, 'Seconds after which a probe times out (1 when left out).'),
      periodSeconds: opt(int32, 'Seconds between probes (10 when left out).'),
      successThreshold: opt(int32, 'Successes in a row that count as success after a failure (1 when left out).'),
      failureThreshold: opt(int32, 'Failures in a row that count as failure (3 when left out).'),
      terminationGracePeriodSeconds: opt(int64, "Seconds the pod is given to stop after a failed probe, over the pod's own.", '1.21'),
    },
  },
  {
    name: 'ExecAction',
    doc: 'A command run in a container (core/v1 ExecAction), without a shell.',
    fields: {
      command: opt(list(str), 'The command and its arguments; run in `/` of the container.'),
    },
  },
  {
    name: 'HTTPGetAction',
    doc: 'An HTTP GET request to a container (core/v1 HTTPGetAction).',
    fields: {
      path: opt(str, 'The path requested.'),
      port: req(intOrString, 'The port, by number or by name.'),
      host: opt(str, "Host name to connect to; the pod's IP when left out."),
      scheme: opt(str, 'HTTP (the default) or HTTPS.'),
      httpHeaders: opt(list(ref('HTTPHeader')), 'Headers sent with the request.'),
    },
  },
  {
    name: 'HTTPHeader',
    doc: 'One HTTP header (core/v1 HTTPHeader).',
    // `{ name: string; value: string }` is every name-value pair (env, sysctls, extraArgs).
    onlyHeldBy: /header/i,
    fields: {
      name: req(str, 'Name of the header.'),
      value: req(str, 'Value of the header.'),
    },
  },
  {
    name: 'TCPSocketAction',
    doc: 'A TCP connection to a container (core/v1 TCPSocketAction).',
    fields: {
      port: req(intOrString, 'The port, by number or by name.'),
      host: opt(str, "Host name to connect to; the pod's IP when left out."),
    },
  },
  {
    name: 'GRPCAction',
    doc: 'A gRPC health check of a container (core/v1 GRPCAction).',
    fields: {
      port: req(int32, 'The port, 1 to 65535.'),
      service: opt(str, 'The service name sent in the health check request.'),
    },
  },
  {
    name: 'SleepAction',
    doc: 'A pause (core/v1 SleepAction).',
    fields: {
      seconds: req(int64, 'Seconds to sleep.'),
    },
  },
  {
    name: 'Lifecycle',
    doc: 'Actions the kubelet runs when a container starts and before it stops (core/v1 Lifecycle).',
    fields: {
      postStart: opt(ref('LifecycleHandler'), 'Runs right after the container is created; the container is restarted when it fails.'),
      preStop: opt(ref('LifecycleHandler'), 'Runs before the container is stopped by an API request or a management event.'),
      stopSignal: opt(str, 'The signal that stops the container (`SIGTERM`).', '1.33'),
    },
  },
  {
    name: 'LifecycleHandler',
    doc: 'One lifecycle action (core/v1 LifecycleHandler): exactly one is set.',
    fields: {
      exec: opt(ref('ExecAction'), 'Run a command in the container.'),
      httpGet: opt(ref('HTTPGetAction'), 'An HTTP GET request.'),
      tcpSocket: opt(ref('TCPSocketAction'), 'Deprecated and not run: kept for compatibility.'),
      sleep: opt(ref('SleepAction'), 'Wait for a while.', '1.29'),
    },
  },
];
