import { beforeEach, describe, expect, it } from 'vitest';
import type { Room } from '../../core/history-api.ts';
import { apiError } from '../test-support/fake-members.ts';
import { ALICE, createTestContext, type TestContext } from '../test-support/fake-services.ts';
import { useMembersStore } from './members.ts';
import { useRoomsStore } from './rooms.ts';
import { useSessionStore } from './session.ts';

const ROOM = 'p-0123456789abcdefghjkmnpqrs';
const alice = { sub: ALICE.sub, handle: ALICE.handle, displayName: ALICE.displayName };
const bob = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob' };
const carol = { sub: 'sub-carol', handle: 'carol', displayName: 'Carol' };
let ctx: TestContext;
let fake: TestContext['members'];
const store = () => useMembersStore(ctx.pinia);

beforeEach(async () => {
  const room: Room = { id: ROOM, name: 'Team', kind: 'private', lastMessageAt: null, epoch: 'aaaaaaaaaa' };
  ctx = createTestContext({ rooms: [room] });
  fake = ctx.members;
  fake.people.push(bob, carol);
  await useSessionStore(ctx.pinia).ready();
  await useRoomsStore(ctx.pinia).load();
});

function seed(owner: typeof alice, ...others: (typeof alice)[]): void {
  fake.members.set(ROOM, [{ ...owner, role: 'owner' }, ...others.map((m) => ({ ...m, role: 'member' as const }))]);
}

describe('the members panel', () => {
  it('lists the members and lets the owner remove others', async () => {
    seed(alice, bob);

    await ctx.app.runWithContext(() => store().load(ROOM));

    expect(store().status).toBe('ready');
    expect(store().members.map((m) => `${m.handle}:${m.role}`)).toEqual(['alice:owner', 'bob:member']);
    expect(store().canRemove).toBe(true);
  });

  it('does not offer removing others to a member who is not the owner', async () => {
    seed(bob, alice);

    await ctx.app.runWithContext(() => store().load(ROOM));

    expect(store().canRemove).toBe(false);
  });

  it('invites by handle (a leading @ and capitals are fine) and shows the new member', async () => {
    seed(alice);
    await ctx.app.runWithContext(() => store().load(ROOM));

    const outcome = await store().invite(' @Carol ');

    expect(outcome).toEqual({ ok: true });
    expect(fake.calls).toContain(`invite ${ROOM} carol`);
    expect(store().members.map((m) => m.handle)).toEqual(['alice', 'carol']);
  });

  it('refuses a malformed handle without asking the server, and says why', async () => {
    seed(alice);
    await ctx.app.runWithContext(() => store().load(ROOM));

    const outcome = await store().invite('no spaces');

    expect(outcome).toEqual({ ok: false, error: 'handle may contain only letters a–z, digits and _' });
    expect(fake.calls.filter((c) => c.startsWith('invite'))).toEqual([]);
  });

  it("answers the server's refusal of an unknown handle as an error value", async () => {
    seed(alice);
    await ctx.app.runWithContext(() => store().load(ROOM));

    const outcome = await store().invite('nobody');

    expect(outcome).toEqual({ ok: false, error: 'Nobody has the handle @nobody' });
  });

  it('removes a member and lists the rest', async () => {
    seed(alice, bob, carol);
    await ctx.app.runWithContext(() => store().load(ROOM));

    await store().remove(bob.sub);

    expect(store().members.map((m) => m.handle)).toEqual(['alice', 'carol']);
  });

  it('leaving takes the room out of the room list', async () => {
    seed(alice, bob);
    await ctx.app.runWithContext(() => store().load(ROOM));

    const outcome = await store().leave();

    expect(outcome).toEqual({ ok: true });
    expect(fake.calls).toContain(`remove ${ROOM} ${alice.sub}`);
    expect(useRoomsStore(ctx.pinia).roomById(ROOM)).toBeUndefined();
  });

  it('shows a failed load as an error status', async () => {
    seed(alice);
    fake.failure = apiError(500, 'Internal error');

    await ctx.app.runWithContext(() => store().load(ROOM));

    expect(store().status).toBe('error');
    expect(store().error).toBe('Internal error');
  });

  it('opens a DM by handle and puts it in the room list', async () => {
    const outcome = await ctx.app.runWithContext(() => store().openDm('bob'));

    expect(outcome.ok && outcome.room.peer).toEqual(bob);
    expect(useRoomsStore(ctx.pinia).rooms.some((room) => room.kind === 'dm')).toBe(true);
  });
});
