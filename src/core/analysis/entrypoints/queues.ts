// Background work that arrives from outside the process, read like requests: a job or message whose
// handler never returns stalls its queue as silently as a hung request. Each handler is an entry
// point, and what it receives (the job, the message batch) is request data:
// - BullMQ: `new Worker('emails', async (job) => { … })` is `JOB emails`;
// - Bull: `const q = new Queue('emails'); q.process(async (job) => …)` (also `process('name', fn)`,
//   `process(concurrency, fn)`) is `JOB emails`;
// - kafkajs: `consumer.run({ eachMessage: async ({ topic, message }) => … })` is `MESSAGE orders` for
//   each topic the same consumer subscribes to in the file (`subscribe({ topic })`, `{ topics: […] }`),
//   `MESSAGE *` when none is written there; `eachBatch` too;
// - amqplib (RabbitMQ): `channel.consume('tasks', (msg) => …)` is `MESSAGE tasks`.
// Only in a project that imports the package. On the trace side, consumer spans name `MESSAGE <topic>`
// and BullMQ's `JOB <queue>` (detect/message-consumer.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { EntryPointInfo, FunctionInfo, RequestParamRole } from '../project/types';
import type { AnalysisContext } from '../project/context';
import { propertyName, unwrapExpression, type FileFacts } from '../project/collect';
import type { ValueRef } from '../project/values';
import { objectProperty, routePaths, stringValue } from './routes';
import { calleeName, functionsOf, handlerEntryPoint } from './handler-functions';

/** The packages whose handlers this file reads (project.ts recomputes entry points in projects that import one). */
export const QUEUE_PACKAGES: ReadonlySet<string> = new Set(['bullmq', 'bull', 'kafkajs', 'amqplib', 'amqplib/callback_api']);

export function findQueueEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  const packages = new Set<string>();
  for (const facts of ctx.facts.values()) for (const s of facts.specifiers) if (QUEUE_PACKAGES.has(s)) packages.add(s.replace('/callback_api', ''));
  if (!packages.size) return out;
  for (const [file, facts] of ctx.facts) {
    for (const { node } of facts.calls) {
      if (node.type === 'NewExpression' && packages.has('bullmq')) bullmqWorker(ctx, file, facts, node, out);
      if (node.type !== 'CallExpression') continue;
      const callee = unwrapExpression(node.callee);
      if (callee.type !== 'MemberExpression') continue;
      const method = propertyName(callee.property, callee.computed);
      if (method === 'process' && packages.has('bull')) bullProcess(ctx, file, facts, node, callee, out);
      if (method === 'run' && packages.has('kafkajs')) kafkaRun(ctx, file, facts, node, callee, out);
      if (method === 'consume' && packages.has('amqplib')) amqpConsume(ctx, file, facts, node, out);
    }
  }
  return out;
}

function fromPackage(ctx: AnalysisContext, ref: ValueRef | undefined, name: string): boolean {
  return !!ref && ctx.linker.resolve(ref).some((v) => v.k === 'package' && v.name === name);
}

/** The job (or message payload) a handler receives first is what the producer sent. */
function firstParam(handlers: FunctionInfo[]): RequestParamRole[] {
  return handlers.filter((h) => h.node.params.length > 0).map((h) => ({ functionId: h.id, paramIndex: 0, role: 'request-value' }));
}

/** `new Worker('emails', processor)` of bullmq. */
function bullmqWorker(ctx: AnalysisContext, file: string, facts: FileFacts, node: TSESTree.NewExpression, out: EntryPointInfo[]): void {
  if (node.arguments.length < 2 || !fromPackage(ctx, facts.evaluate(node.callee), 'bullmq')) return;
  if (calleeName(node.callee) !== 'Worker') return;
  const queue = stringValue(node.arguments[0] as TSESTree.Node) ?? '(unknown)';
  const handlers = functionsOf(ctx, facts, node.arguments[1] as TSESTree.Node);
  if (handlers.length) out.push(handlerEntryPoint('JOB', queue, 'bullmq', file, node, handlers, firstParam(handlers)));
}

