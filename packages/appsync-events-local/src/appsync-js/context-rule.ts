import type { AnyNode } from 'acorn';
import { isFunction, propertyName } from './ast.ts';
import type { FunctionNode } from './ast.ts';
import { resolve } from './scope.ts';
import type { RuleVisitor, VisitContext } from './walk.ts';

/** Functions AppSync calls with the context: the handlers and their request/response phases. */
const HANDLER_NAMES = new Set(['onPublish', 'onSubscribe', 'request', 'response']);

function handlerName(fn: FunctionNode, parent: AnyNode | undefined): string | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'Property' && parent.value === fn) return propertyName(parent.key, parent.computed);
  return undefined;
}

/** The node an assignment, update, `delete` or `for…in/of` head writes to. */
function writtenTarget(node: AnyNode): AnyNode | undefined {
  switch (node.type) {
    case 'AssignmentExpression':
      return node.left;
    case 'UpdateExpression':
      return node.argument;
    case 'UnaryExpression':
      return node.operator === 'delete' ? node.argument : undefined;
    case 'ForInStatement':
    case 'ForOfStatement':
      return node.left;
    default:
      return undefined;
  }
}

/**
 * The context argument is read-only, and so are its own properties: `ctx = …` and
 * `ctx.stash = …` are refused, `ctx.stash.key = …` is how handlers pass data on.
 */
export function createContextRule(): RuleVisitor {
  const handlers = new Set<FunctionNode>();

  function isContext(name: string, context: VisitContext): boolean {
    const binding = resolve(context.scope, name);
    return binding?.kind === 'param' && binding.index === 0 && handlers.has(binding.owner);
  }

  return {
    visit(node, context) {
      if (isFunction(node)) {
        const name = handlerName(node, context.parent);
        if (name !== undefined && HANDLER_NAMES.has(name)) handlers.add(node);
        return;
      }
      const target = writtenTarget(node);
      if (target?.type === 'Identifier' && isContext(target.name, context)) {
        context.report('no-disallowed-re-assignment', target, `${target.name} is read-only and cannot be reassigned`);
      }
      if (target?.type === 'MemberExpression' && target.object.type === 'Identifier' && isContext(target.object.name, context)) {
        const property = propertyName(target.property, target.computed) ?? '[…]';
        context.report('no-disallowed-re-assignment', target, `${target.object.name} is read-only: ${target.object.name}.${property} cannot be added or changed`);
      }
    },
  };
}
