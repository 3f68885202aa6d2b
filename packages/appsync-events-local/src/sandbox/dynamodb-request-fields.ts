/**
 * Reading the fields of a DynamoDB data source request (what `@aws-appsync/utils/dynamodb`
 * builds) into DynamoDB's own input fields. A malformed field throws `DataSourceRequestError`:
 * a bug in the handler, shown where it was made. Pure.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DataSourceRequestError } from './data-source-request-error.ts';

export type AttributeMap = Record<string, AttributeValue>;

/** An expression with its placeholders, as a request carries it (`{ expression, expressionNames, expressionValues }`). */
export interface ExpressionParts {
  expression: string;
  names: Record<string, string>;
  values: AttributeMap;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function refuse(dataSource: string, message: string): never {
  throw new DataSourceRequestError(`Data source ${dataSource}: ${message}`);
}

/** Typed attribute values (`{ id: { S: '1' } }`), as `util.dynamodb.toMapValues` makes them. */
export function attributeMapField(dataSource: string, field: string, value: unknown, allowEmpty = false): AttributeMap {
  const ok = isObject(value) && (allowEmpty || Object.keys(value).length > 0) && Object.values(value).every(isObject);
  if (!ok) return refuse(dataSource, `${field} needs DynamoDB attribute values (util.dynamodb.toMapValues)`);
  return value as AttributeMap;
}

export function expressionField(dataSource: string, field: string, value: unknown): ExpressionParts | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || typeof value.expression !== 'string' || value.expression === '') {
    return refuse(dataSource, `${field} must be { expression, expressionNames?, expressionValues? }`);
  }
  const names = value.expressionNames ?? {};
  if (!isObject(names) || !Object.values(names).every((n) => typeof n === 'string')) {
    return refuse(dataSource, `${field}.expressionNames must map placeholders to attribute names`);
  }
  const values = attributeMapField(dataSource, `${field}.expressionValues`, value.expressionValues ?? {}, true);
  return { expression: value.expression, names: names as Record<string, string>, values };
}

/** A projection (`{ expression, expressionNames }`) as expression parts without values. */
export function projectionField(dataSource: string, value: unknown): ExpressionParts | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || typeof value.expression !== 'string') return refuse(dataSource, 'projection must be { expression, expressionNames? }');
  return expressionField(dataSource, 'projection', { expression: value.expression, expressionNames: value.expressionNames });
}

/**
 * One request's placeholders for DynamoDB: the names and values of all its expressions merged.
 * A placeholder two expressions bind differently is refused (DynamoDB has one namespace per call).
 */
export function placeholderInput(
  dataSource: string,
  parts: readonly (ExpressionParts | undefined)[],
): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: AttributeMap } {
  const names: Record<string, string> = {};
  const values: AttributeMap = {};
  for (const part of parts) {
    if (part === undefined) continue;
    for (const [token, name] of Object.entries(part.names)) {
      if (names[token] !== undefined && names[token] !== name) refuse(dataSource, `placeholder ${token} names both ${names[token]} and ${name}`);
      names[token] = name;
    }
    for (const [token, value] of Object.entries(part.values)) {
      if (values[token] !== undefined && JSON.stringify(values[token]) !== JSON.stringify(value)) {
        refuse(dataSource, `placeholder ${token} has two values`);
      }
      values[token] = value;
    }
  }
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

export function optionalField<T>(dataSource: string, field: string, value: unknown, type: 'boolean' | 'number' | 'string'): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type || (type === 'number' && !Number.isInteger(value))) {
    return refuse(dataSource, `${field} must be ${type === 'number' ? 'an integer' : `a ${type}`}`);
  }
  return value as T;
}

export function tableMapField(dataSource: string, value: unknown): Record<string, unknown> {
  if (!isObject(value) || Object.keys(value).length === 0) return refuse(dataSource, 'tables must name at least one table');
  return value;
}

export function listField(dataSource: string, field: string, value: unknown): unknown[] {
  if (!Array.isArray(value) || value.length === 0) return refuse(dataSource, `${field} must be a non-empty list`);
  return value;
}
