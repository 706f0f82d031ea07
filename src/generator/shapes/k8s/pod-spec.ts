import { CONTAINER_TYPES } from './container.js';
import { between, bool, embeddedMeta, int32, int64, list, map, opt, quantity, ref, req, requiredFrom, str, type WellKnownType } from './describe.js';

const container = CONTAINER_TYPES.find((t) => t.name === 'Container') as WellKnownType;

/** A pod (core/v1 PodSpec and PodTemplateSpec) and what it holds besides containers and volumes, in wire form. */
export const POD_SPEC_TYPES: readonly WellKnownType[] = [
  {
    name: 'PodTemplateSpec',
    doc: 'The pods a workload makes (core/v1 PodTemplateSpec): their metadata and spec.',
    fields: {
      metadata: opt(embeddedMeta, 'Labels and annotations of the pods made from the template.'),
      spec: opt(ref('PodSpec'), 'The spec of the pods.'),
    },
  },
  {
    name: 'PodSpec',
    doc: 'What a pod runs and how (core/v1 PodSpec): its containers and volumes, where it is scheduled, its identity and security.',
    fields: {
      volumes: opt(list(ref('Volume')), 'Volumes the containers of the pod can mount.'),
      initContainers: opt(list(ref('Container')), 'Containers run in order before the app containers start; each must succeed (sidecars: restartPolicy Always keep running).'),
      containers: req(list(ref('Container')), 'The app containers; at least one.'),
      ephemeralContainers: opt(list(ref('EphemeralContainer')), 'Containers added to a running pod to debug it (through the ephemeralcontainers subresource).'),
      restartPolicy: opt(str, 'Always (the default), OnFailure or Never: whether containers are restarted when they exit.'),
      terminationGracePeriodSeconds: opt(int64, 'Seconds the pod is given to stop after SIGTERM before it is killed (30 when left out).'),
      activeDeadlineSeconds: opt(int64, 'Seconds the pod may be active, from its start, before the kubelet fails it.'),
      dnsPolicy: opt(str, 'ClusterFirst (the default), ClusterFirstWithHostNet, Default or None: where the DNS settings of the pod come from.'),
      nodeSelector: opt(map(str), 'Labels a node must have for the pod to be scheduled on it.'),
      serviceAccountName: opt(str, 'The service account the pod runs as.'),
      serviceAccount: opt(str, 'Deprecated alias of serviceAccountName.'),
      automountServiceAccountToken: opt(bool, "Whether a token of the service account is mounted; the service account's setting when left out."),
      nodeName: opt(str, 'The node the pod is bound to; set by the scheduler, or by hand to bypass it.'),
      hostNetwork: opt(bool, "Use the node's network namespace."),
      hostPID: opt(bool, "Use the node's process ID namespace."),
      hostIPC: opt(bool, "Use the node's IPC namespace."),
      shareProcessNamespace: opt(bool, 'One process namespace for all containers of the pod.'),
      securityContext: opt(ref('PodSecurityContext'), 'Security options of every container of the pod.'),
      imagePullSecrets: opt(list(ref('LocalObjectReference')), 'Secrets, in the namespace of the pod, with credentials to pull the images.'),
      hostname: opt(str, 'Host name of the pod; the system-defined one when left out.'),
      subdomain: opt(str, 'With hostname: the pod\'s FQDN is `<hostname>.<subdomain>.<namespace>.svc.<cluster domain>`.'),
      affinity: opt(ref('Affinity'), 'Scheduling constraints: nodes, and pods to be near or away from.'),
      schedulerName: opt(str, 'The scheduler that schedules the pod (`default-scheduler` when left out).'),
      tolerations: opt(list(ref('Toleration')), 'Taints of nodes the pod tolerates.'),
      hostAliases: opt(list(ref('HostAlias')), "Entries added to the pod's /etc/hosts."),
      priorityClassName: opt(str, 'The PriorityClass of the pod, which gives its priority.'),
      priority: opt(int32, 'The priority, set from priorityClassName by the admission controller.'),
      dnsConfig: opt(ref('PodDNSConfig'), 'DNS settings merged into the ones dnsPolicy gives.'),
      readinessGates: opt(list(ref('PodReadinessGate')), 'Conditions of the pod that must be True, besides its containers being ready, for it to be ready.'),
      runtimeClassName: opt(str, 'The RuntimeClass that runs the pod.'),
      enableServiceLinks: opt(bool, 'Whether services are exposed as environment variables in Docker link style (true when left out).'),
      preemptionPolicy: opt(str, 'PreemptLowerPriority (the default) or Never: whether the pod may preempt pods of lower priority.'),
      overhead: opt(map(quantity), 'Resources the pod uses on top of its containers, set from its RuntimeClass by the admission controller.'),
      topologySpreadConstraints: opt(list(ref('TopologySpreadConstraint')), 'How pods of a group are spread across topology domains (zones, nodes).'),
      setHostnameAsFQDN: opt(bool, "Set the pod's FQDN as the host name of its kernel.", '1.19'),
      os: opt(ref('PodOS'), 'The operating system of the containers, for validation and scheduling.', '1.23'),
      hostUsers: opt(bool, "Use the node's user namespace (true when left out); false gives the pod a user namespace of its own.", '1.25'),
      schedulingGates: opt(list(ref('PodSchedulingGate')), 'Gates that hold the pod back from scheduling while any is left.', '1.26'),
      resourceClaims: opt(list(ref('PodResourceClaim')), 'Resource claims (dynamic resource allocation) the containers of the pod may use.', '1.26'),
      resources: opt(ref('ResourceRequirements'), 'Compute resources of the whole pod, shared by its containers.', '1.32'),
      hostnameOverride: opt(str, "The host name of the pod, overriding hostname and subdomain (also the kernel's).", '1.34'),
      workloadRef: between(ref('WorkloadReference'), 'The Workload and pod group the pod belongs to, for group scheduling.', '1.35', '1.36'),
      schedulingGroup: opt(ref('PodSchedulingGroup'), 'The scheduling group the pod belongs to, for group scheduling.', '1.36'),
    },
  },
  {
    name: 'EphemeralContainer',
    doc: 'A container added to a running pod to debug it (core/v1 EphemeralContainer): the fields of a container (ports, probes, resources and lifecycle are not allowed), and the container whose namespaces it joins.',
    fields: {
      ...container.fields,
      targetContainerName: opt(str, 'The container whose process namespace (and others) this one joins; the pod\'s when left out.'),
    },
  },
  {
    name: 'PodSecurityContext',
    doc: "Security options of a pod (core/v1 PodSecurityContext): they apply to every container; a container's own security context wins where it sets the same option.",
    fields: {
      seLinuxOptions: opt(ref('SELinuxOptions'), 'The SELinux context of the containers.'),
      windowsOptions: opt(ref('WindowsSecurityContextOptions'), 'Options on Windows.'),
      runAsUser: opt(int64, 'The UID the entrypoints run as.'),
      runAsGroup: opt(int64, 'The GID the entrypoints run as.'),
      runAsNonRoot: opt(bool, 'Refuse to start a container that would run as UID 0.'),
      supplementalGroups: opt(list(int64), "Groups added to each container's first process, besides its primary GID."),
      supplementalGroupsPolicy: opt(str, 'Merge (the default) or Strict: whether groups of the image are added to supplementalGroups.', '1.31'),
      fsGroup: opt(int64, 'A group that owns the volumes (and new files in them) and is added to every container.'),
      sysctls: opt(list(ref('Sysctl')), 'Namespaced kernel parameters set for the pod.'),
      fsGroupChangePolicy: opt(str, 'OnRootMismatch or Always (the default): when the ownership of a volume is changed to fsGroup.'),
      seccompProfile: opt(ref('SeccompProfile'), 'The seccomp profile of the containers.', '1.19'),
      appArmorProfile: opt(ref('AppArmorProfile'), 'The AppArmor profile of the containers.', '1.30'),
      seLinuxChangePolicy: opt(str, 'MountOption or Recursive: how the SELinux label of a volume is applied.', '1.32'),
    },
  },
  {
    name: 'Sysctl',
    doc: 'A kernel parameter set for a pod (core/v1 Sysctl).',
    onlyHeldBy: /^sysctls$/,
    fields: {
      name: req(str, 'Name of the parameter (`net.core.somaxconn`).'),
      value: req(str, 'Its value.'),
    },
  },
  {
    name: 'HostAlias',
    doc: "An entry of a pod's /etc/hosts (core/v1 HostAlias).",
    fields: {
      ip: requiredFrom(str, 'The IP address.', '1.31'),
      hostnames: opt(list(str), 'Host names of the address.'),
    },
  },
  {
    name: 'PodDNSConfig',
    doc: "DNS settings of a pod (core/v1 PodDNSConfig), merged into the ones its dnsPolicy gives.",
    fields: {
      nameservers: opt(list(str), 'IP addresses of DNS servers, added to those of the policy.'),
      searches: opt(list(str), 'Search domains, added to those of the policy.'),
      options: opt(list(ref('PodDNSConfigOption')), 'Resolver options; one given here replaces the policy\'s of that name.'),
    },
  },
  {
    name: 'PodDNSConfigOption',
    doc: 'A resolver option of a pod (core/v1 PodDNSConfigOption).',
    onlyHeldBy: /^options$/,
    fields: {
      name: opt(str, 'Name of the option (`ndots`).'),
      value: opt(str, 'Its value, if it takes one.'),
    },
  },
  {
    name: 'PodReadinessGate',
    doc: 'A condition of a pod that must be True for it to be ready (core/v1 PodReadinessGate).',
    onlyHeldBy: /^readinessGates$/,
    fields: {
      conditionType: req(str, 'The type of the condition in the pod\'s status.conditions.'),
    },
  },
  {
    name: 'TopologySpreadConstraint',
    doc: 'How the pods matching a selector are spread across the domains of a topology key (core/v1 TopologySpreadConstraint).',
    fields: {
      maxSkew: req(int32, 'The most the number of matching pods may differ between two domains (at least 1).'),
      topologyKey: req(str, 'The node label whose values are the domains (`topology.kubernetes.io/zone`).'),
      whenUnsatisfiable: req(str, 'DoNotSchedule or ScheduleAnyway: what the scheduler does when the constraint cannot be met.'),
      labelSelector: opt(ref('LabelSelector'), 'The pods counted in each domain.'),
      minDomains: opt(int32, 'The least number of eligible domains; fewer count as a global minimum of 0 (with DoNotSchedule).', '1.24'),
      nodeAffinityPolicy: opt(str, "Honor (the default) or Ignore: whether the pod's node affinity and node selector decide which nodes count.", '1.25'),
      nodeTaintsPolicy: opt(str, 'Honor or Ignore (the default): whether node taints decide which nodes count.', '1.25'),
      matchLabelKeys: opt(list(str), 'Label keys whose values are taken from the incoming pod and ANDed into labelSelector.', '1.25'),
    },
  },
  {
    name: 'PodOS',
    doc: 'The operating system of the containers of a pod (core/v1 PodOS).',
    onlyHeldBy: /^os$/,
    fields: {
      name: req(str, 'linux or windows.'),
    },
  },
  {
    name: 'PodSchedulingGate',
    doc: 'A gate that holds a pod back from scheduling until it is removed (core/v1 PodSchedulingGate).',
    onlyHeldBy: /^schedulingGates$/,
    fields: {
      name: req(str, 'Name of the gate, unique in the pod.'),
    },
  },
  {
    name: 'PodResourceClaim',
    doc: 'A resource claim of a pod, by a name its containers use (core/v1 PodResourceClaim): an existing ResourceClaim, or one made from a template for the pod.',
    fields: {
      name: req(str, 'Name of the claim in the pod, unique in it; containers refer to it in resources.claims.'),
      source: between(ref('ClaimSource'), 'Where the claim comes from.', undefined, '1.31'),
      resourceClaimName: opt(str, 'An existing ResourceClaim in the namespace of the pod.', '1.31'),
      resourceClaimTemplateName: opt(str, 'A ResourceClaimTemplate a ResourceClaim is made from for the pod (and deleted with it).', '1.31'),
    },
  },
  {
    name: 'ClaimSource',
    doc: 'Where a resource claim of a pod came from (core/v1 ClaimSource, 1.26 to 1.30): exactly one is set.',
    fields: {
      resourceClaimName: opt(str, 'An existing ResourceClaim in the namespace of the pod.'),
      resourceClaimTemplateName: opt(str, 'A ResourceClaimTemplate a ResourceClaim is made from for the pod.'),
    },
  },
  {
    name: 'WorkloadReference',
    doc: 'The Workload and pod group a pod belongs to (core/v1 WorkloadReference, 1.35 only).',
    fields: {
      name: req(str, 'Name of the Workload, in the namespace of the pod.'),
      podGroup: req(str, 'Name of the pod group within the Workload.'),
      podGroupReplicaKey: opt(str, 'Which replica of the pod group the pod belongs to.'),
    },
  },
  {
    name: 'PodSchedulingGroup',
    doc: 'The scheduling group a pod belongs to (core/v1 PodSchedulingGroup).',
    fields: {
      podGroupName: opt(str, 'Name of the PodGroup object of the group.'),
    },
  },
];
