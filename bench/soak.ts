/**
 * `npm run soak`: the load run, then the fault run, at full size. 200 real aws-amplify
 * clients (one `node:vm` realm each, see tests/support/amplify-realm.ts) across 20 rooms, 50
 * messages each, alternating `events.post` and `channel.publish`; the local cloud runs as a child
 * process (`local/cli.ts`, on-disk data, fixed ports). Prints the figures and appends them to
 * RELIABILITY.md. Flags: `--clients n --rooms n --messages n` for other sizes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCloudProcess } from '../tests/support/cloud-process.ts';
import { runSoakPhase, type SoakFigures, startSoakClients } from '../tests/reliability/soak-run.ts';
import { appendReliability, figureTable } from './lib/reliability-report.ts';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

const CLIENTS = flag('clients', 200);
const ROOMS = flag('rooms', 20);
const MESSAGES = flag('messages', 50);
const DROP_FRACTION = 0.1;
const FAIL_RATE = 0.05;
const log = (line: string) => console.log(`[soak] ${line}`);

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-soak-'));
  // The first client creates every room of both phases: more than the default 10 new rooms per hour.
  const cloud = await startCloudProcess({ dir, flags: ['--rate-limit', 'off', '--room-limit', 'off', '--load-users', String(CLIENTS)] });
  const results: SoakFigures[] = [];
  try {
    log(`cloud pid ${cloud.pid()} at ${cloud.eventsOrigin}; starting ${CLIENTS} clients`);
    const started = performance.now();
    const clients = await startSoakClients(cloud, CLIENTS);
    log(`${CLIENTS} clients signed in in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const common = { rooms: ROOMS, messagesPerClient: MESSAGES, sendDeadlineMs: 180_000, convergeTimeoutMs: 180_000, log };
    results.push(await runSoakPhase(cloud, clients, { ...common, name: 'load', seed: 1 }));
    log(JSON.stringify(results[0]));
    results.push(
      await runSoakPhase(cloud, clients, {
        ...common,
        name: 'faults',
        seed: 2,
        faults: { dropFraction: DROP_FRACTION, failRate: FAIL_RATE, restartAtFraction: 0.4 },
      }),
    );
    log(JSON.stringify(results[1]));
    await Promise.all(clients.map((c) => c.amplify.close().catch(() => undefined)));
  } finally {
    await cloud.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const command = `npm run soak${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  await appendReliability('Load and faults', command, report(results));
  const failed = results.some(violations);
  console.log(failed ? 'soak: FAILED (see figures)' : 'soak: all checks hold');
  process.exitCode = failed ? 1 : 0;
}

function violations(f: SoakFigures): boolean {
  return (
    f.acknowledged !== f.sent ||
    f.acknowledgedLost !== 0 ||
    f.storedTwice !== 0 ||
    f.storedUnacknowledged !== 0 ||
    f.stored !== f.sent ||
    f.orphanIndexEntries !== 0 ||
    f.missing !== 0 ||
    f.doubled !== 0 ||
    f.unstoredDeliveries !== 0 ||
    f.converged !== f.subscribers ||
    (f.phase === 'load' && f.duplicateDeliveries !== 0)
  );
}

function report([load, faults]: SoakFigures[]): string {
  const rows = (f: SoakFigures): [string, string | number][] => [
    ['clients / rooms / messages per client', `${f.clients} / ${f.rooms} / ${f.messagesPerClient}`],
    ['sent (via events.post / channel.publish)', `${f.sent} (${f.sentViaPost} / ${f.sentViaPublish})`],
    ['acknowledged / gave up', `${f.acknowledged} / ${f.gaveUp}`],
    ['stored (GET history) / distinct clientMsgIds', `${f.stored} / ${f.storedDistinct}`],
    ['acknowledged but not stored', f.acknowledgedLost],
    ['stored more than once (table items)', f.storedTwice],
    ['history entries without a table item (an index entry left by the SIGKILL and not repaired at restart)', f.orphanIndexEntries],
    ['stored but never acknowledged', f.storedUnacknowledged],
    ['per-event failures reported (of which "not stored")', `${f.reportedFailures} (${f.notStoredFailures})`],
    ['failed, then stored once by a retry with the same clientMsgId', f.retriedThenStored],
    ['send attempts that threw (socket or cloud down)', f.sendErrors],
    ['subscribers: missing / doubled vs room history (summed)', `${f.missing} / ${f.doubled}`],
    ['deliveries of an unstored message', f.unstoredDeliveries],
    ['duplicate deliveries of a stored message (re-broadcast of an idempotent retry)', f.duplicateDeliveries],
    ['subscribers whose merged timeline equals the room history (ids, order, content)', `${f.converged} / ${f.subscribers}`],
    ['optimistic sends never replaced by their echo', f.unconfirmedSends],
    ['publish → delivery latency p50 / p99 (first attempts only)', `${f.latencyP50Ms.toFixed(1)} ms / ${f.latencyP99Ms.toFixed(1)} ms (${f.latencySamples} deliveries)`],
    ['connections dropped (clients chosen)', `${f.connectionsDropped} (${f.dropsRequested})`],
    ['reconnects seen by clients / gap fills (after=)', `${f.reconnects} / ${f.gapFills}`],
    ['gap fills whose anchor live messages had overtaken before the fill began', f.anchorOvertaken],
    ['cloud killed and back after', f.restartDownMs === null ? '—' : `${(f.restartDownMs / 1000).toFixed(1)} s`],
    ['local cloud peak RSS (VmHWM of the child process)', `${f.cloudPeakRssMiB.toFixed(0)} MiB`],
    ['duration / acknowledged messages per second', `${f.durationS.toFixed(1)} s / ${f.acknowledgedPerSecond.toFixed(0)}`],
  ];
  return [
    `Every client is the real aws-amplify ${'client'} (one \`node:vm\` realm each, all in the run's process); the local cloud is a child process with on-disk data. The fault phase runs the same load with ${DROP_FRACTION * 100}% of connections dropped at random moments, persist-messages failing at rate ${FAIL_RATE}, and one SIGKILL + restart on the same ports after 40% of the messages.`,
    '',
    '### Load',
    '',
    figureTable(rows(load!)),
    '',
    '### Faults during the same load',
    '',
    figureTable(rows(faults!)),
    ...[load!, faults!].flatMap((f) =>
      f.unconvergedDetail.length ? ['', `Not converged (${f.phase}, first ${f.unconvergedDetail.length}):`, '', ...f.unconvergedDetail.map((d) => `- ${d}`)] : [],
    ),
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
