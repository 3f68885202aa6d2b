import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, ref } from 'vue';
import { emptyTimeline } from '../../core/timeline.ts';
import { useRoomStore } from '../stores/room.ts';
import { createTestContext, storedMessage } from '../test-support/fake-services.ts';
import { jumpStep, useMessageJump } from './useMessageJump.ts';

const ROOM = 'deep';
let stop: (() => void) | undefined;
afterEach(() => stop?.());

async function openRoomWith(count: number) {
  const ctx = createTestContext({ rooms: [{ id: ROOM, name: ROOM, kind: 'public' as const, lastMessageAt: null }] });
  const messages = Array.from({ length: count }, (_, n) => storedMessage(ROOM, n));
  messages.forEach((m) => ctx.history.store(m));
  const room = useRoomStore(ROOM);
  await room.open();
  return { ctx, room, messages };
}

function jumpTo(room: ReturnType<typeof useRoomStore>, id: string | undefined, reveal = vi.fn(async () => true)) {
  const target = ref(id);
  const scope = effectScope();
  const jump = scope.run(() => useMessageJump({ room: () => room, target: () => target.value, reveal }))!;
  stop = () => scope.stop();
  return { jump, reveal, target };
}

describe('jumpStep', () => {
  it('asks for older pages until the message is loaded or the loaded range has passed it', () => {
    const timeline = { ...emptyTimeline(), ids: ['05', '07'], byId: { '05': {}, '07': {} } } as never;

    expect(jumpStep(timeline, 'idle', '07')).toBe('found');
    expect(jumpStep(timeline, 'idle', '03')).toBe('older');
    expect(jumpStep(timeline, 'idle', '06')).toBe('missing');
    expect(jumpStep(timeline, 'done', '03')).toBe('missing');
    expect(jumpStep({ ...(timeline as object), removed: { '06': true } } as never, 'idle', '06')).toBe('removed');
  });
});

describe('useMessageJump', () => {
  it('loads older pages until a message far back in scrollback is there, then reveals and highlights it', async () => {
    const { ctx, room, messages } = await openRoomWith(180);
    const target = messages[10]!;

    const { jump, reveal } = jumpTo(room, target.id);
    await flushPromises();

    expect(ctx.history.calls.filter((c) => c.startsWith('older'))).toHaveLength(4);
    expect(room.entries.some((e) => e.key === target.id)).toBe(true);
    expect(reveal).toHaveBeenCalledWith(target.id);
    expect(jump.highlighted.value).toBe(target.id);
    expect(jump.status.value).toBe('found');
    expect(jump.notice.value).toBe('');
  });

  it('reveals a message of the newest page without loading more', async () => {
    const { ctx, room, messages } = await openRoomWith(80);

    const { jump } = jumpTo(room, messages[79]!.id);
    await flushPromises();

    expect(ctx.history.calls.filter((c) => c.startsWith('older'))).toHaveLength(1);
    expect(jump.status.value).toBe('found');
  });

  it('says so when the message is not in the room, without loading the whole history', async () => {
    const { ctx, room, messages } = await openRoomWith(200);
    const unknownId = `${messages[150]!.id.slice(0, -1)}Z`;

    const { jump, reveal } = jumpTo(room, unknownId);
    await flushPromises();

    expect(reveal).not.toHaveBeenCalled();
    expect(jump.status.value).toBe('missing');
    expect(jump.notice.value).toBe('The linked message is not in this room.');
    expect(ctx.history.calls.filter((c) => c.startsWith('older')).length).toBeLessThan(4);
  });

  it('gives up after the page budget with an honest notice', async () => {
    const { room, messages } = await openRoomWith(200);
    const target = ref<string | undefined>(messages[0]!.id);
    const scope = effectScope();
    const jump = scope.run(() => useMessageJump({ room: () => room, target: () => target.value, reveal: async () => true, maxPages: 1 }))!;
    stop = () => scope.stop();
    await flushPromises();

    expect(jump.status.value).toBe('too-far');
    expect(jump.notice.value).toMatch(/too far back/);
  });

  it('clears the highlight when the link goes away', async () => {
    const { room, messages } = await openRoomWith(5);
    const { jump, target } = jumpTo(room, messages[2]!.id);
    await flushPromises();

    target.value = undefined;
    await flushPromises();

    expect(jump.highlighted.value).toBeUndefined();
    expect(jump.status.value).toBe('idle');
  });
});
