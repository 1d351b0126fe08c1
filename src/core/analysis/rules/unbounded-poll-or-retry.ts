// Polling and retry loops (a sleep/timer await, or retrying after an error or error status) with no attempt cap and no deadline.
// A swallowed error counts as a retry only when it can decide whether the loop goes round (try-decides-exit.ts);
// loops that end whatever fails (a drained queue, a cursor moved every turn) are not reported.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName, unwrap, walk, isFunctionNode, type Node } from '../dataflow/ast';
import type { LoopRule } from './types';
import { testCountsToEnd } from './counting-test';
import { tryDecidesExit } from './try-decides-exit';
import { testMovesOnAfterError } from './test-moves-on-after-error';
import { drainsQueue } from '../dataflow/queue-drain';
import { cursorEndsLoop } from './cursor-ends-loop';
import { isDownleveledForOf } from './iterator-walk';

const SLEEP = /^(sleep|delay|wait|waitFor|pause|backoff|setTimeout|timeout|setTimeoutPromise|nextTick|setImmediate)$/i;

/** `await sleep(…)`, `await setTimeout(…)` (timers/promises), `await new Promise(r => setTimeout(r, …))`. */
function isSleepAwait(node: TSESTree.AwaitExpression): boolean {
  const arg = unwrap(node.argument);
  if (arg.type !== 'CallExpression' && arg.type !== 'NewExpression') return false;
  const name = calleeName(arg);
  if (name && SLEEP.test(name)) return true;
  if (arg.type === 'NewExpression' && name === 'Promise') {
    let timer = false;
    walk(arg, (n) => {
      if ((n.type === 'CallExpression' && SLEEP.test(calleeName(n) ?? '')) || timer) timer = true;
    });
    return timer;
  }
  return false;
}

const ERROR_STATUS = /(status(Code)?|\.ok\b|\bok\b|error|err\b|retry|retryable)/i;

