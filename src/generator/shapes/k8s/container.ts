import { bool, int32, list, opt, ref, req, str, type WellKnownType } from './describe.js';

/** A container of a pod (core/v1 Container) and what it holds, in wire form (probes: probe.ts; security: security.ts). */
export const CONTAINER_TYPES: readonly WellKnownType[] = [
  {
    name: 'Container',
    doc: 'A container of a pod (core/v1 Container): the image to run, how, and with what.',
    fields: {
      name: req(str, 'Name of the container, unique in the pod (a DNS label).'),
      image: opt(str, 'The image to run.'),
      command: opt(list(str), "The entrypoint; the image's ENTRYPOINT when left out. `$(VAR)` is expanded."),
      args: opt(list(str), "Arguments to the entrypoint; the image's CMD when left out. `$(VAR)` is expanded."),
      workingDir: opt(str, "The working directory; the image's when left out."),
      ports: opt(list(ref('ContainerPort')), 'Ports the container exposes (informational: any port the container listens on is reachable).'),
      envFrom: opt(list(ref('EnvFromSource')), 'Sources of environment variables (ConfigMaps, Secrets); env wins over them.'),
      env: opt(list(ref('EnvVar')), 'Environment variables.'),
      resources: opt(ref('ResourceRequirements'), 'Compute resources the container needs and may use.'),
      resizePolicy: opt(list(ref('ContainerResizePolicy')), 'How each resource may be resized in place.', '1.27'),
      restartPolicy: opt(str, 'Always for a sidecar (an init container that keeps running); otherwise the pod restart policy applies.', '1.28'),
      restartPolicyRules: opt(list(ref('ContainerRestartRule')), 'Rules on exit codes that decide whether the container is restarted.', '1.34'),
      volumeMounts: opt(list(ref('VolumeMount')), "Volumes of the pod mounted into the container's filesystem."),
      volumeDevices: opt(list(ref('VolumeDevice')), 'Block volumes of the pod the container uses as devices.'),
      livenessProbe: opt(ref('Probe'), 'Restarts the container when it fails.'),
      readinessProbe: opt(ref('Probe'), 'Takes the container out of service endpoints while it fails.'),
      startupProbe: opt(ref('Probe'), 'Holds the other probes until it succeeds once.'),
      lifecycle: opt(ref('Lifecycle'), 'Actions run after the container starts and before it stops.'),
      terminationMessagePath: opt(str, 'File the container writes its termination message to.'),
      terminationMessagePolicy: opt(str, 'File (the default) or FallbackToLogsOnError: where the termination message is read from.'),
      imagePullPolicy: opt(str, 'Always, Never or IfNotPresent.'),
      securityContext: opt(ref('SecurityContext'), 'Security options of the container, over those of the pod.'),
      stdin: opt(bool, 'Keep a stdin buffer open for the container.'),
      stdinOnce: opt(bool, 'Close stdin after the first client that attached detaches.'),
      tty: opt(bool, 'Allocate a TTY (with stdin).'),
    },
  },
  {
    name: 'ContainerPort',
    doc: 'A network port of a container (core/v1 ContainerPort).',
    fields: {
      name: opt(str, 'Name of the port, unique in the pod, for services to refer to (an IANA service name).'),
      hostPort: opt(int32, "Port on the node's IP the container port is exposed on; none when left out."),
      containerPort: req(int32, "Port on the pod's IP address, 1 to 65535."),
      protocol: opt(str, 'TCP (the default), UDP or SCTP.'),
      hostIP: opt(str, 'Host IP the host port is bound to.'),
    },
  },
  {
    name: 'EnvFromSource',
    doc: 'A ConfigMap or Secret whose every key becomes an environment variable (core/v1 EnvFromSource).',
    fields: {
      prefix: opt(str, 'A prefix put before every key.'),
      configMapRef: opt(ref('ConfigMapEnvSource'), 'The ConfigMap.'),
      secretRef: opt(ref('SecretEnvSource'), 'The Secret.'),
    },
  },
  {
    name: 'ConfigMapEnvSource',
    doc: 'A ConfigMap whose keys become environment variables (core/v1 ConfigMapEnvSource).',
    fields: {
      name: opt(str, 'Name of the ConfigMap.'),
      optional: opt(bool, 'Whether a missing ConfigMap is allowed.'),
    },
  },
  {
    name: 'SecretEnvSource',
    doc: 'A Secret whose keys become environment variables (core/v1 SecretEnvSource).',
    heldBy: /secret/i,
    fields: {
      name: opt(str, 'Name of the Secret.'),
      optional: opt(bool, 'Whether a missing Secret is allowed.'),
    },
  },
  {
    name: 'VolumeMount',
    doc: "A volume of the pod mounted into a container's filesystem (core/v1 VolumeMount).",
    fields: {
      name: req(str, 'Name of the volume in the pod.'),
      readOnly: opt(bool, 'Mount read-only.'),
      recursiveReadOnly: opt(str, 'Disabled, IfPossible or Enabled: whether a read-only mount is read-only in its submounts too.', '1.30'),
      mountPath: req(str, 'Path in the container to mount the volume at.'),
      subPath: opt(str, 'Path within the volume to mount instead of its root.'),
      mountPropagation: opt(str, 'None, HostToContainer or Bidirectional: how mounts propagate between host and container.'),
      subPathExpr: opt(str, 'Like subPath, with `$(VAR)` expanded from the environment.'),
    },
  },
  {
    name: 'VolumeDevice',
    doc: 'A block volume of the pod used by a container as a device (core/v1 VolumeDevice).',
    fields: {
      name: req(str, 'Name of the persistent volume claim in the pod.'),
      devicePath: req(str, 'Path of the device in the container.'),
    },
  },
  {
    name: 'ContainerResizePolicy',
    doc: 'How one resource of a container may be resized in place (core/v1 ContainerResizePolicy).',
    fields: {
      resourceName: req(str, 'The resource (`cpu`, `memory`).'),
      restartPolicy: req(str, 'NotRequired or RestartContainer.'),
    },
  },
  {
    name: 'ContainerRestartRule',
    doc: 'Whether a container is restarted when it exits, by exit code (core/v1 ContainerRestartRule).',
    fields: {
      action: req(str, 'What to do when the rule matches: Restart.'),
      exitCodes: opt(ref('ContainerRestartRuleOnExitCodes'), 'The exit codes the rule matches.'),
    },
  },
  {
    name: 'ContainerRestartRuleOnExitCodes',
    doc: 'Exit codes a restart rule matches (core/v1 ContainerRestartRuleOnExitCodes).',
    fields: {
      operator: req(str, 'In or NotIn: whether the exit code is among the values.'),
      values: opt(list(int32), 'The exit codes.'),
    },
  },
];
