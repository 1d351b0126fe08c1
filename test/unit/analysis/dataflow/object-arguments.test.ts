import { test } from 'node:test';
import assert from 'node:assert/strict';
import { propertyArgument } from '../../../../src/core/analysis/dataflow/interprocedural';
import { walk, type Node } from '../../../../src/core/analysis/dataflow/ast';
import type { FunctionNode } from '../../../../src/core/analysis/project/types';
import { flowsAtProbe, functionNamed, parseSnippet } from './helpers';

/** The text of the value `propertyArgument` picks for `g(…)`'s first argument read as `access` in g, and what is read of it after. */
function picked(code: string, access: string): string | undefined {
  const file = parseSnippet(code);
  const g = functionNamed(file, 'g') as FunctionNode;
  let arg: Node | undefined;
  walk(file.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'g') arg = n.arguments[0];
  });
  const p = propertyArgument(g, 0, access, arg!);
  if (p === 'absent') return p;
  return p ? `${file.text.slice(p.value.range[0], p.value.range[1])}|${p.suffix}` : undefined;
}

test('propertyArgument: a destructured parameter reads its property of the object literal', () => {
  assert.equal(picked('function g({ ids, name }) {} g({ ids: list, name: req.body.name });', 'ids.length'), 'list|.length');
  assert.equal(picked('function g({ ids: local = [] }) {} g({ ids: list });', 'local'), 'list|');
  assert.equal(picked('function g({ ids } = {}) {} g({ ids });', 'ids'), 'ids|');
});

test('propertyArgument: a member of the parameter reads that property, the rest of the path after it', () => {
  assert.equal(picked('function g(opts) {} g({ ids: a.split(","), n: 3 });', 'opts.ids.length'), 'a.split(",")|.length');
  assert.equal(picked('function g(opts) {} g({ "ids": list });', 'opts.ids'), 'list|');
});

test('propertyArgument: a property the literal does not have is absent (undefined), whatever the others carry', () => {
  assert.equal(picked('function g(opts) {} g({ other: list });', 'opts.ids'), 'absent');
  assert.equal(picked('function g({ retries = 3 } = {}) {} g({ where: { id: req.params.id } });', 'retries'), 'absent');
  assert.equal(picked('function g(opts) {} g({});', 'opts.ids.length'), 'absent');
});

test('propertyArgument: nothing when the object is not known from its text, or the read names no property', () => {
  assert.equal(picked('function g(opts) {} g({ ...rest, ids: list });', 'opts.ids'), undefined);
  assert.equal(picked('function g(opts) {} g({ [key]: list });', 'opts.ids'), undefined);
  assert.equal(picked('function g(opts) {} g({ get ids() { return list; } });', 'opts.ids'), undefined);
  assert.equal(picked('function g(opts) {} g(options);', 'opts.ids'), undefined);
  assert.equal(picked('function g(opts) {} g({ ids: list });', 'opts'), undefined);
  assert.equal(picked('function g([ids]) {} g({ ids: list });', 'ids'), undefined);
});

/** The origin, real flag and checked state of the flows reaching `probe(…)`'s argument in f. */
function flowFacts(code: string): Array<{ access: string; real: boolean; unchecked: boolean }> {
  return flowsAtProbe(code).map((f) => ({ access: f.origin.access, real: !!f.bounds?.real, unchecked: !!f.unchecked }));
}

test('taint: a value put into an array or a template literal makes a real array or string, and loses its own checks', () => {
  assert.deepEqual(flowFacts('function f(req) { const ids = [...new Set(req.body.ids)]; probe(ids); }'), [{ access: 'req.body.ids', real: true, unchecked: true }]);
  assert.deepEqual(flowFacts('function f(req) { probe(`${req.body.name}.json`); }'), [{ access: 'req.body.name', real: true, unchecked: true }]);
  // The element read back out of it is no real value.
  assert.deepEqual(flowFacts('function f(req) { const xs = [req.body.list]; probe(xs[0]); }'), [{ access: 'req.body.list', real: false, unchecked: true }]);
  assert.deepEqual(flowFacts('function f(req) { const x = req.body.list; probe(x); }'), [{ access: 'req.body.list', real: false, unchecked: false }]);
});
