/**
 * Reads a `TransactWriteItems` request into operations the emulation (dynalite-transactions.ts)
 * runs in two steps: its condition alone, then its write alone. Each step sends only the
 * expression names and values its own expression uses, since dynalite, like DynamoDB, refuses
 * unused ones. Pure.
 */

type Item = Record<string, unknown>;

export interface ConditionInput {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

export interface TransactOperation {
  table: string;
  /** The item's key, given the table's key attribute names. */
  key(names: string[]): Item;
  /** The condition to check first, if any. */
  condition(): ConditionInput | undefined;
  /** The write to apply once every condition holds (none for a ConditionCheck). */
  write(): { operation: 'PutItem' | 'UpdateItem' | 'DeleteItem'; input: Item } | undefined;
  /** `ReturnValuesOnConditionCheckFailure: ALL_OLD`: a failed condition's reason carries the item. */
  returnOldOnFailure: boolean;
}

const KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;
const MAX_ITEMS = 100;

/** The operations, or what is wrong with the request (a ValidationException's message). */
export function checkTransactItems(input: unknown): TransactOperation[] | string {
  const items = (input as { TransactItems?: unknown } | null)?.TransactItems;
  if (!Array.isArray(items) || items.length === 0) {
    return "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1";
  }
  if (items.length > MAX_ITEMS) {
    return `1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ITEMS}`;
  }
  const operations: TransactOperation[] = [];
  for (const entry of items as Record<string, unknown>[]) {
    const kinds = KINDS.filter((kind) => entry?.[kind] !== undefined);
    const params = kinds.length === 1 ? (entry[kinds[0]!] as Item) : undefined;
    if (!params || typeof params.TableName !== 'string') return 'TransactItems can only contain one of Check, Put, Update or Delete';
    const kind = kinds[0]!;
    if (kind === 'Put' ? typeof params.Item !== 'object' : typeof params.Key !== 'object') return `${kind} needs ${kind === 'Put' ? 'Item' : 'Key'}`;
    if (kind === 'ConditionCheck' && typeof params.ConditionExpression !== 'string') return 'ConditionCheck needs a ConditionExpression';
    operations.push(operation(kind, params));
  }
  return operations;
}

function operation(kind: (typeof KINDS)[number], params: Item): TransactOperation {
  const table = params.TableName as string;
  const key = (names: string[]): Item =>
    kind === 'Put' ? Object.fromEntries(names.map((name) => [name, (params.Item as Item)[name]])) : (params.Key as Item);
  return {
    table,
    key,
    returnOldOnFailure: params.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
    condition() {
      const expression = params.ConditionExpression;
      return typeof expression === 'string' ? { ConditionExpression: expression, ...usedBy(expression, params) } : undefined;
    },
    write() {
      if (kind === 'Put') return { operation: 'PutItem', input: { TableName: table, Item: params.Item } };
      if (kind === 'Delete') return { operation: 'DeleteItem', input: { TableName: table, Key: params.Key } };
      if (kind === 'Update') {
        const expression = String(params.UpdateExpression ?? '');
        return { operation: 'UpdateItem', input: { TableName: table, Key: params.Key, UpdateExpression: expression, ...usedBy(expression, params) } };
      }
      return undefined;
    },
  };
}

/** The expression names and values `expression` mentions, and no others. */
function usedBy(expression: string, params: Item): Omit<ConditionInput, 'ConditionExpression'> {
  const tokens = new Set(expression.match(/[#:][A-Za-z0-9_]+/g) ?? []);
  const pick = (map: unknown) => {
    const entries = Object.entries((map ?? {}) as Item).filter(([token]) => tokens.has(token));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  };
  const names = pick(params.ExpressionAttributeNames) as Record<string, string> | undefined;
  const values = pick(params.ExpressionAttributeValues);
  return { ...(names ? { ExpressionAttributeNames: names } : {}), ...(values ? { ExpressionAttributeValues: values } : {}) };
}
