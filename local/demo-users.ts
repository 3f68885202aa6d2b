import { MODERATORS_GROUP } from '../amplify/definition.ts';
import type { SeedUser } from './cognito/local-cognito.ts';

/** Seeded into the local user pool and listed in `custom.local.users` (local mode only). */
export const demoUsers: SeedUser[] = [
  { email: 'alice@parley.local', password: 'Parley-demo-1', displayName: 'Alice', groups: [] },
  { email: 'bob@parley.local', password: 'Parley-demo-1', displayName: 'Bob', groups: [] },
  { email: 'mod@parley.local', password: 'Parley-demo-1', displayName: 'Morgan (mod)', groups: [MODERATORS_GROUP] },
];
