import type { AnyNode } from 'acorn';
import { isFunction } from './ast.ts';
import type { FunctionNode } from './ast.ts';
import { resolve } from './scope.ts';
import type { RuleVisitor, VisitContext } from './walk.ts';

interface Call {
  node: AnyNode;
  caller: FunctionNode;
  callee: FunctionNode;
}

/**
 * The named function a call belongs to: calls in an inline callback (`items.map((x) => f(x))`)
 * count as calls of the function around it, so recursion through a callback is still found.
 */
function namedCaller(context: VisitContext): { fn: FunctionNode; name: string } | undefined {
  const { ancestors } = context;
  for (let i = ancestors.length - 1; i >= 0; i -= 1) {
    const node = ancestors[i]!;
    if (!isFunction(node)) continue;
    const parent = ancestors[i - 1];
    if (node.type === 'FunctionDeclaration' && node.id) return { fn: node, name: node.id.name };
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return { fn: node, name: parent.id.name };
  }
  return undefined;
}

function functionName(fn: FunctionNode, names: Map<FunctionNode, string>): string {
  return names.get(fn) ?? 'an anonymous function';
}

/** Finds call cycles among the module's functions once every call is known. */
export function createRecursionRule(): RuleVisitor {
  const calls: Call[] = [];
  const names = new Map<FunctionNode, string>();

  function pathBack(from: FunctionNode, to: FunctionNode, seen: Set<FunctionNode>): FunctionNode[] | null {
    if (from === to) return [from];
    if (seen.has(from)) return null;
    seen.add(from);
    for (const call of calls.filter((c) => c.caller === from)) {
      const rest = pathBack(call.callee, to, seen);
      if (rest) return [from, ...rest];
    }
    return null;
  }

  return {
    visit(node, context) {
      if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return;
      const binding = resolve(context.scope, node.callee.name);
      const caller = namedCaller(context);
      if (binding?.kind !== 'function' || caller === undefined) return;
      names.set(caller.fn, caller.name);
      names.set(binding.node, node.callee.name);
      calls.push({ node, caller: caller.fn, callee: binding.node });
    },
    finish(report) {
      for (const call of calls) {
        const cycle = pathBack(call.callee, call.caller, new Set());
        if (!cycle) continue;
        const path = [call.caller, ...cycle].map((fn) => functionName(fn, names)).join(' → ');
        report('no-recursion', call.node, `recursive calls are not supported (${path})`);
      }
    },
  };
}
