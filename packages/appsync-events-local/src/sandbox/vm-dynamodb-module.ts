/**
 * Source of the sandbox's `@aws-appsync/utils/dynamodb`, evaluated inside the handler's VM. Each
 * helper returns the request object AppSync's DynamoDB data source takes (operation, key and
 * items as typed attribute values, conditions, filters, key conditions, update and projection
 * expressions), so a handler's `request` builds here what it builds on AppSync. `sync` is
 * refused: delta sync needs a versioned data source, which Event API data sources are not.
 *
 * The function takes the expression builders of vm-dynamodb-expressions.ts.
 */
export const VM_DYNAMODB_MODULE_SOURCE = `(function (x) {
  'use strict';
  const isMissing = (v) => v === undefined || v === null;
  function copy(target, source, fields) {
    fields.forEach((field) => {
      if (!isMissing(source[field])) target[field] = source[field];
    });
    return target;
  }
  function withCondition(request, condition) {
    const built = x.filterExpression(condition);
    if (built !== undefined) request.condition = built;
    return request;
  }
  function withReadOptions(request, payload, filter) {
    const builtFilter = filter ? x.filterExpression(payload.filter) : undefined;
    if (builtFilter !== undefined) request.filter = builtFilter;
    const projection = x.projection(payload.projection);
    if (projection !== undefined) request.projection = projection;
    return request;
  }
  const VERSIONING = ['customPartitionKey', 'populateIndexFields', '_version'];
  function eachTable(tables, build) {
    if (tables === null || typeof tables !== 'object') throw new Error('tables must map table names to their entries');
    const out = {};
    Object.keys(tables).forEach((table) => {
      out[table] = build(tables[table], table);
    });
    return out;
  }
  function transactWriteItem(entry) {
    if (entry.putItem) {
      const e = entry.putItem;
      return withCondition({ table: e.table, operation: 'PutItem', key: x.toAttributeMap(e.key), attributeValues: x.toAttributeMap(e.item || {}) }, e.condition);
    }
    if (entry.updateItem) {
      const e = entry.updateItem;
      return withCondition({ table: e.table, operation: 'UpdateItem', key: x.toAttributeMap(e.key), update: x.updateExpression(e.update) }, e.condition);
    }
    if (entry.deleteItem) {
      const e = entry.deleteItem;
      return withCondition({ table: e.table, operation: 'DeleteItem', key: x.toAttributeMap(e.key) }, e.condition);
    }
    if (entry.conditionCheck) {
      const e = entry.conditionCheck;
      return withCondition({ table: e.table, operation: 'ConditionCheck', key: x.toAttributeMap(e.key) }, e.condition);
    }
    throw new Error('A transactWrite item must be { putItem }, { updateItem }, { deleteItem } or { conditionCheck }');
  }

  return {
    get(payload) {
      return withReadOptions(copy({ operation: 'GetItem', key: x.toAttributeMap(payload.key) }, payload, ['consistentRead']), payload, false);
    },
    put(payload) {
      const request = { operation: 'PutItem', key: x.toAttributeMap(payload.key), attributeValues: x.toAttributeMap(payload.item || {}) };
      return copy(withCondition(request, payload.condition), payload, VERSIONING);
    },
    remove(payload) {
      return copy(withCondition({ operation: 'DeleteItem', key: x.toAttributeMap(payload.key) }, payload.condition), payload, VERSIONING);
    },
    update(payload) {
      const request = { operation: 'UpdateItem', key: x.toAttributeMap(payload.key), update: x.updateExpression(payload.update) };
      return copy(withCondition(request, payload.condition), payload, VERSIONING);
    },
    query(payload) {
      const request = copy({ operation: 'Query', query: x.keyCondition(payload.query) }, payload,
        ['index', 'nextToken', 'limit', 'scanIndexForward', 'consistentRead', 'select']);
      return withReadOptions(request, payload, true);
    },
    scan(payload) {
      const request = copy({ operation: 'Scan' }, payload,
        ['index', 'nextToken', 'limit', 'consistentRead', 'totalSegments', 'segment', 'select']);
      return withReadOptions(request, payload, true);
    },
    sync() {
      throw new Error('@aws-appsync/utils/dynamodb sync is for versioned (delta sync) data sources of GraphQL APIs; an Event API DynamoDB data source has no Sync operation');
    },
    batchGet(payload) {
      return {
        operation: 'BatchGetItem',
        tables: eachTable(payload.tables, (entry) =>
          withReadOptions(copy({ keys: entry.keys.map(x.toAttributeMap) }, entry, ['consistentRead']), entry, false)),
      };
    },
    batchPut(payload) {
      return { operation: 'BatchPutItem', tables: eachTable(payload.tables, (items) => items.map(x.toAttributeMap)) };
    },
    batchDelete(payload) {
      return { operation: 'BatchDeleteItem', tables: eachTable(payload.tables, (keys) => keys.map(x.toAttributeMap)) };
    },
    transactGet(payload) {
      return {
        operation: 'TransactGetItems',
        transactItems: payload.items.map((item) =>
          withReadOptions({ table: item.table, key: x.toAttributeMap(item.key) }, item, false)),
      };
    },
    transactWrite(payload) {
      return { operation: 'TransactWriteItems', transactItems: payload.items.map(transactWriteItem) };
    },
    toStringSet: (list) => ({ SS: list.map(String) }),
    toNumberSet: (numbers) => ({ NS: numbers.map(String) }),
    toBinarySet: (values) => ({ BS: values.map(String) }),
    operations: {
      add: (value) => ({ _type: 'add', value }),
      remove: () => ({ _type: 'remove' }),
      replace: (value) => ({ _type: 'replace', value }),
      increment: (by) => ({ _type: 'increment', by: by === undefined ? 1 : by }),
      decrement: (by) => ({ _type: 'decrement', by: by === undefined ? 1 : by }),
      append: (items) => ({ _type: 'append', items }),
      prepend: (items) => ({ _type: 'prepend', items }),
      updateListItem: (value, index) => ({ _type: 'updateListItem', value, index }),
    },
  };
})`;
