// Parser cursors that move on every turn end their loops: a member cursor (`position.position`), a
// helper handed the cursor object, an element test past the end, a string cut every turn. Each valid
// case has an invalid neighbour where one turn can go round without moving.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { infiniteLoopGuardedByFlowData } from '../../../../src/core/analysis/rules/infinite-loop-guarded-by-flow-data';
import { express, ruleTester } from './rule-tester';

const lib = (body: string, exports: string) => `${body}\nmodule.exports = { ${exports} };\n`;
const collect = 'function collect(cond, input, position) {\n  while (position.position < input.length && cond(input[position.position])) position.position++;\n}\n';
const skipOne = 'function skipOne(input, position) {\n  if (input[position.position] === " ") position.position++;\n}\n';
const quoted = 'function quoted(input, position) {\n  position.position++;\n  collect((c) => c !== \'"\', input, position);\n}\n';

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: "a bound the caller passes as a number, in the loop test (NaN ends it; only Infinity, the caller's choice, would not)", file: 'index.js', code: lib('function f(p, n) {\n  while (p.position < n) p.position++;\n}', 'f') },
    { name: 'member cursor advanced on every turn', file: 'index.js', code: lib('function f(input, position) {\n  while (position.position < input.length) {\n    if (input[position.position] === ";") break;\n    position.position++;\n  }\n}', 'f') },
    { name: 'a helper that advances the cursor object on every path it returns by', file: 'index.js', code: lib(collect + quoted + 'function f(input) {\n  const position = { position: 0 };\n  while (position.position < input.length) quoted(input, position);\n}', 'f, collect, quoted') },
    { name: 'a helper in another module that never moves the cursor back, then a step', code: { 'index.js': lib("const { collect } = require('./c');\nfunction f(input) {\n  const p = { position: 0 };\n  while (p.position < input.length) {\n    collect((c) => c !== ',', input, p);\n    p.position++;\n  }\n}", 'f'), 'c.js': collect + 'module.exports = { collect };\n', 'package.json': '{"name":"x","main":"index.js"}' } },
    { name: 'a turn that reached the end goes on without a step: the test ends it', file: 'index.js', code: lib(collect + 'function f(input) {\n  const p = { position: 0 };\n  while (p.position < input.length) {\n    collect((c) => c !== ",", input, p);\n    if (p.position < input.length) p.position++;\n  }\n}', 'f, collect') },
    { name: 'element test past the end of a buffer, stepping down', file: 'index.js', code: lib('function f(input) {\n  let end = input.length;\n  while (input[end - 1] === 10 && input[end - 2] === 13) end -= 2;\n  return end;\n}', 'f') },
    { name: 'a step checked to be at least 1 before the loop', file: 'index.js', code: lib("function f(input, p, step) {\n  if (!(step >= 1)) throw new RangeError('step');\n  while (p.position < input.length) p.position += step;\n}", 'f') },
    { name: "counting down by one from a caller's list length to !== 0, with a break on a match", file: 'index.js', code: lib("function f(list, valid) {\n  for (let i = list.length; i !== 0; i--) {\n    if (valid.has(list[i - 1])) break;\n  }\n}", 'f') },
    { name: 'a string cut by one every turn while the test needs it non-empty', file: 'index.js', code: lib("function f(path) {\n  while (path.endsWith('/')) path = path.slice(0, -1);\n  return path;\n}", 'f') },
    { name: 'a found needle replaced by something shorter every turn (includes, indexOf, replaceAll)', file: 'index.js', code: lib("function f(s, t) {\n  while (s.includes('  ')) s = s.replace('  ', ' ');\n  while (t.indexOf('../') >= 0) { t = t.replaceAll('../', ''); }\n  return s + t;\n}", 'f') },
    { name: 'a buffer consumed from the front every turn', file: 'index.js', code: lib('function f(buf) {\n  while (buf.length > 0 && buf[0] === 32) buf = buf.subarray(1);\n  return buf;\n}', 'f') },
  ],
  invalid: [
    { name: 'member cursor advanced only on a quote', file: 'index.js', code: lib('function f(input, position) {\n  while (position.position < input.length) {\n    if (input[position.position] === \'"\') position.position++;\n  }\n}', 'f'), lines: [2] },
    { name: 'a helper that advances only sometimes', file: 'index.js', code: lib(skipOne + 'function f(input) {\n  const p = { position: 0 };\n  while (p.position < input.length) skipOne(input, p);\n}', 'f, skipOne'), lines: [6] },
    { name: 'a helper that moves the cursor back', file: 'index.js', code: lib('function back(p) { p.position = 0; }\nfunction f(input, p) {\n  while (p.position < input.length) { p.position++; back(p); }\n}', 'f'), lines: [3] },
    { name: 'a generator helper: calling it runs none of its body', file: 'index.js', code: lib('function* step(p) {\n  p.position++;\n}\nfunction f(input, p) {\n  while (p.position < input.length) step(p);\n}', 'f'), lines: [5] },
    { name: 'a helper called through .call: the arguments shift by one', file: 'index.js', code: lib("function step(p, q) {\n  p.position = 0;\n  q.position++;\n}\nfunction f(input, cur, other) {\n  while (cur.position < input.length) step.call(null, cur, other);\n}", 'f'), lines: [6] },
    { name: 'a helper called with a spread before the cursor object', file: 'index.js', code: lib("function step(p, q) {\n  p.position = 0;\n  q.position++;\n}\nfunction f(input, cur, rest) {\n  while (cur.position < input.length) step(...rest, cur);\n}", 'f'), lines: [6] },
    { name: 'the cursor field destructured into (set back to 0)', file: 'index.js', code: lib("function f(input, p) {\n  while (p.position < input.length) {\n    p.position++;\n    [p.position] = [0];\n  }\n}", 'f'), lines: [2] },
    { name: 'a cursor variable destructured into (set back to 0)', file: 'index.js', code: lib("function f(input, step) {\n  let i = step;\n  while (input[i] === 32) {\n    i++;\n    [i] = [step];\n  }\n}", 'f'), lines: [3] },
    { name: 'a step the caller passes (may be 0)', file: 'index.js', code: lib('function f(input, p, step) {\n  while (p.position < input.length) p.position += step;\n}', 'f'), lines: [2] },
    { name: 'a step checked only to be above 0 (a tiny fraction is lost to rounding)', file: 'index.js', code: lib("function f(input, p, step) {\n  if (!(step > 0)) throw new RangeError('step');\n  while (p.position < input.length) p.position += step;\n}", 'f'), lines: [3] },
    { name: 'counting down by two to !== 0 can step over it', file: 'index.js', code: lib("function f(list, valid) {\n  for (let i = list.length; i !== 0; i -= 2) {\n    if (valid.has(list[i - 1])) break;\n  }\n}", 'f'), lines: [2] },
    { name: 'counting down to !== 0 from a number the caller passes (may be fractional or negative)', file: 'index.js', code: lib("function f(n, valid) {\n  for (let i = n; i !== 0; i--) {\n    if (valid.has(i)) break;\n  }\n}", 'f'), lines: [2] },
    { name: 'counting down to !== 0 on some turns only', file: 'index.js', code: lib("function f(list, valid) {\n  for (let i = list.length; i !== 0;) {\n    if (valid.has(list[i - 1])) break;\n    if (list[i - 1] === 'x') i--;\n  }\n}", 'f'), lines: [2] },
    { name: 'the cursor object copied: the copy is written', file: 'index.js', code: lib('function f(input, p) {\n  const q = p;\n  while (p.position < input.length) { p.position++; q.position = 0; }\n}', 'f'), lines: [3] },
    { name: 'a callback handed to the helper writes the cursor', file: 'index.js', code: lib(collect + 'function f(input, p) {\n  while (p.position < input.length) {\n    collect((c) => { p.position = 0; return c !== ","; }, input, p);\n    p.position++;\n  }\n}', 'f, collect'), lines: [5] },
    { name: 'a bound a client sent (a forged length)', code: express + "app.post('/a', (req, res) => {\n  const p = { position: 0 };\n  while (p.position < req.body.items.length) p.position++;\n  res.end();\n});\n", lines: [5] },
    { name: 'element test that holds past the end (!==)', file: 'index.js', code: lib('function f(input, p) {\n  while (input[p.position] !== 59) p.position += 1;\n}', 'f'), lines: [2] },
    { name: 'a string cut on some turns only', file: 'index.js', code: lib("function f(path, keep) {\n  while (path.endsWith('/')) { if (!keep(path)) path = path.slice(0, -1); }\n  return path;\n}", 'f'), lines: [2] },
    { name: 'not proven to end (stays reported): a replacement no shorter than the needle, one that inserts the match ($&), a needle other than the test\'s', file: 'index.js', code: lib("function f(s, t, u) {\n  while (s.includes('ab')) s = s.replace('ab', 'ba');\n  while (t.includes('ab')) t = t.replace('ab', '$&');\n  while (u.includes('ab')) u = u.replace('b', '');\n  return s + t + u;\n}", 'f'), lines: [2, 3, 4] },
    { name: 'a string cut and grown again', file: 'index.js', code: lib("function f(s) {\n  while (s.length > 0) { s = s.slice(1); s = s + 'ab'; }\n  return s;\n}", 'f'), lines: [2] },
  ],
});

