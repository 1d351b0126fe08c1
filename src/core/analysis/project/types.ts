// The project model the loop rules and the data flow work on: parsed files, functions, the call
// graph and the entry points. Built by ./project.ts; consumed by ../dataflow and ../rules.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import type { CodeLocation, EntryPoint, LogSite, SpanSite, ClientCallSite, ScanDiagnostic } from '../../model/code';

export interface ParsedFile {
  /** Relative to the source root, forward slashes. */
  path: string;
  absolutePath: string;
  text: string;
  ast: TSESTree.Program;
  scopeManager: ScopeManager;
  /** Content hash, for the re-analysis cache. */
  hash: string;
  lines: number;
  /** 'module' when the file uses import/export (or is .mjs/.mts); CommonJS/scripts otherwise. */
  sourceType: 'module' | 'script';
  /** Whether it was parsed with JSX enabled (a re-parse of part of it must use the same mode). */
  jsx?: boolean;
}

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export interface FunctionInfo {
  /**
   * Stable across edits that do not change the file's structure: `${file}#${path}`, the path being
   * the names of the enclosing functions and its own (`outer/inner`, `Class.method`, `app.get
   * callback`), each with `~n` when it is the n-th (from 0) of that name in its parent. Lines
   * inserted or deleted in a body keep every id; the position is `location`.
   */
  id: string;
  name: string;
  file: string;
  node: FunctionNode;
  location: CodeLocation;
  /** Exported from its module (a library's entry point when no routes exist). */
  exported: boolean;
}

export interface CallEdge {
  caller: string;
  callee: string;
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  /** 1 when the target is certain (direct reference to a known function); lower when over-approximated. */
  confidence: number;
  /** The callee is handed to the call as an argument (`xs.forEach(visit)`), which invokes it: not called with the call's own arguments. */
  callback?: true;
}

/** Which parameter of a handler carries what part of the request. */
export interface RequestParamRole {
  functionId: string;
  paramIndex: number;
  /**
   * 'express-req' (req.params/query/body/headers/cookies), 'koa-ctx' (ctx.request.*, ctx.params, ctx.query),
   * 'fastify-request', 'web-request' (Next/Hono Request or c.req), 'nest-param' (a decorated parameter:
   * @Body/@Param/@Query/@Headers, the whole parameter is tainted), 'request-value' (a value taken from
   * the request as a whole: a param callback's path segment), 'library-param'.
   */
  role: string;
}

export interface EntryPointInfo extends EntryPoint {
  handlerFunctionIds: string[];
  requestParams: RequestParamRole[];
}

export interface ProjectModel {
  root: string;
  files: Map<string, ParsedFile>;
  functions: Map<string, FunctionInfo>;
  /** The functions of one file, in source order. */
  functionsOf(file: string): FunctionInfo[];
  /** The innermost function containing a node (by range), or undefined at module level. */
  functionAt(file: string, node: TSESTree.Node): FunctionInfo | undefined;
  callsFrom(functionId: string): CallEdge[];
  callsTo(functionId: string): CallEdge[];
  /** Resolve what a call expression may invoke (over-approximated, with confidence). */
  resolveCall(file: string, call: TSESTree.CallExpression | TSESTree.NewExpression): Array<{ functionId: string; confidence: number }>;
  /** Resolve an import specifier from a file to a project file (relative path), honoring tsconfig paths and index files. */
  resolveModule(fromFile: string, specifier: string): string | undefined;
  entryPoints: EntryPointInfo[];
  spanSites: SpanSite[];
  logSites: LogSite[];
  clientCalls: ClientCallSite[];
  diagnostics: ScanDiagnostic[];
  /** Function ids reachable from each flow, with the weakest edge confidence on the path. */
  reachableFrom(flow: string): Map<string, number>;
  /** Function ids reachable from any functions (e.g. a handler), same semantics as reachableFrom. */
  reachableFromFunctions(functionIds: string[]): Map<string, number>;
  /** Files found but not analyzed on purpose (minified, too large, unreadable); syntax errors are in diagnostics. */
  skippedFiles: Array<{ file: string; reason: string }>;
  /** Total lines of the analyzed files. */
  lines: number;
}

export interface BuildProjectOptions {
  /** Extra gitignore-style patterns to exclude, relative to the root. */
  exclude?: string[];
  /** Reuse parses across builds: keyed by path + content hash. Pass the same object to later builds. */
  cache?: ParseCache;
  /** Files larger than this are skipped (default 2 MB). */
  maxFileBytes?: number;
}

/** Parsed files (with their collected facts) by path and content hash, reusable across builds. */
export interface ParseCache {
  entries: Map<string, unknown>;
}
