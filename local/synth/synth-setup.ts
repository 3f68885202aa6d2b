/**
 * Vitest global setup of the projects that start the local cloud: the backend's cached synth made
 * (or found) once before any test, so the first test file does not spend its hook timeout on a
 * cold synth (a clean checkout, or an edit under amplify/, functions/ or core/). Each start then
 * finds it in the cache.
 */
import { fileURLToPath } from 'node:url';
import { cachedSynth } from './cached-synth.ts';

export default async function setup(): Promise<void> {
  await cachedSynth({ rootDir: fileURLToPath(new URL('../..', import.meta.url)) });
}
