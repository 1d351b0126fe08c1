// One walk over a parsed file: sets parent pointers and collects the functions, calls, classes and
// exports everything else works from. Also the file's symbolic evaluator (./values.ts), memoized per node.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { CodeLocation } from '../../model/code';
import type { FunctionInfo, FunctionNode, ParsedFile } from './types';
import { UNKNOWN_PATH } from '../entrypoints/unknown-path';
import { CHAINING_METHODS, concatValue, isTextValue, mayBeTextValue, prefixOption, type ClassNode, type PrefixOption, type ValueRef } from './values';

export type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;

export interface CallSite {
  node: CallNode;
  /** The innermost enclosing function; undefined at module level. */
  callerId?: string;
}

export interface ClassFacts {
  node: ClassNode;
  name: string;
  methods: Map<string, string>;
  /** Instance fields: initializer or the class named by a type annotation (`constructor(private s: Svc)`). */
  fields: Map<string, TSESTree.Node>;
  /**
   * Fields declared with a type and nothing assigned in the class (`private http: HttpService`,
   * injected by a framework): the type annotation. The linker reads only client types from it.
   */
  fieldTypes: Map<string, TSESTree.TypeNode>;
}

export interface FileFacts {
  functions: FunctionInfo[];
  functionByNode: Map<TSESTree.Node, FunctionInfo>;
  calls: CallSite[];
  classes: ClassFacts[];
  classByNode: Map<TSESTree.Node, ClassFacts>;
  /** Export name → the expression or declaration exported ('default' included). */
  exports: Map<string, ValueRef>;
  /** `export * from 'x'`. */
  starExports: string[];
  /** Module specifiers this file imports, requires or re-exports (for the dependency graph). */
  specifiers: Set<string>;
  /** Returned expressions per function id (arrow expression bodies included). */
  returns: Map<string, TSESTree.Node[]>;
  /** Assigns module.exports / exports.x (CommonJS). */
  commonJs: boolean;
  /**
   * Members assigned to a variable that holds an object literal and is never reassigned
   * (`var obj = {}; obj.app = express();`), by the literal: the first assignment of each name.
   */
  objectMembers: Map<TSESTree.ObjectExpression, Map<string, TSESTree.Node>>;
  evaluate(node: TSESTree.Node | null | undefined): ValueRef | undefined;
  /** The variable an identifier refers to (scope-manager), if declared in this file. */
  variableOf(id: TSESTree.Identifier): Variable | undefined;
  enclosingClass(node: TSESTree.Node): ClassFacts | undefined;
}

/** Every collected function node's id, for code that holds nodes but not the file's facts (taint keys). */
const idByNode = new WeakMap<TSESTree.Node, string>();

export function functionIdOfNode(node: TSESTree.Node): string | undefined {
  return idByNode.get(node);
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return FUNCTION_TYPES.has(node.type);
}

export function locationOf(file: string, node: TSESTree.Node): CodeLocation {
  return {
    file,
    startLine: node.loc.start.line,
    startColumn: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
  };
}

export function propertyName(key: TSESTree.Node, computed = false): string | undefined {
  if (key.type === 'Identifier' && !computed) return key.name;
  if (key.type === 'PrivateIdentifier') return '#' + key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** `a.b.c` as text for names and messages; undefined for anything more complex. */
export function memberPath(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression') {
    const object = memberPath(node.object);
    const name = propertyName(node.property, node.computed);
    return object !== undefined && name !== undefined ? `${object}.${name}` : undefined;
  }
  return undefined;
}

export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  for (;;) {
    if (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSTypeAssertion') n = n.expression;
    else if (n.type === 'ChainExpression') n = n.expression;
    else if (n.type === 'AwaitExpression') n = n.argument;
    // `(0, f)(…)`: compilers (Babel, tsc) call imported functions so, to drop `this`; the value is f.
    else if (n.type === 'SequenceExpression' && n.expressions.length === 2 && n.expressions[0].type === 'Literal') n = n.expressions[1];
    else return n;
  }
}

