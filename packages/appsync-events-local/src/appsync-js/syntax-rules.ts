import type { AnyNode } from 'acorn';
import { isFunction } from './ast.ts';
import type { RuleVisitor, VisitContext } from './walk.ts';

function checkFunction(node: AnyNode, context: VisitContext): void {
  if (!isFunction(node)) return;
  if (node.async) context.report('no-async', node, 'async functions are not supported');
  if (node.generator) context.report('no-generators', node, 'generator functions are not supported');
}

/** The statements, operators and expressions APPSYNC_JS does not have, one node type each. */
export const syntaxRules: RuleVisitor = {
  visit(node, context) {
    const { report } = context;
    switch (node.type) {
      case 'TryStatement':
        return report('no-try', node, 'try statements are not supported');
      case 'ThrowStatement':
        return report('no-throw', node, 'throw statements are not supported; use util.error');
      case 'WhileStatement':
        return report('no-while', node, 'while statements are not supported');
      case 'DoWhileStatement':
        return report('no-while', node, 'do…while statements are not supported');
      case 'ForStatement':
        return report('no-for', node, 'for statements are not supported; use for…of or for…in');
      case 'ContinueStatement':
        return report('no-continue', node, 'continue statements are not supported');
      case 'LabeledStatement':
        return report('no-labels', node, 'labeled statements are not supported');
      case 'UpdateExpression':
        return report('no-disallowed-unary-operators', node, `the ${node.operator} operator is not supported`);
      case 'UnaryExpression':
        if (node.operator === '~') report('no-disallowed-unary-operators', node, 'the ~ operator is not supported');
        return;
      case 'BinaryExpression':
        if (node.operator === 'in') report('no-in-operator', node, 'the in operator is not supported; use Object.hasOwn');
        if (node.operator === 'instanceof') report('no-disallowed-binary-operators', node, 'the instanceof operator is not supported');
        return;
      case 'ForOfStatement':
        if (node.await) report('no-await', node, 'for await…of is not supported');
        return;
      case 'AwaitExpression':
        return report('no-await', node, 'await is not supported');
      case 'YieldExpression':
        return report('no-yield', node, 'yield is not supported');
      case 'ClassDeclaration':
      case 'ClassExpression':
        return report('no-classes', node, 'classes are not supported');
      case 'ThisExpression':
        return report('no-this', node, 'this is not supported');
      case 'Literal':
        if ('regex' in node && node.regex) report('no-regex', node, 'regular expression literals are not supported');
        return;
      default:
        return checkFunction(node, context);
    }
  },
};
