/**
 * Resolves one stack's template into plain values: its parameters, the resources present under
 * its conditions, their properties with every intrinsic evaluated, and its outputs. Nested stacks
 * resolve recursively, with their parameters evaluated in the parent's scope. Pure: the nested
 * templates come from the caller, and everything is evaluated lazily, once, in any order the
 * references need.
 */
import {
  type AttributeProvider, defaultAttribute, defaultPhysicalId, defaultRef, type LocatedResource, NAME_PROPERTIES,
} from './attributes.ts';
import { evaluateCondition, resolveValue } from './intrinsics.ts';
import { pseudoParameter, pseudoParameters } from './pseudo-parameters.ts';
import { NO_VALUE, type Scope } from './scope.ts';
import {
  AssemblyError, type CfnParameter, type CfnResource, type CfnTemplate, isRecord, type Location, NESTED_STACK_TYPE,
} from './template.ts';

export interface StackInput {
  /** `Root`, or `Root/NestedLogicalId` for a nested stack. */
  path: string;
  name: string;
  template: CfnTemplate;
  /** Values given to the template's parameters (deploy settings, or a parent's `Parameters`). */
  parameters: Record<string, unknown>;
}

export interface ResolveOptions {
  region: string;
  accountId: string;
  attributes?: AttributeProvider;
  /** Whether a resource of this type is resolved; the others are only counted. Nested stacks always are. */
  includes(type: string): boolean;
  /** The template of a nested stack, given its resource with properties resolved in the parent. */
  nestedTemplate(parent: StackInput, logicalId: string, resource: CfnResource, properties: Record<string, unknown>): CfnTemplate;
}

export interface ResolvedResource {
  stackPath: string;
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  /** The name or id the service knows it by (table name, function name, API id, user pool id). */
  physicalId: string;
}

export interface ResolvedStack {
  path: string;
  name: string;
  parameters: Record<string, unknown>;
  resources: ResolvedResource[];
  outputs: Record<string, unknown>;
  /** Resources of types not resolved (see `includes`). */
  ignored: { logicalId: string; type: string }[];
  /** Resources whose `Condition` is false: CloudFormation does not create them. */
  absent: string[];
  nested: ResolvedStack[];
}

const LIST_PARAMETER = /^(CommaDelimitedList|List<.*>)$/;

