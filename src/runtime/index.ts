// Everything generated code and users import from the runtime.
// First: checks the Node / client-node pair before client-node is loaded (see preflight.ts).
import './preflight.js';
export { AbstractAsyncCustomObjectApi } from './api.js';
export {
  ApiError,
  isAlreadyExists,
  isConflict,
  isForbidden,
  isGone,
  isInvalid,
  isNetworkError,
  isNotFound,
  isTooManyRequests,
  isUnauthorized,
  type ApiErrorInit,
} from './errors.js';
export { WaitForError, type Mutate, type Predicate } from './helpers.js';
export { isStatus } from './meta.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export type {
  ApiOptions,
  ApplyConfiguration,
  ApplyOptions,
  CallOptions,
  CreateBody,
  DeleteCollectionOptions,
  DeleteOptions,
  EmbeddedObjectMeta,
  GetOptions,
  JsonPatchOperation,
  KubernetesListLike,
  KubernetesObjectLike,
  ListAllOptions,
  ListOptions,
  LocalValidator,
  MergePatch,
  NamespaceOption,
  Patch,
  PatchOptions,
  ResourceDescriptor,
  RetryOptions,
  Scope,
  SelectorOptions,
  Subresource,
  UpdateOptions,
  ValidationCause,
  WaitForOptions,
  WatchBookmark,
  WatchEvent,
  WatchOptions,
  WireForm,
  WriteOptions,
} from './types.js';
export { ExponentialBackoff, TokenBucket, WorkQueue, type WorkQueueOptions } from './workqueue.js';
export { Informer, type EventInfo, type InformerHandlers, type InformerOptions, type InformerWatch } from './informer.js';
export { deepFreeze, NAMESPACE_INDEX, Store, type Frozen, type IndexFunc, type StoreListOptions } from './store.js';
export { parseLabelSelector, type LabelMatcher } from './selector.js';
export {
  Controller,
  type ControllerOptions,
  type ControllerStats,
  type InformerSource,
  type ObjectKey,
  type OwnedInformer,
  type OwnedSource,
  type ReconcileContext,
  type ReconcileResult,
  type WatchSpec,
} from './controller.js';
export { LeaderElector, LeadershipLostError, type LeaderElectionOptions } from './leader.js';
export { ownerReference, type OwnerLike, type OwnerReferenceOptions } from './ownership.js';
export { addFinalizer, hasFinalizer, removeFinalizer, type FinalizerApi, type FinalizerOptions } from './finalizers.js';
export { getCondition, setCondition, type ConditionLike, type NewCondition } from './conditions.js';
