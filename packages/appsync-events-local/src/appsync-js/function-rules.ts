import type { AnyNode } from 'acorn';
import { isFunction, propertyName } from './ast.ts';
import { resolve } from './scope.ts';
import type { RuleVisitor, VisitContext } from './walk.ts';

/** Array methods that may take a callback; any other call taking a function is refused. */
const CALLBACK_METHODS = new Set([
  'map', 'find', 'filter', 'findIndex', 'findLast', 'findLastIndex', 'forEach', 'reduce', 'reduceRight', 'every', 'some', 'flatMap',
]);

/** A function literal, or a name bound to a function declaration or a `const f = () => …`. */
function isFunctionValue(node: AnyNode | null | undefined, context: VisitContext): boolean {
  if (!node) return false;
  if (isFunction(node)) return true;
  return node.type === 'Identifier' && resolve(context.scope, node.name)?.kind === 'function';
}

function checkPassing(node: AnyNode, context: VisitContext): void {
  if (node.type !== 'CallExpression') return;
  if (!node.arguments.some((argument) => isFunctionValue(argument, context))) return;
  const callee = node.callee;
  const method = callee.type === 'MemberExpression' ? propertyName(callee.property, callee.computed) : undefined;
  if (method !== undefined && CALLBACK_METHODS.has(method)) return;
  context.report('no-function-passing', node, 'functions cannot be passed as arguments here');
}

function checkReturn(node: AnyNode, context: VisitContext): void {
  if (node.type === 'ReturnStatement' && isFunctionValue(node.argument, context)) {
    context.report('no-function-return', node, 'functions cannot be returned');
  }
  if (node.type === 'ArrowFunctionExpression' && node.expression && isFunctionValue(node.body, context)) {
    context.report('no-function-return', node, 'functions cannot be returned');
  }
}

function checkReassign(node: AnyNode, context: VisitContext): void {
  const value = node.type === 'VariableDeclarator' ? node.init : node.type === 'AssignmentExpression' && node.operator === '=' ? node.right : null;
  if (value?.type === 'Identifier' && isFunctionValue(value, context)) {
    context.report('no-function-reassign', node, `function ${value.name} cannot be assigned to another name`);
  }
}

/** How functions may be used: called, or handed to an array method as its callback, nothing more. */
export const functionRules: RuleVisitor = {
  visit(node, context) {
    checkPassing(node, context);
    checkReturn(node, context);
    checkReassign(node, context);
  },
};
