// The runtime tests use the generated clients themselves (fixtures/valid/runtime-kinds.yaml, in
// the golden output), so the runtime is tested the way generated code uses it.
import { AbstractAsyncCustomObjectApi, type ApiOptions } from '../../../src/runtime/index.js';
import { widgetResource, type Widget, type WidgetList } from '../../../generated/example.com/v1/index.js';

export * from '../../../generated/example.com/v1/index.js';

/**
 * Not generated code: a kind without subresources that still calls the runtime's subresource
 * method, to check the runtime refuses it clearly (a generated class has no such member).
 */
export class PlainApi extends AbstractAsyncCustomObjectApi<Widget, WidgetList> {
  constructor(options?: ApiOptions) {
    super({ ...widgetResource, plural: 'plains', subresources: { status: false, scale: false } }, options);
  }
  getStatus(name: string): Promise<Widget> {
    return this.getSubresource<Widget>('status', name);
  }
}
