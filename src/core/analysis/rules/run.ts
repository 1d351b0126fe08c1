// Runs the rules over a project's files: builds each loop's context (exits, effects, data flow) once
// and turns rule reports into LoopFindings with locations, data paths, sources and entry points.
import { memberStepSetBefore } from './member-step-set-before';
import { cursorHelpersFor } from '../dataflow/cursor-helpers';
import type { CodeIndex } from '../dataflow/code-index';
import { isTscEmitHelper } from '../project/tsc-helpers';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { LoopFinding } from '../../model/code';
import type { FunctionInfo, ParsedFile, ProjectModel } from '../project/types';
import { describeLoop, type LoopInfo } from '../cfg/loop-exits';
import { LoopEffects, operandsOf } from '../dataflow/loop-operands';
import { changedByOtherFunction } from '../dataflow/closure-member-mutations';
import type { ConstantSite, FlowAnalyzer, ResolvedSource } from '../dataflow/interprocedural';
import { calleeName, contains, keysOf, isLoopNode, locationOf, textOf, unwrap, walk, isFunctionNode, memberPath, type LoopNode, type Node } from '../dataflow/ast';
import { referencesOf } from '../dataflow/references';
import { holdsWhenEmpty } from '../dataflow/empty-test';
import { codeIndex } from '../dataflow/code-index';
import type { ExitCondition, FunctionContext, LoopContext, Report, Rule, RuleMeta } from './types';
import { rules as allRules } from './index';
import { movesEveryTurn } from './moving-step';
import { stepPositiveUnderTest } from './step-positive-under-test';
import { chasesGrowingBound } from './bound-outgrows-counter';
import { everyTurnPasses } from '../cfg/every-turn';

export interface RunOptions {
  rules?: Rule[];
  /** Flow key → function ids reachable from it (for the findings' entry points). */
  flowsOf?: (functionId: string) => string[];
  /** Told how many loops and recursive functions the file has (the incremental scanner skips files with none). */
  onChecked?: (checkedUnits: number) => void;
  /** Filled with the id of the function each finding is in (the scanner recomputes their entry points after edits elsewhere). */
  functionIds?: Map<LoopFinding, string>;
  /** Filled, for each finding whose every source is a per-call-site constant, with each source's call sites (see constants-differ-between-flows.ts). */
  constantSites?: Map<LoopFinding, ConstantSite[][]>;
}

const DEADLINE = /(deadline|timeout|expire|until|endTime|stopAt|giveUpAt|signal|abort|cancel)/i;
const TIME_CALL = /^(now|hrtime|getTime|performance)$/;

