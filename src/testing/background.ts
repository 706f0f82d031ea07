// What the namespace controller and the garbage collector share: they run after every change to
// the store, once per turn of the event loop however many changes came in it (the real ones work
// from queues fed by informers).
import type { Objects } from './objects.js';
import type { Registry } from './registry.js';
import type { ObjectStore } from './store.js';

export abstract class BackgroundController {
  #scheduled = false;
  readonly #unsubscribe: () => void;

  constructor(
    protected readonly registry: Registry,
    protected readonly store: ObjectStore,
    protected readonly objects: Objects,
  ) {
    this.#unsubscribe = store.subscribe(() => this.#schedule());
  }

  stop(): void {
    this.#unsubscribe();
  }

  /** One pass over the store; called on the turn after a change. */
  protected abstract sweep(): void;

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.sweep();
    });
  }
}
