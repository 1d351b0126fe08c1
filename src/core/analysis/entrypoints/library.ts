// A library (no routes anywhere): every exported function is an entry point and its parameters
// are the sources. Flow key: "CALL <file>#<name>".
import type { EntryPointInfo } from '../project/types';
import type { AnalysisContext } from '../project/context';

export function findLibraryEntryPoints(ctx: AnalysisContext): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  for (const fn of ctx.functions.values()) {
    if (!fn.exported) continue;
    const route = `${fn.file}#${fn.name}`;
    out.push({
      flow: `CALL ${route}`,
      method: 'CALL',
      route,
      framework: 'library',
      registration: fn.location,
      handlers: [fn.location],
      handlerNames: [fn.name],
      handlerFunctionIds: [fn.id],
      requestParams: fn.node.params.map((_, paramIndex) => ({ functionId: fn.id, paramIndex, role: 'library-param' })),
    });
  }
  return out;
}
