// Imported first by index.ts, so that it runs before @kubernetes/client-node is loaded: an
// unusable Node / client-node pair stops the program with one line that says what to install,
// instead of client-node's own crash. Silent when the pair works or cannot be told.
import { dirname } from 'node:path';
import { clientNodeProblem, clientNodeVersionFrom, ownDir } from './compat.js';

// The client-node this runtime resolves is the one beside it; the program's and cwd's are fallbacks.
const from = [ownDir(), process.argv[1] === undefined ? undefined : dirname(process.argv[1]), process.cwd()];
const version = from.map((dir) => (dir === undefined ? undefined : clientNodeVersionFrom(dir))).find((v) => v !== undefined);
const problem = clientNodeProblem(version);
// Thrown, not printed and exited: a program may catch the failed import; uncaught, Node prints the line.
if (problem !== undefined) throw new Error(problem);
