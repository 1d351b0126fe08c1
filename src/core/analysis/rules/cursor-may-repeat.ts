// Cursor/pagination loops: the next cursor comes from a page fetched with the current one, and
// nothing stops the loop when the server hands back the same cursor or an empty page.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { calleeName, isFunctionNode, memberPath, unwrap, walk, type Node } from '../dataflow/ast';

const SEARCHES = new Set(['indexOf', 'lastIndexOf', 'search', 'exec', 'match', 'matchAll', 'test', 'includes', 'slice', 'substring', 'charAt', 'charCodeAt']);
import { referencesOf } from '../dataflow/references';
import type { LoopContext, LoopRule } from './types';
import { fetchInputs } from './fetch-inputs';
import { isPureBuiltinCall } from './pure-builtin-call';
import type { ParsedFile } from '../project/types';

/** Variables read by an expression (member chains count for their root). */
function readsOf(node: Node, context: LoopContext): Set<Variable> {
  const refs = referencesOf(context.file);
  const out = new Set<Variable>();
  walk(node, (n) => {
    if (n.type === 'Identifier') {
      const v = refs.variableOf(n);
      if (v) out.add(v);
    }
    if (isFunctionNode(n)) return false;
  });
  return out;
}

/** A call that fetches something (not a string/regex search, whose repeats the search rule covers, nor arithmetic like Math.floor). */
function hasCall(node: Node, file: ParsedFile): boolean {
  let found = false;
  walk(node, (n) => {
    if ((n.type === 'CallExpression' || n.type === 'NewExpression') && !SEARCHES.has(calleeName(n) ?? '') && !isPureBuiltinCall(n, file)) found = true;
    if (isFunctionNode(n) || found) return false;
  });
  return found;
}

export const cursorMayRepeat: LoopRule = {
  kind: 'loop',
  meta: {
    id: 'cursor-may-repeat',
    severity: 'warning',
    docs: {
      description: 'A cursor or pagination loop that does not stop when the next cursor equals the current one or a page is empty.',
      help:
        "The loop fetches a page with the current cursor and continues with the cursor the response names. If the upstream returns the same cursor again (or keeps saying there is more while returning empty pages) for some input, the loop never ends. Stop when the next cursor equals the current one or the page is empty, and cap the number of pages.",
    },
    messages: {
      repeat: 'Next cursor `{{cursor}}` comes from a page fetched with it; nothing stops the loop if it repeats or the page is empty.',
    },
  },
  check(context) {
    const { loop } = context;
    if (loop.kind === 'for-of' || loop.kind === 'for-in' || loop.kind === 'for-await') return;
    const refs = referencesOf(context.file);
    // Fetch results: variables assigned from a call (usually awaited) inside the loop, with what the call read.
    const fetched = new Map<Variable, Set<Variable>>();
    const assignments: Array<{ target: Variable; value: Node; at: Node }> = [];
    walk(
      loop.node,
      (n) => {
        let target: Node | undefined;
        let value: Node | undefined;
        if (n.type === 'AssignmentExpression' && n.operator === '=') [target, value] = [n.left, n.right];
        if (n.type === 'VariableDeclarator' && n.init) [target, value] = [n.id, n.init];
        if (!target || !value) return;
        const ids: TSESTree.Identifier[] = [];
        walk(target, (p) => {
          if (p.type === 'Identifier') ids.push(p);
          if (p.type === 'MemberExpression') return false;
        });
        for (const id of ids) {
          const v = refs.variableOf(id);
          if (!v) continue;
          // What the call was fetched with: a method run on an in-memory list (`queue.pop()`) fetches nothing with it.
          if (hasCall(value, context.file)) fetched.set(v, fetchInputs(value, context.file));
          assignments.push({ target: v, value, at: n });
        }
      },
      false,
    );
    if (fetched.size === 0) return;
    const conditions = context.exitConditions.filter((e) => !e.exit.onError).flatMap((e) => e.conditions);
    const conditionReads = new Set<Variable>();
    for (const c of conditions) for (const v of readsOf(c, context)) conditionReads.add(v);
    for (const { target: cursor, value } of assignments) {
      if (!conditionReads.has(cursor)) continue;
      // cursor = page.next, where page was fetched with cursor (directly or inside an object argument).
      const reads = readsOf(value, context);
      const fromPage = [...reads].find((r) => r !== cursor && fetched.get(r)?.has(cursor));
      // (Re-fetching the same object by its own id, `job = await get(job.id)`, is polling, not a cursor.)
      if (!fromPage) continue;
      if (stopsOnRepeatOrEmpty(context, cursor, fromPage)) return;
      if (context.hasCapOrDeadline()) return;
      const condition = conditions.find((c) => readsOf(c, context).has(cursor));
      context.report({ messageId: 'repeat', data: { cursor: cursor.name }, condition, confidence: 0.6, sources: condition ? context.flowData(condition) : [] });
      return;
    }
  },
};

/** A guard that compares the new cursor with the old one, checks the page for emptiness, or remembers seen cursors. */
function stopsOnRepeatOrEmpty(context: LoopContext, cursor: Variable, page: Variable | undefined): boolean {
  const refs = referencesOf(context.file);
  let stops = false;
  walk(
    context.loop.node,
    (n) => {
      if (stops) return false;
      if (n.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(n.operator)) {
        const sides = [unwrap(n.left), unwrap(n.right)];
        const literal = sides.some((s) => s.type === 'Literal' || (s.type === 'Identifier' && s.name === 'undefined'));
        const readsCursor = sides.some((s) => readsOf(s, context).has(cursor));
        const lengthCheck = sides.some((s) => s.type === 'MemberExpression' && memberPath(s)?.path.endsWith('.length'));
        if ((readsCursor && !literal) || lengthCheck) stops = true;
      }
      if (n.type === 'UnaryExpression' && n.operator === '!' && unwrap(n.argument).type === 'MemberExpression' && memberPath(n.argument)?.path.endsWith('.length')) stops = true;
      if (n.type === 'CallExpression' && unwrap(n.callee).type === 'MemberExpression') {
        const name = (unwrap(n.callee) as TSESTree.MemberExpression).property;
        if (name.type === 'Identifier' && (name.name === 'has' || name.name === 'includes') && n.arguments.some((a) => readsOf(a, context).has(cursor))) stops = true;
      }
      if (page && n.type === 'Identifier' && refs.variableOf(n) === page && n.parent?.type === 'MemberExpression' && n.parent.parent?.type === 'MemberExpression') {
        const outer = n.parent.parent as TSESTree.MemberExpression;
        if (!outer.computed && outer.property.type === 'Identifier' && outer.property.name === 'length' && isTestPosition(outer)) stops = true;
      }
    },
    false,
  );
  return stops;
}

function isTestPosition(node: Node): boolean {
  for (let n: Node | undefined = node; n; n = n.parent) {
    const p: Node | undefined = n.parent;
    if (!p) return false;
    if ((p.type === 'IfStatement' || p.type === 'WhileStatement' || p.type === 'DoWhileStatement' || p.type === 'ConditionalExpression') && p.test === n) return true;
    if (p.type.endsWith('Statement')) return false;
  }
  return false;
}
