/**
 * Query and Scan, with AppSync's result: `{ items, nextToken, scannedCount }`, items as plain
 * JSON. `nextToken` is opaque to the handler (here the last evaluated key, base64url JSON; on
 * AppSync an encrypted token) and null on the last page. A Query or Scan of an index needs the
 * role's permission on the table's indexes.
 */
import type { DataSourceOutcome, DynamoDbRequest } from '../events/contracts.ts';
import { fromAttributeMap } from './attribute-values.ts';
import { type DynamoDbAccess, failed } from './dynamodb-access.ts';
import { type AttributeMap, expressionField, isObject, optionalField, placeholderInput, projectionField, refuse } from './dynamodb-request-fields.ts';

const SELECTS = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES'];

export function encodeNextToken(lastEvaluatedKey: unknown): string | null {
  return isObject(lastEvaluatedKey) ? Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url') : null;
}

export function decodeNextToken(token: string): AttributeMap | null {
  try {
    const key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    return isObject(key) && Object.values(key).every(isObject) ? (key as AttributeMap) : null;
  } catch {
    return null;
  }
}

export async function runList(access: DynamoDbAccess, operation: 'Query' | 'Scan', request: DynamoDbRequest): Promise<DataSourceOutcome> {
  const name = access.name;
  const index = optionalField<string>(name, 'index', request.index, 'string');
  const denied = access.check(operation === 'Query' ? 'dynamodb:Query' : 'dynamodb:Scan', access.tableName, index);
  if (denied !== null) return failed(denied);
  const keyCondition = operation === 'Query' ? expressionField(name, 'query', request.query) : undefined;
  if (operation === 'Query' && keyCondition === undefined) refuse(name, 'Query needs query: { expression, … } (the key condition)');
  const filter = expressionField(name, 'filter', request.filter);
  const projection = projectionField(name, request.projection);
  const select = optionalField<string>(name, 'select', request.select, 'string');
  if (select !== undefined && !SELECTS.includes(select)) refuse(name, `select must be one of ${SELECTS.join(', ')}`);
  const nextToken = optionalField<string>(name, 'nextToken', request.nextToken, 'string');
  const startKey = nextToken === undefined ? undefined : decodeNextToken(nextToken);
  if (startKey === null) return failed({ type: 'DynamoDB:ValidationException', message: 'The nextToken is not one this data source issued' });
  const input = {
    TableName: access.tableName,
    IndexName: index,
    ...(keyCondition === undefined ? {} : { KeyConditionExpression: keyCondition.expression }),
    ...(filter === undefined ? {} : { FilterExpression: filter.expression }),
    ...(projection === undefined ? {} : { ProjectionExpression: projection.expression }),
    ...placeholderInput(name, [keyCondition, filter, projection]),
    Limit: optionalField<number>(name, 'limit', request.limit, 'number'),
    ExclusiveStartKey: startKey,
    ConsistentRead: optionalField<boolean>(name, 'consistentRead', request.consistentRead, 'boolean'),
    Select: select,
    ...(operation === 'Query'
      ? { ScanIndexForward: optionalField<boolean>(name, 'scanIndexForward', request.scanIndexForward, 'boolean') }
      : {
          Segment: optionalField<number>(name, 'segment', request.segment, 'number'),
          TotalSegments: optionalField<number>(name, 'totalSegments', request.totalSegments, 'number'),
        }),
  };
  const answer = await access.call(operation, input);
  if (!answer.ok) return failed(answer.error);
  const items = ((answer.body.Items as AttributeMap[] | undefined) ?? []).map(fromAttributeMap);
  return {
    result: { items, nextToken: encodeNextToken(answer.body.LastEvaluatedKey), scannedCount: Number(answer.body.ScannedCount ?? items.length) },
    error: null,
  };
}
