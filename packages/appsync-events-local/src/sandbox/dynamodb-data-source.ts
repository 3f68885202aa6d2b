/**
 * An `AMAZON_DYNAMODB` data source on the local DynamoDB server: the request object a handler's
 * `request` phase returns (built by `@aws-appsync/utils/dynamodb`) becomes the DynamoDB call
 * AppSync makes, and its answer `ctx.result` / `ctx.error` as AppSync shapes them. It runs
 * GetItem, PutItem, DeleteItem, UpdateItem (dynamodb-item-operations.ts), Query and Scan
 * (dynamodb-list-operations.ts), BatchGetItem, BatchPutItem, BatchDeleteItem
 * (dynamodb-batch-operations.ts), TransactGetItems and TransactWriteItems
 * (dynamodb-transact-operations.ts). Single-item operations, Query and Scan act on the
 * definition's table; batches and transactions name their tables by physical name.
 *
 * The role is honoured: an operation whose IAM action it lacks fails with
 * `DynamoDB:AccessDeniedException` before reaching DynamoDB. The calls go through `DynamoWire`
 * (no SDK; in process on dynalite), so a membership check on subscribe costs about what the rest
 * of the subscribe does.
 */
import type { DynamoWire } from '../dynamodb/dynamo-wire.ts';
import type { DataSourceOutcome, DynamoDbRequest } from '../events/contracts.ts';
import { createDynamoDbAccess, type DynamoDbAccess, type DynamoDbAction, type DynamoDbGrant, failed } from './dynamodb-access.ts';
import { runBatchGet, runBatchWrite } from './dynamodb-batch-operations.ts';
import { runGetItem, runWriteItem } from './dynamodb-item-operations.ts';
import { runList } from './dynamodb-list-operations.ts';
import { refuse } from './dynamodb-request-fields.ts';
import { runTransactGet, runTransactWrite } from './dynamodb-transact-operations.ts';

export interface DynamoDbDataSourceOptions {
  /** Data source name, for messages. */
  name: string;
  wire: DynamoWire;
  /** The physical name of the definition's table. */
  tableName: string;
  /** What the data source's role may do on its table (not its indexes); anything else fails as IAM would refuse it. */
  actions: readonly string[];
  /** Grants on other tables (and indexes), for batches and transactions that name them. */
  otherGrants?: readonly DynamoDbGrant[];
}

type Runner = (access: DynamoDbAccess, request: DynamoDbRequest) => Promise<DataSourceOutcome>;

/** Single-item operations: checked here, on the data source's own table. */
function onOwnTable(action: DynamoDbAction, run: Runner): Runner {
  return (access, request) => {
    const denied = access.check(action, access.tableName);
    return denied === null ? run(access, request) : Promise.resolve(failed(denied));
  };
}

const OPERATIONS: Record<string, Runner> = {
  GetItem: onOwnTable('dynamodb:GetItem', runGetItem),
  PutItem: onOwnTable('dynamodb:PutItem', (access, request) => runWriteItem(access, 'PutItem', request)),
  DeleteItem: onOwnTable('dynamodb:DeleteItem', (access, request) => runWriteItem(access, 'DeleteItem', request)),
  UpdateItem: onOwnTable('dynamodb:UpdateItem', (access, request) => runWriteItem(access, 'UpdateItem', request)),
  Query: (access, request) => runList(access, 'Query', request),
  Scan: (access, request) => runList(access, 'Scan', request),
  BatchGetItem: runBatchGet,
  BatchPutItem: (access, request) => runBatchWrite(access, 'BatchPutItem', request),
  BatchDeleteItem: (access, request) => runBatchWrite(access, 'BatchDeleteItem', request),
  TransactGetItems: runTransactGet,
  TransactWriteItems: runTransactWrite,
};

/** Runs one request; a DynamoDB failure resolves as `ctx.error`, a malformed request rejects. */
export function createDynamoDbDataSource(options: DynamoDbDataSourceOptions): (request: DynamoDbRequest) => Promise<DataSourceOutcome> {
  const grants: DynamoDbGrant[] = [{ tableName: options.tableName, actions: options.actions }, ...(options.otherGrants ?? [])];
  const access = createDynamoDbAccess(options.name, options.wire, grants);
  return async (request) => {
    const run = OPERATIONS[request.operation];
    if (request.operation === 'Sync') {
      return refuse(options.name, 'Sync is for versioned (delta sync) data sources of GraphQL APIs; Event API data sources do not run it');
    }
    if (run === undefined) {
      return refuse(options.name, `operation ${JSON.stringify(request.operation)} is not a DynamoDB data source operation (${Object.keys(OPERATIONS).join(', ')})`);
    }
    return run(access, request);
  };
}
