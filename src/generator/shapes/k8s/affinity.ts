import { int32, list, opt, ref, req, str, type WellKnownType } from './describe.js';

/** Scheduling constraints of pods (core/v1 Affinity and what it holds), in wire form. */
export const AFFINITY_TYPES: readonly WellKnownType[] = [
  {
    name: 'Affinity',
    doc: 'Scheduling constraints of a pod (core/v1 Affinity): which nodes, and near or away from which pods.',
    fields: {
      nodeAffinity: opt(ref('NodeAffinity'), 'Nodes the pod may or should be scheduled on.'),
      podAffinity: opt(ref('PodAffinity'), 'Pods this pod should be scheduled near (the same node, zone, ...).'),
      podAntiAffinity: opt(ref('PodAntiAffinity'), 'Pods this pod should be scheduled away from.'),
    },
  },
  {
    name: 'NodeAffinity',
    doc: 'Nodes a pod may or should be scheduled on (core/v1 NodeAffinity).',
    fields: {
      requiredDuringSchedulingIgnoredDuringExecution: opt(ref('NodeSelector'), 'Nodes the pod must be scheduled on; a node that stops matching later keeps the pod.'),
      preferredDuringSchedulingIgnoredDuringExecution: opt(list(ref('PreferredSchedulingTerm')), 'Nodes the scheduler prefers, each term with a weight.'),
    },
  },
  {
    name: 'NodeSelector',
    doc: 'Nodes selected by terms (core/v1 NodeSelector): a node matches when it matches any term.',
    fields: {
      nodeSelectorTerms: req(list(ref('NodeSelectorTerm')), 'The terms, ORed.'),
    },
  },
  {
    name: 'NodeSelectorTerm',
    doc: 'Requirements on a node (core/v1 NodeSelectorTerm), ANDed; an empty term matches no node.',
    fields: {
      matchExpressions: opt(list(ref('NodeSelectorRequirement')), "Requirements on the node's labels."),
      matchFields: opt(list(ref('NodeSelectorRequirement')), "Requirements on the node's fields (`metadata.name`)."),
    },
  },
  {
    name: 'NodeSelectorRequirement',
    doc: 'One requirement on a node label or field: a key, an operator and values (core/v1 NodeSelectorRequirement).',
    heldBy: /^matchFields$/,
    fields: {
      key: req(str, 'The label or field key.'),
      operator: req(str, 'How the key relates to the values: In, NotIn, Exists, DoesNotExist, Gt or Lt.'),
      values: opt(list(str), 'The values: non-empty for In and NotIn, empty for Exists and DoesNotExist, one integer for Gt and Lt.'),
    },
  },
  {
    name: 'PreferredSchedulingTerm',
    doc: 'A node selector term with a weight (core/v1 PreferredSchedulingTerm).',
    fields: {
      weight: req(int32, 'The weight of the term, 1 to 100; the scheduler sums the weights of the terms a node matches.'),
      preference: req(ref('NodeSelectorTerm'), 'The nodes preferred.'),
    },
  },
  {
    name: 'PodAffinity',
    doc: 'Pods a pod should be scheduled near (core/v1 PodAffinity).',
    fields: {
      requiredDuringSchedulingIgnoredDuringExecution: opt(list(ref('PodAffinityTerm')), 'Terms every node chosen must satisfy.'),
      preferredDuringSchedulingIgnoredDuringExecution: opt(list(ref('WeightedPodAffinityTerm')), 'Terms the scheduler prefers, each with a weight.'),
    },
  },
  {
    name: 'PodAntiAffinity',
    doc: 'Pods a pod should be scheduled away from (core/v1 PodAntiAffinity).',
    heldBy: /anti/i,
    fields: {
      requiredDuringSchedulingIgnoredDuringExecution: opt(list(ref('PodAffinityTerm')), 'Terms no node chosen may satisfy.'),
      preferredDuringSchedulingIgnoredDuringExecution: opt(list(ref('WeightedPodAffinityTerm')), 'Terms the scheduler prefers to avoid, each with a weight.'),
    },
  },
  {
    name: 'WeightedPodAffinityTerm',
    doc: 'A pod affinity term with a weight (core/v1 WeightedPodAffinityTerm).',
    fields: {
      weight: req(int32, 'The weight of the term, 1 to 100.'),
      podAffinityTerm: req(ref('PodAffinityTerm'), 'The term.'),
    },
  },
  {
    name: 'PodAffinityTerm',
    doc: 'Pods, by label selector and namespaces, and the topology domain (node, zone) that counts as near (core/v1 PodAffinityTerm).',
    fields: {
      labelSelector: opt(ref('LabelSelector'), 'The pods; none when left out.'),
      namespaces: opt(list(str), "Namespaces the pods are looked for in, with namespaceSelector; the pod's own namespace when both are left out."),
      topologyKey: req(str, 'The node label whose value defines a domain (`kubernetes.io/hostname`, `topology.kubernetes.io/zone`).'),
      namespaceSelector: opt(ref('LabelSelector'), 'Namespaces, by label, the pods are looked for in; every namespace when empty.', '1.21'),
      matchLabelKeys: opt(list(str), 'Label keys whose values are taken from the incoming pod and ANDed into labelSelector.', '1.29'),
      mismatchLabelKeys: opt(list(str), 'Label keys whose values are taken from the incoming pod and must differ (NotIn) in labelSelector.', '1.29'),
    },
  },
];
