import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/moderation.ts';
import { createFakeModeration, MORGAN } from '../../test-support/fake-moderation.ts';
import { mountModerationView } from '../../test-support/mount-moderation-view.ts';

const PRIVATE = `p-${'0123456789abcdefghjkmnpqrs'}`;

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('ModerationAuditTable', () => {
  it('shows a moderator\'s read of a private room as its own row, linking the room', async () => {
    const read: AuditEntry = { id: '01M8P5BJZG0000000000000009', at: '2026-11-30T12:00:00.000Z', action: 'room.read', roomId: PRIVATE, moderator: MORGAN };
    const { wrapper } = await mountModerationView('/moderation?tab=audit', createFakeModeration([], [read]));
    unmount = () => wrapper.unmount();

    const cells = wrapper.findAll('tbody tr td').map((cell) => cell.text());

    expect(cells.slice(1)).toEqual(['Read private room', 'Morgan @morgan', `Messages of #${PRIVATE}`, '—']);
    expect(wrapper.get('tbody a').attributes('href')).toBe(`/rooms/${PRIVATE}`);
  });

  it('shows a change of a private room\'s members with who was added or removed, by whom', async () => {
    const bob = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob' };
    const alice = { sub: 'sub-alice', handle: 'alice', displayName: 'Alice' };
    const added: AuditEntry = { id: '01M8P5BJZG0000000000000010', at: '2026-11-30T12:00:00.000Z', action: 'member.added', roomId: PRIVATE, member: bob, moderator: alice };
    const { wrapper } = await mountModerationView('/moderation?tab=audit', createFakeModeration([], [added]));
    unmount = () => wrapper.unmount();

    const cells = wrapper.findAll('tbody tr td').map((cell) => cell.text());

    expect(cells.slice(1)).toEqual(['Added member', 'Alice @alice', `Bob @bob in #${PRIVATE}`, '—']);
  });
});
