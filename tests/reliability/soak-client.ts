/**
 * One simulated member in a soak run: a real aws-amplify client (its own `node:vm` realm) that
 * subscribes to its room, keeps the room's timeline with the app's own merge (`core/timeline.ts`),
 * fills the gap with `after=` after every reconnect as the app's room store does, and sends
 * messages with retries that keep the same `clientMsgId`.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ChatMessage, HistoryItem } from '../../core/messages.ts';
import { gapFillAfterId } from '../../core/timeline-cursor.ts';
import { toChatEvent } from '../../core/timeline-events.ts';
import { applyToTimeline, emptyTimeline, newestStoredId, type Timeline, type TimelineInput } from '../../core/timeline.ts';
import type { AmplifyOutputs } from '../../core/outputs.ts';
import { type AmplifyRealmClient, type RealmMessage, startRealmClient } from '../support/amplify-realm.ts';

export const PAGE_LIMIT = 100;
const NOT_STORED = 'UNAVAILABLE: Message not stored; please retry';

export interface HistoryPage {
  items: HistoryItem[];
  nextCursor?: string;
  /** Gap fill only: older messages moderated during the outage (see src/stores/room.ts). */
  updates?: HistoryItem[];
}

/** What happened to one message, from its sender's side. */
export interface SendRecord {
  clientMsgId: string;
  via: 'post' | 'publish';
  firstAttemptAt: number;
  attempts: number;
  acknowledged: boolean;
  /** Per-event failures the server reported (e.g. the persist Lambda failed). */
  reportedFailures: number;
  /** Of those, "Message not stored; please retry": the persist Lambda failed. */
  notStoredFailures: number;
  /** Attempts that threw (socket down, cloud down). */
  errors: number;
}

export interface RoomView {
  roomId: string;
  channel: string;
  timeline: Timeline;
  /** Raw deliveries by message id (a duplicate delivery counts twice here, once in the timeline). */
  deliveries: Map<string, number>;
  /** First delivery time of each message id (performance.now()). */
  deliveredAt: Map<string, number>;
  gapFills: number;
  /** The newest stored id held when the connection was disrupted: where the next gap fill starts. */
  anchorAtDisruption?: string;
  /**
   * Gap fills where live messages had already moved the newest id past that anchor when the fill
   * began: had the fill anchored at the newest id *then* (as `src/stores/room.ts` does), messages
   * missed during the outage could fall before its window.
   */
  anchorOvertaken: number;
  /** The last gap fill: where it started and how many items it read (diagnostics). */
  lastGapFill?: { after: string; items: number; at: number };
}

