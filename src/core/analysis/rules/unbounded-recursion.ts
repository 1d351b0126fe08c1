// Recursion that makes no progress (calls itself with the very same arguments, or without a base
// case) or whose base case depends on flow data while the recursive call passes that data on unchanged.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { contains, isFunctionNode, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import type { FunctionRule, FunctionContext } from './types';
import { resetBeforeRecursing } from './reset-before-recursion';
import { descendsIntoArguments } from './structural-descent';

/** Conditions that decide whether a recursive call happens: the tests of ifs/ternaries/&& around it and of early returns before it. */
function guardsOf(fn: TSESTree.FunctionLike, call: Node): Node[] {
  const guards: Node[] = [];
  for (let n: Node | undefined = call; n && n !== fn; n = n.parent) {
    const p: Node | undefined = n.parent;
    if (!p) break;
    if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression') && p.test !== n) guards.push(p.test);
    if (p.type === 'LogicalExpression' && p.right === n) guards.push(p.left);
    if ((p.type === 'WhileStatement' || p.type === 'ForStatement') && p.test && p.test !== n) guards.push(p.test);
  }
  // Early exits before the call: `if (done(x)) return …;`
  if (fn.body && fn.body.type === 'BlockStatement') {
    for (const s of fn.body.body) {
      if (s.range[0] >= call.range[0]) break;
      if (s.type === 'IfStatement' && exits(s.consequent)) guards.push(s.test);
    }
  }
  return guards;
}

function exits(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement') found = true;
    if (isFunctionNode(n) || found) return false;
  });
  return found;
}

/** Arguments that are exactly the function's parameters, in their places, never reassigned. */
function unchangedArguments(context: FunctionContext, call: TSESTree.CallExpression | TSESTree.NewExpression): number[] {
  const refs = referencesOf(context.file);
  const params = context.fn.node.params;
  const same: number[] = [];
  call.arguments.forEach((a, i) => {
    const arg = unwrap(a);
    const param = params[i];
    const p = param?.type === 'AssignmentPattern' ? param.left : param;
    if (arg.type !== 'Identifier' || p?.type !== 'Identifier' || arg.name !== p.name) return;
    const v = refs.variableOf(arg);
    if (v && v.references.every((r) => !r.isWrite() || r.init)) same.push(i);
  });
  return same;
}

export const unboundedRecursion: FunctionRule = {
  kind: 'function',
  meta: {
    id: 'unbounded-recursion',
    severity: 'warning',
    docs: {
      description: 'Recursion without progress, or whose base case depends on flow data passed down unchanged.',
      help:
        'The function calls itself with the same arguments (or has no base case), or stops only when request data (or data fetched with it) says so while passing that data down unchanged. Async recursion like this hangs the request without growing the stack. Pass a decreasing depth or attempt count and stop at a limit.',
    },
    messages: {
      noProgress: '{{name}}() calls itself with the same arguments `{{call}}`: no progress towards a base case.',
      flow: '{{name}}() recurses until `{{condition}}`, which depends on flow data ({{sources}}), passing its arguments on unchanged.',
    },
  },
  check(context) {
    const fn = context.fn.node;
    for (const call of context.recursiveCalls) {
      const guards = guardsOf(fn, call).filter((g) => !contains(g, call));
      const same = unchangedArguments(context, call);
      // The map entry the function starts by reading was just removed: the new call takes the other branch.
      if (resetBeforeRecursing(context, call, same)) continue;
      const allSame = call.arguments.length === fn.params.length && same.length === fn.params.length;
      const awaitsSomething = hasAwaitOrCall(fn, call);
      const guardsFixed = guards.every((g) => readsOnly(g, context, same));
      if ((allSame && (!awaitsSomething || guardsFixed)) || (guards.length === 0 && !awaitsSomething)) {
        context.report({ messageId: 'noProgress', data: { name: context.fn.name || 'function', call: context.text(call) }, condition: guards[0] ?? call, confidence: 0.8 });
        return;
      }
      if (same.length === 0) continue;
      // One level deeper into an argument, the rest passed on: ends on acyclic data, throws on a cycle.
      if (descendsIntoArguments(context, call)) continue;
      for (const g of guards) {
        // A guard that reads a parameter the call changes (`depth - 1`, the rest of a string, one left out) can decide otherwise next time.
        if (readsChangedParameter(g, context, same)) continue;
        const sources = context.flowData(g);
        if (sources.length === 0) continue;
        context.report({
          messageId: 'flow',
          data: { name: context.fn.name || 'function', condition: context.text(g), sources: sources.map((s) => s.source).join(', ') },
          condition: g,
          sources,
          confidence: 0.6,
        });
        return;
      }
    }
  },
};

/** Calls or awaits other than the recursive call: a state change may come from them. */
function hasAwaitOrCall(fn: TSESTree.FunctionLike, self: Node): boolean {
  let found = false;
  if (!fn.body) return false;
  walk(
    fn.body,
    (n) => {
      if (found) return false;
      if (n.type === 'AwaitExpression' && !contains(n, self)) found = true;
      if ((n.type === 'CallExpression' || n.type === 'NewExpression') && n !== self && !contains(n, self)) found = true;
    },
    false,
  );
  return found;
}

/** The guard reads nothing but the given (unchanged) parameters and constants: it decides the same way on every call. */
function readsOnly(guard: Node, context: FunctionContext, paramIndexes: number[]): boolean {
  const refs = referencesOf(context.file);
  const params = new Set(
    paramIndexes.map((i) => {
      const p = context.fn.node.params[i];
      const id = p?.type === 'AssignmentPattern' ? p.left : p;
      return id?.type === 'Identifier' ? refs.variableOf(id) : undefined;
    }),
  );
  let fixed = true;
  walk(guard, (n) => {
    if (!fixed) return false;
    if (n.type === 'MemberExpression' || n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'AwaitExpression' || n.type === 'ThisExpression') fixed = false;
    if (n.type === 'Identifier' && n.name !== 'undefined' && !params.has(refs.variableOf(n))) fixed = false;
  });
  return fixed;
}

/** Whether the guard derives (in this function's data flow) from a parameter the recursive call does not pass on unchanged. */
function readsChangedParameter(guard: Node, context: FunctionContext, unchanged: number[]): boolean {
  for (const flow of context.flow.taintOf(guard).values()) {
    if (flow.origin.functionNode === context.fn.node && !unchanged.includes(flow.origin.index)) return true;
  }
  return false;
}