export function checkFile(project: ProjectModel, analyzer: FlowAnalyzer, file: ParsedFile, options: RunOptions = {}): LoopFinding[] {
  const rules = options.rules ?? allRules;
  const findings: LoopFinding[] = [];
  const loopRules = rules.filter((r) => r.kind === 'loop');
  const functionRules = rules.filter((r) => r.kind === 'function');
  let checkedUnits = 0;
  const code = codeIndex(project, analyzer);
  for (const unit of collectUnits(project, file, functionRules.length > 0)) {
    const { loops } = unit;
    const recursiveCalls = unit.fn && unit.candidates.length ? confirmRecursion(analyzer, file, unit.fn, unit.candidates) : [];
    if (loops.length === 0 && recursiveCalls.length === 0) continue;
    checkedUnits++;
    const flow = analyzer.flowOf(file, unit.node as FunctionInfo['node']);
    if (!flow) continue;
    const flowDataMemo = new Map<Node, ResolvedSource[]>();
    const shared = {
      file,
      fn: unit.fn,
      flow,
      flowData(node: Node): ResolvedSource[] {
        let r = flowDataMemo.get(node);
        if (!r) {
          const step = { location: locationOf(file.path, node), message: `read by the condition \`${textOf(file.text, node, 50)}\`` };
          r = analyzer.sourcesOf(flow.taintOf(node)).map((s) => ({ ...s, path: [...s.path, step] }));
          flowDataMemo.set(node, r);
        }
        return r;
      },
      text: (node: Node, max?: number) => textOf(file.text, node, max),
      code,
    };
    // Only for the findings: walking up to the handlers is not free.
    let entryPoints: string[] | undefined;
    const entryPointsOf = () => (entryPoints ??= unit.fn && options.flowsOf ? options.flowsOf(unit.fn.id) : []);
    const toFinding = (meta: RuleMeta, report: Report, at: Node, conditionFallback: Node, loopKind: LoopFinding['loopKind']): LoopFinding => {
      const condition = report.condition ?? conditionFallback;
      const loc = locationOf(file.path, at);
      const sources = report.sources ?? [];
      const finding: LoopFinding = {
        id: `${meta.id}:${file.path}:${loc.startLine}:${loc.startColumn}`,
        ruleId: meta.id,
        severity: report.severity ?? meta.severity,
        message: format(meta.messages[report.messageId] ?? report.messageId, report.data),
        loop: loc,
        condition: locationOf(file.path, condition),
        loopKind,
        functionName: unit.fn?.name || undefined,
        // Copies: the steps' locations are shared with cached flows, which an edit moves in place.
        dataPath: (sources[0]?.path ?? []).map((step) => ({ location: { ...step.location }, message: step.message })),
        sources: [...new Set(sources.map((s) => s.source))],
        entryPoints: entryPointsOf(),
        confidence: report.confidence,
      };
      if (unit.fn) options.functionIds?.set(finding, unit.fn.id);
      if (sources.length && sources.every((s) => s.kind === 'constant' && s.sites)) options.constantSites?.set(finding, sources.map((s) => s.sites!));
      return finding;
    };
    for (const loop of loops) {
      const effects = new LoopEffects(loop, file);
      const ctx = makeLoopContext(shared, loop, effects, file);
      for (const rule of loopRules) {
        ctx.report = (report) => findings.push(toFinding(rule.meta, report, loop.node, loop.test ?? loop.node, loop.kind));
        try {
          (rule as Extract<Rule, { kind: 'loop' }>).check(ctx);
        } catch (error) {
          project.diagnostics.push({ file: file.path, line: loop.node.loc.start.line, message: `${file.path}:${loop.node.loc.start.line}: rule ${rule.meta.id} failed: ${(error as Error).message}` });
        }
      }
    }
    if (unit.fn && recursiveCalls.length) {
      const fnCtx: FunctionContext = { ...shared, fn: unit.fn, recursiveCalls, report: () => undefined };
      for (const rule of functionRules) {
        fnCtx.report = (report) => findings.push(toFinding(rule.meta, report, unit.fn!.node, recursiveCalls[0], 'recursion'));
        try {
          (rule as Extract<Rule, { kind: 'function' }>).check(fnCtx);
        } catch (error) {
          project.diagnostics.push({ file: file.path, line: unit.fn.location.startLine, message: `${file.path}:${unit.fn.location.startLine}: rule ${rule.meta.id} failed: ${(error as Error).message}` });
        }
      }
    }
  }
  options.onChecked?.(checkedUnits);
  return findings;
}

function format(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => data[k] ?? '');
}

function makeLoopContext(
  shared: Omit<LoopContext, 'loop' | 'effects' | 'exitConditions' | 'canChange' | 'isCounterLoop' | 'hasCapOrDeadline' | 'capBoundsEveryTurn' | 'capEndsLoop' | 'report'>,
  loop: LoopInfo,
  effects: LoopEffects,
  file: ParsedFile,
): LoopContext {
  const exitConditions: ExitCondition[] = loop.exits.map((exit) => ({
    exit,
    conditions: exit.kind === 'test' ? [exit.node] : exit.guards.filter((g) => g.type !== 'CatchClause'),
  }));
  const changeMemo = new Map<Node, boolean>();
  const canChange = (node: Node): boolean => {
    let r = changeMemo.get(node);
    if (r === undefined) {
      const ops = operandsOf(node, file);
      const dataChanges = ops.some((o) => o.kind === 'variable' ? effects.variableChanges(o.variable, o.path) || effects.mutatedInPlace(o.path) : o.kind === 'member' ? effects.memberChanges(o.path, o.variable) : false);
      r = dataChanges || ops.some((o) => o.kind === 'call' && effects.callChanges(o.node as TSESTree.CallExpression, dataChanges));
      // Last, as it may follow the call graph: a handler or callee mutating a captured value in place.
      r ||= changedByOtherFunction(ops, effects, file, shared.code);
      changeMemo.set(node, r);
    }
    return r;
  };
  let counter: boolean | undefined;
  let caps: Caps | undefined;
  let everyTurn: boolean | undefined;
  let ends: boolean | undefined;
  return {
    ...shared,
    loop,
    effects,
    exitConditions,
    canChange,
    report: () => undefined,
    isCounterLoop: () => (counter ??= isCounterLoop(loop, file, shared.code)),
    hasCapOrDeadline: () => hasCapOrDeadline((caps ??= capsOf(exitConditions, loop, file))),
    capBoundsEveryTurn: () => (everyTurn ??= capBoundsEveryTurn((caps ??= capsOf(exitConditions, loop, file)), loop, file)),
    capEndsLoop: () => (ends ??= capEndsLoop((caps ??= capsOf(exitConditions, loop, file)), loop, file)),
  };
}

