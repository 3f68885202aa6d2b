/**
 * CloudFormation's intrinsic functions, evaluated against a {@link Scope}. Pure: every lookup goes
 * through the scope, so the functions can be tested on hand-written templates.
 */
import { NO_VALUE, type Scope, under } from './scope.ts';
import { parseSub, splitSubReference } from './sub.ts';
import { AssemblyError, isRecord, type Location } from './template.ts';

type Intrinsic = (args: unknown, scope: Scope, at: Location) => unknown;

/** Resolves every intrinsic in `value`; `NO_VALUE` where the whole value is `AWS::NoValue`. */
export function resolveValue(value: unknown, scope: Scope, at: Location): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => resolveValue(item, scope, under(at, index))).filter((item) => item !== NO_VALUE);
  }
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const intrinsic = keys.length === 1 ? INTRINSICS[keys[0]!] : undefined;
  if (intrinsic) return intrinsic(value[keys[0]!], scope, under(at, keys[0]!));
  if (keys.length === 1 && keys[0]!.startsWith('Fn::')) throw new AssemblyError(at, `${keys[0]} is not supported`);
  const resolved: Record<string, unknown> = {};
  for (const key of keys) {
    const item = resolveValue(value[key], scope, under(at, key));
    if (item !== NO_VALUE) resolved[key] = item;
  }
  return resolved;
}

/** Evaluates a condition expression (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`). */
export function evaluateCondition(expression: unknown, scope: Scope, at: Location): boolean {
  if (typeof expression === 'boolean') return expression;
  if (!isRecord(expression) || Object.keys(expression).length !== 1) throw new AssemblyError(at, 'a condition must be one condition function');
  const [name, args] = Object.entries(expression)[0]!;
  const inner = under(at, name);
  const operands = (count?: number): unknown[] => {
    if (!Array.isArray(args) || (count !== undefined && args.length !== count)) {
      throw new AssemblyError(inner, `expects a list of ${count ?? 'conditions'}`);
    }
    return args;
  };
  switch (name) {
    case 'Condition': return scope.condition(text(args, inner, 'a condition name'), inner);
    case 'Fn::Equals': {
      const [left, right] = operands(2).map((operand, index) => resolveValue(operand, scope, under(inner, index)));
      return String(left) === String(right);
    }
    case 'Fn::And': return operands().every((operand, index) => evaluateCondition(operand, scope, under(inner, index)));
    case 'Fn::Or': return operands().some((operand, index) => evaluateCondition(operand, scope, under(inner, index)));
    case 'Fn::Not': return !evaluateCondition(operands(1)[0], scope, under(inner, 0));
    default: throw new AssemblyError(inner, `${name} is not a condition function`);
  }
}

function text(value: unknown, at: Location, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new AssemblyError(at, `expects ${what}, got ${JSON.stringify(value)}`);
}

function list(value: unknown, at: Location, what: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new AssemblyError(at, `expects ${what}, got ${JSON.stringify(value)}`);
}

function args(value: unknown, count: number, at: Location): unknown[] {
  const items = list(value, at, `a list of ${count} arguments`);
  if (items.length !== count) throw new AssemblyError(at, `expects ${count} arguments, got ${items.length}`);
  return items;
}

function sub(value: unknown, scope: Scope, at: Location): string {
  const [template, variables] = Array.isArray(value) ? args(value, 2, at) : [value, {}];
  const source = text(template, at, 'a template string');
  if (!isRecord(variables)) throw new AssemblyError(at, 'expects a map of variables');
  return parseSub(source)
    .map((part) => {
      if ('text' in part) return part.text;
      const name = part.reference;
      if (name in variables) return text(resolveValue(variables[name], scope, under(at, 1, name)), at, `a string for \${${name}}`);
      const [target, attribute] = splitSubReference(name);
      const resolved = attribute === undefined ? scope.ref(target, at) : scope.getAtt(target, attribute, at);
      return text(resolved, at, `a string for \${${name}}`);
    })
    .join('');
}

const INTRINSICS: Record<string, Intrinsic> = {
  Ref: (name, scope, at) => {
    const target = text(name, at, 'a name');
    return target === 'AWS::NoValue' ? NO_VALUE : scope.ref(target, at);
  },
  'Fn::GetAtt': (value, scope, at) => {
    const [target, attribute] = typeof value === 'string'
      ? [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)]
      : args(value, 2, at).map((item, index) => text(resolveValue(item, scope, under(at, index)), at, 'a name'));
    if (!target || !attribute) throw new AssemblyError(at, `expects [LogicalId, Attribute], got ${JSON.stringify(value)}`);
    return scope.getAtt(target as string, attribute as string, at);
  },
  'Fn::Sub': sub,
  'Fn::Join': (value, scope, at) => {
    const [delimiter, items] = args(value, 2, at);
    const resolved = list(resolveValue(items, scope, under(at, 1)), at, 'a list to join');
    return resolved.map((item) => text(item, at, 'strings to join')).join(text(delimiter, at, 'a delimiter'));
  },
  'Fn::Select': (value, scope, at) => {
    const [index, items] = args(value, 2, at).map((item, position) => resolveValue(item, scope, under(at, position)));
    const chosen = list(items, at, 'a list to select from')[Number(index)];
    if (chosen === undefined) throw new AssemblyError(at, `index ${String(index)} is outside the list`);
    return chosen;
  },
  'Fn::Split': (value, scope, at) => {
    const [delimiter, source] = args(value, 2, at).map((item, index) => resolveValue(item, scope, under(at, index)));
    return text(source, at, 'a string to split').split(text(delimiter, at, 'a delimiter'));
  },
  'Fn::If': (value, scope, at) => {
    const [condition, whenTrue, whenFalse] = args(value, 3, at);
    const chosen = scope.condition(text(condition, at, 'a condition name'), at);
    return chosen ? resolveValue(whenTrue, scope, under(at, 1)) : resolveValue(whenFalse, scope, under(at, 2));
  },
  'Fn::GetAZs': (value, scope, at) => {
    const region = text(resolveValue(value, scope, at), at, 'a region') || scope.region;
    return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
  },
  'Fn::FindInMap': (value, scope, at) => {
    const keys = args(value, 3, at).map((item, index) => text(resolveValue(item, scope, under(at, index)), at, 'a key'));
    return scope.mapping(keys[0]!, keys[1]!, keys[2]!, at);
  },
  'Fn::Base64': (value, scope, at) => Buffer.from(text(resolveValue(value, scope, at), at, 'a string'), 'utf8').toString('base64'),
  'Fn::Length': (value, scope, at) => list(resolveValue(value, scope, at), at, 'a list').length,
  'Fn::ToJsonString': (value, scope, at) => JSON.stringify(resolveValue(value, scope, at)),
  'Fn::ImportValue': (value, scope, at) => {
    const name = resolveValue(value, scope, at);
    throw new AssemblyError(at, `Fn::ImportValue ${JSON.stringify(name)} reads another deployed stack's export, which a local read cannot see; pass the value as a parameter instead`);
  },
};
