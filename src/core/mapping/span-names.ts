// A span's name → the startSpan/startActiveSpan calls that create spans of that name.
import type { SpanSite } from '../model/code';
import type { MappedLocation, MappingContext } from './context';
import { TemplateIndex } from './template';

const indexes = new WeakMap<MappingContext, TemplateIndex<SpanSite>>();

export function mapSpanName(ctx: MappingContext, name: string): MappedLocation[] {
  const key = `span\0${name.slice(0, 2000)}`;
  const memo = ctx.memo.get(key);
  if (memo) return memo;
  let index = indexes.get(ctx);
  if (!index) indexes.set(ctx, (index = new TemplateIndex(ctx.scan.spanSites, (s) => s.name)));
  const shown = name.length > 120 ? `${name.slice(0, 120)}…` : name;
  const out = index.match(name).map(({ item, confidence, exact }) => ({
    location: item.location,
    via: 'span-name',
    confidence,
    detail: `span "${shown}" ${exact ? 'is created' : `matches "${item.name}"`} at ${item.location.file}:${item.location.startLine}${item.functionName ? ` in ${item.functionName}` : ''}`,
  }));
  ctx.memo.set(key, out);
  return out;
}
