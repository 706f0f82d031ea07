// The template every generated kind file is built from. It compiles against the runtime, so the
// class skeleton is type-checked here once. crdgen reads it with ts-morph, renames `Widget` (and
// `widgetResource`, `'example.com/v1'`, the scope) to the kind's planned names, and keeps the
// members tagged `@crdgen status` or `@crdgen scale` only when the CRD declares that subresource.
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

/**
 * Typed client for Widget objects. From AbstractAsyncCustomObjectApi: get, list, listPages, listAll,
 * create, replace, patch, apply, delete, deleteCollection, watch, informer, waitFor and update.
 */
export class WidgetApi extends AbstractAsyncCustomObjectApi<Widget, WidgetList, 'Namespaced', WidgetInput> {
  constructor(options?: ApiOptions) {
    super(widgetResource, options);
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