function functionName(node: FunctionNode, classes: ClassFacts[]): string {
  if (node.type !== 'ArrowFunctionExpression' && node.id) return node.id.name;
  const parent = node.parent;
  if (!parent) return '<anonymous>';
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.id.type === 'Identifier' ? parent.id.name : '<anonymous>';
    case 'Property':
      return propertyName(parent.key, parent.computed) ?? '<anonymous>';
    case 'MethodDefinition':
    case 'PropertyDefinition': {
      const className = classes.length ? classes[classes.length - 1].name : '';
      const key = propertyName(parent.key, parent.computed) ?? '<computed>';
      return className ? `${className}.${key}` : key;
    }
    case 'AssignmentExpression':
      return memberPath(parent.left)?.replace(/^(module\.)?exports\./, '') ?? '<anonymous>';
    case 'ExportDefaultDeclaration':
      return 'default';
    case 'CallExpression':
    case 'NewExpression': {
      const callee = memberPath(parent.callee);
      return callee ? `${callee} callback` : '<anonymous>';
    }
    default:
      return '<anonymous>';
  }
}

function isModuleExports(node: TSESTree.Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && propertyName(node.property, node.computed) === 'exports';
}

function isExportsObject(node: TSESTree.Node, facts: { variableOf(id: TSESTree.Identifier): Variable | undefined }): boolean {
  return isModuleExports(node) || (node.type === 'Identifier' && node.name === 'exports' && !facts.variableOf(node));
}

