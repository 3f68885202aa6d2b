/**
 * Vitest global setup of the infra project: a directory for the shared full synth
 * (`full-synth.ts`), created empty for each run and removed after it. Nothing is synthesized here,
 * so a run of a file that does not need the synth does not pay for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    fullSynthDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'parley-synth-'));
  project.provide('fullSynthDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
