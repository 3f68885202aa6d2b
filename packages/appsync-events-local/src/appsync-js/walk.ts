import type { AnyNode, Program } from 'acorn';
import { childNodes, isFunction } from './ast.ts';
import type { FunctionNode } from './ast.ts';
import type { AppSyncJsRule } from './rules.ts';
import { createScope } from './scope.ts';
import type { Scope } from './scope.ts';

/** What a rule sees of the node being visited. */
export interface VisitContext {
  /** The enclosing nodes, outermost first (the program at index 0). */
  ancestors: readonly AnyNode[];
  parent: AnyNode | undefined;
  scope: Scope;
  /** The innermost function around the node (the node itself excluded), if any. */
  enclosingFunction: FunctionNode | undefined;
  report(rule: AppSyncJsRule, node: AnyNode, message: string): void;
}

/** A rule looks at each node once; `finish` runs after the whole program (cross-node rules). */
export interface RuleVisitor {
  visit(node: AnyNode, context: VisitContext): void;
  finish?(report: VisitContext['report']): void;
}

/** Visits every node of `program` in source order, in its scope, calling every rule on it. */
export function walkProgram(program: Program, rules: readonly RuleVisitor[], report: VisitContext['report']): void {
  const ancestors: AnyNode[] = [];
  const functions: FunctionNode[] = [];

  function visit(node: AnyNode, outer: Scope | null): void {
    const scope = node.type === 'Program' || isFunction(node) ? createScope(node, outer) : outer!;
    const context: VisitContext = {
      ancestors,
      parent: ancestors[ancestors.length - 1],
      scope,
      enclosingFunction: functions[functions.length - 1],
      report,
    };
    rules.forEach((rule) => rule.visit(node, context));
    ancestors.push(node);
    if (isFunction(node)) functions.push(node);
    childNodes(node).forEach((child) => visit(child, scope));
    if (isFunction(node)) functions.pop();
    ancestors.pop();
  }

  visit(program, null);
  rules.forEach((rule) => rule.finish?.(report));
}
