import { bool, dateTime, int64, list, map, oneOf, opt, ref, req, str, type WellKnownType } from './describe.js';

/** Selectors, references and conditions (meta/v1 and core/v1), in wire form. */
export const META_TYPES: readonly WellKnownType[] = [
  {
    name: 'LabelSelector',
    doc: 'Selects objects by their labels (meta/v1 LabelSelector): an object matches when it matches every label and every expression. An empty selector matches every object; an absent one matches none.',
    fields: {
      matchExpressions: opt(list(ref('LabelSelectorRequirement')), 'Requirements on label values; all of them must hold.'),
      matchLabels: opt(map(str), 'Labels an object must have, key to value; the same as a matchExpressions entry with operator In and this single value.'),
    },
  },
  {
    name: 'LabelSelectorRequirement',
    doc: 'One requirement of a label selector: a label key, an operator and values (meta/v1 LabelSelectorRequirement).',
    fields: {
      key: req(str, 'The label key the requirement applies to.'),
      operator: req(str, 'How the key relates to the values: In, NotIn, Exists or DoesNotExist.'),
      values: opt(list(str), 'The values, non-empty for In and NotIn, empty for Exists and DoesNotExist.'),
    },
  },
  {
    name: 'Condition',
    doc: 'One aspect of the current state of an object (meta/v1 Condition), as controllers write it into status.conditions.',
    fields: {
      type: req(str, 'The aspect this condition is about, in CamelCase (`Ready`, `Available`); one condition per type.'),
      status: req(oneOf('True', 'False', 'Unknown'), 'Whether the condition holds: True, False or Unknown.'),
      observedGeneration: opt(int64, 'The metadata.generation the condition was computed from; older than the current generation when the condition is out of date.'),
      lastTransitionTime: req(dateTime, 'When the status last changed (an RFC 3339 date-time string on the wire).'),
      reason: req(str, 'Why the condition last changed, in CamelCase, for programs to read.'),
      message: req(str, 'Why the condition last changed, for people to read; may be empty.'),
    },
  },
  {
    name: 'ObjectReference',
    doc: 'A reference to an object, or to a field of it (core/v1 ObjectReference).',
    fields: {
      kind: opt(str, 'Kind of the object.'),
      namespace: opt(str, 'Namespace of the object.'),
      name: opt(str, 'Name of the object.'),
      uid: opt(str, 'UID of the object.'),
      apiVersion: opt(str, 'API version of the object.'),
      resourceVersion: opt(str, 'The resource version the reference was made at, if any.'),
      fieldPath: opt(str, 'A field within the object, when the reference is to part of it (`spec.containers{name}`).'),
    },
  },
  {
    name: 'LocalObjectReference',
    doc: 'A reference to an object by name, in the same namespace as the object that holds it (core/v1 LocalObjectReference).',
    fields: {
      name: opt(str, 'Name of the object.'),
    },
  },
  {
    name: 'SecretKeySelector',
    doc: 'One key of a Secret in the same namespace (core/v1 SecretKeySelector).',
    fields: {
      key: req(str, 'The key within the Secret.'),
      name: opt(str, 'Name of the Secret.'),
      optional: opt(bool, 'Whether a missing Secret or key is allowed.'),
    },
  },
  {
    name: 'ConfigMapKeySelector',
    doc: 'One key of a ConfigMap in the same namespace (core/v1 ConfigMapKeySelector).',
    heldBy: /config-?map/i,
    fields: {
      key: req(str, 'The key within the ConfigMap.'),
      name: opt(str, 'Name of the ConfigMap.'),
      optional: opt(bool, 'Whether a missing ConfigMap or key is allowed.'),
    },
  },
];

