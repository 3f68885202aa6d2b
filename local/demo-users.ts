import { MODERATORS_GROUP } from '../amplify/definition.ts';
import type { SeedUser } from 'appsync-events-local';

/** Seeded into the local user pool and listed in `custom.local.users` (local mode only). */
export const demoUsers: SeedUser[] = [
  { email: 'alice@parley.local', password: 'Parley-demo-1', displayName: 'Alice', groups: [] },
  { email: 'bob@parley.local', password: 'Parley-demo-1', displayName: 'Bob', groups: [] },
  { email: 'mod@parley.local', password: 'Parley-demo-1', displayName: 'Morgan', groups: [MODERATORS_GROUP] },
];

/** The password of every load user (local only, like the demo users'). */
export const LOAD_USER_PASSWORD = 'Parley-load-1';

/** `count` plain members, `load-0@parley.local` …, for load and soak runs (`--load-users`). */
export function loadUsers(count: number): SeedUser[] {
  return Array.from({ length: count }, (_, i) => ({
    email: `load-${i}@parley.local`,
    password: LOAD_USER_PASSWORD,
    displayName: `Load ${i}`,
    groups: [],
  }));
}
