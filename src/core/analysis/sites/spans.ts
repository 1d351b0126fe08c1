// Span-creating calls: tracer.startSpan('name') / tracer.startActiveSpan(`job ${id}`, fn).
import type { SpanSite } from '../../model/code';
import { locationOf, propertyName, unwrapExpression, type CallNode, type FileFacts } from '../project/collect';
import { enclosingFunctionName, templateOf } from './template';

const SPAN_METHODS = new Set(['startSpan', 'startActiveSpan']);

export function spanSiteOf(file: string, facts: FileFacts, call: CallNode): SpanSite | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(call.callee);
  const method = callee.type === 'MemberExpression' ? propertyName(callee.property, callee.computed) : callee.type === 'Identifier' ? callee.name : undefined;
  if (!method || !SPAN_METHODS.has(method)) return undefined;
  const name = templateOf(call.arguments[0]);
  if (name === undefined) return undefined;
  return { name, location: locationOf(file, call), functionName: enclosingFunctionName(facts, call) };
}