/** A counter towards its bound that ends the loop: not one chasing a length every turn grows as fast. */
function isCounterLoop(loop: LoopInfo, file: ParsedFile, code: CodeIndex): boolean {
  return countsTowardsBound(loop, file, code) && !chasesGrowingBound(loop, file);
}

/** `i < n` / `i <= n` with `i++` / `i += 2` (or the mirror) on every turn that goes round, where the counter is not otherwise written in the body. */
function countsTowardsBound(loop: LoopInfo, file: ParsedFile, code: CodeIndex): boolean {
  const test = loop.test && unwrap(loop.test);
  if (!test || test.type !== 'BinaryExpression' || !['<', '<=', '>', '>='].includes(test.operator)) return false;
  const refs = referencesOf(file);
  // `++i < n` (lodash's idiom): the counter steps inside the test itself.
  const left = unwrap(test.left);
  if (left.type === 'UpdateExpression' && unwrap(left.argument).type === 'Identifier') {
    const variable = refs.variableOf(unwrap(left.argument) as TSESTree.Identifier);
    const writesInLoop = variable?.references.filter((r) => r.isWrite() && loop.node.range[0] <= r.identifier.range[0] && r.identifier.range[1] <= loop.node.range[1]) ?? [];
    const upward = left.operator === '++';
    return writesInLoop.length === 1 && upward === (test.operator === '<' || test.operator === '<=') && !boundRaisedInLoop(unwrap(test.right), upward, loop, file);
  }
  const counterSide = left.type === 'Identifier' ? left : unwrap(test.right).type === 'Identifier' ? (unwrap(test.right) as TSESTree.Identifier) : undefined;
  if (!counterSide) return false;
  const variable = refs.variableOf(counterSide);
  if (!variable) return false;
  const upward = (test.operator === '<' || test.operator === '<=') === (counterSide === unwrap(test.left));
  const writes = variable.references.filter((r) => r.isWrite() && loop.node.range[0] <= r.identifier.range[0] && r.identifier.range[1] <= loop.node.range[1] && !(loop.node.type === 'ForStatement' && loop.node.init && loop.node.init.range[0] <= r.identifier.range[0] && r.identifier.range[1] <= loop.node.init.range[1]));
  if (writes.length === 0) return false;
  if (boundRaisedInLoop(unwrap(counterSide === unwrap(test.left) ? test.right : test.left), upward, loop, file)) return false;
  // `char >= 0x10000 ? i += 2 : i++` as the `for` update: each way it goes, a step towards the bound.
  if (writes.length > 1) {
    const update = loop.node.type === 'ForStatement' ? loop.node.update : null;
    const isCounter = (n: Node) => unwrap(n).type === 'Identifier' && refs.variableOf(unwrap(n) as TSESTree.Identifier) === variable;
    return !!update && writes.every((w) => update.range[0] <= w.identifier.range[0] && w.identifier.range[1] <= update.range[1]) && stepsEachWay(update, isCounter, upward, file);
  }
  let parent = writes[0].identifier.parent as Node | undefined;
  if (!parent) return false;
  // The step must run on every turn that goes round: `if (r.ok) i++` after an await retries the same item forever on failure.
  const step = parent;
  if (!everyTurnPasses(loop, (n) => n === step)) return false;
  if (parent.type === 'UpdateExpression') return (parent.operator === '++') === upward;
  if (parent.type === 'AssignmentExpression' && (parent.operator === '+=' || parent.operator === '-=')) {
    const step = unwrap(parent.right);
    // Or above 0 wherever the test holds (`i += Math.min(CHUNK, n - i)` under `i < n`).
    // Or a member the turn set to a positive constant just before (`op.lines = 1; append(op); n -= op.lines`).
    if (!movesEveryTurn(step, file) && !stepPositiveUnderTest(step, loop, test, file) && !(parent.parent?.type === 'ExpressionStatement' && memberStepSetBefore(step, parent.parent, file, cursorHelpersFor(code)))) return false;
    return (parent.operator === '+=') === upward;
  }
  parent = undefined;
  return false;
}

