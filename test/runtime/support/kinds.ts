// Hand-written copies of what the generator emits for one namespaced and one cluster-scoped kind
// (shape from the generator contract), so the runtime is tested the way generated code uses it.
import type { V1ListMeta, V1ObjectMeta, V1Scale } from '@kubernetes/client-node';
import {
  AbstractAsyncCustomObjectApi,
  type ApiOptions,
  type GetOptions,
  type Patch,
  type PatchOptions,
  type ResourceDescriptor,
  type WriteOptions,
} from '../../../src/runtime/index.js';

export interface WidgetSpec {
  size?: number;
  color?: 'red' | 'blue';
  tags?: string[];
  replicas?: number;
}
export interface WidgetStatus {
  ready?: boolean;
  phase?: string;
  replicas?: number;
}
export interface Widget {
  apiVersion: 'example.com/v1';
  kind: 'Widget';
  metadata?: V1ObjectMeta;
  spec?: WidgetSpec;
  status?: WidgetStatus;
}
export interface WidgetList {
  apiVersion: 'example.com/v1';
  kind: 'WidgetList';
  metadata?: V1ListMeta;
  items: Widget[];
}

export const widgetResource = {
  group: 'example.com',
  version: 'v1',
  plural: 'widgets',
  kind: 'Widget',
  listKind: 'WidgetList',
  namespaced: true,
  subresources: { status: true, scale: true },
} as const satisfies ResourceDescriptor;

export class WidgetApi extends AbstractAsyncCustomObjectApi<Widget, WidgetList, 'Namespaced'> {
  constructor(options?: ApiOptions) {
    super(widgetResource, options);
  }
  getStatus(name: string, options?: GetOptions<'Namespaced'>): Promise<Widget> {
    return this.getSubresource<Widget>('status', name, options);
  }
  replaceStatus(body: Widget, options?: WriteOptions<'Namespaced'>): Promise<Widget> {
    return this.replaceSubresource<Widget>('status', body, options);
  }
  patchStatus(name: string, patch: Patch<Widget>, options?: PatchOptions<'Namespaced'>): Promise<Widget> {
    return this.patchSubresource<Widget>('status', name, patch, options);
  }
  getScale(name: string, options?: GetOptions<'Namespaced'>): Promise<V1Scale> {
    return this.getSubresource<V1Scale>('scale', name, options);
  }
  replaceScale(body: V1Scale, options?: WriteOptions<'Namespaced'>): Promise<V1Scale> {
    return this.replaceSubresource<V1Scale>('scale', body, options);
  }
  patchScale(name: string, patch: Patch<V1Scale>, options?: PatchOptions<'Namespaced'>): Promise<V1Scale> {
    return this.patchSubresource<V1Scale>('scale', name, patch, options);
  }
}

export interface Gadget {
  apiVersion: 'example.com/v1';
  kind: 'Gadget';
  metadata?: V1ObjectMeta;
  spec?: { replicas?: number; [key: string]: unknown };
  status?: { replicas?: number };
}
export interface GadgetList {
  apiVersion: 'example.com/v1';
  kind: 'GadgetList';
  metadata?: V1ListMeta;
  items: Gadget[];
}

export const gadgetResource = {
  group: 'example.com',
  version: 'v1',
  plural: 'gadgets',
  kind: 'Gadget',
  listKind: 'GadgetList',
  namespaced: false,
  subresources: { status: true, scale: true },
} as const satisfies ResourceDescriptor;

export class GadgetApi extends AbstractAsyncCustomObjectApi<Gadget, GadgetList, 'Cluster'> {
  constructor(options?: ApiOptions) {
    super(gadgetResource, options);
  }
  getStatus(name: string, options?: GetOptions<'Cluster'>): Promise<Gadget> {
    return this.getSubresource<Gadget>('status', name, options);
  }
  replaceStatus(body: Gadget, options?: WriteOptions<'Cluster'>): Promise<Gadget> {
    return this.replaceSubresource<Gadget>('status', body, options);
  }
  patchStatus(name: string, patch: Patch<Gadget>, options?: PatchOptions<'Cluster'>): Promise<Gadget> {
    return this.patchSubresource<Gadget>('status', name, patch, options);
  }
  getScale(name: string, options?: GetOptions<'Cluster'>): Promise<V1Scale> {
    return this.getSubresource<V1Scale>('scale', name, options);
  }
  replaceScale(body: V1Scale, options?: WriteOptions<'Cluster'>): Promise<V1Scale> {
    return this.replaceSubresource<V1Scale>('scale', body, options);
  }
  patchScale(name: string, patch: Patch<V1Scale>, options?: PatchOptions<'Cluster'>): Promise<V1Scale> {
    return this.patchSubresource<V1Scale>('scale', name, patch, options);
  }
}

/** A kind without subresources, to check the runtime refuses them clearly. */
export class PlainApi extends AbstractAsyncCustomObjectApi<Widget, WidgetList> {
  constructor(options?: ApiOptions) {
    super({ ...widgetResource, plural: 'plains', subresources: { status: false, scale: false } }, options);
  }
  getStatus(name: string): Promise<Widget> {
    return this.getSubresource<Widget>('status', name);
  }
}

// A second namespaced kind, for objects a Widget owns in the controller tests.
export interface Part {
  apiVersion: 'example.com/v1';
  kind: 'Part';
  metadata?: V1ObjectMeta;
  spec?: WidgetSpec;
  status?: WidgetStatus;
}
export interface PartList {
  apiVersion: 'example.com/v1';
  kind: 'PartList';
  metadata?: V1ListMeta;
  items: Part[];
}
export const partResource = {
  group: 'example.com',
  version: 'v1',
  plural: 'parts',
  kind: 'Part',
  listKind: 'PartList',
  namespaced: true,
  subresources: { status: true, scale: true },
} as const satisfies ResourceDescriptor;

export class PartApi extends AbstractAsyncCustomObjectApi<Part, PartList, 'Namespaced'> {
  constructor(options?: ApiOptions) {
    super(partResource, options);
  }
}
