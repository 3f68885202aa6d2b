// Worker threads do not inherit Vitest's TypeScript loading: register tsx in this thread, then
// load the TypeScript module named in workerData.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