/** An update that, whichever way its `?:` goes, steps the counter towards the bound (`c ? i += 2 : i++`). */
function stepsEachWay(update: Node, isCounter: (n: Node) => boolean, upward: boolean, file: ParsedFile): boolean {
  const e = unwrap(update);
  if (e.type === 'ConditionalExpression') return stepsEachWay(e.consequent, isCounter, upward, file) && stepsEachWay(e.alternate, isCounter, upward, file);
  if (e.type === 'UpdateExpression') return isCounter(e.argument) && (e.operator === '++') === upward;
  if (e.type === 'AssignmentExpression' && (e.operator === '+=' || e.operator === '-=') && isCounter(e.left)) return movesEveryTurn(unwrap(e.right), file) && (e.operator === '+=') === upward;
  return false;
}

/**
 * The bound of a counter loop written in the loop other than towards the counter (`n += 4` beside
 * `i += 4` chases it forever). A bound may only come closer: `n--`, `n -= c` for a counter going up
 * (the mirror for one going down). A variable, or a member path written by assignment in the loop
 * (`.length` is the list checks' business: chasesGrowingBound).
 */
function boundRaisedInLoop(bound: Node, upward: boolean, loop: LoopInfo, file: ParsedFile): boolean {
  // The loop's own `for` init runs once, before the first test.
  const init = loop.node.type === 'ForStatement' ? loop.node.init : null;
  const inLoop = (n: Node) => loop.node.range[0] <= n.range[0] && n.range[1] <= loop.node.range[1] && !(init && init.range[0] <= n.range[0] && n.range[1] <= init.range[1]);
  const towardsCounter = (target: Node): boolean => {
    const p = target.parent;
    if (p?.type === 'UpdateExpression') return (p.operator === '--') === upward;
    if (p?.type === 'AssignmentExpression' && p.left === target && (p.operator === '-=' || p.operator === '+=')) {
      const c = unwrap(p.right);
      return c.type === 'Literal' && typeof c.value === 'number' && c.value >= 0 && (p.operator === '-=') === upward;
    }
    return false;
  };
  if (bound.type === 'Identifier') {
    const variable = referencesOf(file).variableOf(bound);
    return !!variable && variable.references.some((r) => r.isWrite() && inLoop(r.identifier as Node) && !towardsCounter(r.identifier as Node));
  }
  const path = bound.type === 'MemberExpression' ? memberPath(bound)?.path : undefined;
  if (!path || path.endsWith('.length')) return false;
  let raised = false;
  walk(loop.node, (n) => {
    if (raised) return false;
    const target = n.type === 'AssignmentExpression' ? unwrap(n.left) : n.type === 'UpdateExpression' ? unwrap(n.argument) : undefined;
    if (target?.type === 'MemberExpression' && inLoop(target) && memberPath(target)?.path === path && !towardsCounter(target)) raised = true;
  });
  return raised;
}

/** What bounds a loop's turns from its exit conditions: a deadline or abort check, attempt counters, lists grown towards a cap. */
interface Caps {
  deadline: boolean;
  /** Variables the loop counts (`n++`, `n += 1`) and an exit condition compares. */
  counters: Variable[];
  /** Member paths (`results`) whose length an exit condition compares while the loop pushes to them. */
  grown: string[];
}

