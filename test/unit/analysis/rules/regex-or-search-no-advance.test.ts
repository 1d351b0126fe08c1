import { regexOrSearchNoAdvance } from '../../../../src/core/analysis/rules/regex-or-search-no-advance';
import { ruleTester } from './rule-tester';

ruleTester(regexOrSearchNoAdvance, {
  valid: [
    { name: 'exec with g', code: 'function f(t) {\n  const re = /a/g;\n  let m;\n  while ((m = re.exec(t)) !== null) console.log(m);\n}\nf("a");\n' },
    { name: 'sticky RegExp', file: 'l.ts', code: "function f(s: string) {\n  const re = new RegExp('a', 'y');\n  let m;\n  while ((m = re.exec(s)) !== null) console.log(m);\n}\nf('a');\n" },
    { name: 'indexOf advancing past the match', code: 'function f(h, n) {\n  let i = h.indexOf(n);\n  while (i !== -1) i = h.indexOf(n, i + n.length);\n}\nf("a", "a");\n' },
    { name: 'indexOf with start assigned in the condition', code: 'function f(s, x) {\n  let at = -1;\n  while ((at = s.indexOf(x, at + 1)) !== -1) console.log(at);\n}\nf("a", "a");\n' },
    { name: 'exec on the next element each turn, break on no match', code: 'function f(parts) {\n  const meta = {};\n  for (let i = 0; i < parts.length; i++) {\n    const m = /^(\\w+): (.*)/.exec(parts[i]);\n    if (!m) break;\n    meta[m[1]] = m[2];\n  }\n  return meta;\n}\nf(["a: b"]);\n' },
    { name: 'exec on a text taken from a queue each turn', code: 'function f(defs) {\n  let n = 0;\n  for (;;) {\n    const def = defs.shift();\n    const m = /^(\\w+)=(.*)$/.exec(def);\n    if (!m) return n;\n    n++;\n  }\n}\nf(["a=b"]);\n' },
    { name: 'exec on a text cut on every turn', code: 'function f(s) {\n  let m;\n  while ((m = /\\d+/.exec(s)) !== null) {\n    s = s.slice(m.index + m[0].length);\n  }\n}\nf("1 2");\n' },
    { name: 'found element spliced out of the list every turn', code: 'function f(array, what) {\n  let ax;\n  while ((ax = array.indexOf(what)) !== -1) {\n    array.splice(ax, 1);\n  }\n  return array;\n}\nf([1], 1);\n' },
    { name: 'regex of unknown origin', code: 'function f(re, s) {\n  let m;\n  while ((m = re.exec(s))) console.log(m);\n}\nf(/a/g, "a");\n' },
  ],
  invalid: [
    { name: 'exec on a literal without g', code: 'function f(t) {\n  const re = /\\w+/;\n  let m;\n  while ((m = re.exec(t)) !== null) console.log(m[0]);\n}\nf("a");\n', lines: [4] },
    { name: "new RegExp(p, 'i')", file: 'f.ts', code: "function f(t: string, w: string) {\n  const re = new RegExp(w, 'i');\n  let m;\n  while ((m = re.exec(t))) console.log(m.index);\n}\nf('a', 'a');\n", lines: [4] },
    { name: 'exec in the body, break on no match', code: 'function f(t) {\n  const re = /\\d+/;\n  for (;;) {\n    const m = re.exec(t);\n    if (!m) break;\n  }\n}\nf("1");\n', lines: [3] },
    { name: 'text cut only on some turns', code: 'function f(s) {\n  let m;\n  while ((m = /(\\w)\\d/.exec(s)) !== null) {\n    if (m[1] === "x") s = s.slice(m.index + 2);\n  }\n}\nf("a1");\n', lines: [3] },
    { name: 'text written in the loop but not by every turn: a continue skips it', code: 'function f(s, k) {\n  let m;\n  for (;;) {\n    m = /\\d/.exec(s);\n    if (!m) break;\n    if (k) continue;\n    s = s.slice(1);\n  }\n}\nf("1", 0);\n', lines: [3] },
    { name: 'another list spliced at the found index', code: 'function f(array, other, what) {\n  let ax;\n  while ((ax = array.indexOf(what)) !== -1) {\n    other.splice(ax, 1);\n  }\n}\nf([1], [1], 1);\n', lines: [3] },
    { name: 'splice puts an element back for the one it removes', code: 'function f(array, what) {\n  let ax;\n  while ((ax = array.indexOf(what)) !== -1) {\n    array.splice(ax, 1, what);\n  }\n}\nf([1], 1);\n', lines: [3] },
    { name: 'removed on some turns only', code: 'function f(array, what, k) {\n  let ax;\n  while ((ax = array.indexOf(what)) !== -1) {\n    if (k) array.splice(ax, 1);\n  }\n}\nf([1], 1, 0);\n', lines: [3] },
    { name: 'removed, then pushed back', code: 'function f(array, what) {\n  let ax;\n  while ((ax = array.indexOf(what)) !== -1) {\n    array.splice(ax, 1);\n    array.push(what);\n  }\n}\nf([1], 1);\n', lines: [3] },
    { name: 'indexOf start never moves', code: 'function f(h, n) {\n  let c = 0;\n  const from = 0;\n  while (h.indexOf(n, from) !== -1) c++;\n}\nf("a", "a");\n', lines: [4] },
    { name: 'start set onto the match, not past it', code: 'function f(s, sep) {\n  let pos = 0;\n  let i;\n  while ((i = s.indexOf(sep, pos)) >= 0) {\n    pos = i;\n  }\n}\nf("a", "a");\n', lines: [4] },
  ],
});
