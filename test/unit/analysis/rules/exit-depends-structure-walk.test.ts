// exit-depends-on-flow-data on walks down prototype chains and the program's own trees, and the walks it must still report.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (code: string) => ({ 'index.js': code, 'package.json': '{"name":"l","main":"index.js"}' });
const overArg = 'function overArg(func, transform) {\n  return function (arg) {\n    return func(transform(arg));\n  };\n}\nmodule.exports = overArg;\n';

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'prototype chain: Object.getPrototypeOf', code: lib('function names(o) {\n  const out = [];\n  while (o) {\n    out.push(...Object.keys(o));\n    o = Object.getPrototypeOf(o);\n  }\n  return out;\n}\nmodule.exports = { names };\n') },
    { name: 'prototype chain: Reflect.getPrototypeOf, test not on the walk (null throws)', code: lib('function depth(o, stop) {\n  let n = 0;\n  while (o !== stop) {\n    n++;\n    o = Reflect.getPrototypeOf(o);\n  }\n  return n;\n}\nmodule.exports = { depth };\n') },
    { name: 'prototype chain: destructured alias, `c && step` with a truthiness test', code: lib('const { getPrototypeOf } = Object;\nfunction flat(s, f) {\n  do {\n    s = f !== false && getPrototypeOf(s);\n  } while (s && s !== Object.prototype);\n}\nmodule.exports = { flat };\n') },
    { name: 'prototype chain: a module alias through a wrapper converting with Object()', code: { ...lib("const getProto = require('./get-proto');\nfunction walk(o) {\n  while (o != null) o = getProto(o);\n}\nmodule.exports = { walk };\n"), 'get-proto.js': "const overArg = require('./over-arg');\nmodule.exports = overArg(Object.getPrototypeOf, Object);\n", 'over-arg.js': overArg } },
    { name: "own tree: descends from a field of this by a key's comparison", code: lib('class T {\n  constructor() { this.root = null; }\n  add(k) { this.root = { k, l: this.root, r: null }; }\n  has(k) {\n    let n = this.root;\n    while (n !== null) {\n      if (n.k === k) return true;\n      n = k < n.k ? n.l : n.r;\n    }\n    return false;\n  }\n}\nmodule.exports = { T };\n') },
    { name: 'own tree: the node itself, a named child on every path', code: lib('class N {\n  find(code) {\n    let node = this;\n    while (node !== null) {\n      if (node.code === code) return node;\n      node = node.code < code ? node.left : node.right;\n    }\n    return null;\n  }\n}\nmodule.exports = { N };\n') },
    { name: 'own list: a for loop declaring the walk in its init', code: lib('class L {\n  constructor() { this.head = null; }\n  add(v) { this.head = { v, next: this.head }; }\n  has(v) {\n    for (let n = this.head; n !== null; n = n.next) if (n.v === v) return true;\n    return false;\n  }\n}\nmodule.exports = { L };\n') },
  ],
  invalid: [
    { name: 'prototype chain: `c && step` with a test false stays true for', code: lib('function names(o, inherited) {\n  while (o !== null) o = inherited && Object.getPrototypeOf(o);\n}\nmodule.exports = { names };\n'), lines: [2] },
    { name: 'prototype chain: Object() wrapper, a test null does not end', code: { ...lib("const getProto = require('./get-proto');\nfunction walk(o, stop) {\n  while (o !== stop) o = getProto(o);\n}\nmodule.exports = { walk };\n"), 'get-proto.js': "const overArg = require('./over-arg');\nmodule.exports = overArg(Object.getPrototypeOf, Object);\n", 'over-arg.js': overArg }, lines: [3] },
    { name: 'prototype chain: a wrapper that converts with something else than Object', code: { ...lib("const getProto = require('./get-proto');\nfunction walk(o) {\n  while (o) o = getProto(o);\n}\nmodule.exports = { walk };\n"), 'get-proto.js': "const overArg = require('./over-arg');\nmodule.exports = overArg(Object.getPrototypeOf, (x) => x.next);\n", 'over-arg.js': overArg }, lines: [3] },
    { name: "tree: the caller's structure (it may be cyclic)", code: lib('function find(root, k) {\n  let n = root;\n  while (n !== null) {\n    if (n.k === k) return n;\n    n = k < n.k ? n.l : n.r;\n  }\n  return null;\n}\nmodule.exports = { find };\n'), lines: [3] },
    { name: "tree: a child picked by the caller's key", code: lib('class T {\n  constructor() { this.root = {}; }\n  get(path, want) {\n    let n = this.root;\n    while (n && n.v !== want) n = n[path[0]];\n    return n;\n  }\n}\nmodule.exports = { T };\n'), lines: [5] },
    { name: 'tree: a child through ?. (undefined does not throw)', code: lib('class T {\n  last(stop) {\n    let n = this;\n    while (n !== stop) n = n?.next;\n    return n;\n  }\n}\nmodule.exports = { T };\n'), lines: [4] },
  ],
});