function capsOf(exitConditions: ExitCondition[], loop: LoopInfo, file: ParsedFile): Caps {
  const refs = referencesOf(file);
  const caps: Caps = { deadline: false, counters: [], grown: [] };
  // A counter chasing a length the loop outgrows is no cap: its test is skipped below.
  const chased = chasesGrowingBound(loop, file) ? unwrap(loop.test!) : undefined;
  for (const { conditions, exit } of exitConditions) {
    if (exit.onError && conditions.length === 0) continue;
    for (const c of conditions) {
      walk(c, (n) => {
        if (caps.deadline) return false;
        if ((n.type === 'CallExpression' || n.type === 'NewExpression') && (TIME_CALL.test(calleeName(n) ?? '') || (n.type === 'NewExpression' && calleeName(n) === 'Date'))) caps.deadline = true;
        if (n.type === 'Identifier' && DEADLINE.test(n.name)) caps.deadline = true;
        if (n.type === 'MemberExpression' && DEADLINE.test(memberPath(n)?.path ?? '')) caps.deadline = true;
        if (n.type === 'BinaryExpression' && n !== chased && ['<', '<=', '>', '>=', '===', '=='].includes(n.operator)) {
          for (const side of [n.left, n.right]) {
            // `++attempts >= 3` counts and compares in one: the counter is the update's argument.
            // (Only when nothing else in the loop writes it: `--i >= 0` beside `i = parts.length` starts over.)
            const compared = unwrap(side);
            const s = compared.type === 'UpdateExpression' ? unwrap(compared.argument) : compared;
            if (s.type !== 'Identifier' && s.type !== 'MemberExpression') continue;
            if (compared.type === 'UpdateExpression' && !onlyCountedInLoop(s, compared.operator === '++', loop, file)) continue;
            const root = s.type === 'Identifier' ? s : memberPath(s)?.root;
            const v = root && root.type === 'Identifier' ? refs.variableOf(root) : undefined;
            const counting = v?.references.find((r) => r.isWrite() && !r.init && isCounting(r.identifier as Node) && inLoop(loop, r.identifier));
            // A cap the loop raises as it counts (`tries++; max++`) caps nothing.
            const other = unwrap(side === n.left ? n.right : n.left);
            // (Only for a counter stepping itself: `low = mid + 1` beside `high = mid` is a binary search, whose bound moves by design.)
            const raised = counting && stepsItself(counting.identifier as Node) && boundRaisedInLoop(other, countsUp(counting.identifier as Node), loop, file);
            // A counter the loop also sets back to a constant (`pos = 0`, `tries = 0`) caps nothing either.
            const reset = counting && v!.references.some((r) => r.isWrite() && !r.init && inLoop(loop, r.identifier) && !inForInit(loop, r.identifier) && isPlainAssignment(r.identifier as Node) && !isCounting(r.identifier as Node));
            if (v && counting && !caps.counters.includes(v) && !raised && !reset) caps.counters.push(v);
            // `results.length < max` where the loop pushes into results: it grows towards the cap.
            if (s.type === 'MemberExpression' && memberPath(s)?.path.endsWith('.length') && n.operator !== '===' && n.operator !== '==') {
              const receiver = memberPath(s)!.path.slice(0, -'.length'.length);
              if (growsInLoop(loop, receiver) && !caps.grown.includes(receiver)) caps.grown.push(receiver);
            }
          }
        }
      });
    }
  }
  return caps;
}

/** A variable every write of which inside the loop counts it one way (`n++`, `n += 1`; not `i -= 2` beside `++i`). */
function onlyCountedInLoop(id: Node, up: boolean, loop: LoopInfo, file: ParsedFile): boolean {
  const v = id.type === 'Identifier' ? referencesOf(file).variableOf(id) : undefined;
  return !!v && v.references.every((r) => !r.isWrite() || r.init || !inLoop(loop, r.identifier) || (isCounting(r.identifier as Node) && countsUp(r.identifier as Node) === up));
}

