// `for` loops whose step or bound comes from request data: a zero or negative step, or the `length`
// of an untrusted object ({"length": 1e12}), keeps the loop running.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import type { LoopRule } from './types';
import { uncheckedSources, type Need } from './checked-before-loop';
import { invariantSourcesOnEntry } from './entry-sources';
import { conjunctsOf } from '../dataflow/ast';
import { stepPositiveUnderTest } from './step-positive-under-test';
import { arrayCheckedOnEntry } from './array-checked-on-entry';
import { elementReadEachTurn } from './element-read-each-turn';
import { dateWalkSpanChecked } from './date-walk-span';

export const forStepOrBoundFromFlowData: LoopRule = {
  kind: 'loop',
  meta: {
    id: 'for-step-or-bound-from-flow-data',
    severity: 'warning',
    docs: {
      description: "A for loop whose step or bound comes from flow data.",
      help:
        "The loop's increment or its limit is taken from request data. A step of 0 (or of the wrong sign) never reaches the bound; a bound such as `body.items.length` on an object a client sent can be any number. Validate the step (> 0, integer) and clamp the bound, or iterate with for…of over a validated array.",
    },
    messages: {
      step: 'Loop step `{{step}}` comes from flow data: {{sources}}.',
      bound: 'Loop bound `{{bound}}` comes from flow data: {{sources}}.',
    },
  },
  check(context) {
    const node = context.loop.node;
    if (node.type !== 'ForStatement' || !node.test) return;
    const refs = referencesOf(context.file);
    const counters = new Set<unknown>();
    // The step: i += s, i -= s, i = i + s.
    const update = node.update ? unwrap(node.update) : undefined;
    const updates = update?.type === 'SequenceExpression' ? update.expressions : update ? [update] : [];
    const test = unwrap(node.test);
    for (const u of updates) {
      const e = unwrap(u);
      let step: Node | undefined;
      let counter: Node | undefined;
      if (e.type === 'UpdateExpression') counter = e.argument;
      if (e.type === 'AssignmentExpression') {
        counter = e.left;
        if (e.operator === '+=' || e.operator === '-=' || e.operator === '*=') step = e.right;
        else if (e.operator === '=' && unwrap(e.right).type === 'BinaryExpression') {
          const b = unwrap(e.right) as TSESTree.BinaryExpression;
          step = unwrap(b.left).type === 'Identifier' && counter.type === 'Identifier' && (unwrap(b.left) as TSESTree.Identifier).name === counter.name ? b.right : b.left;
        }
      }
      if (counter?.type === 'Identifier') counters.add(refs.variableOf(counter));
      if (!step) continue;
      // A step checked to be positive before the loop moves an `i += step` towards a `<` bound (or `-=` towards `>`).
      // (In one conjunct of the test too: `i < n && more()`.)
      const conjunct = e.type === 'AssignmentExpression' && (e.operator === '+=' || e.operator === '-=') && counter?.type === 'Identifier' ? conjunctsOf(test).find((c) => c.type === 'BinaryExpression' && isCounterSide(c, counter, refs) === (e.operator === '+=')) : undefined;
      const towards = !!conjunct;
      // So does a step above 0 wherever that conjunct holds (`i += Math.min(CHUNK, n - i)` under `i < n`).
      if (conjunct && stepPositiveUnderTest(step, context.loop, conjunct, context.file)) continue;
      const sources = towards ? uncheckedSources(context.flowData(step), 'positive') : context.flowData(step);
      if (sources.length) {
        context.report({ messageId: 'step', data: { step: context.text(step), sources: sources.map((s) => s.source).join(', ') }, condition: step, sources, confidence: 0.75 });
        return;
      }
    }
    // The bound: the side of the comparison that is not the counter.
    if (test.type !== 'BinaryExpression' || !['<', '<=', '>', '>=', '!=', '!=='].includes(test.operator)) return;
    const isCounter = (n: Node) => {
      const x = unwrap(n);
      return x.type === 'Identifier' && counters.has(refs.variableOf(x));
    };
    const bound = isCounter(test.left) ? test.right : isCounter(test.right) ? test.left : undefined;
    if (!bound) return;
    // Math.min(flowData, limit) is clamped by its other arguments.
    const b = unwrap(bound);
    if (b.type === 'CallExpression' && context.text(b.callee) === 'Math.min' && b.arguments.some((a) => context.flowData(a).length === 0)) return;
    // Checked before the loop: a bound reached from below needs a largest value, from above a smallest.
    const upward = (test.operator === '<' || test.operator === '<=') === (bound === test.right);
    const need: Need = test.operator === '!=' || test.operator === '!==' ? 'integer-range' : upward ? 'upper' : 'lower';
    // A bound the loop never writes is what it was when the loop started (sizes read before it included).
    let sources = uncheckedSources(invariantSourcesOnEntry(bound, context.loop, context.file, context.flowData), need);
    // A library's caller passes real arrays (and constants per call site are no client's); only a client-sent object can lie about its length.
    // `x.length`, or `x.length - 1` / `x.length + 2`: a constant away from the element count.
    const sized = b.type === 'BinaryExpression' && (b.operator === '-' || b.operator === '+') && unwrap(b.right).type === 'Literal' && typeof (unwrap(b.right) as TSESTree.Literal).value === 'number' ? unwrap(b.left) : b;
    const lengthOf = sized.type === 'MemberExpression' && !sized.computed && sized.property.type === 'Identifier' && sized.property.name === 'length' ? sized.object : undefined;
    // Nor can it about the length of a real string or array: one the code built (a template literal,
    // `split`), or one it called a method of (`path.startsWith('[')`), here or in a caller.
    if (lengthOf) sources = sources.filter((s) => s.kind === 'request' && !s.bounds?.real);
    // So is a bound that holds such a length (`for (let i = 0, n = data.length; i < n; i++)`).
    else sources = sources.filter((s) => !(s.bounds?.real && s.bounds.sized));
    // A counter that moves a constant step towards a `<`/`>` bound ends within `bound` turns for any finite
    // number: a library caller (or a call site's constant) chooses that work; only a client can send 1e308.
    if (need !== 'integer-range' && updates.length > 0 && updates.every((u) => constantStepToward(u, upward, isCounter))) sources = sources.filter((s) => s.kind === 'request');
    if (sources.length === 0) return;
    // Nor can one that `Array.isArray` let through: a real array's length counts its elements.
    if (lengthOf && arrayCheckedOnEntry(context.loop, lengthOf, context.file)) return;
    // Nor one whose element every turn dereferences: past the keys a client sent, `xs[i].id` throws.
    if (lengthOf && updates.every((u) => constantStepToward(u, upward, isCounter)) && elementReadEachTurn(context.loop, lengthOf, counters, context.file)) return;
    // Nor a walk from one Date's time to another's after a check that the span is small.
    if (dateWalkSpanChecked(context)) return;
    context.report({ messageId: 'bound', data: { bound: context.text(bound), sources: sources.map((s) => s.source).join(', ') }, condition: bound, sources, confidence: 0.55 });
  },
};

