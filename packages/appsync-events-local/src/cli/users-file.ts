/**
 * The `--users` file: a JSON array of `{ username, password, groups?, attributes? }`, read into
 * the seed users the user pool is brought to. Pure; a bad entry is a `UsageError` naming it.
 */
import { z } from 'zod';
import type { SeedUser } from '../cognito/seed-user-pool.ts';
import { UsageError } from './cli-options.ts';

const UsersFileEntrySchema = z.strictObject({
  /** The pool signs in by email, so the username is the email address. */
  username: z.email('must be an email address (the user pool signs in by email)'),
  password: z.string().min(1, 'must not be empty'),
  groups: z.array(z.string().min(1, 'a group name must not be empty')).optional(),
  /** Only `name` is seeded (an attribute only an administrator sets); email is the username. */
  attributes: z.strictObject({ name: z.string().min(1, 'must not be empty').optional() }).optional(),
});

export type UsersFileEntry = z.infer<typeof UsersFileEntrySchema>;

export function parseUsersFile(text: string, file: string): SeedUser[] {
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
      email: user.username,
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
