import { bool, int64, list, opt, ref, req, str, type WellKnownType } from './describe.js';

/** The security context of a container (core/v1 SecurityContext) and what it holds, in wire form. */
export const SECURITY_TYPES: readonly WellKnownType[] = [
  {
    name: 'SecurityContext',
    doc: "Security options of a container (core/v1 SecurityContext); where the pod's security context sets the same option, this one wins.",
    fields: {
      capabilities: opt(ref('Capabilities'), 'Linux capabilities added to and dropped from those of the container runtime.'),
      privileged: opt(bool, 'Run privileged: like root on the host.'),
      seLinuxOptions: opt(ref('SELinuxOptions'), 'The SELinux context.'),
      windowsOptions: opt(ref('WindowsSecurityContextOptions'), 'Options on Windows.'),
      runAsUser: opt(int64, 'The UID the entrypoint runs as.'),
      runAsGroup: opt(int64, 'The GID the entrypoint runs as.'),
      runAsNonRoot: opt(bool, 'Refuse to start the container when it would run as UID 0.'),
      readOnlyRootFilesystem: opt(bool, 'Mount the root filesystem read-only.'),
      allowPrivilegeEscalation: opt(bool, 'Whether a process may gain more privileges than its parent (no_new_privs unset).'),
      procMount: opt(str, 'Default or Unmasked: which /proc mount the container gets.'),
      seccompProfile: opt(ref('SeccompProfile'), 'The seccomp profile.', '1.19'),
      appArmorProfile: opt(ref('AppArmorProfile'), 'The AppArmor profile.', '1.30'),
    },
  },
  {
    name: 'Capabilities',
    doc: 'Linux capabilities added and dropped (core/v1 Capabilities).',
    fields: {
      add: opt(list(str), 'Capabilities added (`NET_ADMIN`).'),
      drop: opt(list(str), 'Capabilities dropped (`ALL`).'),
    },
  },
  {
    name: 'SELinuxOptions',
    doc: 'An SELinux context (core/v1 SELinuxOptions).',
    fields: {
      user: opt(str, 'The SELinux user label.'),
      role: opt(str, 'The SELinux role label.'),
      type: opt(str, 'The SELinux type label.'),
      level: opt(str, 'The SELinux level label.'),
    },
  },
  {
    name: 'WindowsSecurityContextOptions',
    doc: 'Security options on Windows (core/v1 WindowsSecurityContextOptions).',
    fields: {
      gmsaCredentialSpecName: opt(str, 'Name of the GMSA credential spec to use.'),
      gmsaCredentialSpec: opt(str, 'The GMSA credential spec itself.'),
      runAsUserName: opt(str, 'The user name the entrypoint runs as.'),
      hostProcess: opt(bool, 'Run as a host process container.', '1.22'),
    },
  },
  {
    name: 'SeccompProfile',
    doc: 'A seccomp profile (core/v1 SeccompProfile).',
    fields: {
      type: req(str, 'Localhost, RuntimeDefault or Unconfined.'),
      localhostProfile: opt(str, "Path of the profile on the node, under the kubelet's seccomp folder, for type Localhost."),
    },
  },
  {
    name: 'AppArmorProfile',
    doc: 'An AppArmor profile (core/v1 AppArmorProfile).',
    heldBy: /apparmor/i,
    fields: {
      type: req(str, 'Localhost, RuntimeDefault or Unconfined.'),
      localhostProfile: opt(str, 'Name of a profile loaded on the node, for type Localhost.'),
    },
  },
];
