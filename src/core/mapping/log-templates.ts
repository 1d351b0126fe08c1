// A log record's message → the logger calls whose message template produces it.
import type { LogSite } from '../model/code';
import type { MappedLocation, MappingContext } from './context';
import { TemplateIndex } from './template';

const indexes = new WeakMap<MappingContext, TemplateIndex<LogSite>>();

export function mapLogMessage(ctx: MappingContext, message: string, level?: string): MappedLocation[] {
  const key = `log\0${level ?? ''}\0${message.slice(0, 2000)}`;
  const memo = ctx.memo.get(key);
  if (memo) return memo;
  let index = indexes.get(ctx);
  if (!index) indexes.set(ctx, (index = new TemplateIndex(ctx.scan.logSites, (s) => s.template)));
  let hits = index.match(message);
  // Same text at several levels: prefer the call whose level matches the record's.
  if (hits.length > 1 && level) {
    const sameLevel = hits.filter((h) => h.item.level === level);
    if (sameLevel.length) hits = sameLevel.map((h) => ({ ...h, confidence: (h.confidence * hits.length) / sameLevel.length }));
  }
  const shown = message.length > 120 ? `${message.slice(0, 120)}…` : message;
  const out = hits.map(({ item, confidence, exact }) => ({
    location: item.location,
    via: 'log-template',
    confidence,
    detail: `log "${shown}" ${exact ? 'is written' : `matches "${item.template}"`} at ${item.location.file}:${item.location.startLine}${item.functionName ? ` in ${item.functionName}` : ''}`,
  }));
  ctx.memo.set(key, out);
  return out;
}