export const unboundedPollOrRetry: LoopRule = {
  kind: 'loop',
  meta: {
    id: 'unbounded-poll-or-retry',
    severity: 'warning',
    docs: {
      description: 'A polling or retry loop with no attempt cap and no deadline.',
      help:
        'The loop waits (sleep/timer) or retries after an error, and nothing bounds how often: if the awaited state never arrives for one flow (a job that never completes, an upstream that always fails for that input) the request hangs forever with idle CPU. Count attempts and stop at a maximum, or compare against a deadline (Date.now()).',
    },
    messages: {
      poll: 'Polling loop (`{{wait}}`) with no attempt cap or deadline.',
      retry: 'Retry loop (retries on {{what}}) with no attempt cap or deadline.',
      pollUncounted: 'Polling loop (`{{wait}}`) whose attempt cap is not counted on every turn: a turn that skips the count can repeat forever.',
      retryUncounted: 'Retry loop (retries on {{what}}) whose attempt cap is not counted on every turn: a turn that skips the count can repeat forever.',
    },
  },
  check(context) {
    const { loop, effects } = context;
    // A for-of (also as tsc writes it for ES5) takes a new element on every turn: a failed one is not tried again.
    if (loop.kind === 'for-of' || loop.kind === 'for-in' || loop.kind === 'for-await' || isDownleveledForOf(loop)) return;
    // A cap counts only if every turn that goes round counts it: `if (job.pending) { await sleep(); continue }` before `tries++` polls forever.
    if (context.capBoundsEveryTurn()) return;
    const uncounted = context.hasCapOrDeadline();
    // A test that counts down (`while (k--)`) caps the turns whatever the count is, like an attempt counter.
    if (loop.test && testCountsToEnd(loop.test, loop, context.file, () => [])) return;
    const sleep = effects.awaits.find((a) => a.type === 'AwaitExpression' && isSleepAwait(a));
    let retryOn: Node | undefined;
    let what = '';
    if (!sleep) {
      // A try/catch whose catch swallows the error and lets the loop go round again.
      walk(
        loop.node.body,
        (n) => {
          if (retryOn) return false;
          if (n.type === 'TryStatement' && n.handler && effects.awaits.length + effects.calls.length > 0) {
            const catchExits = loop.exits.some((e) => e.onError && n.handler!.range[0] <= e.node.range[0] && e.node.range[1] <= n.handler!.range[1] && e.guards.length <= 1);
            // Only an error that can decide whether the loop goes round makes a retry (try-decides-exit.ts).
            // A test that moves on by itself (a global regexp walk) goes to new work after a failed turn (test-moves-on-after-error.ts).
            if (!catchExits && !testMovesOnAfterError(n, context) && tryDecidesExit(n, context)) {
              retryOn = n.handler;
              what = 'an error';
            }
          }
          if (n.type === 'IfStatement' && ERROR_STATUS.test(context.text(n.test, 200)) && !isSuccessFlag(n.test) && containsContinue(n.consequent)) {
            retryOn = n.test;
            what = `\`${context.text(n.test)}\``;
          }
          // The turn's last step runs only when an awaited call succeeds (`if (await this.run(job)) this.queue.shift()`):
          // on failure the loop goes round to the same work.
          if (n.type === 'IfStatement' && !n.alternate && lastOfBody(n, loop.node.body) && awaitedIn(n.test, loop.node.body) && !leaves(n.consequent)) {
            retryOn = n.test;
            what = `a falsy \`${context.text(n.test)}\``;
          }
        },
        false,
      );
    }
    if (!sleep && !retryOn) return;
    // Facts that end the loop whatever the data and whatever fails: a queue drained on every turn
    // (while awaiting, only a local one no other function reaches), a cursor moving to its end on
    // every turn. (A counter compared in an exit is capBoundsEveryTurn's, above.)
    if (drainsQueue(loop, context.file, context.code) || cursorEndsLoop(context)) return;
    // Something has to keep the loop going: an endless or data-driven condition.
    context.report(
      sleep
        ? { messageId: uncounted ? 'pollUncounted' : 'poll', data: { wait: context.text(sleep) }, confidence: 0.7, sources: loop.test ? context.flowData(loop.test) : [] }
        : { messageId: uncounted ? 'retryUncounted' : 'retry', data: { what }, confidence: 0.65, sources: loop.test ? context.flowData(loop.test) : [] },
    );
  },
};

/** `if (ok)` / `if (res.ok)`: going round on success is a tokenizer's next token, not a retry (that is `!res.ok`). */
function isSuccessFlag(test: Node): boolean {
  const t = unwrap(test);
  if (t.type === 'Identifier') return /^ok$/i.test(t.name);
  return t.type === 'MemberExpression' && !t.computed && t.property.type === 'Identifier' && t.property.name === 'ok';
}

function containsContinue(node: Node): boolean {
  let found = false;
  walk(
    node,
    (n) => {
      if (n.type === 'ContinueStatement') found = true;
      if (isFunctionNode(n) || found) return false;
    },
    false,
  );
  return found;
}

/** The last statement of a loop's body (or the body itself). */
function lastOfBody(statement: Node, body: Node): boolean {
  return statement === body || (body.type === 'BlockStatement' && body.body[body.body.length - 1] === statement);
}

/** An await in the test itself, or a variable the turn sets from one (`const ok = await run(job); if (ok) …`). */
function awaitedIn(test: Node, body: Node): boolean {
  const awaits = (n: Node) => {
    let found = false;
    walk(n, (x) => {
      if (found) return false;
      if (x.type === 'AwaitExpression') found = true;
    }, false);
    return found;
  };
  const t = unwrap(test);
  if (awaits(t)) return true;
  if (t.type !== 'Identifier' || body.type !== 'BlockStatement') return false;
  return body.body.some((s) => s.type === 'VariableDeclaration' && s.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === t.name && !!d.init && awaits(d.init)));
}

/** A `break`, `return` or `throw` in the branch: on success it leaves, so the other way is a poll, not a retry. */
function leaves(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'BreakStatement' || n.type === 'ReturnStatement' || n.type === 'ThrowStatement') found = true;
  }, false);
  return found;
}
