import { bool, int32, list, map, opt, ref, req, str, type Field, type WellKnownType } from './describe.js';

/** The volume sources of storage systems (core/v1), in wire form; most are deprecated in favour of CSI drivers. */

const fsType = opt(str, 'Filesystem type (`ext4`, `xfs`).');
const readOnly = opt(bool, 'Mount read-only.');
const secretRef = (what: string): Field => opt(ref('LocalObjectReference'), `A Secret with ${what}.`);

export const VOLUME_SOURCE_TYPES: readonly WellKnownType[] = [
  {
    name: 'GCEPersistentDiskVolumeSource',
    doc: 'A GCE persistent disk (core/v1 GCEPersistentDiskVolumeSource).',
    fields: { pdName: req(str, 'Name of the disk.'), fsType, partition: opt(int32, 'The partition to mount; the whole disk when 0 or left out.'), readOnly },
  },
  {
    name: 'AWSElasticBlockStoreVolumeSource',
    doc: 'An AWS EBS volume (core/v1 AWSElasticBlockStoreVolumeSource).',
    fields: { volumeID: req(str, 'ID of the volume.'), fsType, partition: opt(int32, 'The partition to mount; the whole volume when 0 or left out.'), readOnly },
  },
  {
    name: 'GitRepoVolumeSource',
    doc: 'A git repository cloned into an empty folder (core/v1 GitRepoVolumeSource).',
    fields: { repository: req(str, 'URL of the repository.'), revision: opt(str, 'The commit to check out.'), directory: opt(str, 'Folder to clone into; `.` for the volume itself.') },
  },
  {
    name: 'NFSVolumeSource',
    doc: 'An NFS share (core/v1 NFSVolumeSource).',
    fields: { server: req(str, 'Host name or IP of the server.'), path: req(str, 'Path exported by the server.'), readOnly },
  },
  {
    name: 'ISCSIVolumeSource',
    doc: 'An iSCSI disk (core/v1 ISCSIVolumeSource).',
    fields: {
      targetPortal: req(str, 'The target portal, `ip:port` (port 3260 when left out).'),
      iqn: req(str, 'The iSCSI qualified name of the target.'),
      lun: req(int32, 'The logical unit number.'),
      iscsiInterface: opt(str, 'The iSCSI interface (`default`: tcp).'),
      fsType,
      readOnly,
      portals: opt(list(str), 'More target portals, for multipath.'),
      chapAuthDiscovery: opt(bool, 'Use CHAP authentication for discovery.'),
      chapAuthSession: opt(bool, 'Use CHAP authentication for the session.'),
      secretRef: secretRef('the CHAP credentials'),
      initiatorName: opt(str, 'A custom initiator name.'),
    },
  },
  {
    name: 'GlusterfsVolumeSource',
    doc: 'A GlusterFS volume (core/v1 GlusterfsVolumeSource).',
    fields: { endpoints: req(str, 'Name of the Endpoints object of the cluster.'), path: req(str, 'Name of the volume.'), readOnly },
  },
  {
    name: 'RBDVolumeSource',
    doc: 'A Rados block device (core/v1 RBDVolumeSource).',
    fields: {
      monitors: req(list(str), 'The Ceph monitors.'),
      image: req(str, 'Name of the image.'),
      fsType,
      pool: opt(str, 'The pool (`rbd`).'),
      user: opt(str, 'The Rados user (`admin`).'),
      keyring: opt(str, 'Path of the keyring (`/etc/ceph/keyring`).'),
      secretRef: secretRef('the Rados user key'),
      readOnly,
    },
  },
  {
    name: 'FlexVolumeSource',
    doc: 'A volume of a FlexVolume driver (core/v1 FlexVolumeSource).',
    fields: { driver: req(str, 'Name of the driver.'), fsType, secretRef: secretRef('what the driver needs'), readOnly, options: opt(map(str), 'Driver options.') },
  },
  {
    name: 'CinderVolumeSource',
    doc: 'An OpenStack Cinder volume (core/v1 CinderVolumeSource).',
    fields: { volumeID: req(str, 'ID of the volume.'), fsType, readOnly, secretRef: secretRef('the OpenStack credentials') },
  },
  {
    name: 'CephFSVolumeSource',
    doc: 'A CephFS mount (core/v1 CephFSVolumeSource).',
    fields: {
      monitors: req(list(str), 'The Ceph monitors.'),
      path: opt(str, 'The path mounted (`/`).'),
      user: opt(str, 'The Rados user (`admin`).'),
      secretFile: opt(str, 'Path of the keyring (`/etc/ceph/user.secret`).'),
      secretRef: secretRef('the Rados user key'),
      readOnly,
    },
  },
  {
    name: 'FlockerVolumeSource',
    doc: 'A Flocker dataset (core/v1 FlockerVolumeSource).',
    fields: { datasetName: opt(str, 'Name of the dataset.'), datasetUUID: opt(str, 'UUID of the dataset.') },
  },
  {
    name: 'FCVolumeSource',
    doc: 'A Fibre Channel disk (core/v1 FCVolumeSource).',
    fields: {
      targetWWNs: opt(list(str), 'Target world wide names.'),
      lun: opt(int32, 'The logical unit number.'),
      fsType,
      readOnly,
      wwids: opt(list(str), 'World wide identifiers of the volume (instead of targetWWNs and lun).'),
    },
  },
  {
    name: 'AzureFileVolumeSource',
    doc: 'An Azure File share (core/v1 AzureFileVolumeSource).',
    fields: { secretName: req(str, 'A Secret with the storage account name and key.'), shareName: req(str, 'Name of the share.'), readOnly },
  },
  {
    name: 'VsphereVirtualDiskVolumeSource',
    doc: 'A vSphere disk (core/v1 VsphereVirtualDiskVolumeSource).',
    fields: {
      volumePath: req(str, 'Path of the disk.'),
      fsType,
      storagePolicyName: opt(str, 'Name of the storage policy.'),
      storagePolicyID: opt(str, 'ID of the storage policy.'),
    },
  },
  {
    name: 'QuobyteVolumeSource',
    doc: 'A Quobyte volume (core/v1 QuobyteVolumeSource).',
    fields: {
      registry: req(str, 'The registry services, `host:port` separated by commas.'),
      volume: req(str, 'Name of the volume.'),
      readOnly,
      user: opt(str, 'The user the volume is accessed as.'),
      group: opt(str, 'The group the volume is accessed as.'),
      tenant: opt(str, 'The tenant owning the volume.'),
    },
  },
  {
    name: 'AzureDiskVolumeSource',
    doc: 'An Azure data disk (core/v1 AzureDiskVolumeSource).',
    fields: {
      diskName: req(str, 'Name of the disk.'),
      diskURI: req(str, 'URI of the disk.'),
      cachingMode: opt(str, 'None, ReadOnly or ReadWrite.'),
      fsType,
      readOnly,
      kind: opt(str, 'Shared, Dedicated or Managed.'),
    },
  },
  {
    name: 'PhotonPersistentDiskVolumeSource',
    doc: 'A Photon Controller disk (core/v1 PhotonPersistentDiskVolumeSource).',
    fields: { pdID: req(str, 'ID of the disk.'), fsType },
  },
  {
    name: 'PortworxVolumeSource',
    doc: 'A Portworx volume (core/v1 PortworxVolumeSource).',
    fields: { volumeID: req(str, 'ID of the volume.'), fsType, readOnly },
  },
  {
    name: 'ScaleIOVolumeSource',
    doc: 'A ScaleIO volume (core/v1 ScaleIOVolumeSource).',
    fields: {
      gateway: req(str, 'Host of the ScaleIO API gateway.'),
      system: req(str, 'Name of the storage system.'),
      secretRef: req(ref('LocalObjectReference'), 'A Secret with the ScaleIO user credentials.'),
      sslEnabled: opt(bool, 'Talk to the gateway over SSL.'),
      protectionDomain: opt(str, 'The protection domain of the storage.'),
      storagePool: opt(str, 'The storage pool of the protection domain.'),
      storageMode: opt(str, 'ThickProvisioned or ThinProvisioned (the default).'),
      volumeName: opt(str, 'Name of an existing volume.'),
      fsType,
      readOnly,
    },
  },
  {
    name: 'StorageOSVolumeSource',
    doc: 'A StorageOS volume (core/v1 StorageOSVolumeSource).',
    fields: {
      volumeName: opt(str, 'Name of the volume.'),
      volumeNamespace: opt(str, "The volume's StorageOS namespace; the pod's namespace when left out."),
      fsType,
      readOnly,
      secretRef: secretRef('the StorageOS API credentials'),
    },
  },
  {
    name: 'ImageVolumeSource',
    doc: 'The files of an OCI image or artifact, read-only (core/v1 ImageVolumeSource).',
    fields: {
      reference: opt(str, 'The image or artifact.'),
      pullPolicy: opt(str, 'Always, Never or IfNotPresent.'),
    },
  },
];
