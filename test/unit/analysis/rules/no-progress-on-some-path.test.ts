import assert from 'node:assert/strict';
import { noProgressOnSomePath } from '../../../../src/core/analysis/rules/no-progress-on-some-path';
import { ruleTester, express } from './rule-tester';

const lib = (body: string, params = 's') => `function f(${params}) {\n  let pos = 0;\n${body}\n  return pos;\n}\nmodule.exports = { f };\n`;
/** Nine independent branches before the step: 512 paths, past the cap. */
const manyBranches = Array.from({ length: 9 }, (_, k) => `    if (s[pos] === '${k}') t[${k}] = 1;`).join('\n');

ruleTester(noProgressOnSomePath, {
  valid: [
    { name: 'a write of the cursor on every path', code: lib('  while (pos < s.length) {\n    if (s[pos] === \'"\') pos += 2;\n    else pos++;\n  }') },
    { name: 'a call of unknown effect on the other path', code: lib('  while (pos < s.length) {\n    if (s[pos] === \'"\') pos++;\n    else handle(s, pos);\n  }') + 'function handle() {}\n' },
    { name: 'an await on the other path', code: 'async function f(xs, tick) {\n  let i = 0;\n  while (i < xs.length) {\n    if (xs[i]) i++;\n    else await tick();\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'a for update that steps on every turn', code: 'function f(s) {\n  let n = 0;\n  for (let i = 0; i < s.length; i++) {\n    if (s[i] === \'a\') continue;\n    n++;\n  }\n  return n;\n}\nmodule.exports = { f };\n' },
    { name: 'a write through a body-local alias of the read object', code: 'function f(s, st) {\n  while (st.pos < s.length) {\n    const cur = st;\n    if (s[cur.pos] === \'"\') cur.pos += 2;\n    else cur.pos++;\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'a heap write to the root the exit reads', code: 'function f(x) {\n  const out = [];\n  while (out.length < 3) {\n    if (x) out.push(1);\n    else out.push(2);\n  }\n  return out;\n}\nmodule.exports = { f };\n' },
    { name: 'Math.random is not the same every turn', code: 'function f() {\n  let done = false;\n  while (!done) {\n    if (Math.random() < 0.5) done = true;\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'RegExp test moves lastIndex', code: lib('  const re = /a/g;\n  while (pos < s.length) {\n    if (re.test(s)) pos++;\n  }') },
    { name: 'a destructuring assignment', code: 'function f(s) {\n  let i = 0;\n  let j = 1;\n  while (i < s.length) {\n    if (s[i] === \'a\') i++;\n    else [i, j] = [j, i];\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'a delete', code: 'function f(o, s) {\n  let i = 0;\n  while (i < s.length) {\n    if (s[i] === \'a\') i++;\n    else delete o.x;\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'a yield', code: 'function* f(s) {\n  let i = 0;\n  while (i < s.length) {\n    if (s[i] === \'a\') i++;\n    else yield i;\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'the other path leaves by break, return, throw or an outer continue', code: 'function f(s, rows) {\n  let pos = 0;\n  while (pos < s.length) {\n    if (s[pos] !== \'"\') break;\n    pos++;\n  }\n  while (pos < s.length) {\n    if (s[pos] === \'x\') return pos;\n    if (s[pos] === \'y\') throw new Error(\'y\');\n    pos++;\n  }\n  outer: for (const r of rows) {\n    let i = 0;\n    while (i < r.length) {\n      if (r[i] === 0) continue outer;\n      i++;\n    }\n  }\n  return pos;\n}\nmodule.exports = { f };\n' },
    { name: 'a nested loop writes the cursor', code: lib('  while (pos < s.length) {\n    if (s[pos] === \'a\') pos++;\n    else while (pos < s.length && s[pos] !== \'a\') pos++;\n  }') },
    { name: 'a nested loop with a return is not followed', code: lib('  while (pos < s.length) {\n    if (s[pos] === \'a\') pos++;\n    else for (let k = 0; k < 3; k++) if (s[k] === \'b\') return k;\n  }') },
    { name: 'finally steps on the continue path', code: lib('  while (pos < s.length) {\n    try {\n      if (s[pos] === \'a\') continue;\n    } finally {\n      pos++;\n    }\n  }') },
    { name: 'switch: every case advances, two by falling through', code: lib('  while (pos < s.length) {\n    switch (s.charCodeAt(pos)) {\n      case 32:\n      case 9:\n        pos++;\n        break;\n      default:\n        pos += 2;\n    }\n  }') },
    { name: 'branches on a literal constant only (dead code or no-progress)', code: 'const FAST = true;\nfunction f(n) {\n  let i = 0;\n  while (i < n) {\n    if (FAST) i++;\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'nothing changes on any path is no-progress, not this rule', code: lib('  let t = 0;\n  while (pos < s.length) {\n    if (s[pos] === \'a\') t++;\n  }') },
    { name: 'no way out at all', code: 'function f(s) {\n  let n = 0;\n  while (true) {\n    if (s) n++;\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'past the path cap nothing is reported', code: lib(`  const t = [];\n  while (pos < s.length) {\n${manyBranches}\n    if (s[pos] === '"') pos++;\n  }`) },
    { name: 'for-of takes a new element every turn', code: 'function f(xs) {\n  let n = 0;\n  for (const x of xs) {\n    if (x) continue;\n  }\n  return n;\n}\nmodule.exports = { f };\n' },
    { name: 'a state-machine switch that tests every value the state takes', code: "const A = 0;\nconst B = 1;\nconst C = 2;\nclass P {\n  constructor() {\n    this.state = A;\n    this.loop = true;\n  }\n  run(cb) {\n    while (this.loop) {\n      switch (this.state) {\n        case A:\n          this.a(cb);\n          break;\n        case B:\n          this.b(cb);\n          break;\n      }\n    }\n  }\n  a(cb) { this.state = B; cb(); }\n  b(cb) { this.state = A; this.loop = false; cb(); }\n}\nmodule.exports = { P };\n" },
    { name: 'a state-machine if/else-if chain that tests every value the state takes', code: "const A = 0;\nconst B = 1;\nconst C = 2;\nclass P {\n  constructor() {\n    this.state = A;\n    this.loop = true;\n  }\n  run(cb) {\n    while (this.loop) {\n      if (this.state === A) this.a(cb);\n      else if (this.state === B) this.b(cb);\n    }\n  }\n  a(cb) { this.state = B; cb(); }\n  b(cb) { this.state = A; this.loop = false; cb(); }\n}\nmodule.exports = { P };\n" },
    { name: 'falling past every branch needs the loop test false', code: 'function f(q, pending) {\n  while (q.length || pending) {\n    if (q.length) q.shift();\n    else if (pending) pending = false;\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'a branch that repeats the loop test cannot be false', code: 'function f(s) {\n  let i = 0;\n  while (i < s.length && s[i] !== \'"\') {\n    if (!(i < s.length)) continue;\n    i++;\n  }\n}\nmodule.exports = { f };\n' },
    { name: 'one condition decided both ways on one path', code: 'function f(s, x) {\n  let i = 0;\n  while (i < s.length) {\n    if (x) i++;\n    if (!x) i += 2;\n  }\n}\nmodule.exports = { f };\n' },
  ],
  invalid: [
    {
      name: 'the tokenizer in an Express route (request data picks the stuck path)',
      code: express + "app.post('/parse', (req, res) => {\n  const s = req.body.text;\n  let pos = 0;\n  while (pos < s.length) {\n    const c = s[pos];\n    if (c === '\"') pos++;\n  }\n  res.send(String(pos));\n});\n",
      lines: [6],
      check: (f) => {
        assert.equal(f.message, 'When `c === \'"\'` is false, a turn changes nothing the loop reads: the loop repeats that turn forever.');
        assert.equal(f.condition.startLine, 8);
        assert.equal(f.confidence, 0.9);
        assert.deepEqual(f.sources, ['req.body.text']);
        assert.ok(f.dataPath.length > 0);
      },
    },
    {
      name: 'the tokenizer in a library function (a caller steers it)',
      code: lib('  while (pos < s.length) {\n    const c = s[pos];\n    if (c === \'"\') pos++;\n  }'),
      lines: [3],
      check: (f) => {
        assert.equal(f.confidence, 0.9);
        assert.ok(f.sources.length > 0);
      },
    },
    {
      name: 'a helper nobody exports: its parameter can still steer it, with less confidence',
      code: 'function skip(s) {\n  let pos = 0;\n  while (pos < s.length) {\n    if (s[pos] === \'"\') pos++;\n  }\n  return pos;\n}\n',
      lines: [3],
      check: (f) => assert.equal(f.confidence, 0.75),
    },
    {
      name: 'steered by neither data nor a parameter: least confidence',
      code: 'function g() {\n  let i = 0;\n  const xs = [1, 0];\n  while (i < xs.length) {\n    if (xs[i] === 1) i++;\n  }\n}\n',
      lines: [4],
      check: (f) => assert.equal(f.confidence, 0.6),
    },
    { name: 'a push into a fresh local array is not progress', code: lib('  const out = [];\n  while (pos < s.length) {\n    const c = s[pos];\n    if (c === \'"\') pos++;\n    else out.push(c);\n  }'), lines: [4] },
    { name: 'a write of a body-local variable is not progress', code: lib('  while (pos < s.length) {\n    let next = pos;\n    if (s[pos] === \'"\') pos++;\n    else next++;\n  }'), lines: [3] },
    { name: 'a member flag: the other member written does not end it (job.done)', code: 'function f(job, x) {\n  while (!job.done) {\n    if (x === 1) job.done = true;\n    else job.count++;\n  }\n}\nmodule.exports = { f };\n', lines: [2] },
    {
      name: 'switch over a char code with a missing advance in one case',
      code: lib('  while (pos < s.length) {\n    switch (s.charCodeAt(pos)) {\n      case 32:\n        pos++;\n        break;\n      case 34:\n        break;\n      default:\n        pos++;\n    }\n  }'),
      lines: [3],
      check: (f) => assert.match(f.message, /`s\.charCodeAt\(pos\)` is `34`/),
    },
    { name: 'a continue before the step, on a harmless check', code: 'function f(xs, x) {\n  let i = 0;\n  while (i < xs.length) {\n    if (x === \' \') continue;\n    i++;\n  }\n}\nmodule.exports = { f };\n', lines: [3] },
    { name: 'a nested function defined in the body runs nothing', code: lib('  while (pos < s.length) {\n    const skip = () => { pos++; };\n    if (s[pos] === \'"\') pos++;\n  }'), lines: [3] },
    { name: 'a continue inside try without finally', code: lib('  while (pos < s.length) {\n    try {\n      if (s[pos] === \'a\') continue;\n      pos++;\n    } catch (e) {\n      pos++;\n    }\n  }'), lines: [3] },
    { name: 'do-while', code: lib('  do {\n    if (s.charAt(pos) === \',\') pos++;\n  } while (pos < s.length);'), lines: [3] },
    { name: 'for without an update, the step in one branch', code: 'function f(s) {\n  for (let i = 0; i < s.length; ) {\n    if (s[i] === \',\') i++;\n  }\n}\nmodule.exports = { f };\n', lines: [2] },
    { name: 'a this-member cursor, tokens pushed into another member', file: 'l.ts', code: "export class L {\n  pos = 0;\n  tokens: string[] = [];\n  constructor(private input: string) {}\n  run(): void {\n    while (this.pos < this.input.length) {\n      const c = this.input[this.pos];\n      if (c === ';') this.pos++;\n      else this.tokens.push(c);\n    }\n  }\n}\n", lines: [6] },
    { name: 'a state-machine switch missing a value the state takes', code: "const A = 0;\nconst B = 1;\nconst C = 2;\nclass P {\n  constructor() {\n    this.state = A;\n    this.loop = true;\n  }\n  run(cb) {\n    while (this.loop) {\n      switch (this.state) {\n        case A:\n          this.a(cb);\n          break;\n        case B:\n          this.b(cb);\n          break;\n      }\n    }\n  }\n  a(cb) { this.state = B; cb(); }\n  b(cb) { this.state = A; this.loop = false; cb(); }\n  c() { this.state = C; }\n}\nmodule.exports = { P };\n", lines: [10] },
    { name: 'a state-machine chain missing a value the state takes', code: "const A = 0;\nconst B = 1;\nconst C = 2;\nclass P {\n  constructor() {\n    this.state = A;\n    this.loop = true;\n  }\n  run(cb) {\n    while (this.loop) {\n      if (this.state === A) this.a(cb);\n      else if (this.state === B) this.b(cb);\n    }\n  }\n  a(cb) { this.state = B; cb(); }\n  b(cb) { this.state = A; this.loop = false; cb(); }\n  c() { this.state = C; }\n}\nmodule.exports = { P };\n", lines: [10] },
  ],
});