ruleTester(infiniteLoopGuardedByFlowData, {
  valid: [
    { name: 'a helper writes back a copy of the cursor that only moved forward', file: 'index.js', code: lib("function bytes(cond, input, p) {\n  let start = p.position;\n  while (start < input.length && cond(input[start])) ++start;\n  return input.subarray(p.position, (p.position = start));\n}\nfunction f(input, p) {\n  while (true) {\n    if (input[p.position] === 13) return;\n    bytes((c) => c !== 58, input, p);\n    if (input[p.position] !== 58) throw new Error(':');\n    p.position++;\n  }\n}", 'f') },
    { name: 'an end check every turn passes and a step after it', file: 'index.js', code: lib(collect + 'function f(input, p) {\n  while (true) {\n    collect((c) => c !== \'"\', input, p);\n    if (p.position >= input.length) break;\n    const c = input[p.position];\n    p.position++;\n    if (c === \'"\') break;\n  }\n}', 'f, collect') },
    { name: 'each turn must find an expected byte (else throws) and steps past it', file: 'index.js', code: lib("function f(input, p) {\n  while (true) {\n    if (input[p.position] !== 13 || input[p.position + 1] !== 10) throw new Error('crlf');\n    p.position += 2;\n    if (input[p.position] === 45) return;\n  }\n}", 'f') },
  ],
  invalid: [
    { name: 'a helper writes back a copy taken before it moved the cursor on', file: 'index.js', code: lib("function back(input, p) {\n  const start = p.position;\n  p.position += 2;\n  p.position = start;\n}\nfunction f(input, p) {\n  while (true) {\n    if (input[p.position] !== 58) throw new Error(':');\n    p.position++;\n    back(input, p);\n  }\n}", 'f'), lines: [7] },
    { name: 'an end check against a number the caller passes (Infinity, NaN never reached)', file: 'index.js', code: lib('function f(p, n) {\n  while (true) {\n    if (p.position >= n) break;\n    p.position++;\n  }\n}', 'f'), lines: [2] },
    { name: 'a turn that goes round before the end check', file: 'index.js', code: lib('function f(input, p, again) {\n  while (true) {\n    if (again) continue;\n    if (p.position >= input.length) break;\n    p.position++;\n  }\n}', 'f'), lines: [2] },
    { name: 'an end check, but the step is on one branch only', file: 'index.js', code: lib('function f(input, p) {\n  while (true) {\n    if (p.position >= input.length) break;\n    if (input[p.position] === "x") p.position++;\n  }\n}', 'f'), lines: [2] },
  ],
});
