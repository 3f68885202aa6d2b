import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { APPSYNC_JS_RULES } from './rules.ts';

it('documents every rule in the README', async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');

  const missing = Object.keys(APPSYNC_JS_RULES).filter((rule) => !readme.includes(`\`${rule}\``));

  expect(missing).toEqual([]);
});
