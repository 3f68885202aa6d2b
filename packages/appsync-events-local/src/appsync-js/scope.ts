import type { AnyNode } from 'acorn';
import { childNodes, isFunction, patternNames } from './ast.ts';
import type { FunctionNode } from './ast.ts';

/** What a name is bound to, as far as the rules need to know. */
export type Binding =
  | { kind: 'function'; node: FunctionNode }
  | { kind: 'param'; owner: FunctionNode; index: number }
  | { kind: 'value' };

/**
 * One function's (or the module's) names. Block-scoped declarations are hoisted to the function:
 * the rules only ask "is this a global?" and "is this a known function?", and a name declared
 * anywhere in the function answers "not a global", which errs towards no finding.
 */
export interface Scope {
  bindings: Map<string, Binding>;
  parent: Scope | null;
}

export function resolve(scope: Scope, name: string): Binding | undefined {
  let current: Scope | null = scope;
  while (current !== null) {
    const binding = current.bindings.get(name);
    if (binding !== undefined) return binding;
    current = current.parent;
  }
  return undefined;
}

function declareVariable(bindings: Map<string, Binding>, declarator: Extract<AnyNode, { type: 'VariableDeclarator' }>): void {
  const init = declarator.init;
  if (declarator.id.type === 'Identifier' && init && isFunction(init)) {
    bindings.set(declarator.id.name, { kind: 'function', node: init });
    return;
  }
  patternNames(declarator.id).forEach((name) => bindings.set(name, { kind: 'value' }));
}

/** Declarations in `node`'s own body, not descending into nested functions (their own scopes). */
function collect(node: AnyNode, bindings: Map<string, Binding>): void {
  for (const child of childNodes(node)) {
    switch (child.type) {
      case 'FunctionDeclaration':
        if (child.id) bindings.set(child.id.name, { kind: 'function', node: child });
        continue;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        continue;
      case 'VariableDeclarator':
        declareVariable(bindings, child);
        break;
      case 'ClassDeclaration':
        if (child.id) bindings.set(child.id.name, { kind: 'value' });
        break;
      case 'ImportSpecifier':
      case 'ImportDefaultSpecifier':
      case 'ImportNamespaceSpecifier':
        bindings.set(child.local.name, { kind: 'value' });
        break;
      case 'CatchClause':
        patternNames(child.param).forEach((name) => bindings.set(name, { kind: 'value' }));
        break;
    }
    collect(child, bindings);
  }
}

/** The scope `node` (the program or a function) opens inside `parent`. */
export function createScope(node: AnyNode, parent: Scope | null): Scope {
  const bindings = new Map<string, Binding>();
  if (isFunction(node)) {
    if (node.type === 'FunctionExpression' && node.id) bindings.set(node.id.name, { kind: 'function', node });
    node.params.forEach((param, index) => patternNames(param).forEach((name) => bindings.set(name, { kind: 'param', owner: node, index })));
    if (!isFunction(node.body)) collect(node.body, bindings);
  } else {
    collect(node, bindings);
  }
  return { bindings, parent };
}
