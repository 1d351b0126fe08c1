// The flow of a GraphQL request. Every operation arrives as `POST /graphql`, so the route says
// nothing of what the client asked; the operation's root fields do, and they name the resolvers
// that ran it. The flow is `GRAPHQL Mutation.redeemCoupon` (`GRAPHQL Query.product+user` for several
// root fields), as the analyzer names resolver entry points (analysis/entrypoints/graphql.ts).
//
// Read from what @opentelemetry/instrumentation-graphql exports, and from what a stuck request keeps
// of it: the resolve spans of root fields (`graphql.parent.name` + `graphql.field.name`, path without
// a dot) when they ended; else the operation's document (`graphql.source`) from the execute span
// (`graphql.operation.type`) or, when that span never ended, from the parse span, which ends before
// any resolver runs.
import type { Span } from '../model';
import type { FlowParts } from './flow';

const ROOT_TYPE: Record<string, string> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
/** Root fields named in one flow key; more are cut with '+…'. */
const MAX_FIELDS = 8;
/** Longer documents are not read (a generated query of this size is no user flow to name). */
const MAX_SOURCE = 100_000;
/** Inline fragments nested deeper than this at the root are not followed. */
const MAX_FRAGMENT_DEPTH = 32;

/** The GraphQL flow of a request's spans; undefined when none of them is GraphQL's. */
export function graphqlFlow(spans: readonly Span[]): FlowParts | undefined {
  let rootType: string | undefined;
  const fields = new Set<string>();
  let operationType: string | undefined;
  let operationName: string | undefined;
  let operationSource: string | undefined;
  let parseSource: string | undefined;
  for (const s of spans) {
    const name = s.name;
    const first = name.charCodeAt(0);
    // g(raphql.…), q(uery), m(utation), s(ubscription): other spans are passed over without a lookup.
    if (first !== 103 && first !== 113 && first !== 109 && first !== 115) continue;
    const attrs = s.attributes;
    if (name.startsWith('graphql.resolve')) {
      const path = text(attrs['graphql.field.path']);
      const field = text(attrs['graphql.field.name']) ?? path;
      const parent = text(attrs['graphql.parent.name']);
      // Names as GraphQL spells them: attribute values are untrusted text, and this one becomes a flow key.
      if (path && field && !path.includes('.') && parent && isName(field) && isName(parent) && field.length <= 128 && parent.length <= 128 && (rootType === undefined || rootType === parent)) {
        rootType = parent;
        fields.add(field);
      }
    } else if (name === 'graphql.parse') {
      parseSource ??= text(attrs['graphql.source']);
    } else {
      const type = text(attrs['graphql.operation.type']);
      if (type === undefined) continue;
      operationType ??= type.toLowerCase();
      operationName ??= text(attrs['graphql.operation.name']);
      operationSource ??= text(attrs['graphql.source']);
    }
  }
  if (!fields.size) {
    const source = operationSource ?? parseSource;
    return source ? graphqlFlowOfDocument(source, operationName, operationType) : undefined;
  }
  return rootType ? flowOf(rootType, fields) : undefined;
}

/** The flow of a GraphQL document's operation (the one named, or its only one), as a client sent it (a HAR entry's body). */
export function graphqlFlowOfDocument(source: string, operationName?: string, operationType?: string): FlowParts | undefined {
  const operation = source.length <= MAX_SOURCE ? pickOperation(parseOperations(source), operationName, operationType) : undefined;
  const rootType = operation && ROOT_TYPE[operation.type];
  return rootType && operation.fields.length ? flowOf(rootType, new Set(operation.fields)) : undefined;
}

