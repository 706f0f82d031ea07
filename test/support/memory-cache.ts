// A cache for generate()'s hooks kept in a Map, counting what it serves. Values are stored as
// JSON, as the CLI's cache on disk stores them, so a test sees what a real re-run reads back.

export interface MemoryCache<T> {
  readonly generator: string;
  hits: number;
  read(key: string): Promise<unknown>;
  write(key: string, value: T): Promise<void>;
}

export function memoryCache<T>(generator: string, store: Map<string, unknown>): MemoryCache<T> {
  const cache: MemoryCache<T> = {
    generator,
    hits: 0,
    async read(key) {
      if (store.has(key)) cache.hits++;
      return store.get(key);
    },
    async write(key, value) {
      store.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
  return cache;
}
