// Status conditions with Kubernetes' Condition semantics, for any kind whose status.conditions
// has that shape: one entry per type; lastTransitionTime moves only when the status changes, so
// a controller that writes the same condition on every reconcile does not fake transitions.

/** Kubernetes' metav1.Condition as JSON (the fields a CRD schema may leave out are optional). */
export interface ConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  /** RFC 3339 */
  lastTransitionTime?: string;
  observedGeneration?: number;
}

type WithConditions<C> = { readonly status?: { readonly conditions?: readonly C[] | undefined } | undefined };

export function getCondition<C extends { readonly type: string }>(object: WithConditions<C>, type: string): C | undefined {
  return object.status?.conditions?.find((c) => c.type === type);
}

/** A condition to set: lastTransitionTime is filled in unless given. */
export type NewCondition<C extends ConditionLike> = Omit<C, 'lastTransitionTime'> & { lastTransitionTime?: string };

/** Kubernetes writes condition times with second precision. */
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The conditions with `condition` set (a new array; the input is not changed): replaces the entry of
 * its type in place or appends it; keeps the old lastTransitionTime when the status is unchanged.
 */
export function setCondition<C extends ConditionLike>(
  conditions: readonly C[] | undefined, condition: NewCondition<C>, now: Date = new Date(),
): C[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === condition.type);
  const old = index < 0 ? undefined : list[index];
  const lastTransitionTime = condition.lastTransitionTime
    ?? (old !== undefined && old.status === condition.status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : rfc3339(now));
  const next = { ...condition, lastTransitionTime } as C;
  if (index < 0) list.push(next);
  else list[index] = next;
  return list;
}