export function collectFile(parsed: ParsedFile): FileFacts {
  const file = parsed.path;
  const variableByIdentifier = new Map<TSESTree.Node, Variable>();
  for (const scope of parsed.scopeManager.scopes) {
    for (const ref of scope.references) if (ref.resolved) variableByIdentifier.set(ref.identifier, ref.resolved);
  }
  const functions: FunctionInfo[] = [];
  const functionByNode = new Map<TSESTree.Node, FunctionInfo>();
  const calls: CallSite[] = [];
  const classes: ClassFacts[] = [];
  const classByNode = new Map<TSESTree.Node, ClassFacts>();
  const exports = new Map<string, ValueRef>();
  const starExports: string[] = [];
  const returns = new Map<string, TSESTree.Node[]>();
  const specifiers = new Set<string>();
  const objectMembers = new Map<TSESTree.ObjectExpression, Map<string, TSESTree.Node>>();
  let commonJs = false;
  const memo = new Map<TSESTree.Node, ValueRef | undefined>();
  const inProgress = new Set<TSESTree.Node>();
  /** Declared identifier → its variable, built on first use (see declaredVariable). */
  let declaredByIdentifier: Map<TSESTree.Identifier, Variable> | undefined;

  const facts: FileFacts = {
    functions,
    functionByNode,
    calls,
    classes,
    classByNode,
    exports,
    starExports,
    returns,
    specifiers,
    objectMembers,
    get commonJs() {
      return commonJs;
    },
    evaluate,
    variableOf: (id) => variableByIdentifier.get(id),
    enclosingClass(node) {
      for (let n: TSESTree.Node | undefined = node.parent; n; n = n.parent) {
        const c = classByNode.get(n);
        if (c) return c;
      }
      return undefined;
    },
  };

  // --- the walk ---------------------------------------------------------------------------------
  const functionStack: FunctionInfo[] = [];
  const classStack: ClassFacts[] = [];
  // Per enclosing function (the file's top level first): how many functions of each name it holds so
  // far, and how many calls. Ids and call keys count within their parent, not by position, so lines
  // inserted or deleted in a body keep every id (see FunctionInfo.id).
  const siblingCounts: Array<Map<string, number>> = [new Map()];
  const callCounts: number[] = [0];
  const callKeys = new Map<TSESTree.Node, string>();
  const ids = new Set<string>();
  function functionIdFor(name: string): string {
    const segment = name.replace(/[%/~]/g, (c) => encodeURIComponent(c));
    const counts = siblingCounts[siblingCounts.length - 1];
    const ordinal = counts.get(segment) ?? 0;
    counts.set(segment, ordinal + 1);
    const parent = functionStack.length ? functionStack[functionStack.length - 1].id : `${file}#`;
    let id = `${parent}${functionStack.length ? '/' : ''}${segment}${ordinal ? `~${ordinal}` : ''}`;
    // Escaped segments cannot collide; this only guards the invariant (ids are unique per file).
    for (let n = 1; ids.has(id); n++) id = `${parent}/${segment}~${ordinal}.${n}`;
    ids.add(id);
    return id;
  }
  function visit(node: TSESTree.Node, parent: TSESTree.Node | undefined): void {
    (node as { parent?: TSESTree.Node }).parent = parent;
    let pushedFunction = false;
    let pushedClass = false;
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const location = locationOf(file, node);
        const name = functionName(node, classStack);
        const info: FunctionInfo = {
          id: functionIdFor(name),
          name,
          file,
          node,
          location,
          exported: false,
        };
        functions.push(info);
        functionByNode.set(node, info);
        idByNode.set(node, info.id);
        functionStack.push(info);
        siblingCounts.push(new Map());
        callCounts.push(0);
        pushedFunction = true;
        if (node.type === 'ArrowFunctionExpression' && node.expression) returns.set(info.id, [node.body]);
        const owner = node.parent;
        if (owner && (owner.type === 'MethodDefinition' || owner.type === 'PropertyDefinition') && classStack.length) {
          const key = propertyName(owner.key, owner.computed);
          if (key) classStack[classStack.length - 1].methods.set(key, info.id);
        }
        break;
      }
      case 'ClassDeclaration':
      case 'ClassExpression': {
        let name = node.id?.name;
        if (!name && node.parent?.type === 'VariableDeclarator' && node.parent.id.type === 'Identifier') name = node.parent.id.name;
        const facts: ClassFacts = { node, name: name ?? '<class>', methods: new Map(), fields: new Map(), fieldTypes: new Map() };
        classes.push(facts);
        classByNode.set(node, facts);
        classStack.push(facts);
        pushedClass = true;
        break;
      }
      case 'PropertyDefinition':
        if (classStack.length && node.value && !isFunctionNode(node.value) && !node.static) {
          const key = propertyName(node.key, node.computed);
          if (key) classStack[classStack.length - 1].fields.set(key, node.value);
        } else if (classStack.length && !node.value && node.typeAnnotation && !node.static) {
          const key = propertyName(node.key, node.computed);
          if (key) classStack[classStack.length - 1].fieldTypes.set(key, node.typeAnnotation.typeAnnotation);
        }
        break;
      case 'TSParameterProperty':
        if (classStack.length && node.parameter.type === 'Identifier' && node.parameter.typeAnnotation) {
          classStack[classStack.length - 1].fields.set(node.parameter.name, node.parameter.typeAnnotation.typeAnnotation);
        }
        break;
      case 'CallExpression':
      case 'NewExpression': {
        const callerId = functionStack.length ? functionStack[functionStack.length - 1].id : undefined;
        calls.push({ node, callerId });
        callKeys.set(node, `${callerId ?? `${file}#`}@${callCounts[callCounts.length - 1]++}`);
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          const arg = node.arguments[0];
          if (arg && arg.type === 'Literal' && typeof arg.value === 'string') specifiers.add(arg.value);
        }
        break;
      }
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        if (node.source) specifiers.add(node.source.value);
        break;
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference.type === 'TSExternalModuleReference' && node.moduleReference.expression.type === 'Literal') {
          specifiers.add(String(node.moduleReference.expression.value));
        }
        break;
      case 'ImportExpression':
        if (node.source.type === 'Literal' && typeof node.source.value === 'string') specifiers.add(node.source.value);
        break;
      case 'AssignmentExpression':
        if (node.operator === '=') noteAssignment(node);
        break;
      case 'ReturnStatement':
        if (node.argument && functionStack.length) {
          const id = functionStack[functionStack.length - 1].id;
          const list = returns.get(id);
          if (list) list.push(node.argument);
          else returns.set(id, [node.argument]);
        }
        break;
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof c === 'object' && 'type' in c) visit(c as TSESTree.Node, node);
      } else if (child && typeof child === 'object' && 'type' in child) {
        visit(child as TSESTree.Node, node);
      }
    }
    if (pushedFunction) {
      functionStack.pop();
      siblingCounts.pop();
      callCounts.pop();
    }
    if (pushedClass) classStack.pop();
  }

  function noteAssignment(node: TSESTree.AssignmentExpression): void {
    const left = node.left;
    if (left.type !== 'MemberExpression') return;
    if (isModuleExports(left)) {
      commonJs = true;
      const value = unwrapExpression(node.right);
      exportedNodes.set('default', value);
      if (value.type === 'ObjectExpression') {
        for (const prop of value.properties) {
          if (prop.type !== 'Property') continue;
          const key = propertyName(prop.key, prop.computed);
          if (key) exportedNodes.set(key, prop.value);
        }
      }
      return;
    }
    const name = propertyName(left.property, left.computed);
    if (!name) return;
    if (left.object.type === 'ThisExpression' && classStack.length) {
      const fields = classStack[classStack.length - 1].fields;
      if (!fields.has(name)) fields.set(name, node.right);
      return;
    }
    if (isExportsObject(left.object, facts)) {
      commonJs = true;
      exportedNodes.set(name, node.right);
      return;
    }
    const literal = left.object.type === 'Identifier' && !left.computed ? objectLiteralHeldBy(left.object) : undefined;
    if (literal) {
      let members = objectMembers.get(literal);
      if (!members) objectMembers.set(literal, (members = new Map()));
      if (!members.has(name)) members.set(name, node.right);
    }
  }

  /** The object literal a variable is declared with, when nothing reassigns it. */
  function objectLiteralHeldBy(id: TSESTree.Identifier): TSESTree.ObjectExpression | undefined {
    const variable = variableByIdentifier.get(id);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || def.node.id.type !== 'Identifier') return undefined;
    const init = def.node.init ? unwrapExpression(def.node.init) : undefined;
    if (init?.type !== 'ObjectExpression' || variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
    return init;
  }

  // Exported values are evaluated after the walk, once every function has its id.
  const exportedNodes = new Map<string, TSESTree.Node>();
  try {
    visit(parsed.ast, undefined);
  } catch (error) {
    // Pathologically deep nesting: keep what was collected.
    if (!(error instanceof RangeError)) throw error;
  }
  collectEsExports(parsed.ast);
  resolveLazyExports();
  markExported();

  function collectEsExports(ast: TSESTree.Program): void {
    for (const statement of ast.body) {
      if (statement.type === 'ExportDefaultDeclaration') {
        exportedNodes.set('default', statement.declaration);
      } else if (statement.type === 'ExportAllDeclaration') {
        if (statement.exported) {
          const name = propertyName(statement.exported);
          if (name) exports.set(name, { k: 'module', file, specifier: statement.source.value });
        } else starExports.push(statement.source.value);
      } else if (statement.type === 'ExportNamedDeclaration') {
        const declaration = statement.declaration;
        if (declaration) {
          if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration' || declaration.type === 'TSDeclareFunction') && declaration.id) {
            exportedNodes.set(declaration.id.name, declaration);
          } else if (declaration.type === 'VariableDeclaration') {
            for (const d of declaration.declarations) {
              if (d.id.type !== 'Identifier') continue;
              // `export let api: AxiosInstance;` (assigned later): the variable, known by its declared type.
              if (d.init) exportedNodes.set(d.id.name, d.init);
              else if (d.id.typeAnnotation) exportedNodes.set(d.id.name, d.id);
            }
          }
        }
        for (const spec of statement.specifiers) {
          if (spec.type !== 'ExportSpecifier') continue;
          const exported = propertyName(spec.exported);
          const local = propertyName(spec.local);
          if (!exported || !local) continue;
          if (statement.source) exports.set(exported, { k: 'import', file, specifier: statement.source.value, name: local });
          else exportedNodes.set(exported, spec.local);
        }
      }
    }
  }

  function resolveLazyExports(): void {
    for (const [name, node] of exportedNodes) {
      if (exports.has(name)) continue;
      const value = evaluate(node);
      if (value) exports.set(name, value);
    }
  }

  function markExported(): void {
    const functionById = new Map(functions.map((f) => [f.id, f]));
    const seen = new Set<ValueRef>();
    const mark = (ref: ValueRef | undefined, depth: number): void => {
      if (!ref || seen.has(ref) || depth > 3) return;
      seen.add(ref);
      if (ref.k === 'fn') {
        const info = functionById.get(ref.id);
        if (info) info.exported = true;
      } else if (ref.k === 'object') {
        for (const prop of ref.node.properties) if (prop.type === 'Property') mark(evaluate(prop.value), depth + 1);
      } else if (ref.k === 'class') {
        const c = classByNode.get(ref.node);
        if (c) for (const id of c.methods.values()) mark({ k: 'fn', id }, depth + 1);
      }
    };
    for (const ref of exports.values()) mark(ref, 0);
  }

  // --- the evaluator ----------------------------------------------------------------------------
  function evaluate(node: TSESTree.Node | null | undefined): ValueRef | undefined {
    if (!node) return undefined;
    if (memo.has(node)) return memo.get(node);
    if (inProgress.has(node)) return undefined;
    inProgress.add(node);
    let value: ValueRef | undefined;
    try {
      value = evaluateUncached(node);
    } finally {
      inProgress.delete(node);
    }
    memo.set(node, value);
    return value;
  }

  function evaluateUncached(raw: TSESTree.Node): ValueRef | undefined {
    const node = unwrapExpression(raw);
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const info = functionByNode.get(node);
        return info ? { k: 'fn', id: info.id } : undefined;
      }
      case 'ClassDeclaration':
      case 'ClassExpression':
        return { k: 'class', file, node };
      case 'ObjectExpression':
        return { k: 'object', file, node };
      case 'ArrayExpression':
        return { k: 'array', file, node };
      case 'Identifier':
        return evaluateIdentifier(node);
      case 'Literal':
        return typeof node.value === 'string' ? { k: 'string', value: node.value } : undefined;
      case 'TemplateLiteral':
        return concatValue(node.quasis.flatMap((q, i) => [q.value.cooked === null ? undefined : { k: 'string', value: q.value.cooked } as ValueRef, ...(i < node.expressions.length ? [evaluate(node.expressions[i])] : [])]));
      case 'BinaryExpression':
        // Only `+` of two known values: a number or an unknown part leaves the whole unknown.
        return node.operator === '+' ? concatValue([evaluate(node.left), evaluate(node.right)]) : undefined;
      case 'MemberExpression': {
        const name = propertyName(node.property, node.computed);
        if (name === undefined) return undefined;
        if (node.object.type === 'ThisExpression') {
          const cls = facts.enclosingClass(node);
          return cls ? { k: 'member', of: { k: 'instance', of: { k: 'class', file, node: cls.node } }, name } : undefined;
        }
        if (isModuleExports(node)) return { k: 'module', file, specifier: './' + file.split('/').pop() };
        const object = evaluate(node.object);
        return object ? { k: 'member', of: object, name } : undefined;
      }
      case 'CallExpression': {
        if (isRequireCall(node)) {
          const arg = node.arguments[0];
          if (arg && arg.type === 'Literal' && typeof arg.value === 'string') return moduleRef(arg.value, []);
          return undefined;
        }
        // `_interopRequireDefault(require('x'))` / `__importStar(require('x'))`: what compiled ES
        // imports read is the module's namespace (`.default`, named members).
        const wrapped = node.arguments[0] && unwrapExpression(node.arguments[0] as TSESTree.Node);
        if (wrapped?.type === 'CallExpression' && isRequireCall(wrapped) && wrapped.arguments[0]?.type === 'Literal' && typeof wrapped.arguments[0].value === 'string' && isInteropHelper(node.callee)) {
          return { k: 'import', file, specifier: wrapped.arguments[0].value, name: '*' };
        }
        const calleeNode = unwrapExpression(node.callee);
        if (calleeNode.type === 'MemberExpression') {
          const method = propertyName(calleeNode.property, calleeNode.computed);
          const first = node.arguments[0];
          // The prefix may be a const string (`app.route(BASE + '/x')`); an imported one is read by the linker.
          const prefix = (method === 'route' || method === 'basePath') && node.arguments.length === 1 && first.type !== 'SpreadElement' ? derivedPrefix(evaluate(first)) : undefined;
          if (prefix) {
            const of = evaluate(calleeNode.object);
            if (of) return { k: 'derived', of, ...prefix, key: callKeyOf(node) };
          }
          if (method && CHAINING_METHODS.has(method)) {
            const of = evaluate(calleeNode.object);
            if (of && (of.k === 'router' || of.k === 'derived' || of.k === 'chain' || of.k === 'param' || of.k === 'import' || of.k === 'module' || of.k === 'member')) {
              return { k: 'chain', of, method };
            }
          }
        }
        const callee = evaluate(node.callee);
        if (!callee) return undefined;
        return { k: 'call', callee, key: callKeyOf(node), ...routerPrefixOption(node.arguments[0], evaluate), file, firstArgument: node.arguments[0] };
      }
      case 'NewExpression': {
        const callee = evaluate(node.callee);
        if (!callee) return undefined;
        return { k: 'new', of: callee, key: callKeyOf(node), ...routerPrefixOption(node.arguments[0], evaluate), file, firstArgument: node.arguments[0] };
      }
      case 'ThisExpression': {
        const cls = facts.enclosingClass(node);
        return cls ? { k: 'instance', of: { k: 'class', file, node: cls.node } } : undefined;
      }
      case 'TSTypeReference':
      case 'TSTypeQuery':
        // A type annotation (a parameter property's, a declared field's): an instance of the named class
        // (dependency injection) or client type, or what `typeof X` says.
        return declaredType(node);
      case 'TSQualifiedName': {
        // `axios.AxiosInstance` in a type: the member of what the left side names.
        const of = evaluate(node.left);
        return of ? { k: 'member', of, name: node.right.name } : undefined;
      }
      case 'ConditionalExpression':
        return alternatives(evaluate(node.consequent), evaluate(node.alternate));
      case 'LogicalExpression':
        return alternatives(evaluate(node.left), evaluate(node.right), true);
      default:
        return undefined;
    }
  }

  /** A call's identity (routers it creates are keyed by it): its enclosing function's id and its ordinal there. */
  function callKeyOf(node: TSESTree.Node): string {
    return callKeys.get(node) ?? `${file}:${node.range[0]}-${node.range[1]}`;
  }

  /**
   * A conditional's or a logical expression's value. When a branch is a string, or both may be one
   * (imports, members), both are kept (`either`): a path is then each branch's string, or unknown
   * when a branch is not known here (`flag ? '/a' : load()`), never one branch alone. Otherwise one
   * is chosen as before: an array literal is the weakest (`opts.list || []`), then the right side of
   * a logical expression, the consequent of a conditional.
   */
  function alternatives(a: ValueRef | undefined, b: ValueRef | undefined, logical = false): ValueRef | undefined {
    if (isTextValue(a) || isTextValue(b)) return a && b ? { k: 'either', of: [a, b] } : undefined;
    if (mayBeTextValue(a) && mayBeTextValue(b)) return { k: 'either', of: [a!, b!] };
    const [first, second] = logical ? [b, a] : [a, b];
    if (first && first.k !== 'array') return first;
    return second ?? first;
  }

  /** What a type annotation says a value is: an instance of the named type (`AxiosInstance`), or of `typeof X`'s. */
  function declaredType(annotation: TSESTree.Node | undefined): ValueRef | undefined {
    if (annotation?.type === 'TSTypeReference' && annotation.typeName.type !== 'ThisExpression') {
      const of = evaluate(annotation.typeName);
      return of ? { k: 'instance', of } : undefined;
    }
    if (annotation?.type === 'TSTypeQuery' && annotation.exprName.type !== 'TSImportType') {
      const of = evaluate(annotation.exprName);
      return of ? { k: 'typeof', of } : undefined;
    }
    return undefined;
  }

  function isRequireCall(node: TSESTree.CallExpression): boolean {
    return node.callee.type === 'Identifier' && node.callee.name === 'require' && !variableByIdentifier.get(node.callee);
  }

  /**
   * A compiler's module-interop helper, known by what it does first: given a module, it returns it as
   * it is when `module.__esModule` is set (`return e && e.__esModule ? e : { default: e }`, or
   * `if (e && e.__esModule) return e;` before building a namespace).
   */
  function isInteropHelper(callee: TSESTree.Node): boolean {
    const id = unwrapExpression(callee);
    if (id.type !== 'Identifier') return false;
    const def = (variableByIdentifier.get(id) ?? declaredVariable(id))?.defs[0];
    let fn: TSESTree.Node | null | undefined = def?.type === 'FunctionName' ? def.node : def?.type === 'Variable' ? (def.node as TSESTree.VariableDeclarator).init : undefined;
    // tsc: `var __importDefault = (this && this.__importDefault) || function (mod) { … }`
    if (fn?.type === 'LogicalExpression' && fn.operator === '||') fn = fn.right;
    if (!fn || !isFunctionNode(fn) || fn.params[0]?.type !== 'Identifier' || fn.body.type !== 'BlockStatement') return false;
    const param = fn.params[0].name;
    const first = fn.body.body[0];
    const returnsParam = (n: TSESTree.Node | null | undefined) => !!n && unwrapExpression(n).type === 'Identifier' && (unwrapExpression(n) as TSESTree.Identifier).name === param;
    // `e.__esModule`, alone or in `&&` / `!` (`mod && mod.__esModule`, `!t && e && e.__esModule`).
    const testsEsModule = (node: TSESTree.Node): boolean => {
      const n = unwrapExpression(node);
      if (n.type === 'LogicalExpression' && n.operator === '&&') return testsEsModule(n.left) || testsEsModule(n.right);
      return n.type === 'MemberExpression' && propertyName(n.property, n.computed) === '__esModule' && n.object.type === 'Identifier' && n.object.name === param;
    };
    if (first?.type === 'ReturnStatement' && first.argument) {
      const r = unwrapExpression(first.argument);
      return r.type === 'ConditionalExpression' && testsEsModule(r.test) && returnsParam(r.consequent);
    }
    if (first?.type === 'IfStatement' && testsEsModule(first.test)) {
      const then = first.consequent.type === 'BlockStatement' && first.consequent.body.length === 1 ? first.consequent.body[0] : first.consequent;
      return then.type === 'ReturnStatement' && returnsParam(then.argument);
    }
    return false;
  }

  function moduleRef(specifier: string, path: string[]): ValueRef {
    return path.length ? { k: 'import', file, specifier, name: path[0] } : { k: 'module', file, specifier };
  }

  function evaluateIdentifier(id: TSESTree.Identifier): ValueRef | undefined {
    const variable = variableByIdentifier.get(id) ?? declaredVariable(id);
    if (!variable) return { k: 'global', name: id.name };
    const def = variable.defs[0];
    if (!def) return { k: 'global', name: id.name };
    switch (def.type) {
      case 'FunctionName':
        return evaluate(def.node as TSESTree.Node);
      case 'ClassName':
        return { k: 'class', file, node: def.node as ClassNode };
      case 'ImportBinding': {
        const spec = def.node as TSESTree.ImportClause | TSESTree.TSImportEqualsDeclaration;
        if (spec.type === 'TSImportEqualsDeclaration') {
          const ref = spec.moduleReference;
          if (ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal') return moduleRef(String(ref.expression.value), []);
          return undefined;
        }
        const source = (def.parent as TSESTree.ImportDeclaration).source.value;
        const name =
          spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.type === 'ImportNamespaceSpecifier' ? '*' : (propertyName(spec.imported) ?? 'default');
        return name === '*' ? { k: 'module', file, specifier: source } : { k: 'import', file, specifier: source, name };
      }
      case 'Variable': {
        const declarator = def.node as TSESTree.VariableDeclarator;
        // `let api: AxiosInstance;` assigned later, or initialized by something this file cannot tell:
        // known by its declared type (the linker keeps client types only).
        const annotated = declarator.id.type === 'Identifier' ? declaredType(declarator.id.typeAnnotation?.typeAnnotation) : undefined;
        if (!declarator.init) return annotated ? { k: 'declared', type: annotated } : undefined;
        if (declarator.id.type === 'Identifier') {
          const value = evaluate(declarator.init);
          if (!value && annotated) return { k: 'declared', type: annotated };
          // A string is a constant only when the variable is: a `let` may be reassigned.
          return isTextValue(value) && (declarator.parent as TSESTree.VariableDeclaration | undefined)?.kind !== 'const' ? undefined : value;
        }
        if (declarator.id.type === 'ObjectPattern') {
          // const { a } = require('./x') / const { a: b } = obj
          for (const prop of declarator.id.properties) {
            if (prop.type !== 'Property') continue;
            const target = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
            if (target.type === 'Identifier' && target.name === id.name) {
              const key = propertyName(prop.key, prop.computed);
              const object = evaluate(declarator.init);
              if (!key || !object) return undefined;
              return { k: 'member', of: object, name: key };
            }
          }
        }
        return undefined;
      }
      case 'Parameter': {
        const fn = def.node as TSESTree.Node;
        const info = functionByNode.get(fn);
        if (!info || !isFunctionNode(fn)) return undefined;
        const index = fn.params.findIndex((p) => containsIdentifier(p, variable.name));
        if (index < 0) return undefined;
        const param = fn.params[index];
        const declared = param.type === 'TSParameterProperty' ? param.parameter : param.type === 'AssignmentPattern' ? param.left : param;
        const type = declared.type === 'Identifier' ? declaredType(declared.typeAnnotation?.typeAnnotation) : undefined;
        return { k: 'param', fnId: info.id, index, type };
      }
      default:
        return undefined;
    }
  }

  function declaredVariable(id: TSESTree.Identifier): Variable | undefined {
    // Identifiers that are declarations (not references) are not in the reference map. One map of
    // them per file, built on first use, instead of a search through every scope per lookup; the
    // first scope (in scope order) that declares the identifier wins, as the search did.
    if (!declaredByIdentifier) {
      declaredByIdentifier = new Map();
      for (const scope of parsed.scopeManager.scopes) {
        for (const v of scope.set.values()) for (const declared of v.identifiers) if (!declaredByIdentifier.has(declared)) declaredByIdentifier.set(declared, v);
      }
    }
    return declaredByIdentifier.get(id);
  }

  return facts;
}

