/**
 * `util.dynamodb.*` as the APPSYNC_JS runtime documents it: typed attribute values from plain
 * values (null in, null out for the typed converters), and the S3 object string AppSync stores
 * for a file reference. Keyed by dotted name for util-functions.ts. Pure.
 */
import { toAttributeMap, toAttributeValue } from './attribute-values.ts';

type Fn = (...args: unknown[]) => unknown;

function nullable(convert: (value: unknown) => unknown): Fn {
  return (value) => (value === null || value === undefined ? null : convert(value));
}

function typed(value: unknown, check: (v: unknown) => boolean, expected: string, name: string): unknown {
  if (!check(value)) throw new TypeError(`util.dynamodb.${name} expects ${expected}`);
  return value;
}

const isString = (v: unknown) => typeof v === 'string';
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const listOf = (check: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(check);

/** `{ "s3" : { "key" : …, "bucket" : …, "region" : … } }`, spaced as AppSync writes it. */
export function s3ObjectJson(key: unknown, bucket: unknown, region: unknown, version?: unknown): string {
  const fields: [string, unknown][] = [['key', key], ['bucket', bucket], ['region', region]];
  if (version !== undefined && version !== null) fields.push(['version', version]);
  return `{ "s3" : { ${fields.map(([name, value]) => `"${name}" : ${JSON.stringify(String(value))}`).join(', ')} } }`;
}

export const DYNAMODB_UTIL: Record<string, Fn> = {
  'dynamodb.toDynamoDB': (value) => toAttributeValue(value),
  'dynamodb.toMapValues': (value) => toAttributeMap(value),
  'dynamodb.toString': nullable((v) => ({ S: typed(v, isString, 'a string', 'toString') })),
  'dynamodb.toStringSet': nullable((v) => ({ SS: typed(v, listOf(isString), 'a list of strings', 'toStringSet') })),
  'dynamodb.toNumber': nullable((v) => ({ N: String(typed(v, isNumber, 'a number', 'toNumber')) })),
  'dynamodb.toNumberSet': nullable((v) => ({ NS: (typed(v, listOf(isNumber), 'a list of numbers', 'toNumberSet') as number[]).map(String) })),
  'dynamodb.toBinary': nullable((v) => ({ B: typed(v, isString, 'a base64 string', 'toBinary') })),
  'dynamodb.toBinarySet': nullable((v) => ({ BS: typed(v, listOf(isString), 'a list of base64 strings', 'toBinarySet') })),
  'dynamodb.toBoolean': nullable((v) => ({ BOOL: typed(v, (b) => typeof b === 'boolean', 'a boolean', 'toBoolean') })),
  'dynamodb.toNull': () => ({ NULL: true }),
  'dynamodb.toList': nullable((v) => toAttributeValue(typed(v, Array.isArray, 'a list', 'toList'))),
  'dynamodb.toMap': nullable((v) => ({ M: toAttributeMap(v) })),
  'dynamodb.toS3Object': (key, bucket, region, version) => ({ S: s3ObjectJson(key, bucket, region, version) }),
  'dynamodb.fromS3ObjectJson': (value) => {
    const parsed = JSON.parse(String(value)) as { s3?: unknown };
    if (typeof parsed.s3 !== 'object' || parsed.s3 === null) throw new TypeError('util.dynamodb.fromS3ObjectJson expects the string of an S3 object');
    return parsed.s3;
  },
};