/** `i++` / `i += 2` when the counter must grow to reach the bound, `i--` / `i -= 2` when it must shrink. */
function constantStepToward(update: Node, upward: boolean, isCounter: (n: Node) => boolean): boolean {
  const e = unwrap(update);
  if (e.type === 'UpdateExpression') return isCounter(e.argument) && (e.operator === '++') === upward;
  if (e.type !== 'AssignmentExpression' || !isCounter(e.left) || (e.operator !== '+=' && e.operator !== '-=')) return false;
  const step = unwrap(e.right);
  return step.type === 'Literal' && typeof step.value === 'number' && step.value > 0 && (e.operator === '+=') === upward;
}

/** Whether the counter is on the growing side of the test (`i < n`: true, `i > n`: false); undefined if not in it. */
function isCounterSide(test: TSESTree.BinaryExpression, counter: TSESTree.Identifier, refs: ReturnType<typeof referencesOf>): boolean | undefined {
  const v = refs.variableOf(counter);
  const side = (n: Node) => {
    const x = unwrap(n);
    return x.type === 'Identifier' && !!v && refs.variableOf(x) === v;
  };
  const below = test.operator === '<' || test.operator === '<=';
  const above = test.operator === '>' || test.operator === '>=';
  if (!below && !above) return undefined;
  if (side(test.left)) return below;
  if (side(test.right)) return above;
  return undefined;
}