export interface SoakClient {
  index: number;
  email: string;
  /** As the events service knows the connection (`dropConnections`). */
  sub: string;
  amplify: AmplifyRealmClient;
  readonly reconnects: number;
  states: string[];
  /** Joins a room: subscribe, then the newest page, as the room store opens a room. */
  join(roomId: string): Promise<RoomView>;
  /** Sends one message with the given first transport; retries over `events.post` until acknowledged or `deadlineMs`. */
  send(room: RoomView, text: string, via: 'post' | 'publish', deadlineMs: number): Promise<SendRecord>;
  /** Resolves when no gap fill is running or queued. */
  settled(): Promise<void>;
  onProgress(listener: () => void): void;
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, string>;

export async function startSoakClient(outputs: AmplifyOutputs, index: number, email: string, password: string): Promise<SoakClient> {
  const rooms = new Map<string, RoomView>();
  const outcomes = new Map<string, { ok: boolean; message?: string }>();
  const progressListeners: (() => void)[] = [];
  const progress = () => progressListeners.forEach((listener) => listener());
  let disrupted = false;
  const connection = { reconnects: 0, states: [] as string[] };
  let gapFilling: Promise<void> = Promise.resolve();

  const record = (room: RoomView, input: TimelineInput) => {
    room.timeline = applyToTimeline(room.timeline, input);
  };
  const recordPage = (room: RoomView, items: HistoryItem[]) => {
    const stored = items.filter((item): item is ChatMessage => !('removed' in item));
    record(room, { kind: 'page', messages: stored });
  };

  async function fillGap(room: RoomView): Promise<void> {
    const newestNow = newestStoredId(room.timeline);
    const newest = room.anchorAtDisruption ?? newestNow;
    if (newest !== undefined && newestNow !== undefined && gapFillAfterId(newestNow) > gapFillAfterId(newest)) room.anchorOvertaken += 1;
    room.gapFills += 1;
    if (newest === undefined) {
      recordPage(room, ((await amplify.api('GET', `/rooms/${room.roomId}/messages?limit=${PAGE_LIMIT}`)) as HistoryPage).items);
      return;
    }
    let after: string | undefined = gapFillAfterId(newest);
    const fill = { after, items: 0, at: Date.now() };
    while (after !== undefined) {
      const page = (await amplify.api('GET', `/rooms/${room.roomId}/messages?limit=${PAGE_LIMIT}&after=${after}`)) as HistoryPage;
      if (page.updates !== undefined) record(room, { kind: 'updates', items: page.updates });
      recordPage(room, page.items);
      fill.items += page.items.length;
      after = page.nextCursor;
    }
    room.lastGapFill = fill;
  }

  /** After a reconnect, every joined room fills its gap; a failed fill (e.g. the HTTP API still starting) is retried, backing off. */
  function scheduleGapFills(): void {
    gapFilling = gapFilling.then(async () => {
      for (const room of rooms.values()) {
        for (let attempt = 1; ; attempt += 1) {
          const filled = await fillGap(room).then(() => true, () => false);
          if (filled) {
            room.anchorAtDisruption = undefined;
            break;
          }
          if (attempt === 10) break;
          await backoff(attempt);
        }
      }
      progress();
    });
  }

  function onMessage(message: RealmMessage): void {
    if (message.kind === 'event') {
      const room = rooms.get(message.key);
      if (!room) return;
      const event = toChatEvent(message.event, room.roomId);
      if (!event) return;
      if (event.type === 'message.created') {
        const id = event.message.id;
        room.deliveries.set(id, (room.deliveries.get(id) ?? 0) + 1);
        if (!room.deliveredAt.has(id)) room.deliveredAt.set(id, performance.now());
      }
      record(room, { kind: 'event', event });
      progress();
    } else if (message.kind === 'wirePublish') {
      for (const outcome of message.outcomes) outcomes.set(outcome.clientMsgId, outcome);
    } else if (message.kind === 'connectionState') {
      connection.states.push(message.state);
      if (message.state === 'ConnectionDisrupted') {
        disrupted = true;
        for (const room of rooms.values()) room.anchorAtDisruption ??= newestStoredId(room.timeline);
      }
      if (message.state === 'Connected' && disrupted) {
        disrupted = false;
        connection.reconnects += 1;
        scheduleGapFills();
      }
    }
  }

  const amplify = await startRealmClient(outputs, onMessage);
  await amplify.signIn(email, password);
  const claims = claimsOf(await amplify.accessToken());

  const client: SoakClient = {
    index,
    email,
    sub: claims.sub ?? '',
    amplify,
    get reconnects() {
      return connection.reconnects;
    },
    states: connection.states,
    async join(roomId) {
      const channel = `/chat/rooms/${roomId}`;
      const room: RoomView = { roomId, channel, timeline: emptyTimeline(), deliveries: new Map(), deliveredAt: new Map(), gapFills: 0, anchorOvertaken: 0 };
      rooms.set(channel, room);
      await amplify.subscribe(channel, channel);
      recordPage(room, ((await amplify.api('GET', `/rooms/${roomId}/messages?limit=${PAGE_LIMIT}`)) as HistoryPage).items);
      return room;
    },
    async send(room, text, via, deadlineMs) {
      const clientMsgId = randomUUID();
      const event = { type: 'message', clientMsgId, text };
      const sent: SendRecord = {
        clientMsgId,
        via,
        firstAttemptAt: performance.now(),
        attempts: 0,
        acknowledged: false,
        reportedFailures: 0,
        notStoredFailures: 0,
        errors: 0,
      };
      record(room, {
        kind: 'sending',
        message: { clientMsgId, roomId: room.roomId, text, author: { sub: client.sub, handle: claims['parley:handle'] ?? '', displayName: claims['parley:display_name'] ?? '', moderator: false }, createdAt: new Date().toISOString(), status: 'pending' },
      });
      const deadline = sent.firstAttemptAt + deadlineMs;
      let transport = via;
      while (!sent.acknowledged && performance.now() < deadline) {
        sent.attempts += 1;
        try {
          const failure = transport === 'post' ? await postOnce(room, event) : await publishOnce(room, event);
          if (failure === null) sent.acknowledged = true;
          else {
            sent.reportedFailures += 1;
            if (failure === NOT_STORED) sent.notStoredFailures += 1;
            record(room, { kind: 'failed', clientMsgId, error: failure });
          }
        } catch {
          sent.errors += 1;
        }
        if (!sent.acknowledged) {
          // The app's send path: retry over HTTP (it works while the socket is down), backing off.
          transport = 'post';
          await backoff(sent.attempts);
        }
      }
      return sent;
    },
    settled: () => gapFilling,
    onProgress(listener) {
      progressListeners.push(listener);
    },
  };

  async function postOnce(room: RoomView, event: Record<string, unknown>): Promise<string | null> {
    const failed = (await amplify.post(room.channel, [event])) as { message?: string }[] | null;
    return Array.isArray(failed) && failed.length > 0 ? (failed[0]?.message ?? NOT_STORED) : null;
  }

  async function publishOnce(room: RoomView, event: { clientMsgId: string }): Promise<string | null> {
    outcomes.delete(event.clientMsgId);
    await amplify.publish(room.channel, [event]);
    const outcome = outcomes.get(event.clientMsgId);
    if (!outcome) throw new Error('publish_success carried no outcome for the event');
    return outcome.ok ? null : (outcome.message ?? NOT_STORED);
  }

  return client;
}

/** A client's retry delay: 100 ms doubling to 2 s (a retry policy, not a wait for some other event). */
function backoff(attempt: number): Promise<void> {
  const ms = Math.min(2000, 100 * 2 ** Math.min(attempt, 5));
  return new Promise((resolve) => setTimeout(resolve, ms));
}