const inLoop = (loop: LoopInfo, n: Node) => loop.node.range[0] <= n.range[0] && n.range[1] <= loop.node.range[1];
/**
 * `x = 0`: the counter set back to a constant. (`i = j` after an inner scan from `i + 1` is a jump
 * forward, which parsers do; it is left to the counter's other checks.)
 */
const isPlainAssignment = (id: Node) => {
  const p = id.parent;
  if (p?.type !== 'AssignmentExpression' || p.operator !== '=' || p.left !== id) return false;
  const r = unwrap(p.right);
  return (r.type === 'Literal' && typeof r.value === 'number') || (r.type === 'UnaryExpression' && r.operator === '-' && unwrap(r.argument).type === 'Literal');
};
/** In the `for` loop's init, which runs once before the first turn. */
const inForInit = (loop: LoopInfo, n: Node) => loop.node.type === 'ForStatement' && !!loop.node.init && loop.node.init.range[0] <= n.range[0] && n.range[1] <= loop.node.init.range[1];

/** An attempt counter (a variable the loop increments, compared in an exit condition) or a deadline/abort check. */
function hasCapOrDeadline(caps: Caps): boolean {
  return caps.deadline || caps.counters.length > 0 || caps.grown.length > 0;
}

/**
 * A cap or deadline that ends the loop whatever its other exits read: a counter that steps itself
 * (`i++`, `tries += 1`) must do so on every turn that goes round (`if (r.ok) i++` after an await
 * retries the same item forever when it keeps failing); one set from another value (`low = mid + 1`
 * beside `high = mid`, a bisection) is taken as before.
 */
function capEndsLoop(caps: Caps, loop: LoopInfo, file: ParsedFile): boolean {
  if (caps.deadline || caps.grown.length > 0) return true;
  const refs = referencesOf(file);
  return caps.counters.some((v) => {
    const steps = v.references.filter((r) => r.isWrite() && !r.init && inLoop(loop, r.identifier) && isCounting(r.identifier as Node));
    if (!steps.every((r) => stepsItself(r.identifier as Node))) return true;
    return everyTurnPasses(loop, (n) => {
      const target = n.type === 'UpdateExpression' ? unwrap(n.argument) : n.type === 'AssignmentExpression' ? unwrap(n.left) : undefined;
      return target?.type === 'Identifier' && isCounting(target) && refs.variableOf(target) === v;
    });
  });
}

/**
 * A deadline, or a cap counted on every turn that goes round: a counter stepped on one branch caps
 * only that branch, and a turn through another (`if (job.pending) { await sleep(); continue }`) can
 * repeat forever.
 */
function capBoundsEveryTurn(caps: Caps, loop: LoopInfo, file: ParsedFile): boolean {
  if (caps.deadline) return true;
  const refs = referencesOf(file);
  const counts = (n: Node): boolean => {
    const target = n.type === 'UpdateExpression' ? unwrap(n.argument) : n.type === 'AssignmentExpression' ? unwrap(n.left) : undefined;
    if (!target || target.type !== 'Identifier' || !isCounting(target)) return false;
    const v = refs.variableOf(target);
    return !!v && caps.counters.includes(v);
  };
  const pushes = (n: Node): boolean => {
    if (!growingCall(n)) return false;
    const callee = unwrap(n.callee);
    return callee.type === 'MemberExpression' && caps.grown.includes(memberPath(callee.object)?.path ?? '');
  };
  return (caps.counters.length > 0 && everyTurnPasses(loop, counts)) || (caps.grown.length > 0 && everyTurnPasses(loop, pushes));
}

/**
 * A call that adds at least one element to its receiver: `rows.push(row)`, not `rows.push(...page)`,
 * which adds nothing when the page is empty (the pagination loop that never fills up).
 */
function growingCall(n: Node): n is TSESTree.CallExpression {
  return n.type === 'CallExpression' && ['push', 'unshift', 'add', 'set', 'append'].includes(calleeName(n) ?? '') && n.arguments.some((a) => a.type !== 'SpreadElement' || leftWhenEmpty(a.argument, n));
}

/**
 * A list the code left by `break`, `continue`, `return` or `throw` when it was empty, on the way to
 * `at` in the same turn of the loop around it (`if (!page.items.length) break; rows.push(...page.items)`).
 */
