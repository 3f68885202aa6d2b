/** A DynamoDB table of the template as the local server creates it: keys, indexes and TTL attribute. */
import type { AssemblyResource } from '../assembly/read-cloud-assembly.ts';
import type { KeyDefinition, KeyType } from './backend-model.ts';
import type { TableDefinition } from './backend-model.ts';
import { TemplateNotEmulatedError } from './template-not-emulated-error.ts';

interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

interface IndexProperties {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
}

export function readTable(resource: AssemblyResource): TableDefinition {
  const p = resource.properties;
  const types = new Map(((p.AttributeDefinitions ?? []) as { AttributeName: string; AttributeType: KeyType }[]).map((a) => [a.AttributeName, a.AttributeType]));
  const keys = (schema: KeySchemaElement[], where: string): { partitionKey: KeyDefinition; sortKey: KeyDefinition } => {
    const key = (kind: 'HASH' | 'RANGE'): KeyDefinition | undefined => {
      const element = schema.find((candidate) => candidate.KeyType === kind);
      return element && { name: element.AttributeName, type: types.get(element.AttributeName) ?? 'S' };
    };
    const partitionKey = key('HASH');
    const sortKey = key('RANGE');
    if (!partitionKey || !sortKey) throw new TemplateNotEmulatedError(resource, `${where} has no sort key; the emulator serves tables and indexes with both keys`);
    return { partitionKey, sortKey };
  };
  const ttl = p.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  return {
    name: resource.physicalId,
    ...keys(p.KeySchema as KeySchemaElement[], 'the table'),
    globalSecondaryIndexes: ((p.GlobalSecondaryIndexes ?? []) as IndexProperties[]).map((index) => ({
      name: index.IndexName,
      ...keys(index.KeySchema, `index ${index.IndexName}`),
      projection: index.Projection?.ProjectionType === 'INCLUDE'
        ? (index.Projection.NonKeyAttributes ?? [])
        : ((index.Projection?.ProjectionType ?? 'ALL') as 'ALL' | 'KEYS_ONLY'),
    })),
    timeToLiveAttribute: ttl?.Enabled ? ttl.AttributeName : undefined,
  };
}
