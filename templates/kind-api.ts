// The template every generated kind file is built from. It compiles against the runtime, so the
// class skeleton is type-checked here once. crdgen reads it with ts-morph, renames `Widget` (and
// `widgetResource`, `'example.com/v1'`, the scope) to the kind's planned names, and keeps the
// members tagged `@crdgen status` or `@crdgen scale` only when the CRD declares that subresource,
// and the validator, `isWidget`, `validateWidget` and the members tagged `@crdgen validators` only
// when validators are generated (the validator's schema argument is then the version's schema).
// The interfaces of the kind itself come from the CRD's schema, never from this file.
import type { V1ListMeta, V1ObjectMeta, V1Scale } from '@kubernetes/client-node';
import {
  AbstractAsyncCustomObjectApi,
  type ApiOptions,
  type GetOptions,
  type Patch,
  type PatchOptions,
  type ResourceDescriptor,
  type WriteOptions,
} from '../src/runtime/index.js';
import { kindValidator, type Cause, type KindValidateOptions } from '../src/validation/index.js';

/** Stands for the kind's own interface, generated from its schema. */
export interface Widget {
  apiVersion: 'example.com/v1';
  kind: 'Widget';
  metadata?: V1ObjectMeta;
  spec?: { size?: number };
  status?: { replicas?: number };
}

/** Stands for the kind's body type: generated, it makes optional the required fields the server defaults. */
export type WidgetInput = Widget;

/** A page of Widget objects, as `list` returns it. */
export interface WidgetList {
  apiVersion: 'example.com/v1';
  kind: 'WidgetList';
  metadata?: V1ListMeta;
  items: Widget[];
}

/** Where the API server serves Widget. */
export const widgetResource = {
  group: 'example.com',
  version: 'v1',
  plural: 'widgets',
  kind: 'Widget',
  listKind: 'WidgetList',
  namespaced: true,
  subresources: { status: true, scale: true },
} as const satisfies ResourceDescriptor;

/** Checks Widget objects as the API server does, from the version's structural schema. */
const widgetValidator = kindValidator<Widget>(widgetResource, () => ({}));

/**
 * True when `value` is a Widget: its apiVersion and kind, and every check of the schema (types,
 * required fields, enums, patterns, formats, bounds) on the value as it is. CEL rules and the
 * server's name rules are left to `validateWidget`.
 */
export function isWidget(value: unknown): value is Widget {
  return widgetValidator.is(value);
}

/**
 * The problems the API server would report (the causes of its 422 Invalid, with their field paths
 * and messages) if `obj` were created, or with `old`, replaced `old`; empty when it would accept
 * it. Like the server, it prunes unknown fields and applies defaults first, and runs the CEL rules.
 */
export function validateWidget(obj: unknown, options?: KindValidateOptions): Cause[] {
  return widgetValidator.validate(obj, options);
}

/**
 * Typed client for Widget objects. From AbstractAsyncCustomObjectApi: get, list, listPages, listAll,
 * create, replace, patch, apply, delete, deleteCollection, watch, informer, waitFor and update.
 */
export class WidgetApi extends AbstractAsyncCustomObjectApi<Widget, WidgetList, 'Namespaced', WidgetInput> {
  constructor(options?: ApiOptions) {
    super(widgetResource, options);
  }

  /** @crdgen validators */
  protected override readonly validator = widgetValidator;

  /**
   * The problems the API server would report for `obj` (see validateWidget); writes given
   * `{ validate: true }` fail with them before sending.
   * @crdgen validators
   */
  validate(obj: unknown, options?: KindValidateOptions): Cause[] {
    return widgetValidator.validate(obj, options);
  }

  /**
   * Reads the status subresource of the named Widget.
   * @crdgen status
   */
  getStatus(name: string, options?: GetOptions<'Namespaced'>): Promise<Widget> {
    return this.getSubresource<Widget>('status', name, options);
  }

  /**
   * Replaces the status of a Widget; the server ignores every other change in `body`.
   * @crdgen status
   */
  replaceStatus(body: WidgetInput, options?: WriteOptions<'Namespaced'>): Promise<Widget> {
    return this.replaceSubresource<Widget, WidgetInput>('status', body, options);
  }

  /**
   * Patches the status of the named Widget.
   * @crdgen status
   */
  patchStatus(name: string, patch: Patch<Widget>, options?: PatchOptions<'Namespaced'>): Promise<Widget> {
    return this.patchSubresource<Widget>('status', name, patch, options);
  }

  /**
   * Reads the scale subresource of the named Widget.
   * @crdgen scale
   */
  getScale(name: string, options?: GetOptions<'Namespaced'>): Promise<V1Scale> {
    return this.getSubresource<V1Scale>('scale', name, options);
  }

  /**
   * Replaces the scale (replica count) of a Widget.
   * @crdgen scale
   */
  replaceScale(body: V1Scale, options?: WriteOptions<'Namespaced'>): Promise<V1Scale> {
    return this.replaceSubresource<V1Scale>('scale', body, options);
  }

  /**
   * Patches the scale of the named Widget.
   * @crdgen scale
   */
  patchScale(name: string, patch: Patch<V1Scale>, options?: PatchOptions<'Namespaced'>): Promise<V1Scale> {
    return this.patchSubresource<V1Scale>('scale', name, patch, options);
  }
}
