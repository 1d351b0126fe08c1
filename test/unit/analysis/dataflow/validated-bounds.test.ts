import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundsOf } from '../../../../src/core/analysis/dataflow/bounds';
import { walk, type Node } from '../../../../src/core/analysis/dataflow/ast';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildProject } from '../../../../src/core/analysis/project/project';
import { FlowAnalyzer } from '../../../../src/core/analysis/dataflow/interprocedural';
import { parseSnippet } from './helpers';

/** The facts known at the argument of the first `probe(x)`, as "lo..hi int len<=N". */
function factsAtProbe(code: string): string {
  const file = parseSnippet(code);
  let arg: Node | undefined;
  walk(file.ast, (n) => {
    if (!arg && n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') arg = n.arguments[0];
  });
  const b = boundsOf(file, arg!);
  return `${b.lo}..${b.hi}${b.int ? ' int' : ''}${b.lenHi < Infinity ? ` len<=${b.lenHi}` : ''}`;
}

const NONE = '-Infinity..Infinity';
const ZOD = "import { z } from 'zod';\n";
const JOI = "import Joi from 'joi';\n";
const NEST = "import { Body, Query } from '@nestjs/common';\nimport { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';\n";
const FASTIFY = "import Fastify from 'fastify';\nconst app = Fastify();\n";
const EV = "import express from 'express';\nimport { query, body, validationResult, matchedData } from 'express-validator';\nconst app = express();\n";
const LIMIT_CHAIN = 'query(\'limit\').isInt({ min: 1, max: 100 }).toInt()';
const CHECKED = 'const errors = validationResult(req);\n  if (!errors.isEmpty()) return res.status(400).json({ errors: errors.array() });\n';
const LIMIT_SCHEMA = "{ querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } }, required: ['limit'] } }";

const cases: Array<{ name: string; code: string; facts: string }> = [
  // celebrate: a joi schema per request part, checked before the handler.
  { name: 'celebrate: Segments.QUERY with joi imported from joi (ESM)', code: `import express from 'express';\nimport { celebrate, Segments } from 'celebrate';\n${JOI}const app = express();\napp.get('/x', celebrate({ [Segments.QUERY]: Joi.object({ limit: Joi.number().integer().min(1).max(100).required() }) }), (req, res) => {\n  probe(req.query.limit);\n});`, facts: '1..100 int' },
  { name: 'celebrate: a segment key the package does not name is no segment', code: `import express from 'express';\nimport { celebrate } from 'celebrate';\n${JOI}const Parts = { QUERY: 'query' };\nconst app = express();\napp.get('/x', celebrate({ [Parts.QUERY]: Joi.object({ limit: Joi.number().max(100).required() }) }), (req, res) => {\n  probe(req.query.limit);\n});`, facts: NONE },
  { name: 'celebrate: a function of the package under another name than celebrate', code: `import express from 'express';\nimport { errors } from 'celebrate';\n${JOI}const app = express();\napp.get('/x', errors({ query: Joi.object({ limit: Joi.number().max(100).required() }) }), (req, res) => {\n  probe(req.query.limit);\n});`, facts: NONE },
  // express-validator: chains in the route, their result checked.
  { name: 'express-validator: checked in the handler', code: `${EV}app.get('/x', ${LIMIT_CHAIN}, (req, res) => {\n  ${CHECKED}  probe(req.query.limit);\n});`, facts: '1..100 int' },
  { name: 'express-validator: result never checked', code: `${EV}app.get('/x', ${LIMIT_CHAIN}, (req, res) => {\n  probe(req.query.limit);\n});`, facts: NONE },
  { name: 'express-validator: read before the check', code: `${EV}app.get('/x', ${LIMIT_CHAIN}, (req, res) => {\n  probe(req.query.limit);\n  ${CHECKED}});`, facts: NONE },
  { name: 'express-validator: isInt without toInt leaves a string', code: `${EV}app.get('/x', query('limit').isInt({ max: 100 }), (req, res) => {\n  ${CHECKED}  probe(req.query.limit);\n});`, facts: NONE },
  { name: 'express-validator: validationResult(req).throw() first', code: `${EV}app.get('/x', ${LIMIT_CHAIN}, (req, res) => {\n  validationResult(req).throw();\n  const { limit } = req.query;\n  probe(limit);\n});`, facts: '1..100 int' },
  { name: 'express-validator: optional field may be missing', code: `${EV}app.get('/x', query('limit').optional().isInt({ min: 1, max: 100 }).toInt(), (req, res) => {\n  ${CHECKED}  probe(req.query.limit);\n});`, facts: '1..100' },
  { name: 'express-validator: a negated validator is not understood', code: `${EV}app.get('/x', query('limit').not().isInt({ max: 100 }).toInt(), (req, res) => {\n  ${CHECKED}  probe(req.query.limit);\n});`, facts: NONE },
  { name: 'express-validator: a checking middleware after the chains', code: `${EV}function rejectInvalid(req, res, next) {\n  const errors = validationResult(req);\n  if (errors.isEmpty()) return next();\n  res.status(400).json({ errors: errors.array() });\n}\napp.get('/x', query('limit').isInt({ max: 50 }).toInt(), rejectInvalid, (req, res) => probe(req.query.limit));`, facts: '-Infinity..50 int' },
  { name: 'express-validator: a checking middleware before the chains does not cover them', code: `${EV}function rejectInvalid(req, res, next) {\n  const errors = validationResult(req);\n  if (errors.isEmpty()) return next();\n  res.status(400).end();\n}\napp.get('/x', rejectInvalid, query('limit').isInt({ max: 50 }).toInt(), (req, res) => probe(req.query.limit));`, facts: NONE },
  { name: 'express-validator: a middleware that calls next() either way', code: `${EV}function logErrors(req, res, next) {\n  const errors = validationResult(req);\n  if (!errors.isEmpty()) console.warn(errors.array());\n  next();\n}\napp.get('/x', query('limit').isInt({ max: 50 }).toInt(), logErrors, (req, res) => probe(req.query.limit));`, facts: NONE },
  { name: 'express-validator: the docs validate() wrapper with isArray', code: `${EV}const validate = (validations) => async (req, res, next) => {\n  for (const v of validations) await v.run(req);\n  const errors = validationResult(req);\n  if (errors.isEmpty()) return next();\n  res.status(400).json({ errors: errors.array() });\n};\napp.post('/x', validate([body('ids').isArray({ max: 20 })]), (req, res) => probe(req.body.ids.length));`, facts: '0..20 int' },
  { name: 'express-validator: a wrapper that does not run the chains', code: `${EV}const validate = (validations) => (req, res, next) => {\n  const errors = validationResult(req);\n  if (errors.isEmpty()) return next();\n  res.status(400).end();\n};\napp.post('/x', validate([body('ids').isArray({ max: 20 })]), (req, res) => probe(req.body.ids.length));`, facts: '0..Infinity int' },
  { name: 'express-validator: matchedData holds only fields that passed', code: `${EV}app.get('/x', query('limit').isInt({ min: 1, max: 9 }).toInt(), (req, res) => {\n  const { limit } = matchedData(req);\n  probe(limit);\n});`, facts: '1..9' },
  { name: 'express-validator: chains in a const array, named handler', code: `${EV}const listRules = [query('limit').isInt({ min: 1, max: 30 }).toInt(), query('q').isLength({ max: 40 })];\nfunction list(req, res) {\n  ${CHECKED}  probe(req.query.limit);\n}\napp.get('/x', ...listRules, list);`, facts: '1..30 int' },
  // Fastify route schemas.
  { name: 'fastify: inline querystring schema, member read', code: `${FASTIFY}app.get('/x', { schema: ${LIMIT_SCHEMA} }, async (request) => probe(request.query.limit));`, facts: '1..100 int' },
  { name: 'fastify: schema in a const, destructured', code: `${FASTIFY}const schema = ${LIMIT_SCHEMA};\napp.get('/x', { schema }, async (request) => { const { limit } = request.query; probe(limit); });`, facts: '1..100 int' },
  { name: 'fastify: route() with a named handler', code: `${FASTIFY}async function list(request) { probe(request.query.limit); }\napp.route({ method: 'GET', url: '/x', schema: ${LIMIT_SCHEMA}, handler: list });`, facts: '1..100 int' },
  { name: 'fastify: maxItems bounds the length', code: `${FASTIFY}app.post('/x', { schema: { body: { type: 'object', properties: { ids: { type: 'array', maxItems: 20 } }, required: ['ids'] } } }, async (request) => probe(request.body.ids.length));`, facts: '0..20 int' },
  { name: 'fastify: exclusiveMaximum and a named constant', code: `${FASTIFY}const MAX = 50;\napp.get('/x', { schema: { querystring: { type: 'object', properties: { n: { type: 'number', exclusiveMaximum: MAX } }, required: ['n'] } } }, async (request) => probe(request.query.n));`, facts: '-Infinity..50' },
  { name: 'fastify: optional field is no integer (may be missing)', code: `${FASTIFY}app.get('/x', { schema: { querystring: { type: 'object', properties: { n: { type: 'integer', maximum: 9 } } } } }, async (request) => probe(request.query.n));`, facts: '-Infinity..9' },
  { name: 'fastify: a default fills a missing field', code: `${FASTIFY}app.get('/x', { schema: { querystring: { type: 'object', properties: { n: { type: 'integer', minimum: 1, maximum: 9, default: 5 } } } } }, async (request) => probe(request.query.n));`, facts: '1..9 int' },
  { name: 'fastify: TypeBox schema', code: `${FASTIFY}import { Type } from '@sinclair/typebox';\nconst Q = Type.Object({ n: Type.Integer({ minimum: 1, maximum: 30 }) });\napp.get('/x', { schema: { querystring: Q } }, async (request) => probe(request.query.n));`, facts: '1..30 int' },
  { name: 'fastify: route options in a const', code: `${FASTIFY}const opts = { schema: ${LIMIT_SCHEMA} };\napp.get('/x', opts, async (request) => probe(request.query.limit));`, facts: '1..100 int' },
  { name: 'fastify: handler in a const, shorthand in the options', code: `${FASTIFY}const handler = async (request) => probe(request.query.limit);\napp.get('/x', { schema: ${LIMIT_SCHEMA}, handler });`, facts: '1..100 int' },
  { name: 'fastify: no maximum', code: `${FASTIFY}app.get('/x', { schema: { querystring: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] } } }, async (request) => probe(request.query.n));`, facts: '1..Infinity int' },
  { name: 'fastify: maximum without a type lets strings through', code: `${FASTIFY}app.get('/x', { schema: { querystring: { type: 'object', properties: { n: { maximum: 9 } }, required: ['n'] } } }, async (request) => probe(request.query.n));`, facts: NONE },
  { name: 'fastify: another part of the request', code: `${FASTIFY}app.get('/x', { schema: ${LIMIT_SCHEMA} }, async (request) => probe(request.body.limit));`, facts: NONE },
  { name: 'fastify: attachValidation runs the handler on invalid data', code: `${FASTIFY}app.get('/x', { schema: ${LIMIT_SCHEMA}, attachValidation: true }, async (request) => probe(request.query.limit));`, facts: NONE },
  { name: 'fastify: a route without a schema', code: `${FASTIFY}app.get('/x', async (request) => probe(request.query.limit));`, facts: NONE },
  { name: 'fastify: named handler also registered without a schema', code: `${FASTIFY}async function list(request) { probe(request.query.limit); }\napp.get('/x', { schema: ${LIMIT_SCHEMA} }, list);\napp.get('/y', list);`, facts: NONE },
  { name: 'fastify: exported handler (may be registered elsewhere)', code: `${FASTIFY}export async function list(request) { probe(request.query.limit); }\napp.get('/x', { schema: ${LIMIT_SCHEMA} }, list);`, facts: NONE },
  { name: 'fastify: the path assigned in the handler', code: `${FASTIFY}app.get('/x', { schema: ${LIMIT_SCHEMA} }, async (request) => { request.query.limit = 1e9; probe(request.query.limit); });`, facts: NONE },
  { name: 'fastify: the second parameter is not the request', code: `${FASTIFY}app.get('/x', { schema: ${LIMIT_SCHEMA} }, async (request, reply) => probe(reply.query.limit));`, facts: NONE },
  { name: 'express: a middleware argument is no schema', code: "import express from 'express';\nconst app = express();\napp.get('/x', auth, (req) => probe(req.query.limit));", facts: NONE },
  // NestJS class-validator DTOs (a global ValidationPipe assumed).
  { name: 'nest: @Query() DTO with @Max', code: `${NEST}class Q { @IsInt() @Min(1) @Max(100) limit: number; }\nclass C { list(@Query() q: Q) { probe(q.limit); } }`, facts: '1..100 int' },
  { name: 'nest: @Body() DTO with @ArrayMaxSize', code: `${NEST}class D { @ArrayMaxSize(25) rows: string[]; }\nclass C { run(@Body() dto: D) { probe(dto.rows.length); } }`, facts: '0..25 int' },
  { name: 'nest: a list destructured from the DTO', code: `${NEST}class D { @ArrayMaxSize(25) rows: string[]; }\nclass C { run(@Body() dto: D) { const { rows } = dto; probe(rows.length); } }`, facts: '0..25 int' },
  { name: 'nest: a list destructured from the DTO after the DTO was handed to a call', code: `${NEST}class D { @ArrayMaxSize(25) rows: string[]; }\nclass C { run(@Body() dto: D) { normalize(dto); const { rows } = dto; probe(rows.length); } }`, facts: '0..Infinity int' },
  { name: 'nest: a list destructured from the DTO, then grown', code: `${NEST}class D { @ArrayMaxSize(25) rows: string[]; }\nclass C { run(@Body() dto: D, x) { const { rows } = dto; rows.push(x); probe(rows.length); } }`, facts: '0..Infinity int' },
  { name: 'fastify: a list destructured from the body', code: `${FASTIFY}app.post('/x', { schema: { body: { type: 'object', properties: { ids: { type: 'array', maxItems: 20 } }, required: ['ids'] } } }, async (request) => { const { ids } = request.body; probe(ids.length); });`, facts: '0..20 int' },
  { name: 'fastify: the field written before it is destructured', code: `${FASTIFY}app.get('/x', { schema: ${LIMIT_SCHEMA} }, async (request) => { request.query.limit = Number(request.headers.n); const { limit } = request.query; probe(limit); });`, facts: NONE },
  { name: 'nest: @MaxLength', code: `${NEST}class D { @MaxLength(64) name: string; }\nclass C { run(@Body() dto: D) { probe(dto.name.length); } }`, facts: '0..64 int' },
  { name: 'nest: @IsOptional lets null (0) and undefined through', code: `${NEST}class Q { @IsOptional() @IsInt() @Min(1) @Max(10) step: number; }\nclass C { list(@Query() q: Q) { probe(q.step); } }`, facts: '0..10' },
  { name: 'nest: no @Max', code: `${NEST}class Q { @IsInt() @Min(1) limit: number; }\nclass C { list(@Query() q: Q) { probe(q.limit); } }`, facts: NONE },
  { name: 'nest: a field parameter @Body("rows") is not a DTO', code: `${NEST}class D { @ArrayMaxSize(25) rows: string[]; }\nclass C { run(@Body('rows') rows: D) { probe(rows.rows.length); } }`, facts: '0..Infinity int' },
  { name: 'nest: an undecorated parameter is not validated', code: `${NEST}class D { @Max(9) n: number; }\nclass C { run(dto: D) { probe(dto.n); } }`, facts: NONE },
  { name: 'nest: decorators from another package', code: "import { Body } from '@nestjs/common';\nimport { Max } from './my-validators';\nclass D { @Max(9) n: number; }\nclass C { run(@Body() dto: D) { probe(dto.n); } }", facts: NONE },
  { name: 'nest: a DTO class that extends another is not read', code: `${NEST}class Base {}\nclass D extends Base { @Max(9) n: number; }\nclass C { run(@Body() dto: D) { probe(dto.n); } }`, facts: NONE },
  // joi.
  { name: 'joi: validate value after the error returned', code: `${JOI}const S = Joi.object({ n: Joi.number().integer().min(0).max(20).required() });\nfunction f(req) { const { value, error } = S.validate(req.body); if (error) return; probe(value.n); }`, facts: '0..20 int' },
  { name: 'joi: validate result, error checked on the result', code: `${JOI}const S = Joi.object({ n: Joi.number().max(20).required() });\nfunction f(req) { const result = S.validate(req.body); if (result.error !== undefined) throw result.error; probe(result.value.n); }`, facts: '-Infinity..20' },
  { name: 'joi: validate value inside the no-error branch, destructured', code: `${JOI}const S = Joi.object({ n: Joi.number().max(20).required() });\nfunction f(req) { const { value, error } = S.validate(req.body); if (!error) { const { n } = value; probe(n); } }`, facts: '-Infinity..20' },
  { name: 'joi: attempt', code: `${JOI}const S = Joi.object({ step: Joi.number().integer().min(1).max(50).required() });\nfunction f(req) { const { step } = Joi.attempt(req.query, S); probe(step); }`, facts: '1..50 int' },
  { name: 'joi: validateAsync, array max', code: `${JOI}const S = Joi.object({ pages: Joi.array().items(Joi.string()).max(10).required() });\nasync function f(req) { const body = await S.validateAsync(req.body); probe(body.pages.length); }`, facts: '0..10 int' },
  { name: 'joi: object().keys() and a string max', code: `${JOI}const S = Joi.object().keys({ name: Joi.string().max(30).required() });\nfunction f(req) { const { name } = Joi.attempt(req.body, S); probe(name.length); }`, facts: '0..30 int' },
  { name: 'joi: a field not required may be missing (no integer)', code: `${JOI}const S = Joi.object({ n: Joi.number().integer().max(20) });\nfunction f(req) { const { n } = Joi.attempt(req.body, S); probe(n); }`, facts: '-Infinity..20' },
  { name: 'joi: allow(null) counts as 0', code: `${JOI}const S = Joi.object({ n: Joi.number().min(5).max(20).allow(null).required() });\nfunction f(req) { const { n } = Joi.attempt(req.body, S); probe(n); }`, facts: '0..20' },
  { name: 'joi: error handled by Koa ctx.throw', code: `${JOI}const S = Joi.object({ n: Joi.number().max(20).required() });\nfunction f(ctx) { const { value, error } = S.validate(ctx.request.body); if (error) { ctx.throw(400, error.message); } probe(value.n); }`, facts: '-Infinity..20' },
  { name: 'joi: error never checked', code: `${JOI}const S = Joi.object({ n: Joi.number().max(20).required() });\nfunction f(req) { const { value } = S.validate(req.body); probe(value.n); }`, facts: NONE },
  { name: 'joi: error only logged', code: `${JOI}const S = Joi.object({ n: Joi.number().max(20).required() });\nfunction f(req) { const { value, error } = S.validate(req.body); if (error) console.log(error); probe(value.n); }`, facts: NONE },
  { name: 'joi: value read before the error check', code: `${JOI}const S = Joi.object({ n: Joi.number().max(20).required() });\nfunction f(req) { const { value, error } = S.validate(req.body); probe(value.n); if (error) return; }`, facts: NONE },
  { name: 'joi: no max', code: `${JOI}const S = Joi.object({ n: Joi.number().integer().min(1).required() });\nfunction f(req) { const { n } = Joi.attempt(req.body, S); probe(n); }`, facts: '1..Infinity int' },
  { name: 'joi: a custom rule leaves the value unknown', code: `${JOI}const S = Joi.object({ n: Joi.number().max(20).custom((v) => v * 1000).required() });\nfunction f(req) { const { n } = Joi.attempt(req.body, S); probe(n); }`, facts: NONE },
  { name: 'joi: validateAsync not awaited is a promise', code: `${JOI}const S = Joi.object({ pages: Joi.array().max(10).required() });\nfunction f(req) { const body = S.validateAsync(req.body); probe(body.pages.length); }`, facts: '0..Infinity int' },
  { name: 'joi: raw body read after validateAsync', code: `${JOI}const S = Joi.object({ pages: Joi.array().max(10).required() });\nasync function f(req) { await S.validateAsync(req.body); probe(req.body.pages.length); }`, facts: '0..Infinity int' },
  // zod.
  { name: 'zod: parse result destructured', code: `${ZOD}const Q = z.object({ limit: z.coerce.number().int().min(1).max(100) });\nfunction f(req) { const { limit } = Q.parse(req.query); probe(limit); }`, facts: '1..100 int' },
  { name: 'zod: parse result read as a member', code: `${ZOD}const Q = z.object({ limit: z.number().lte(20) });\nfunction f(req) { const q = Q.parse(req.query); probe(q.limit); }`, facts: '-Infinity..20' },
  { name: 'zod: inline schema, array max bounds the length', code: `${ZOD}function f(req) { const { ids } = z.object({ ids: z.array(z.string()).max(50) }).parse(req.body); probe(ids.length); }`, facts: '0..50 int' },
  { name: 'zod: string max bounds the length', code: `${ZOD}function f(req) { const { name } = z.object({ name: z.string().max(64) }).parse(req.body); probe(name.length); }`, facts: '0..64 int' },
  { name: 'zod: awaited parseAsync', code: `${ZOD}const Q = z.object({ n: z.number().positive().int().max(9) });\nasync function f(req) { const { n } = await Q.parseAsync(req.body); probe(n); }`, facts: `${Number.MIN_VALUE}..9 int` },
  { name: 'zod: extended schema keeps the base fields', code: `${ZOD}const Base = z.object({ n: z.number().max(9) });\nconst Q = Base.extend({ m: z.string() });\nfunction f(req) { probe(Q.parse(req.body).n); }`, facts: '-Infinity..9' },
  { name: 'zod: default inside the range', code: `${ZOD}const Q = z.object({ n: z.coerce.number().int().min(1).max(9).default(5) });\nfunction f(req) { const { n } = Q.parse(req.query); probe(n); }`, facts: '1..9 int' },
  { name: 'zod: optional field is no integer (may be missing)', code: `${ZOD}const Q = z.object({ n: z.number().int().max(9).optional() });\nfunction f(req) { const { n } = Q.parse(req.query); probe(n); }`, facts: '-Infinity..9' },
  { name: 'zod: safeParse data after a failure return', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction f(req) { const r = Q.safeParse(req.body); if (!r.success) return; probe(r.data.n); }`, facts: '-Infinity..9' },
  { name: 'zod: safeParse data inside the success branch', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction f(req) { const r = Q.safeParse(req.body); if (r.success === true) { const { n } = r.data; probe(n); } }`, facts: '-Infinity..9' },
  { name: 'zod: safeParse destructured, success checked', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction f(req) { const { success, data } = Q.safeParse(req.body); if (!success) throw new Error('bad'); probe(data.n); }`, facts: '-Infinity..9' },
  { name: 'zod: safeParse destructured, success not checked', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction f(req) { const { success, data } = Q.safeParse(req.body); console.log(success); probe(data.n); }`, facts: NONE },
  { name: 'zod: a helper of the file returning the parse result', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction parseQuery(q) { return Q.parse(q); }\nfunction f(req) { const { n } = parseQuery(req.query); probe(n); }`, facts: '-Infinity..9' },
  { name: 'zod: an arrow helper returning safeParse data after the check', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nconst parseQuery = (q) => { const r = Q.safeParse(q); if (!r.success) throw r.error; return r.data; };\nfunction f(req) { probe(parseQuery(req.query).n); }`, facts: '-Infinity..9' },
  { name: 'zod: a helper that may return the raw input', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction parseQuery(q, strict) { if (strict) return Q.parse(q); return q; }\nfunction f(req) { const { n } = parseQuery(req.query, false); probe(n); }`, facts: NONE },
  { name: 'zod: a helper that returns nothing on one path', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction parseQuery(q) { if (!q) return; return Q.parse(q); }\nfunction f(req) { const { n } = parseQuery(req.query); probe(n); }`, facts: NONE },
  { name: 'zod: no max', code: `${ZOD}const Q = z.object({ n: z.number().int() });\nfunction f(req) { const { n } = Q.parse(req.query); probe(n); }`, facts: '-Infinity..Infinity int' },
  { name: 'zod: a transform leaves the value unknown', code: `${ZOD}const Q = z.object({ n: z.number().max(9).transform((x) => x * 1000) });\nfunction f(req) { const { n } = Q.parse(req.query); probe(n); }`, facts: NONE },
  { name: 'zod: the raw input read after parse', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction f(req) { Q.parse(req.query); probe(req.query.n); }`, facts: NONE },
  { name: 'zod: safeParse data without a success check', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction f(req) { const r = Q.safeParse(req.body); probe(r.data.n); }`, facts: NONE },
  { name: 'zod: safeParse failure only logged', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction f(req) { const r = Q.safeParse(req.body); if (!r.success) console.log(r.error); probe(r.data.n); }`, facts: NONE },
  { name: 'zod: validated on one branch only', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction f(req) { let n = req.query.n; if (req.query.strict) n = Q.parse(req.query).n; probe(n); }`, facts: NONE },
  { name: 'zod: a parse method of something else', code: "import qs from 'qs';\nfunction f(req) { const { n } = qs.parse(req.url); probe(n); }", facts: NONE },
  { name: 'zod: the parsed field assigned afterwards', code: `${ZOD}const Q = z.object({ n: z.number().max(9) });\nfunction f(req) { const q = Q.parse(req.body); q.n = req.body.n; probe(q.n); }`, facts: NONE },
];

for (const c of cases) test(`validated bounds: ${c.name}`, () => assert.equal(factsAtProbe(c.code), c.facts));

/**
 * Schemas kept in another module: the facts at `probe(x)` in app.ts of a project of these files, and
 * the files the computation recorded it read (`s:<file>`, what makes an edit there re-check app.ts).
 */
async function importedFacts(files: Record<string, string>): Promise<{ facts: string; read: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'limbo-imported-schema-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const project = await buildProject(dir);
    const analyzer = new FlowAnalyzer(project);
    const file = project.files.get('app.ts')!;
    let arg: Node | undefined;
    walk(file.ast, (n) => {
      if (!arg && n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'probe') arg = n.arguments[0];
    });
    const deps = new Set<string>();
    const b = analyzer.recordInto(deps, () => boundsOf(file, arg!));
    const facts = `${b.lo}..${b.hi}${b.int ? ' int' : ''}${b.lenHi < Infinity ? ` len<=${b.lenHi}` : ''}`;
    return { facts, read: [...deps].filter((d) => d.startsWith('s:') && d !== 's:app.ts').sort() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const importedCases: Array<{ name: string; files: Record<string, string>; facts: string; read: string[] }> = [
  {
    name: 'zod schema imported from another file (its constant resolved there)',
    files: {
      'schemas.ts': `${ZOD}const MAX = 100;\nexport const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(MAX) });\n`,
      'app.ts': "import { ListQuery } from './schemas';\nfunction f(req) { const { limit } = ListQuery.parse(req.query); probe(limit); }\n",
    },
    facts: '1..100 int',
    read: ['s:schemas.ts'],
  },
  {
    name: 'zod schema imported without .max stays unbounded',
    files: {
      'schemas.ts': `${ZOD}export const ListQuery = z.object({ limit: z.coerce.number().int().min(1) });\n`,
      'app.ts': "import { ListQuery } from './schemas';\nfunction f(req) { const { limit } = ListQuery.parse(req.query); probe(limit); }\n",
    },
    facts: '1..Infinity int',
    read: ['s:schemas.ts'],
  },
  {
    name: 'zod schema through a namespace import',
    files: {
      'schemas.ts': `${ZOD}export const ListQuery = z.object({ limit: z.number().max(9) });\n`,
      'app.ts': "import * as schemas from './schemas';\nfunction f(req) { const { limit } = schemas.ListQuery.parse(req.query); probe(limit); }\n",
    },
    facts: '-Infinity..9',
    read: ['s:schemas.ts'],
  },
  {
    name: 'zod schema as a default export, re-exported through an index',
    files: {
      'schemas/list.ts': `${ZOD}const ListQuery = z.object({ limit: z.number().max(9) });\nexport default ListQuery;\n`,
      'schemas/index.ts': "export { default as ListQuery } from './list';\n",
      'app.ts': "import { ListQuery } from './schemas';\nfunction f(req) { const { limit } = ListQuery.parse(req.query); probe(limit); }\n",
    },
    facts: '-Infinity..9',
    read: ['s:schemas/index.ts', 's:schemas/list.ts'],
  },
  {
    name: 'joi schema from a CommonJS module (require and module.exports)',
    files: {
      'schemas.js': "const Joi = require('joi');\nconst listQuery = Joi.object({ limit: Joi.number().integer().max(50).required() });\nmodule.exports = { listQuery };\n",
      'app.ts': "const { listQuery } = require('./schemas');\nfunction f(req) { const { value, error } = listQuery.validate(req.query); if (error) throw error; probe(value.limit); }\n",
    },
    facts: '-Infinity..50 int',
    read: ['s:schemas.js'],
  },
  {
    name: 'class-validator DTO imported from ./dto',
    files: {
      'dto/list.dto.ts': "import { IsInt, Max, Min } from 'class-validator';\nexport class ListDto { @IsInt() @Min(1) @Max(100) limit: number; }\n",
      'app.ts': "import { Query } from '@nestjs/common';\nimport { ListDto } from './dto/list.dto';\nclass C { list(@Query() q: ListDto) { probe(q.limit); } }\n",
    },
    facts: '1..100 int',
    read: ['s:dto/list.dto.ts'],
  },
  {
    name: 'Fastify route schema const imported',
    files: {
      'schemas.ts': `export const listSchema = ${LIMIT_SCHEMA};\n`,
      'app.ts': `${FASTIFY}import { listSchema } from './schemas';\napp.get('/x', { schema: listSchema }, async (request) => probe(request.query.limit));\n`,
    },
    facts: '1..100 int',
    read: ['s:schemas.ts'],
  },
  {
    name: 'a validation helper exported by another module (export function)',
    files: {
      'validation.ts': `${ZOD}const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100) });\nexport function parseListQuery(q: unknown) { return ListQuery.parse(q); }\n`,
      'app.ts': "import { parseListQuery } from './validation';\nfunction f(req) { const { limit } = parseListQuery(req.query); probe(limit); }\n",
    },
    facts: '1..100 int',
    read: ['s:validation.ts'],
  },
  {
    name: 'a CommonJS validation helper that throws on a joi error (module.exports = { helper })',
    files: {
      'validation.js': "const Joi = require('joi');\nconst listQuery = Joi.object({ limit: Joi.number().integer().max(50).required() });\nfunction parseListQuery(q) {\n  const { value, error } = listQuery.validate(q);\n  if (error) throw error;\n  return value;\n}\nmodule.exports = { parseListQuery };\n",
      'app.ts': "const { parseListQuery } = require('./validation');\nfunction f(req) { probe(parseListQuery(req.query).limit); }\n",
    },
    facts: '-Infinity..50 int',
    read: ['s:validation.js'],
  },
  {
    name: 'an async arrow helper through a namespace import and an index',
    files: {
      'validation/list.ts': `${ZOD}const ListQuery = z.object({ limit: z.number().max(9) });\nexport const parseListQuery = async (q: unknown) => ListQuery.parseAsync(q);\n`,
      'validation/index.ts': "export { parseListQuery } from './list';\n",
      'app.ts': "import * as validation from './validation';\nasync function f(req) { const { limit } = await validation.parseListQuery(req.query); probe(limit); }\n",
    },
    facts: '-Infinity..9',
    read: ['s:validation/index.ts', 's:validation/list.ts'],
  },
  {
    name: 'an imported helper that may hand back the raw input stays unbounded',
    files: {
      'validation.ts': `${ZOD}const ListQuery = z.object({ limit: z.number().max(9) });\nexport function parseListQuery(q: any, strict: boolean) { if (strict) return ListQuery.parse(q); return q; }\n`,
      'app.ts': "import { parseListQuery } from './validation';\nfunction f(req) { const { limit } = parseListQuery(req.query, false); probe(limit); }\n",
    },
    facts: NONE,
    read: ['s:validation.ts'],
  },
  {
    name: 'an imported helper whose export is reassigned is not followed',
    files: {
      'validation.ts': `${ZOD}const ListQuery = z.object({ limit: z.number().max(9) });\nexport let parseListQuery = (q: unknown) => ListQuery.parse(q);\nparseListQuery = (q: any) => q;\n`,
      'app.ts': "import { parseListQuery } from './validation';\nfunction f(req) { const { limit } = parseListQuery(req.query); probe(limit); }\n",
    },
    facts: NONE,
    read: ['s:validation.ts'],
  },
  {
    name: 'an async helper called without await is a promise, not the parsed value',
    files: {
      'validation.ts': `${ZOD}const ListQuery = z.object({ limit: z.number().max(9) });\nexport async function parseListQuery(q: unknown) { return ListQuery.parse(q); }\n`,
      'app.ts': "import { parseListQuery } from './validation';\nfunction f(req) { const parsed = parseListQuery(req.query); probe(parsed.limit); }\n",
    },
    facts: NONE,
    read: ['s:validation.ts'],
  },
  {
    // Reading the module would make each of its edits re-check this file: only calls handed a request part are followed.
    name: 'an imported function handed something other than a request part is not read',
    files: {
      'validation.ts': `${ZOD}const ListQuery = z.object({ limit: z.number().max(9) });\nexport function parseListQuery(q: unknown) { return ListQuery.parse(q); }\n`,
      'app.ts': "import { parseListQuery } from './validation';\nfunction f(req, saved) { probe(parseListQuery(saved).limit); }\n",
    },
    facts: NONE,
    read: [],
  },
  {
    name: 'a request part destructured from the request is handed to the helper',
    files: {
      'validation.ts': `${ZOD}const ListQuery = z.object({ limit: z.number().max(9) });\nexport function parseListQuery(q: unknown) { return ListQuery.parse(q); }\n`,
      'app.ts': "import { parseListQuery } from './validation';\nfunction f(req) { const { query } = req; probe(parseListQuery(query).limit); }\n",
    },
    facts: '-Infinity..9',
    read: ['s:validation.ts'],
  },
  {
    name: 'an imported name the module does not export as a schema',
    files: {
      'schemas.ts': `${ZOD}export let ListQuery = z.object({ limit: z.number().max(9) });\nListQuery = z.object({ limit: z.number() });\n`,
      'app.ts': "import { ListQuery } from './schemas';\nfunction f(req) { const { limit } = ListQuery.parse(req.query); probe(limit); }\n",
    },
    facts: NONE,
    read: ['s:schemas.ts'],
  },
];

for (const c of importedCases) {
  test(`validated bounds, imported schema: ${c.name}`, async () => {
    const { facts, read } = await importedFacts(c.files);
    assert.equal(facts, c.facts);
    assert.deepEqual(read, c.read);
  });
}
