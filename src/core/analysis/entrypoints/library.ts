// A library (no routes anywhere): every exported function is an entry point and its parameters
// are the sources. Flow key: "CALL <file>#<name>".
import type { EntryPointInfo, FunctionInfo } from '../project/types';
import type { AnalysisContext } from '../project/context';

// Function infos live as long as their file's parse, so the entry point can too.
const cache = new WeakMap<FunctionInfo, EntryPointInfo>();

export function findLibraryEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  for (const fn of ctx.functions.values()) {
    if (!fn.exported) continue;
    const cached = cache.get(fn);
    if (cached) {
      out.push(cached);
      continue;
    }
    const route = `${fn.file}#${fn.name}`;
    const entry: EntryPointInfo = {
      flow: `CALL ${route}`,
      method: 'CALL',
      route,
      framework: 'library',
      registration: fn.location,
      handlers: [fn.location],
      handlerNames: [fn.name],
      handlerFunctionIds: [fn.id],
      requestParams: fn.node.params.map((_, paramIndex) => ({ functionId: fn.id, paramIndex, role: 'library-param' })),
    };
    cache.set(fn, entry);
    out.push(entry);
  }
  return out;
}
