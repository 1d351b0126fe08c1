// A loop with one way round that changes nothing it reads. JavaScript runs one thing at a time, so
// when a turn writes nothing that its own branch conditions or the loop's exit conditions read, and
// runs nothing that could (an unknown call, `await`, `yield`), the next turn starts in the same state,
// takes the same path again, and the loop never ends: the classic tokenizer that forgets to advance
// on one kind of character.
import type { ResolvedSource } from '../dataflow/interprocedural';
import { TurnState, overlaps, type Loc } from '../dataflow/turn-state';
import { turnPaths, type Decision, type TurnPath } from '../dataflow/turn-paths';
import { cannotRepeat } from '../dataflow/turn-feasibility';
import { comparedSubject, everyValueTested } from '../dataflow/exhaustive-dispatch';
import type { Node } from '../dataflow/ast';
import { noProgress } from './no-progress';
import type { LoopContext, LoopRule } from './types';

export const noProgressOnSomePath: LoopRule = {
  kind: 'loop',
  meta: {
    id: 'no-progress-on-some-path',
    severity: 'error',
    docs: {
      description: 'Some path through one turn of the loop changes nothing the loop reads, so once taken it is taken forever.',
      help:
        'On this path the turn writes nothing that its branch conditions or the loop exit conditions read, and calls nothing that could, so the next turn starts in the same state and takes the same path again: the loop never ends (the classic parser that does not advance on an unexpected character). Advance the cursor, or leave the loop, on every path.',
    },
    messages: {
      stuck: 'When {{when}}, a turn changes nothing the loop reads: the loop repeats that turn forever.',
      stuckAlways: 'A turn of this loop changes nothing the loop reads: the loop repeats that turn forever.',
    },
  },
  check(context) {
    const { loop } = context;
    if (loop.node.type !== 'WhileStatement' && loop.node.type !== 'DoWhileStatement' && loop.node.type !== 'ForStatement') return;
    // A loop with no way out at all is endless whatever its turns do (the endless-loop rule's case).
    if (context.exitConditions.length === 0) return;
    const state = new TurnState(loop.node.body, context.file);
    const paths = turnPaths(loop, state);
    if (!paths) return;
    const exitReads = context.exitConditions.flatMap((e) => e.conditions).flatMap((c) => state.readsOf(c));
    const stuck = paths.find(
      (p) => isStuck(p, exitReads, state) && !steeredByConstantsOnly(p, state) && !cannotRepeat(p, loop.test, context.file.text) && !missesExhaustiveDispatch(p, context),
    );
    if (!stuck || reportedByNoProgress(context)) return;
    const sources = dedupe(stuck.decisions.flatMap((d) => context.flowData(d.node)));
    const when = stuck.decisions.slice(0, 3).map((d) => describe(d, context)).join(' and ');
    context.report({
      messageId: stuck.decisions.length ? 'stuck' : 'stuckAlways',
      data: { when: stuck.decisions.length > 3 ? `${when} and …` : when },
      condition: stuck.decisions[0]?.node,
      sources,
      // Data that can steer into the stuck path is the strongest case, a caller's argument next; otherwise the path may be unreachable.
      confidence: sources.length ? 0.9 : steeredByParameter(stuck, state) ? 0.75 : 0.6,
    });
  },
};

function isStuck(path: TurnPath, exitReads: Loc[], state: TurnState): boolean {
  const reads = [...exitReads, ...path.conditions.flatMap((c) => state.readsOf(c))];
  return !path.writes.some((w) => reads.some((r) => overlaps(w, r, state)));
}

/** Branches that read only literals and literal constants pick the same path every time: dead code or no-progress's case. */
function steeredByConstantsOnly(path: TurnPath, state: TurnState): boolean {
  if (path.decisions.length === 0) return false;
  return path.conditions.every((c) => state.readsOf(c).every((r) => r.kind === 'var' && state.isConstant(r.root)));
}

function steeredByParameter(path: TurnPath, state: TurnState): boolean {
  return path.conditions.some((c) => state.readsOf(c).some((r) => r.kind !== 'any' && !!r.root && typeof r.root !== 'string' && r.root.defs.some((d) => d.type === 'Parameter')));
}

/** The path gets through a state dispatch without matching a value, though every value the state takes is tested. */
function missesExhaustiveDispatch(path: TurnPath, context: LoopContext): boolean {
  const chains = new Map<string, { subject: Node; values: Node[] }>();
  for (const d of path.decisions) {
    if (d.caseTest === null && d.node.parent?.type === 'SwitchStatement') {
      const tests = d.node.parent.cases.flatMap((c) => (c.test ? [c.test] : []));
      if (everyValueTested(d.node, tests, context.file)) return true;
    }
    const compared = d.truth === false ? comparedSubject(d.node, context.file) : undefined;
    if (!compared) continue;
    const key = context.text(compared.subject, 200);
    const chain = chains.get(key) ?? { subject: compared.subject, values: [] };
    chain.values.push(compared.value);
    chains.set(key, chain);
  }
  return [...chains.values()].some((c) => everyValueTested(c.subject, c.values, context.file));
}

/** No-progress already reports the loop when nothing changes on any path. */
function reportedByNoProgress(context: LoopContext): boolean {
  let reported = false;
  noProgress.check({ ...context, report: () => void (reported = true) });
  return reported;
}

function describe(d: Decision, context: LoopContext): string {
  const subject = context.text(d.node, 50);
  if (d.caseTest === undefined) return `\`${subject}\` is ${d.truth}`;
  return d.caseTest ? `\`${subject}\` is \`${context.text(d.caseTest, 30)}\`` : `\`${subject}\` matches no case`;
}

function dedupe(sources: ResolvedSource[]): ResolvedSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => !seen.has(s.source) && !!seen.add(s.source));
}
