// `re.exec(s)` loops on a regex without the g/y flag (it matches at the same place forever), and
// `indexOf`/`search` loops whose start position does not advance. Only searches whose result decides
// an exit (the loop test, or a guard of a break/return/throw) count, and for exec only when the text
// searched is not rewritten on every turn that goes round (rewritten-every-turn.ts): a text changed
// on some paths only is the same text on the others. A list search is not reported when every turn
// removes the found element (removed-at-match.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { calleeName, unwrap, walk, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import type { LoopContext, LoopRule } from './types';
import { rewrittenEveryTurn } from './rewritten-every-turn';
import { removedAtMatchEveryTurn } from './removed-at-match';

/** The flags of the regex a node evaluates to, when it is known: a literal or `new RegExp(p, 'flags')`. */
function regexFlags(node: Node, context: LoopContext): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Literal' && 'regex' in n && n.regex) return n.regex.flags;
  if ((n.type === 'NewExpression' || n.type === 'CallExpression') && unwrap(n.callee).type === 'Identifier' && (unwrap(n.callee) as TSESTree.Identifier).name === 'RegExp') {
    const flags = n.arguments[1];
    if (!flags) return '';
    const f = unwrap(flags);
    return f.type === 'Literal' && typeof f.value === 'string' ? f.value : undefined;
  }
  if (n.type === 'Identifier') {
    const v = referencesOf(context.file).variableOf(n);
    const def = v?.defs[0];
    if (def?.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init && v!.references.filter((r) => r.isWrite()).length <= 1) return regexFlags(def.node.init, context);
  }
  return undefined;
}

/** Variables assigned (in the loop) from a call: `m = re.exec(s)` → m ↦ the call. */
function assignedCalls(context: LoopContext): Map<Variable, TSESTree.CallExpression> {
  const refs = referencesOf(context.file);
  const out = new Map<Variable, TSESTree.CallExpression>();
  walk(
    context.loop.node,
    (n) => {
      let target: Node | undefined;
      let value: Node | undefined;
      if (n.type === 'AssignmentExpression' && n.operator === '=') [target, value] = [n.left, n.right];
      if (n.type === 'VariableDeclarator' && n.init) [target, value] = [n.id, n.init];
      if (target?.type === 'Identifier' && value && unwrap(value).type === 'CallExpression') {
        const v = refs.variableOf(target);
        if (v) out.set(v, unwrap(value) as TSESTree.CallExpression);
      }
    },
    false,
  );
  return out;
}

export const regexOrSearchNoAdvance: LoopRule = {
  kind: 'loop',
  meta: {
    id: 'regex-or-search-no-advance',
    severity: 'error',
    docs: {
      description: 'A RegExp.exec loop on a regex without g/y, or an indexOf/search loop whose start position does not advance.',
      help:
        'Without the g (or y) flag, `exec` ignores lastIndex and returns the same first match every time, so `while ((m = re.exec(s)))` never ends when there is a match. `indexOf`/`search` from a start position that is not moved past the last match finds it again. Add the g flag, use `matchAll`, or advance the start (`from = i + needle.length`).',
    },
    messages: {
      exec: '`{{call}}` on a regex without the g or y flag returns the same match every iteration.',
      search: '`{{call}}` searches from a position that does not advance inside the loop.',
    },
  },
  check(context) {
    const { loop } = context;
    if (loop.kind === 'for-of' || loop.kind === 'for-in' || loop.kind === 'for-await') return;
    const refs = referencesOf(context.file);
    const viaVariables = assignedCalls(context);
    const conditions = context.exitConditions.filter((e) => !e.exit.onError).flatMap((e) => e.conditions);
    const calls: Array<{ call: TSESTree.CallExpression; condition: Node }> = [];
    for (const condition of conditions) {
      walk(condition, (n) => {
        if (n.type === 'CallExpression') calls.push({ call: n, condition });
        if (n.type === 'Identifier') {
          const v = refs.variableOf(n);
          const call = v && viaVariables.get(v);
          if (call) calls.push({ call, condition });
        }
      });
    }
    for (const { call, condition } of calls) {
      const name = calleeName(call);
      const callee = unwrap(call.callee);
      if (callee.type !== 'MemberExpression') continue;
      if (name === 'exec') {
        const flags = regexFlags(callee.object, context);
        // The same match comes back only from the same text: one the loop rewrites on every turn that goes round (`def = defs.shift()`, `parts[i]` with `i++`) is searched anew.
        if (flags !== undefined && !/[gy]/.test(flags) && !context.canChange(callee.object) && !rewrittenEveryTurn(call.arguments[0] ?? callee, context)) {
          context.report({ messageId: 'exec', data: { call: context.text(call) }, condition, confidence: 0.9, sources: context.flowData(call) });
          return;
        }
      }
      if (name === 'indexOf' || name === 'search' || name === 'lastIndexOf') {
        const start = name === 'search' ? undefined : call.arguments[1];
        // Or the text searched is a new one on every turn (`s = s.slice(i + 1)`): the same start finds something else.
        const moving = (start ? context.canChange(start) && !startResetsToMatch(start, call, context) : context.canChange(callee.object)) || rewrittenEveryTurn(callee.object, context);
        // A list that loses the found element on every turn (`list.splice(i, 1)`) runs out of matches.
        if (!moving && !context.canChange(call.arguments[0] ?? callee) && !removedAtMatchEveryTurn(call, context)) {
          context.report({ messageId: 'search', data: { call: context.text(call) }, condition, confidence: 0.8, sources: context.flowData(call) });
          return;
        }
      }
    }
  },
};

/** `from = i` where `i` holds the result of this very search: the start moves onto the match, not past it. */
function startResetsToMatch(start: Node, call: TSESTree.CallExpression, context: LoopContext): boolean {
  const s = unwrap(start);
  if (s.type !== 'Identifier') return false;
  const refs = referencesOf(context.file);
  const startVar = refs.variableOf(s);
  if (!startVar) return false;
  const writes = startVar.references.filter((r) => r.isWrite() && context.effects.contains(r.identifier as Node));
  if (writes.length === 0) return false;
  const resultVars = [...assignedCalls(context)].filter(([, c]) => c === call).map(([v]) => v);
  return writes.every((w) => {
    const value = w.writeExpr ? unwrap(w.writeExpr as Node) : undefined;
    return value?.type === 'Identifier' && resultVars.includes(refs.variableOf(value)!);
  });
}