export function resolveStack(input: StackInput, options: ResolveOptions): ResolvedStack {
  const { template, path } = input;
  const resources = template.Resources ?? {};
  const pseudo = pseudoParameters(options.region, options.accountId, input.name);
  const memo = new Map<string, unknown>();
  const inProgress = new Set<string>();

  /** Evaluates `compute` once per key; a key needed while it is being computed is a cycle. */
  function once<T>(key: string, at: Location, compute: () => T): T {
    if (memo.has(key)) return memo.get(key) as T;
    if (inProgress.has(key)) throw new AssemblyError(at, `${key} refers to itself`);
    inProgress.add(key);
    try {
      const value = compute();
      memo.set(key, value);
      return value;
    } finally {
      inProgress.delete(key);
    }
  }

  function parameter(name: string, declared: CfnParameter, at: Location): unknown {
    const given = name in input.parameters ? input.parameters[name] : undefined;
    if (given === undefined && declared.Type.startsWith('AWS::SSM::Parameter::')) {
      throw new AssemblyError(at, `parameter ${name} is read from SSM at deploy time; give its value in the parameters option`);
    }
    const value = given ?? declared.Default;
    if (value === undefined) throw new AssemblyError(at, `parameter ${name} has no value and no default; give it in the parameters option`);
    if (LIST_PARAMETER.test(declared.Type) && typeof value === 'string') return value.split(',');
    return typeof value === 'number' ? String(value) : value;
  }

  const resourceAt = (logicalId: string): Location => ({ stack: path, element: logicalId, path: [] });

  function present(logicalId: string, at: Location): CfnResource {
    const resource = resources[logicalId];
    if (!resource) throw new AssemblyError(at, `no resource, parameter or pseudo parameter named ${logicalId}`);
    if (resource.Condition && !scope.condition(resource.Condition, resourceAt(logicalId))) {
      throw new AssemblyError(at, `${logicalId} is not created: its condition ${resource.Condition} is false`);
    }
    return resource;
  }

  const properties = (logicalId: string): Record<string, unknown> =>
    once(`Properties of ${logicalId}`, resourceAt(logicalId), () => {
      const resolved = resolveValue(resources[logicalId]!.Properties ?? {}, scope, { ...resourceAt(logicalId), path: ['Properties'] });
      return isRecord(resolved) ? resolved : {};
    });

  const located = (logicalId: string): LocatedResource =>
    once(`the physical id of ${logicalId}`, resourceAt(logicalId), () => {
      const type = resources[logicalId]!.Type;
      const nameProperty = NAME_PROPERTIES[type];
      const raw = nameProperty && resources[logicalId]!.Properties?.[nameProperty];
      const name = raw === undefined ? undefined : resolveValue(raw, scope, { ...resourceAt(logicalId), path: ['Properties', nameProperty!] });
      const identity = { stackPath: path, stackName: input.name, logicalId, type, name: typeof name === 'string' ? name : undefined, pseudo };
      if (type === NESTED_STACK_TYPE) return { ...identity, physicalId: `${input.name}-${logicalId}` };
      return { ...identity, physicalId: options.attributes?.physicalId?.(identity) ?? defaultPhysicalId(identity) };
    });

  const nestedStack = (logicalId: string): ResolvedStack =>
    once(`the nested stack ${logicalId}`, resourceAt(logicalId), () => {
      const resolved = properties(logicalId);
      const nestedTemplate = options.nestedTemplate(input, logicalId, resources[logicalId]!, resolved);
      const nestedInput: StackInput = {
        path: `${path}/${logicalId}`,
        name: located(logicalId).physicalId,
        template: nestedTemplate,
        parameters: isRecord(resolved.Parameters) ? resolved.Parameters : {},
      };
      return resolveStack(nestedInput, options);
    });

  const scope: Scope = {
    region: options.region,
    ref(name, at) {
      const pseudoValue = name.startsWith('AWS::') ? pseudoParameter(name, pseudo) : undefined;
      if (pseudoValue !== undefined) return pseudoValue;
      const declared = template.Parameters?.[name];
      if (declared) return once(`parameter ${name}`, at, () => parameter(name, declared, at));
      const resource = present(name, at);
      if (resource.Type === NESTED_STACK_TYPE) return pseudoParameters(options.region, options.accountId, located(name).physicalId).stackId;
      return defaultRef(located(name));
    },
    getAtt(logicalId, attribute, at) {
      const resource = present(logicalId, at);
      if (resource.Type === NESTED_STACK_TYPE && attribute.startsWith('Outputs.')) {
        const outputs = nestedStack(logicalId).outputs;
        const name = attribute.slice('Outputs.'.length);
        if (!(name in outputs)) throw new AssemblyError(at, `nested stack ${logicalId} has no output ${name}`);
        return outputs[name];
      }
      const target = located(logicalId);
      const value = options.attributes?.attribute?.(target, attribute) ?? defaultAttribute(target, attribute);
      if (value === undefined) {
        throw new AssemblyError(at, `no local value for attribute ${attribute} of ${logicalId} (${resource.Type}); supply it with the attributes option`);
      }
      return value;
    },
    condition(name, at) {
      const expression = template.Conditions?.[name];
      if (expression === undefined) throw new AssemblyError(at, `no condition named ${name}`);
      return once(`condition ${name}`, at, () => evaluateCondition(expression, scope, { stack: path, element: `Conditions.${name}`, path: [] }));
    },
    mapping(map, topKey, secondKey, at) {
      const value = template.Mappings?.[map]?.[topKey]?.[secondKey];
      if (value === undefined) throw new AssemblyError(at, `no mapping ${map}.${topKey}.${secondKey}`);
      return value;
    },
  };

  const result: ResolvedStack = { path, name: input.name, parameters: {}, resources: [], outputs: {}, ignored: [], absent: [], nested: [] };
  for (const name of Object.keys(template.Parameters ?? {})) {
    try {
      result.parameters[name] = scope.ref(name, { stack: path, element: `Parameters.${name}`, path: [] });
    } catch {
      // A parameter without a value is an error only where something refers to it.
    }
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Condition && !scope.condition(resource.Condition, resourceAt(logicalId))) {
      result.absent.push(logicalId);
    } else if (resource.Type === NESTED_STACK_TYPE || options.includes(resource.Type)) {
      if (resource.Type === NESTED_STACK_TYPE) result.nested.push(nestedStack(logicalId));
      result.resources.push({ stackPath: path, logicalId, type: resource.Type, properties: properties(logicalId), physicalId: located(logicalId).physicalId });
    } else {
      result.ignored.push({ logicalId, type: resource.Type });
    }
  }
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition && !scope.condition(output.Condition, { stack: path, element: `Outputs.${name}`, path: [] })) continue;
    const value = resolveValue(output.Value, scope, { stack: path, element: `Outputs.${name}`, path: ['Value'] });
    if (value !== NO_VALUE) result.outputs[name] = value;
  }
  return result;
}