function containsIdentifier(param: TSESTree.Node, name: string): boolean {
  switch (param.type) {
    case 'Identifier':
      return param.name === name;
    case 'AssignmentPattern':
      return containsIdentifier(param.left, name);
    case 'RestElement':
      return containsIdentifier(param.argument, name);
    case 'TSParameterProperty':
      return containsIdentifier(param.parameter, name);
    case 'ObjectPattern':
      return param.properties.some((p) => (p.type === 'Property' ? containsIdentifier(p.value, name) : containsIdentifier(p, name)));
    case 'ArrayPattern':
      return param.elements.some((e) => e !== null && containsIdentifier(e, name));
    default:
      return false;
  }
}

/**
 * `new Router({ prefix: '/api' })` → '/api' (a const string too, or an imported one for the linker to
 * read); a prefix that cannot be computed is UNKNOWN_PATH, so the router's routes are not taken for unprefixed ones.
 */
function routerPrefixOption(arg: TSESTree.Node | undefined, evaluate: (node: TSESTree.Node) => ValueRef | undefined): PrefixOption {
  if (!arg || arg.type !== 'ObjectExpression') return { prefix: '' };
  for (const prop of arg.properties) {
    if (prop.type === 'Property' && propertyName(prop.key, prop.computed) === 'prefix') return prefixOption(evaluate(prop.value)) ?? { prefix: UNKNOWN_PATH };
  }
  return { prefix: '' };
}

/**
 * `app.route(x)` / `basePath(x)`: a prefix; one that cannot be computed (a `let`, a call, a parameter) is
 * UNKNOWN_PATH. An object, array or function is no prefix (Fastify's `route(options)`).
 */
function derivedPrefix(value: ValueRef | undefined): PrefixOption | undefined {
  const known = prefixOption(value);
  if (known) return known;
  return !value || value.k === 'call' || value.k === 'param' || value.k === 'global' ? { prefix: UNKNOWN_PATH } : undefined;
}