function flowOf(rootType: string, fields: Set<string>): FlowParts | undefined {
  if (!fields.size) return undefined;
  const sorted = [...fields].sort().map((f) => (f.length > 128 ? `${f.slice(0, 127)}…` : f));
  const route = `${rootType}.${sorted.slice(0, MAX_FIELDS).join('+')}${sorted.length > MAX_FIELDS ? '+…' : ''}`;
  return { key: `GRAPHQL ${route}`, method: 'GRAPHQL', route };
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export interface GraphqlOperation {
  type: 'query' | 'mutation' | 'subscription';
  name?: string;
  /** The root fields it selects (aliases resolved to the field; fragment spreads are not followed). */
  fields: string[];
}

function pickOperation(ops: GraphqlOperation[], name: string | undefined, type: string | undefined): GraphqlOperation | undefined {
  const fits = ops.filter((o) => (name === undefined || o.name === name) && (type === undefined || o.type === type));
  return fits.length === 1 ? fits[0] : undefined;
}

/**
 * The operations of a GraphQL document with their root fields. A small reader of the grammar's
 * outline, not a validating parser: a document it cannot follow (cut short, not GraphQL) yields the operations read whole before that point.
 */
export function parseOperations(source: string): GraphqlOperation[] {
  const tokens = tokenize(source);
  const ops: GraphqlOperation[] = [];
  let i = 0;
  const skipBalanced = (open: string, close: string): void => {
    if (tokens[i] !== open) return;
    let depth = 0;
    for (; i < tokens.length; i++) {
      if (tokens[i] === open) depth++;
      else if (tokens[i] === close && --depth === 0) {
        i++;
        return;
      }
    }
  };
  const skipDirectives = (): void => {
    while (tokens[i] === '@') {
      i += 2;
      skipBalanced('(', ')');
    }
  };
  /** The field names of a selection set at `i` (inline fragments' fields count as this level's); false when it does not close. */
  const selectionSet = (out: string[], depth = 0): boolean => {
    // Inline fragments nest the root's fields: a hostile document must not nest them past the stack.
    if (tokens[i] !== '{' || depth > MAX_FRAGMENT_DEPTH) return false;
    i++;
    while (i < tokens.length && tokens[i] !== '}') {
      const t = tokens[i]!;
      if (t === '...') {
        i++;
        if (tokens[i] === 'on') i += 2;
        else if (tokens[i] !== '{' && tokens[i] !== '@') {
          // A named fragment spread: its fields are defined elsewhere.
          i++;
          skipDirectives();
          continue;
        }
        skipDirectives();
        if (!selectionSet(out, depth + 1)) return false;
        continue;
      }
      if (!isName(t)) return false;
      i++;
      let field = t;
      if (tokens[i] === ':') {
        field = tokens[i + 1] ?? '';
        if (!isName(field)) return false;
        i += 2;
      }
      if (field !== '__typename') out.push(field);
      skipBalanced('(', ')');
      skipDirectives();
      skipBalanced('{', '}');
    }
    return i++ < tokens.length;
  };
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t === '{') {
      const fields: string[] = [];
      if (!selectionSet(fields)) break;
      ops.push({ type: 'query', fields: [...new Set(fields)] });
    } else if (t === 'query' || t === 'mutation' || t === 'subscription') {
      i++;
      const name = isName(tokens[i] ?? '') ? tokens[i++] : undefined;
      skipBalanced('(', ')');
      skipDirectives();
      if (tokens[i] !== '{') break;
      const fields: string[] = [];
      if (!selectionSet(fields)) break;
      ops.push({ type: t, ...(name ? { name } : {}), fields: [...new Set(fields)] });
    } else if (t === 'fragment') {
      while (i < tokens.length && tokens[i] !== '{') i++;
      skipBalanced('{', '}');
    } else break;
  }
  return ops;
}

function isName(t: string): boolean {
  return /^[_A-Za-z][_0-9A-Za-z]*$/.test(t);
}

const PUNCTUATORS = new Set(['{', '}', '(', ')', ':', '@', '$', '!', '=', '[', ']', '|', '&']);

/** Names, punctuators and '...'; strings, numbers, commas and comments are dropped (they never name a field). */
function tokenize(source: string): string[] {
  const out: string[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\ufeff') i++;
    else if (c === '#') while (i < n && source[i] !== '\n' && source[i] !== '\r') i++;
    else if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end < 0 ? n : end + 3;
      } else {
        i++;
        while (i < n && source[i] !== '"' && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
        i++;
      }
      out.push('""');
    } else if (c === '.' && source.startsWith('...', i)) {
      out.push('...');
      i += 3;
    } else if (PUNCTUATORS.has(c)) {
      out.push(c);
      i++;
    } else {
      const m = /[_A-Za-z][_0-9A-Za-z]*|-?[0-9][0-9.eE+-]*/y;
      m.lastIndex = i;
      const hit = m.exec(source);
      if (!hit) {
        i++;
        continue;
      }
      out.push(hit[0]);
      i += hit[0].length;
    }
  }
  return out;
}
