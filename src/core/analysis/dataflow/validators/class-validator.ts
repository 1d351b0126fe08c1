// NestJS handler parameters typed with a class-validator DTO (`@Query() q: ListQuery` where ListQuery
// has `@Max(100) limit: number`). This assumes the app validates with a global ValidationPipe (the
// common setup, `app.useGlobalPipes(new ValidationPipe())`), which rejects a request whose @Body/@Query/
// @Param object fails the class's decorators before the handler runs; nothing here checks that the pipe
// is installed. Followed: a whole-object parameter (`@Body()` with no argument) whose class is declared
// in the same file. Not followed: DTO classes imported from another file, `@Body('field')`, nested
// DTOs (`@ValidateNested()`), inherited properties.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ParsedFile } from '../../project/types';
import { isFunctionNode, unwrap, type Node } from '../ast';
import { constantNumber, meet } from '../bounds';
import { referencesOf } from '../references';
import { classOfName, packageOfName } from './resolve';
import { above, limited, maybeMissing, shapeOf, type Shape } from './shape';

const WHOLE_OBJECT = new Set(['Body', 'Query', 'Param']);

function decorator(d: TSESTree.Decorator): { name: string; args: Node[]; id: TSESTree.Identifier } | undefined {
  const e = unwrap(d.expression);
  if (e.type !== 'CallExpression' || e.callee.type !== 'Identifier') return undefined;
  return { name: e.callee.name, args: e.arguments as Node[], id: e.callee };
}

/** The shape of a DTO-typed, whole-object request parameter of a NestJS handler. */
export function nestDtoShape(variable: Variable, file: ParsedFile): Shape | undefined {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter' || !isFunctionNode(def.node as Node)) return undefined;
  const fn = def.node as TSESTree.FunctionExpression;
  const param = fn.params.find((p) => p === def.name || (p.type === 'TSParameterProperty' && p.parameter === def.name));
  const id = def.name as TSESTree.Identifier;
  const decorators = (param?.type === 'TSParameterProperty' ? param.decorators : (param as { decorators?: TSESTree.Decorator[] } | undefined)?.decorators) ?? [];
  const fromRequest = decorators.map(decorator).some((d) => d && WHOLE_OBJECT.has(d.name) && d.args.length === 0 && packageOfName(d.id, file) === '@nestjs/common');
  const type = id.typeAnnotation?.typeAnnotation;
  if (!fromRequest || type?.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return undefined;
  // The DTO class may be in another module (`dto/*.ts`): its decorators are read with that file.
  const cls = classOfName(type.typeName, file);
  return cls && !cls.node.superClass ? classShape(cls.node, cls.file) : undefined;
}

function classShape(cls: TSESTree.ClassDeclaration, file: ParsedFile): Shape {
  const props = new Map<string, Shape>();
  for (const member of cls.body.body) {
    if (member.type !== 'PropertyDefinition' || member.computed || member.key.type !== 'Identifier' || member.static) continue;
    const s = propertyShape(member.decorators ?? [], file);
    if (s) props.set(member.key.name, s);
  }
  return shapeOf('object', props);
}

/** What a property's class-validator decorators allow; undefined when none of them bounds anything. */
function propertyShape(decorators: TSESTree.Decorator[], file: ParsedFile): Shape | undefined {
  let s: Shape = shapeOf('other');
  let optional = false;
  let known = false;
  for (const d of decorators.map(decorator)) {
    if (!d || packageOfName(d.id, file) !== 'class-validator') continue;
    const c = d.args[0] ? constantNumber(d.args[0], file) : undefined;
    const asNumber = () => (s.kind === 'number' ? s : { ...s, kind: 'number' as const });
    switch (d.name) {
      case 'Max':
        if (c !== undefined) (s = limited(asNumber(), { hi: c })), (known = true);
        break;
      case 'Min':
        if (c !== undefined) s = limited(asNumber(), { lo: c });
        break;
      case 'IsInt':
        s = limited(asNumber(), { int: true });
        break;
      case 'IsPositive':
        s = limited(asNumber(), { lo: above(0) });
        break;
      case 'ArrayMaxSize':
      case 'MaxLength':
        if (c !== undefined) (s = limited(s, { len: c })), (known = true);
        break;
      case 'Length': {
        const max = d.args[1] ? constantNumber(d.args[1], file) : undefined;
        if (max !== undefined) (s = limited(s, { len: max })), (known = true);
        break;
      }
      case 'IsOptional':
        optional = true;
        break;
    }
  }
  if (!known) return undefined;
  // @IsOptional lets null through too, which counts as 0 in a comparison or a step.
  if (optional && s.kind === 'number') s = { ...s, bounds: meet(s.bounds, { lo: 0, hi: 0, int: true, lenHi: Infinity }) };
  return optional ? maybeMissing(s) : s;
}
