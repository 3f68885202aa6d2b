import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedSynth, LOCAL_SYNTH_CONTEXT, LOCAL_SYNTH_SETTINGS } from './cached-synth.ts';
import { hashSynthInputs } from './synth-inputs.ts';

let rootDir: string;
let cacheDir: string;

beforeEach(async () => {
  rootDir = await mkdtemp(join(tmpdir(), 'parley-synth-root-'));
  cacheDir = join(rootDir, 'cache');
  await mkdir(join(rootDir, 'amplify'));
  await writeFile(join(rootDir, 'amplify/backend.ts'), 'export const version = 1;\n');
});

afterEach(async () => {
  await rm(rootDir, { recursive: true, force: true });
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A synth that writes a manifest naming its run, and counts its runs. */
function countingSynth(before: () => Promise<void> = async () => {}) {
  const runs: string[] = [];
  return {
    runs,
    synth: async (outdir: string) => {
      runs.push(outdir);
      await before();
      await mkdir(outdir, { recursive: true });
      await writeFile(join(outdir, 'manifest.json'), JSON.stringify({ run: runs.length }));
    },
  };
}

const quiet = { onSynth: () => {} };

describe('cachedSynth', () => {
  it('synthesizes once for concurrent starts and hands each the same assembly', async () => {
    const started = deferred();
    const finish = deferred();
    const { runs, synth } = countingSynth(async () => {
      started.resolve();
      await finish.promise;
    });

    const starts = [1, 2, 3].map(() => cachedSynth({ rootDir, cacheDir, synth, ...quiet }));
    await started.promise;
    finish.resolve();
    const results = await Promise.all(starts);

    expect(runs).toHaveLength(1);
    expect(new Set(results.map((result) => result.directory)).size).toBe(1);
    expect(results.filter((result) => result.synthesized)).toHaveLength(1);
    expect(existsSync(join(results[0]!.directory, 'manifest.json'))).toBe(true);
    expect((await readdir(cacheDir)).filter((name) => name.includes('.lock') || name.includes('.tmp-'))).toEqual([]);
  });

  it('reuses the assembly while the inputs are unchanged, and synthesizes again after an edit (not after a test edit)', async () => {
    const { runs, synth } = countingSynth();

    const first = await cachedSynth({ rootDir, cacheDir, synth, ...quiet });
    await writeFile(join(rootDir, 'amplify/backend.test.ts'), 'a test\n');
    const again = await cachedSynth({ rootDir, cacheDir, synth, ...quiet });
    await writeFile(join(rootDir, 'amplify/backend.ts'), 'export const version = 2;\n');
    const edited = await cachedSynth({ rootDir, cacheDir, synth, ...quiet });

    expect(runs).toHaveLength(2);
    expect(again).toEqual({ ...first, synthesized: false });
    expect(edited.directory).not.toBe(first.directory);
    expect(edited.synthesized).toBe(true);
  });

  it('fails every waiting start when the synth fails, and leaves no lock and no partial assembly behind', async () => {
    const started = deferred();
    const failing = async (outdir: string) => {
      await mkdir(outdir, { recursive: true });
      started.resolve();
      throw new Error('synth exploded');
    };

    const outcomes = await Promise.allSettled([1, 2].map(() => cachedSynth({ rootDir, cacheDir, synth: failing, ...quiet })));
    await started.promise;

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason.message)).toEqual(['synth exploded', 'synth exploded']);
    expect(await readdir(cacheDir)).toEqual([]);
    const { runs, synth } = countingSynth();
    await expect(cachedSynth({ rootDir, cacheDir, synth, ...quiet })).resolves.toMatchObject({ synthesized: true });
    expect(runs).toHaveLength(1);
  });

  it('takes over the lock of a start that died mid-synth', async () => {
    const hash = await hashSynthInputs(rootDir, { ...LOCAL_SYNTH_SETTINGS, context: JSON.stringify(LOCAL_SYNTH_CONTEXT) });
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await mkdir(join(cacheDir, `${hash}.lock`), { recursive: true });
    await writeFile(join(cacheDir, `${hash}.lock`, 'owner'), String(dead));
    const { runs, synth } = countingSynth();

    const result = await cachedSynth({ rootDir, cacheDir, synth, ...quiet });

    expect(result).toMatchObject({ hash, synthesized: true });
    expect(runs).toHaveLength(1);
  });

  it('keeps the newest assemblies and any a live process runs, and removes the others', async () => {
    const { synth } = countingSynth();
    const dead = String(spawnSync(process.execPath, ['-e', '']).pid);
    const versions: string[] = [];
    for (const version of [1, 2, 3, 4, 5]) {
      await writeFile(join(rootDir, 'amplify/backend.ts'), `export const version = ${version};\n`);
      const { hash } = await cachedSynth({ rootDir, cacheDir, synth, ...quiet });
      versions.push(hash);
      // The first ran in a process that is gone; the others in this one, which is alive.
      if (version === 1) {
        await rm(join(cacheDir, `${hash}.users`), { recursive: true });
        await mkdir(join(cacheDir, `${hash}.users`));
        await writeFile(join(cacheDir, `${hash}.users`, dead), '');
      }
    }

    const kept = (await readdir(cacheDir)).filter((name) => /^[0-9a-f]{32}$/.test(name));

    expect(kept.sort()).toEqual(versions.slice(1).sort());
  });
});
