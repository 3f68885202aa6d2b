import { readFileSync } from 'node:fs';
import type { AmplifyOutputs } from '../core/outputs.ts';
import { runXss } from '../tests/xss/harness.ts';
import { sampleCorpus, xssCorpus } from '../tests/xss/vectors.ts';
import { alice, bob, expect, test, uniqueRoom } from './fixtures.ts';

const SAMPLE_SIZE = 60;

test('a sample of every XSS vector family is stored sanitized, renders as text in the room and the moderation console, and never runs', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const vectors = sampleCorpus(xssCorpus(), SAMPLE_SIZE);
  const outputs = JSON.parse(readFileSync(process.env.PARLEY_OUTPUTS as string, 'utf8')) as AmplifyOutputs;

  const report = await runXss({
    browser,
    baseURL: process.env.PARLEY_E2E_URL as string,
    outputs,
    vectors,
    author: alice,
    reader: bob,
    moderator: { email: 'mod@parley.local', password: 'Parley-demo-1' },
    roomPrefix: uniqueRoom('xss-corpus'),
    perRoom: 30,
  });

  expect(report.failures).toEqual([]);
  expect(report.sentinelControlFired).toBe(true);
  expect(report).toMatchObject({
    vectors: SAMPLE_SIZE,
    stored: SAMPLE_SIZE,
    renderedInRoom: SAMPLE_SIZE,
    renderedInRoomWithoutCsp: SAMPLE_SIZE,
    renderedInModeration: SAMPLE_SIZE,
  });
  expect(report.viaComposer).toBeGreaterThan(0);
  expect(report.watch.executions).toEqual([]);
  expect(report.watch.dialogs).toEqual([]);
});
