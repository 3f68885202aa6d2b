/**
 * BatchGetItem, BatchPutItem and BatchDeleteItem (one BatchWriteItem), across the tables the
 * request names by their physical names, with AppSync's results keyed by table:
 * - get: `{ data: { t: [item | null, …] }, unprocessedKeys: { t: [key, …] } }`, items in the
 *   order of the requested keys (null for a missing or unprocessed one; a projection reads the
 *   key attributes too, to match items to keys, and drops them again);
 * - put: `{ data: { t: [item | null, …] }, unprocessedItems: { t: [item, …] } }`;
 * - delete: `{ data: { t: [key | null, …] }, unprocessedKeys: { t: [key, …] } }`.
 * The role needs `dynamodb:BatchGetItem` / `dynamodb:BatchWriteItem` on every table named.
 */
import type { DataSourceOutcome, DynamoDbRequest } from '../events/contracts.ts';
import { fromAttributeMap } from './attribute-values.ts';
import { type DynamoDbAccess, failed } from './dynamodb-access.ts';
import {
  type AttributeMap,
  attributeMapField,
  type ExpressionParts,
  isObject,
  listField,
  optionalField,
  placeholderInput,
  projectionField,
  refuse,
  tableMapField,
} from './dynamodb-request-fields.ts';

/** Whether `item` has `key`'s attributes with the same values (matches a requested key to a returned item). */
function hasKey(item: AttributeMap, key: AttributeMap): boolean {
  return Object.entries(key).every(([name, value]) => JSON.stringify(item[name]) === JSON.stringify(value));
}

/** The top-level attributes a projection names (`#a.#b, c` → a, c). */
function projectedTopLevel(projection: ExpressionParts): string[] {
  return projection.expression.split(',').map((path) => {
    const head = path.trim().split(/[.[]/)[0] ?? '';
    return projection.names[head] ?? head;
  });
}

/**
 * A projection that also reads the key attributes, so each item can be matched to the key asked
 * for, and a function that drops the ones the handler did not project.
 */
function withKeyAttributes(projection: ExpressionParts | undefined, keyNames: readonly string[]) {
  if (projection === undefined) return { projection, strip: (item: AttributeMap) => item };
  const kept = projectedTopLevel(projection);
  const extra = keyNames.filter((k) => !kept.includes(k));
  const names = { ...projection.names, ...Object.fromEntries(extra.map((k, i) => [`#localKey${i}`, k])) };
  const expression = [projection.expression, ...extra.map((_, i) => `#localKey${i}`)].join(', ');
  const strip = (item: AttributeMap): AttributeMap => Object.fromEntries(Object.entries(item).filter(([k]) => !extra.includes(k)));
  return { projection: { expression, names, values: {} }, strip };
}

function denial(access: DynamoDbAccess, action: 'dynamodb:BatchGetItem' | 'dynamodb:BatchWriteItem', tables: readonly string[]) {
  for (const table of tables) {
    const denied = access.check(action, table);
    if (denied !== null) return denied;
  }
  return null;
}

export async function runBatchGet(access: DynamoDbAccess, request: DynamoDbRequest): Promise<DataSourceOutcome> {
  const tables = tableMapField(access.name, request.tables);
  const denied = denial(access, 'dynamodb:BatchGetItem', Object.keys(tables));
  if (denied !== null) return failed(denied);
  const keysByTable: Record<string, AttributeMap[]> = {};
  const stripByTable: Record<string, (item: AttributeMap) => AttributeMap> = {};
  const requestItems: Record<string, unknown> = {};
  for (const [table, entry] of Object.entries(tables)) {
    if (!isObject(entry)) refuse(access.name, `tables.${table} must be { keys, consistentRead?, projection? }`);
    const keys = listField(access.name, `tables.${table}.keys`, entry.keys).map((k, i) => attributeMapField(access.name, `tables.${table}.keys[${i}]`, k));
    const { projection, strip } = withKeyAttributes(projectionField(access.name, entry.projection), Object.keys(keys[0] ?? {}));
    keysByTable[table] = keys;
    stripByTable[table] = strip;
    requestItems[table] = {
      Keys: keys,
      ConsistentRead: optionalField<boolean>(access.name, `tables.${table}.consistentRead`, entry.consistentRead, 'boolean'),
      ...(projection === undefined ? {} : { ProjectionExpression: projection.expression }),
      ...placeholderInput(access.name, [projection]),
    };
  }
  const answer = await access.call('BatchGetItem', { RequestItems: requestItems });
  if (!answer.ok) return failed(answer.error);
  const responses = (answer.body.Responses ?? {}) as Record<string, AttributeMap[]>;
  const unprocessed = (answer.body.UnprocessedKeys ?? {}) as Record<string, { Keys?: AttributeMap[] }>;
  const data: Record<string, unknown[]> = {};
  const unprocessedKeys: Record<string, unknown[]> = {};
  for (const [table, keys] of Object.entries(keysByTable)) {
    const found = responses[table] ?? [];
    data[table] = keys.map((key) => {
      const item = found.find((candidate) => hasKey(candidate, key));
      return item === undefined ? null : fromAttributeMap(stripByTable[table]?.(item) ?? item);
    });
    unprocessedKeys[table] = (unprocessed[table]?.Keys ?? []).map(fromAttributeMap);
  }
  return { result: { data, unprocessedKeys }, error: null };
}

export async function runBatchWrite(access: DynamoDbAccess, operation: 'BatchPutItem' | 'BatchDeleteItem', request: DynamoDbRequest): Promise<DataSourceOutcome> {
  const tables = tableMapField(access.name, request.tables);
  const denied = denial(access, 'dynamodb:BatchWriteItem', Object.keys(tables));
  if (denied !== null) return failed(denied);
  const put = operation === 'BatchPutItem';
  const entriesByTable: Record<string, AttributeMap[]> = {};
  for (const [table, list] of Object.entries(tables)) {
    entriesByTable[table] = listField(access.name, `tables.${table}`, list).map((entry, i) => attributeMapField(access.name, `tables.${table}[${i}]`, entry));
  }
  const requestItems = Object.fromEntries(
    Object.entries(entriesByTable).map(([table, entries]) => [
      table,
      entries.map((entry) => (put ? { PutRequest: { Item: entry } } : { DeleteRequest: { Key: entry } })),
    ]),
  );
  const answer = await access.call('BatchWriteItem', { RequestItems: requestItems });
  if (!answer.ok) return failed(answer.error);
  const unprocessed = (answer.body.UnprocessedItems ?? {}) as Record<string, { PutRequest?: { Item: AttributeMap }; DeleteRequest?: { Key: AttributeMap } }[]>;
  const data: Record<string, unknown[]> = {};
  const left: Record<string, unknown[]> = {};
  for (const [table, entries] of Object.entries(entriesByTable)) {
    const notDone = (unprocessed[table] ?? []).map((r) => (put ? r.PutRequest?.Item : r.DeleteRequest?.Key)).filter((e): e is AttributeMap => e !== undefined);
    data[table] = entries.map((entry) => (notDone.some((n) => JSON.stringify(n) === JSON.stringify(entry)) ? null : fromAttributeMap(entry)));
    left[table] = notDone.map(fromAttributeMap);
  }
  return { result: put ? { data, unprocessedItems: left } : { data, unprocessedKeys: left }, error: null };
}
