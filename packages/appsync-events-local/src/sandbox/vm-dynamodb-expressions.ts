/**
 * Source of the expression builders the sandbox's `@aws-appsync/utils/dynamodb` helpers and
 * `util.transform` use, evaluated inside the handler's VM (plain JavaScript in a string, like
 * vm-bootstrap.ts). From the objects a handler writes (`{ owner: { eq: 'me' } }`, an update object
 * of `operations.*`, a list of projected fields) it builds the request fields AppSync's DynamoDB
 * data source takes: `{ expression, expressionNames, expressionValues }`, names as `#field`,
 * values as `:field_operator` (a suffix `_1`, `_2`… when a placeholder repeats); a comparison
 * is parenthesized, a function call (`contains(#title, :title_contains)`) is not, and several
 * conditions are joined with AND inside parentheses, as AppSync's documented examples show.
 *
 * The function takes `util` (for `util.dynamodb.toDynamoDB`) and returns the builders.
 */
export const VM_DYNAMODB_EXPRESSIONS_SOURCE = `(function (util) {
  'use strict';
  const SET_KEYS = ['SS', 'NS', 'BS'];
  const COMPARISONS = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };
  const OPERATORS = ['eq', 'ne', 'le', 'lt', 'ge', 'gt', 'in', 'between', 'beginsWith', 'contains', 'notContains', 'attributeExists', 'attributeType'];
  const KEY_OPERATORS = ['eq', 'le', 'lt', 'ge', 'gt', 'between', 'beginsWith'];
  const ATTRIBUTE_TYPES = {
    _null: 'NULL', string: 'S', stringSet: 'SS', number: 'N', numberSet: 'NS', binary: 'B', binarySet: 'BS',
    boolean: 'BOOL', list: 'L', map: 'M',
  };

  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isMissing = (v) => v === undefined || v === null;
  function isTypedSet(v) {
    if (!isObject(v)) return false;
    const keys = Object.keys(v);
    return keys.length === 1 && SET_KEYS.indexOf(keys[0]) >= 0 && Array.isArray(v[keys[0]]);
  }
  // A set built with toStringSet/toNumberSet/toBinarySet stays a set; the rest as util.dynamodb.toDynamoDB converts it.
  function toAttribute(v) {
    if (isTypedSet(v)) return v;
    if (Array.isArray(v)) return { L: v.map(toAttribute) };
    if (isObject(v)) return { M: toAttributeMap(v) };
    return util.dynamodb.toDynamoDB(v);
  }
  function toAttributeMap(object) {
    if (!isObject(object)) throw new Error('Expected an object of attributes, got ' + JSON.stringify(object));
    const out = {};
    Object.keys(object).forEach((key) => {
      if (object[key] !== undefined) out[key] = toAttribute(object[key]);
    });
    return out;
  }

  function placeholders() {
    const names = {};
    const values = {};
    const safe = (text) => text.replace(/[^A-Za-z0-9_]/g, '_');
    function unique(base, taken, same) {
      let candidate = base;
      let n = 1;
      while (taken[candidate] !== undefined && !same(taken[candidate])) {
        candidate = base + '_' + n;
        n += 1;
      }
      return candidate;
    }
    return {
      name(segment) {
        const token = unique('#' + safe(segment), names, (known) => known === segment);
        names[token] = segment;
        return token;
      },
      path(segments) {
        return segments.map((segment) => this.name(segment)).join('.');
      },
      value(label, v) {
        const token = unique(':' + safe(label), values, () => false);
        values[token] = toAttribute(v);
        return token;
      },
      result(expression) {
        const out = { expression };
        if (Object.keys(names).length > 0) out.expressionNames = names;
        if (Object.keys(values).length > 0) out.expressionValues = values;
        return out;
      },
    };
  }

  function fieldConditions(p, segments, operators) {
    const path = p.path(segments);
    const label = segments.join('_');
    const parts = [];
    Object.keys(operators).forEach((op) => {
      const v = operators[op];
      if (v === undefined || (v === null && op !== 'eq' && op !== 'ne')) return;
      if (COMPARISONS[op] !== undefined) {
        parts.push('(' + path + ' ' + COMPARISONS[op] + ' ' + p.value(label + '_' + op, v) + ')');
      } else if (op === 'in') {
        parts.push('(' + path + ' IN (' + v.map((item, i) => p.value(label + '_in_' + i, item)).join(', ') + '))');
      } else if (op === 'between') {
        parts.push('(' + path + ' BETWEEN ' + p.value(label + '_between_0', v[0]) + ' AND ' + p.value(label + '_between_1', v[1]) + ')');
      } else if (op === 'beginsWith') {
        parts.push('begins_with(' + path + ', ' + p.value(label + '_beginsWith', v) + ')');
      } else if (op === 'contains') {
        parts.push('contains(' + path + ', ' + p.value(label + '_contains', v) + ')');
      } else if (op === 'notContains') {
        parts.push('NOT contains(' + path + ', ' + p.value(label + '_notContains', v) + ')');
      } else if (op === 'attributeExists') {
        parts.push((v ? 'attribute_exists(' : 'attribute_not_exists(') + path + ')');
      } else if (op === 'attributeType') {
        if (ATTRIBUTE_TYPES[v] === undefined) throw new Error('Unknown attributeType ' + JSON.stringify(v) + ' on ' + segments.join('.'));
        parts.push('attribute_type(' + path + ', ' + p.value(label + '_attributeType', ATTRIBUTE_TYPES[v]) + ')');
      } else {
        throw new Error('Unknown filter operator ' + op + ' on ' + segments.join('.'));
      }
    });
    return parts;
  }

  function filterParts(p, filter, prefix) {
    if (!isObject(filter)) throw new Error('A filter or condition must be an object, got ' + JSON.stringify(filter));
    const parts = [];
    Object.keys(filter).forEach((key) => {
      const v = filter[key];
      if (isMissing(v)) return;
      if (prefix.length === 0 && (key === 'and' || key === 'or')) {
        const list = (Array.isArray(v) ? v : [v]).map((f) => joined(p, f, [])).filter((e) => e !== '');
        if (list.length > 0) parts.push('(' + list.join(key === 'and' ? ' AND ' : ' OR ') + ')');
      } else if (prefix.length === 0 && key === 'not') {
        const inner = joined(p, v, []);
        if (inner !== '') parts.push('(NOT ' + inner + ')');
      } else if (isObject(v) && Object.keys(v).some((k) => OPERATORS.indexOf(k) >= 0)) {
        fieldConditions(p, prefix.concat([key]), v).forEach((part) => parts.push(part));
      } else if (isObject(v)) {
        filterParts(p, v, prefix.concat([key])).forEach((part) => parts.push(part));
      } else {
        throw new Error('Filter field ' + prefix.concat([key]).join('.') + ' must be an object of operators (eq, ne, beginsWith…)');
      }
    });
    return parts;
  }
  function joined(p, filter, prefix) {
    const parts = filterParts(p, filter, prefix);
    if (parts.length === 0) return '';
    return parts.length === 1 ? parts[0] : '(' + parts.join(' AND ') + ')';
  }

  /** A filter or condition object as { expression, expressionNames, expressionValues }; undefined when it says nothing. */
  function filterExpression(filter) {
    if (isMissing(filter)) return undefined;
    const p = placeholders();
    const expression = joined(p, filter, []);
    return expression === '' ? undefined : p.result(expression);
  }

  function keyCondition(query) {
    if (!isObject(query)) throw new Error('query needs a key condition object, e.g. { id: { eq: 1 } }');
    const p = placeholders();
    const parts = [];
    Object.keys(query).forEach((field) => {
      const operators = query[field];
      if (isMissing(operators)) return;
      Object.keys(operators).forEach((op) => {
        const v = operators[op];
        if (isMissing(v)) return;
        if (KEY_OPERATORS.indexOf(op) < 0) {
          throw new Error('query.' + field + '.' + op + ' is not a key condition operator (' + KEY_OPERATORS.join(', ') + ')');
        }
        const name = p.name(field);
        if (op === 'between') {
          parts.push(name + ' BETWEEN ' + p.value(field + '_between_0', v[0]) + ' AND ' + p.value(field + '_between_1', v[1]));
        } else if (op === 'beginsWith') {
          parts.push('begins_with(' + name + ', ' + p.value(field + '_beginsWith', v) + ')');
        } else {
          parts.push(name + ' ' + COMPARISONS[op] + ' ' + p.value(field + '_' + op, v));
        }
      });
    });
    if (parts.length === 0) throw new Error('query needs a key condition, e.g. { id: { eq: 1 } }');
    return p.result(parts.join(' AND '));
  }

  function projection(fields) {
    if (isMissing(fields) || fields.length === 0) return undefined;
    const expressionNames = {};
    const tokenOf = (segment) => {
      const known = Object.keys(expressionNames).filter((token) => expressionNames[token] === segment)[0];
      if (known !== undefined) return known;
      const token = '#projection' + Object.keys(expressionNames).length;
      expressionNames[token] = segment;
      return token;
    };
    const paths = fields.map((field) => {
      if (typeof field !== 'string' || field === '') throw new Error('A projected field must be a non-empty string, got ' + JSON.stringify(field));
      return field.split('.').map((segment) => {
        const bracket = segment.indexOf('[');
        return bracket < 0 ? tokenOf(segment) : tokenOf(segment.slice(0, bracket)) + segment.slice(bracket);
      }).join('.');
    });
    return { expression: paths.join(', '), expressionNames };
  }

  function updateExpression(update) {
    if (!isObject(update) || Object.keys(update).length === 0) throw new Error('update needs an object of attributes to change');
    const p = placeholders();
    const sets = [];
    const adds = [];
    const removes = [];
    function walk(segments, v) {
      const path = p.path(segments);
      const label = segments.join('_');
      const topLevel = segments.length === 1;
      if (isObject(v) && typeof v._type === 'string') {
        const type = v._type;
        if (type === 'remove') {
          removes.push(path);
        } else if (type === 'replace') {
          sets.push(path + ' = ' + p.value(label, v.value));
        } else if (type === 'add') {
          if (topLevel && (typeof v.value === 'number' || isTypedSet(v.value))) adds.push(path + ' ' + p.value(label + '_add', v.value));
          else sets.push(path + ' = ' + p.value(label, v.value));
        } else if (type === 'increment' || type === 'decrement') {
          const by = v.by === undefined || v.by === null ? 1 : v.by;
          if (topLevel) adds.push(path + ' ' + p.value(label + '_' + type, type === 'increment' ? by : -by));
          else sets.push(path + ' = ' + path + (type === 'increment' ? ' + ' : ' - ') + p.value(label + '_' + type, by));
        } else if (type === 'append') {
          sets.push(path + ' = list_append(' + path + ', ' + p.value(label + '_append', v.items) + ')');
        } else if (type === 'prepend') {
          sets.push(path + ' = list_append(' + p.value(label + '_prepend', v.items) + ', ' + path + ')');
        } else if (type === 'updateListItem') {
          sets.push(path + '[' + v.index + '] = ' + p.value(label + '_' + v.index, v.value));
        } else {
          throw new Error('Unknown update operation ' + type + ' on ' + segments.join('.'));
        }
      } else if (Array.isArray(v) && v.length > 0 && v.every((item) => isObject(item) && item._type === 'updateListItem')) {
        v.forEach((item) => walk(segments, item));
      } else if (isObject(v) && !isTypedSet(v)) {
        Object.keys(v).forEach((key) => {
          if (v[key] !== undefined) walk(segments.concat([key]), v[key]);
        });
      } else {
        sets.push(path + ' = ' + p.value(label, v));
      }
    }
    Object.keys(update).forEach((key) => {
      if (update[key] !== undefined) walk([key], update[key]);
    });
    const clauses = [];
    if (sets.length > 0) clauses.push('SET ' + sets.join(', '));
    if (adds.length > 0) clauses.push('ADD ' + adds.join(', '));
    if (removes.length > 0) clauses.push('REMOVE ' + removes.join(', '));
    return p.result(clauses.join(' '));
  }

  return { toAttributeMap, filterExpression, keyCondition, projection, updateExpression };
})`;
