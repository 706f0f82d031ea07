// Imported by each worker thread of a crdgen process that uses the code cache (compile-cache.ts
// compileCacheSetup), before the generator's modules: the thread loads them with the cache too.
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
