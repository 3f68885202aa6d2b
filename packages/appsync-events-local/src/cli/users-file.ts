/**
 * The `--users` file: a JSON array of `{ username, password, groups?, attributes? }`, read into
 * the seed users the user pool is brought to. Pure; a bad entry is a `UsageError` naming it.
 * Whether a username fits the pool (an email address in a pool that signs in by email, …) depends
 * on the template, so it is checked when the pool is seeded (`seed-identity.ts`).
 */
import { z } from 'zod';
import type { SeedAccount } from '../cognito/seed-user-pool.ts';
import { UsageError } from './cli-options.ts';

const UsersFileEntrySchema = z.strictObject({
  /** What the user signs in with: the email address or phone number in a pool that signs in by one, else the username. */
  username: z.string().min(1, 'must not be empty'),
  password: z.string().min(1, 'must not be empty'),
  groups: z.array(z.string().min(1, 'a group name must not be empty')).optional(),
  /**
   * `name` (an attribute only an administrator sets), and in a pool that signs in by username the
   * user's `email` and `phone_number` (seeded verified, so they work as aliases).
   */
  attributes: z.strictObject({
    name: z.string().min(1, 'must not be empty').optional(),
    email: z.email('must be an email address').optional(),
    phone_number: z.string().regex(/^\+[1-9][0-9]{1,14}$/, 'must be a phone number in E.164 format (+<country code><number>)').optional(),
  }).optional(),
});

export type UsersFileEntry = z.infer<typeof UsersFileEntrySchema>;

export function parseUsersFile(text: string, file: string): SeedAccount[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--users ${file}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(json)) throw new UsageError(`--users ${file}: expected a JSON array of users, [{ "username", "password", "groups"?, "attributes"? }]`);
  const seen = new Set<string>();
  return json.map((entry: unknown, index) => {
    const parsed = UsersFileEntrySchema.safeParse(entry);
    if (!parsed.success) throw new UsageError(`--users ${file}: ${describeEntry(entry, index)}: ${formatIssue(parsed.error.issues[0]!)}`);
    const user = parsed.data;
    const key = user.username.toLowerCase();
    if (seen.has(key)) throw new UsageError(`--users ${file}: ${describeEntry(entry, index)}: the username appears twice`);
    seen.add(key);
    return {
      username: user.username,
      ...(user.attributes?.email === undefined ? {} : { email: user.attributes.email }),
      ...(user.attributes?.phone_number === undefined ? {} : { phoneNumber: user.attributes.phone_number }),
      password: user.password,
      displayName: user.attributes?.name ?? user.username.split('@')[0]!,
      groups: [...new Set(user.groups ?? [])],
    };
  });
}

function describeEntry(entry: unknown, index: number): string {
  const username = typeof entry === 'object' && entry !== null && 'username' in entry ? entry.username : undefined;
  return typeof username === 'string' ? `entry ${index} (${username})` : `entry ${index}`;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => (path ? `${path}.${key}` : key)).join(', ')}`;
  if (path === '') return 'expected an object { "username", "password", "groups"?, "attributes"? }';
  if (issue.code === 'invalid_type') return `${path} must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`;
  return `${path} ${issue.message}`;
}
