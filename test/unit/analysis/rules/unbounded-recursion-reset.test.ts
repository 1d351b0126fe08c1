// unbounded-recursion on a call made right after dropping the map entry the function starts by reading.
import { unboundedRecursion } from '../../../../src/core/analysis/rules/unbounded-recursion';
import { ruleTester } from './rule-tester';

const lib = (code: string) => ({ 'index.js': code + 'module.exports = { C };\n', 'package.json': '{"name":"l","main":"index.js"}' });
/** A class whose method `m` reads `this.#m` first; `field` declares it, `body` follows the read. */
const resolver = (body: string, field = '#m = new Map();', first = 'const e = this.#m.get(k.id);') =>
  lib(`class C {\n  ${field}\n  constructor(o) { this.pick = o.pick; }\n  m(k, cb) {\n    ${first}\n${body}\n  }\n}\n`);
const retry = (removal: string, between = '') => `    if (e == null) return cb(k);\n    const v = this.pick(e);\n    if (v == null) {\n      ${removal}\n${between}      return this.m(k, cb);\n    }\n    cb(null, v);`;

ruleTester(unboundedRecursion, {
  valid: [
    { name: 'entry dropped before retrying, after an early return on a miss', code: resolver(retry('this.#m.delete(k.id);')) },
    { name: 'entry dropped before retrying, on the else branch of a miss', code: resolver('    if (e == null) {\n      cb(k);\n    } else {\n      const v = this.pick(e);\n      if (v == null) {\n        this.#m.delete(k.id);\n        this.m(k, cb);\n        return;\n      }\n      cb(null, v);\n    }') },
    { name: 'a WeakMap', code: resolver(retry('this.#m.delete(k.id);'), '#m = new WeakMap();') },
  ],
  invalid: [
    { name: 'another key dropped', code: resolver(retry('this.#m.delete(k.other);')), lines: [4] },
    { name: 'code between the removal and the call', code: resolver(retry('this.#m.delete(k.id);', '      this.pick(this.#m);\n')), lines: [4] },
    { name: 'the field may hold something else than a Map', code: resolver(retry('this.#m.delete(k.id);'), '#m = null;'), lines: [4] },
    { name: 'the read is not the first statement', code: resolver(retry('this.#m.delete(k.id);'), '#m = new Map();', 'this.pick(k);\n    const e = this.#m.get(k.id);'), lines: [4] },
    { name: 'the call is on the branch where the entry is missing', code: resolver('    if (e != null) return cb(null, this.pick(e));\n    this.#m.delete(k.id);\n    return this.m(k, cb);'), lines: [4] },
  ],
});
