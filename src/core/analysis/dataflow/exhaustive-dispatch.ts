// A state-machine dispatch that no value can miss: `switch (this.state)` without a default, or an
// `if (s === A) … else if (s === B) …` chain without an else, where every value the file ever writes
// to the state is one of the values tested. The "nothing matched" way through it cannot be taken.
// Writes from other files are not seen (a field set from outside is assumed to use the same values).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParsedFile } from '../project/types';
import { textOf, unwrap, walk, type Node } from './ast';
import { referencesOf } from './references';

/** The subject a test compares with `===`/`==` to a value, or undefined. */
export function comparedSubject(test: Node, file: ParsedFile): { subject: Node; value: Node } | undefined {
  const t = unwrap(test);
  if (t.type !== 'BinaryExpression' || (t.operator !== '===' && t.operator !== '==')) return undefined;
  const isState = (n: Node) => stateKey(unwrap(n), file) !== undefined;
  if (isState(t.left)) return { subject: unwrap(t.left), value: unwrap(t.right) };
  if (isState(t.right)) return { subject: unwrap(t.right), value: unwrap(t.left as Node) };
  return undefined;
}

/** Every value written to the subject anywhere in the file is one of `tested` (compared as source text). */
export function everyValueTested(subject: Node, tested: Node[], file: ParsedFile): boolean {
  const key = stateKey(unwrap(subject), file);
  if (!key) return false;
  const allowed = new Set(tested.map((n) => textOf(file.text, unwrap(n), 200)));
  let writes = 0;
  let covered = true;
  const check = (value: Node | null | undefined) => {
    writes++;
    if (!value || !allowed.has(textOf(file.text, unwrap(value), 200))) covered = false;
  };
  walk(file.ast as Node, (n) => {
    if (!covered) return false;
    if (n.type === 'AssignmentExpression' && stateKey(unwrap(n.left), file) === key) check(n.operator === '=' ? n.right : null);
    if (n.type === 'UpdateExpression' && stateKey(unwrap(n.argument), file) === key) check(null);
    if (n.type === 'PropertyDefinition' && key.startsWith('this.') && fieldName(n) === key.slice(5)) check(n.value ?? null);
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && stateKey(n.id, file) === key) check(n.init);
  });
  return covered && writes > 0;
}

/** `this.x` / `this.#x` by name, or a variable by identity (its declaration's position). */
function stateKey(n: Node, file: ParsedFile): string | undefined {
  if (n.type === 'MemberExpression' && !n.computed && unwrap(n.object).type === 'ThisExpression') {
    return n.property.type === 'Identifier' ? `this.${n.property.name}` : n.property.type === 'PrivateIdentifier' ? `this.#${n.property.name}` : undefined;
  }
  if (n.type === 'Identifier') {
    const v = referencesOf(file).variableOf(n);
    const def = v?.defs[0];
    // A parameter takes whatever the caller passes: no file-wide list of its values.
    return v && def && def.type === 'Variable' ? `var@${def.name.range[0]}` : undefined;
  }
  return undefined;
}

function fieldName(n: TSESTree.PropertyDefinition): string | undefined {
  if (n.computed) return undefined;
  return n.key.type === 'Identifier' ? n.key.name : n.key.type === 'PrivateIdentifier' ? `#${n.key.name}` : undefined;
}
