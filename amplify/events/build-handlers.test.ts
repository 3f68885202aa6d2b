import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir } from '../../local/test-support/handler-fixtures.ts';
import type { TempDir } from '../../local/test-support/handler-fixtures.ts';
import { eventApi } from '../definition.ts';
import { buildHandlers, HANDLER_CODE_MAX_BYTES } from './build-handlers.ts';

let dir: TempDir;

beforeAll(async () => {
  dir = await createTempDir('parley-build-handlers-');
});

afterAll(async () => {
  await dir.remove();
});

describe('buildHandlers', () => {
  it('writes one self-contained ES module per namespace, importing only what the runtime provides (@aws-appsync/utils and its /dynamodb helpers)', async () => {
    const files = await buildHandlers({ outDir: dir.path });

    expect(files).toEqual(eventApi.namespaces.map((n) => `${dir.path}/${n.handlerBundle.split('/').pop()}`));
    const bundles = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    bundles.forEach((code) => {
      const imports = code.split('\n').filter((line) => line.startsWith('import '));
      expect(imports.every((line) => line.endsWith('from "@aws-appsync/utils";') || line.endsWith('from "@aws-appsync/utils/dynamodb";'))).toBe(true);
      expect(code).not.toContain('sourceMappingURL');
      expect(code).toMatch(/export \{/);
      expect(Buffer.byteLength(code)).toBeLessThanOrEqual(HANDLER_CODE_MAX_BYTES);
    });
  });

  it('fails on an unresolved import', async () => {
    const source = await dir.write('broken.ts', `import { nothing } from './missing.ts';\nexport function onPublish() { return nothing; }`);

    await expect(
      buildHandlers({
        rootDir: dir.path,
        outDir: dir.path,
        namespaces: [
          {
            name: 'broken',
            handlerSource: source,
            handlerBundle: 'broken.mjs',
            publishAuthModes: [],
            subscribeAuthModes: [],
          },
        ],
      }),
    ).rejects.toThrow(/Could not resolve/);
  });
});