function leftWhenEmpty(list: Node, at: Node): boolean {
  const path = memberPath(unwrap(list))?.path;
  if (!path) return false;
  const isList = (x: Node) => memberPath(unwrap(x))?.path === path;
  const leaves = (s: Node): boolean => {
    const last = s.type === 'BlockStatement' ? s.body[s.body.length - 1] : s;
    return !!last && (last.type === 'BreakStatement' || last.type === 'ContinueStatement' || last.type === 'ReturnStatement' || last.type === 'ThrowStatement');
  };
  // Within the turn: a check before the loop says nothing of what a later turn fetched.
  for (let child: Node = at, p = at.parent; p && !isFunctionNode(child) && !isLoopNode(child); child = p, p = p.parent) {
    if (p.type !== 'BlockStatement') continue;
    for (const statement of p.body.slice(0, p.body.indexOf(child as TSESTree.Statement))) {
      if (statement.type === 'IfStatement' && !statement.alternate && holdsWhenEmpty(statement.test, isList) && leaves(statement.consequent)) return true;
    }
  }
  return false;
}

function growsInLoop(loop: LoopInfo, receiver: string): boolean {
  let grows = false;
  walk(loop.node, (n) => {
    if (grows) return false;
    if (growingCall(n)) {
      const callee = unwrap(n.callee);
      if (callee.type === 'MemberExpression' && memberPath(callee.object)?.path === receiver) grows = true;
    }
  }, false);
  return grows;
}

/** `n++`, `n += 2`, `n = n + 1`: the counter steps from its own value (not `low = mid + 1`). */
function stepsItself(id: Node): boolean {
  const p = id.parent;
  if (p?.type === 'UpdateExpression' || (p?.type === 'AssignmentExpression' && p.operator !== '=')) return true;
  if (p?.type !== 'AssignmentExpression' || id.type !== 'Identifier') return false;
  const r = unwrap(p.right);
  return r.type === 'BinaryExpression' && [r.left, r.right].some((o) => unwrap(o as Node).type === 'Identifier' && (unwrap(o as Node) as TSESTree.Identifier).name === id.name);
}

/** Whether a counting write (`n++`, `n += 2`, `n = n - 1`) moves the counter up. */
function countsUp(id: Node): boolean {
  const p = id.parent;
  if (p?.type === 'UpdateExpression') return p.operator === '++';
  if (p?.type !== 'AssignmentExpression') return true;
  const r = unwrap(p.right);
  const sign = (n: Node) => (unwrap(n).type === 'Literal' && typeof (unwrap(n) as TSESTree.Literal).value === 'number' ? Math.sign((unwrap(n) as TSESTree.Literal).value as number) : 1);
  if (p.operator === '+=') return sign(r) >= 0;
  if (p.operator === '-=') return sign(r) < 0;
  return !(r.type === 'BinaryExpression' && r.operator === '-');
}

/** `n++`, `n += 1`, `n = n + 1`: an attempt counter moves by a constant. */
function isCounting(id: Node): boolean {
  const p = id.parent;
  if (!p) return false;
  if (p.type === 'UpdateExpression') return true;
  const constant = (n: Node) => unwrap(n).type === 'Literal' && typeof (unwrap(n) as TSESTree.Literal).value === 'number';
  if (p.type === 'AssignmentExpression' && ['+=', '-='].includes(p.operator)) return constant(p.right);
  if (p.type === 'AssignmentExpression' && p.operator === '=') {
    const r = unwrap(p.right);
    return r.type === 'BinaryExpression' && (r.operator === '+' || r.operator === '-') && (constant(r.left) || constant(r.right));
  }
  return false;
}

interface Unit {
  node: Node;
  fn: FunctionInfo | undefined;
  loops: LoopInfo[];
  /** Calls that name the function itself (`f(…)` or `this.m(…)` in method m). */
  candidates: Array<TSESTree.CallExpression | TSESTree.NewExpression>;
}

/** Shared by every node outside a labeled statement (never mutated: a label makes a new array). */
const NO_LABELS = Object.freeze([]) as unknown as string[];

