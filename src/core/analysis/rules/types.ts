// The shape every loop rule has (ESLint-rule style): metadata, and a check over one loop (or one
// function, for recursion) that reports through its context. Rules never read files or print.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { LoopRuleId, Severity } from '../../model/code';
import type { FunctionInfo, ParsedFile } from '../project/types';
import type { LoopInfo, LoopExit } from '../cfg/loop-exits';
import type { LoopEffects } from '../dataflow/loop-operands';
import type { ResolvedSource } from '../dataflow/interprocedural';
import type { FunctionFlow } from '../dataflow/taint';
import type { Node } from '../dataflow/ast';
import type { CodeIndex } from '../dataflow/code-index';

export interface RuleMeta {
  id: LoopRuleId;
  severity: Severity;
  docs: {
    /** One line: what the rule finds. */
    description: string;
    /** Why it matters and how to fix it (SARIF help text). */
    help: string;
  };
  messages: Record<string, string>;
}

export interface Report {
  messageId: string;
  data?: Record<string, string>;
  /** The exit condition (or guard) the finding is about; the loop test when omitted. */
  condition?: Node;
  /** Flow data that reaches the condition, with paths. */
  sources?: ResolvedSource[];
  confidence: number;
  severity?: Severity;
}

export interface ExitCondition {
  exit: LoopExit;
  /** The expressions that decide the exit: the loop test, or the guards of a break/return/throw. */
  conditions: Node[];
}

export interface SharedContext {
  file: ParsedFile;
  /** Enclosing function (undefined at module level). */
  fn: FunctionInfo | undefined;
  flow: FunctionFlow;
  /** Flow data that reaches an expression (request inputs, exported parameters, per-call-site constants). */
  flowData(node: Node): ResolvedSource[];
  text(node: Node, max?: number): string;
  /** Callees and other files, read as dependencies of the check. */
  code: CodeIndex;
  report(report: Report): void;
}

export interface LoopContext extends SharedContext {
  loop: LoopInfo;
  effects: LoopEffects;
  exitConditions: ExitCondition[];
  /** Whether anything the expression reads can change while the loop runs. */
  canChange(node: Node): boolean;
  /** The loop is a counter that moves towards a bound by a constant step on every turn that goes round (`for (let i = 0; i < n; i++)`). */
  isCounterLoop(): boolean;
  /** An attempt counter or a deadline appears in an exit condition. */
  hasCapOrDeadline(): boolean;
  /** A deadline, or an attempt cap counted on every turn that goes round (not only on the retry branch). */
  capBoundsEveryTurn(): boolean;
  /** A cap or deadline that ends the loop: a counter stepping itself does so on every turn that goes round (a bisection's `low = mid + 1` is taken as it is). */
  capEndsLoop(): boolean;
}

export interface FunctionContext extends SharedContext {
  fn: FunctionInfo;
  /** Calls in the function that may call the function itself. */
  recursiveCalls: Array<TSESTree.CallExpression | TSESTree.NewExpression>;
}

export interface LoopRule {
  meta: RuleMeta;
  kind: 'loop';
  check(context: LoopContext): void;
}

export interface FunctionRule {
  meta: RuleMeta;
  kind: 'function';
  check(context: FunctionContext): void;
}

export type Rule = LoopRule | FunctionRule;