/** The `new X(…)` / `x(…)` a value was made by: here, or in the module that exports it (one import away). */
function madeIn(ctx: AnalysisContext, value: ValueRef | undefined): Extract<ValueRef, { k: 'new' | 'call' }> | undefined {
  if (value?.k === 'new' || value?.k === 'call') return value;
  const imported = value?.k === 'import' ? { file: value.file, specifier: value.specifier, name: value.name } : value?.k === 'member' && value.of.k === 'module' ? { file: value.of.file, specifier: value.of.specifier, name: value.name } : undefined;
  if (!imported) return undefined;
  for (const m of ctx.linker.resolve({ k: 'module', file: imported.file, specifier: imported.specifier })) {
    const exported = m.k === 'module' ? ctx.facts.get(m.file)?.exports.get(imported.name) : undefined;
    if (exported?.k === 'new' || exported?.k === 'call') return exported;
  }
  return undefined;
}

/** `queue.process([name,] [concurrency,] handler)` on a `new Queue('emails')` / `Bull('emails')` of bull. */
function bullProcess(ctx: AnalysisContext, file: string, facts: FileFacts, node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, out: EntryPointInfo[]): void {
  const made = madeIn(ctx, facts.evaluate(callee.object as TSESTree.Node));
  if (!made || !fromPackage(ctx, made.k === 'new' ? made.of : made.callee, 'bull')) return;
  const queue = (made.firstArgument && stringValue(made.firstArgument)) ?? '(unknown)';
  const last = node.arguments[node.arguments.length - 1];
  if (!last || last.type === 'SpreadElement') return;
  const handlers = functionsOf(ctx, facts, last as TSESTree.Node);
  if (handlers.length) out.push(handlerEntryPoint('JOB', queue, 'bull', file, node, handlers, firstParam(handlers)));
}

/** `consumer.run({ eachMessage, eachBatch })` on a `kafka.consumer(…)` of kafkajs (the kafka a `new Kafka(…)` or the package). */
function kafkaRun(ctx: AnalysisContext, file: string, facts: FileFacts, node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, out: EntryPointInfo[]): void {
  const consumer = unwrapExpression(callee.object as TSESTree.Node);
  const made = madeIn(ctx, facts.evaluate(consumer));
  const kafka = made?.k === 'call' && made.callee.k === 'member' && made.callee.name === 'consumer' ? made.callee.of : undefined;
  if (!kafka || !fromPackage(ctx, kafka.k === 'new' ? kafka.of : kafka, 'kafkajs')) return;
  const config = node.arguments[0] as TSESTree.Node | undefined;
  const handlers = ['eachMessage', 'eachBatch'].flatMap((key) => {
    const value = objectProperty(config, key);
    return value ? functionsOf(ctx, facts, value) : [];
  });
  if (!handlers.length) return;
  const topics = subscribedTopics(facts, consumer);
  for (const topic of topics.length ? topics : ['*']) out.push(handlerEntryPoint('MESSAGE', topic, 'kafkajs', file, node, handlers, firstParam(handlers)));
}

/**
 * `channel.consume('tasks', handler)` in a project that imports amqplib. The channel comes from an
 * awaited `connection.createChannel()` the linker does not follow, so the call's shape decides: a
 * literal queue name and a handler the project defines.
 */
function amqpConsume(ctx: AnalysisContext, file: string, facts: FileFacts, node: TSESTree.CallExpression, out: EntryPointInfo[]): void {
  const queue = stringValue(node.arguments[0] as TSESTree.Node);
  const handler = node.arguments[1];
  if (queue === undefined || !handler || handler.type === 'SpreadElement') return;
  const handlers = functionsOf(ctx, facts, handler as TSESTree.Node);
  if (handlers.length) out.push(handlerEntryPoint('MESSAGE', queue, 'amqplib', file, node, handlers, firstParam(handlers)));
}

/** The topics `consumer.subscribe({ topic })` / `({ topics: [...] })` names in this file for the same consumer. */
function subscribedTopics(facts: FileFacts, consumer: TSESTree.Node): string[] {
  const same = (n: TSESTree.Node) => {
    const a = unwrapExpression(n);
    return a.type === 'Identifier' && consumer.type === 'Identifier' && facts.variableOf(a) !== undefined && facts.variableOf(a) === facts.variableOf(consumer);
  };
  const topics: string[] = [];
  for (const { node } of facts.calls) {
    if (node.type !== 'CallExpression') continue;
    const callee = unwrapExpression(node.callee);
    if (callee.type !== 'MemberExpression' || propertyName(callee.property, callee.computed) !== 'subscribe' || !same(callee.object as TSESTree.Node)) continue;
    const options = node.arguments[0] as TSESTree.Node | undefined;
    const one = stringValue(objectProperty(options, 'topic'));
    if (one !== undefined) topics.push(one);
    for (const t of routePaths(objectProperty(options, 'topics')) ?? []) topics.push(t);
  }
  return [...new Set(topics)];
}