/** One walk over the file: each function's loops (with their nesting and labels) and its possibly recursive calls. */
function collectUnits(project: ProjectModel, file: ParsedFile, withRecursion: boolean): Unit[] {
  const infoByNode = new Map<Node, FunctionInfo>();
  for (const info of project.functionsOf(file.path)) infoByNode.set(info.node, info);
  const units: Unit[] = [];
  const visit = (node: Node, unit: Unit, ownNames: string[], outer: LoopNode[], labels: string[]): void => {
    if (isFunctionNode(node)) {
      const fn = infoByNode.get(node);
      unit = { node, fn, loops: [], candidates: [] };
      units.push(unit);
      const names: string[] = [];
      if (node.type !== 'ArrowFunctionExpression' && node.id) names.push(node.id.name);
      if (fn?.name) names.push(fn.name.slice(fn.name.lastIndexOf('.') + 1));
      ownNames = names;
      outer = [];
      const body = node.body;
      if (body) visit(body, unit, ownNames, outer, []);
      for (const p of node.params) visit(p, unit, ownNames, outer, []);
      return;
    }
    // tsc's per-file runtime helpers are the compiler's code, not the app's.
    if (node.type === 'VariableDeclarator' && isTscEmitHelper(node)) return;
    if (isLoopNode(node)) {
      unit.loops.push(describeLoop(node, outer, labels));
      outer = [node, ...outer];
    }
    if (withRecursion && unit.fn && node.type === 'CallExpression') {
      const callee = unwrap(node.callee);
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && unwrap(callee.object).type === 'ThisExpression' ? callee.property.name : undefined;
      if (name && ownNames.includes(name)) unit.candidates.push(node);
    }
    const nextLabels = node.type === 'LabeledStatement' ? [...labels, node.label.name] : NO_LABELS;
    // Children in source order, read in place (this walk covers every node of every file).
    for (const key of keysOf(node.type)) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof (v as Node).type === 'string') visit(v as Node, unit, ownNames, outer, nextLabels);
      } else if (value && typeof (value as Node).type === 'string') {
        visit(value as Node, unit, ownNames, outer, nextLabels);
      }
    }
  };
  const top: Unit = { node: file.ast, fn: undefined, loops: [], candidates: [] };
  units.push(top);
  for (const statement of file.ast.body) visit(statement, top, [], [], []);
  return units;
}

/** `node` comes before `call` and runs whenever it does: no branch, loop or function between it and what they share. */
function surelyRunsBefore(node: Node, call: Node): boolean {
  if (node.range[1] > call.range[0]) return false;
  for (let n = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (contains(p, call)) return true;
    if (isFunctionNode(p) || isLoopNode(p) || p.type === 'SwitchCase' || p.type === 'CatchClause') return false;
    if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression') && p.test !== n) return false;
    if (p.type === 'LogicalExpression' && p.right === n) return false;
  }
  return false;
}

/** The candidates that really call the function: the same variable, or the call graph says so. */
function confirmRecursion(analyzer: FlowAnalyzer, file: ParsedFile, fn: FunctionInfo, candidates: Unit['candidates']): Unit['candidates'] {
  const refs = referencesOf(file);
  const ownId = fn.node.type !== 'ArrowFunctionExpression' && fn.node.id ? fn.node.id : undefined;
  return candidates.filter((call) => {
    const callee = unwrap(call.callee);
    // A function that assigns its own name anew (`_typeof = … ? function (o) {…} : …, _typeof(o)`,
    // compilers' lazily defined helpers) calls the function it put there, not itself.
    const variable = callee.type === 'Identifier' ? refs.variableOf(callee) : undefined;
    if (variable?.references.some((r) => r.isWrite() && contains(fn.node, r.identifier as Node) && surelyRunsBefore(r.identifier as Node, call))) return false;
    if (callee.type === 'Identifier' && ownId && variable === refs.variableOf(ownId)) return true;
    try {
      return analyzer.resolveCall(file.path, call).some((t) => t.functionId === fn.id && t.confidence >= 0.5);
    } catch {
      return false; // an unresolvable call is not recursion we can show
    }
  });
}
