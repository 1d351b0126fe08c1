// Parses a snippet into the analyzer's ParsedFile shape (scopes from the scope manager, parents set).
import { parseSource } from '../../../../src/core/analysis/project/parse';
import type { ParsedFile } from '../../../../src/core/analysis/project/types';
import { childrenOf, isFunctionNode, walk, type Node } from '../../../../src/core/analysis/dataflow/ast';
import { boundsOf, type Bounds } from '../../../../src/core/analysis/dataflow/bounds';
import { FunctionFlow, type Flow } from '../../../../src/core/analysis/dataflow/taint';

export function parseSnippet(code: string, path = 'snippet.ts'): ParsedFile {
  const outcome = parseSource(path, `/virtual/${path}`, code);
  if (!outcome.ok) throw new Error(outcome.diagnostic.message);
  const setParents = (node: Node) => {
    for (const child of childrenOf(node)) {
      (child as { parent?: Node }).parent = node;
      setParents(child);
    }
  };
  setParents(outcome.file.ast);
  return outcome.file;
}

/** The first function in the file with that name (declaration, or the variable it is assigned to). */
export function functionNamed(file: ParsedFile, name: string) {
  let found: Node | undefined;
  walk(file.ast, (n) => {
    if (found) return false;
    if (n.type === 'FunctionDeclaration' && n.id?.name === name) found = n;
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === name && n.init && isFunctionNode(n.init)) found = n.init;
  });
  if (!found || !isFunctionNode(found)) throw new Error(`no function ${name}`);
  return found;
}

/** `probe(x)`'s argument in function f of the snippet. */
function probeArgument(file: ParsedFile): Node {
  let arg: Node | undefined;
  walk(functionNamed(file, 'f'), (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') arg = n.arguments[0];
  });
  if (!arg) throw new Error('no probe(…) call in f');
  return arg;
}

/** What the bounds know of `probe(x)`'s argument in function f of the snippet. */
export function boundsAtProbe(code: string): Bounds {
  const file = parseSnippet(code);
  return boundsOf(file, probeArgument(file));
}

/** The flows reaching `probe(x)`'s argument in function f, with no callee known. */
export function flowsAtProbe(code: string): Flow[] {
  const file = parseSnippet(code);
  const flow = new FunctionFlow(file, functionNamed(file, 'f'), undefined, { calleesOf: () => [] });
  return [...flow.taintOf(probeArgument(file)).values()];
}
