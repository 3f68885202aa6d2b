import { type DynamoDBDocumentClient, paginateQuery, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Author, ChatMessage } from '../../core/messages.ts';
import { authorPk } from './message-item.ts';

/**
 * Names a moderator can type, mapped to the authors' `sub`s (whose `AUTHOR#<sub>` partitions hold
 * their messages). One item per (name, author): `NAME#<normalized name>` / `AUTHOR#<sub>`, for the
 * display name and for the handle. It remembers every name an author went by, so anyone may
 * once have used a name: a handle that exists now is looked up first, exactly
 * (`functions/moderation/author-lookup.ts`). See amplify/data/README.md.
 */
export interface AuthorDirectory {
  /**
   * Records the author's names. Each function instance writes a given (author, names) once, so a
   * warm `persist-messages` pays ~1 WCU per new author or renamed author, not per message.
   */
  record(author: Author, at: string): Promise<void>;
  /** The subs of the authors who went by `name` as a display name or handle, compared case-insensitively. */
  find(name: string): Promise<string[]>;
}

export function normalizeAuthorName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The directory partition of one name: every author who went by it. */
export function authorNamePk(name: string): string {
  return `NAME#${normalizeAuthorName(name)}`;
}

export function authorNameKey(name: string, sub: string): { pk: string; sk: string } {
  return { pk: authorNamePk(name), sk: authorPk(sub) };
}

export function createAuthorDirectory(client: DynamoDBDocumentClient, tableName: string): AuthorDirectory {
  const recorded = new Map<string, string>();
  return {
    async record(author, at) {
      const names = [...new Set([author.displayName, author.handle].filter((n) => n !== author.sub && normalizeAuthorName(n) !== ''))];
      const fingerprint = names.map(normalizeAuthorName).join('\n');
      if (recorded.get(author.sub) === fingerprint) return;
      await Promise.all(
        names.map((name) =>
          client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...authorNameKey(name, author.sub), type: 'author-name', name, sub: author.sub, lastSeenAt: at },
            }),
          ),
        ),
      );
      recorded.set(author.sub, fingerprint);
    },

    async find(name) {
      if (normalizeAuthorName(name) === '') return [];
      const subs: string[] = [];
      const pages = paginateQuery(
        { client },
        { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': authorNamePk(name) } },
      );
      for await (const page of pages) subs.push(...(page.Items ?? []).map((item) => item.sub as string));
      return subs;
    },
  };
}

/**
 * Wraps a message writer so that storing a new message also records its author's names (once
 * per author and function instance, see `record`). A failed directory write never fails the
 * message: it is retried with the author's next new message.
 */
export function recordingAuthors<W extends { writeOnce(draft: ChatMessage): Promise<{ created: boolean }> }>(writer: W, directory: Pick<AuthorDirectory, 'record'>): W {
  return {
    ...writer,
    async writeOnce(draft: ChatMessage) {
      const outcome = await writer.writeOnce(draft);
      if (outcome.created) await directory.record(draft.author, draft.createdAt).catch(() => undefined);
      return outcome;
    },
  };
}
