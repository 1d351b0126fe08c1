// Cursors kept on `this` (`this.pos`) in a method: the loop and the methods of `this` it calls (read
// through the call graph) move it forward on every turn. Each valid case has invalid neighbours where a
// called method, an arrow, an alias of `this` or an unknown callee may move it back or grow the bound.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (body: string) => `${body}\nmodule.exports = { T };\n`;
const tokenizer = (loopBody: string, methods = '', ctorExtra = '') =>
  lib(`class T {\n  constructor(s) { this.input = s; this.pos = 0;${ctorExtra} }\n  run(f) {\n    while (this.pos < this.input.length) {\n${loopBody}\n    }\n  }\n${methods}}`);

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'this.pos: a step or a method of this that steps it, on every turn', file: 'index.js', code: tokenizer('      if (this.input.charCodeAt(this.pos) === 32) this.skip();\n      else this.pos++;', '  skip() { this.pos++; }\n') },
    { name: 'this.pos: a method that leaves the cursor and the bound alone, handed the cursor as a number', file: 'index.js', code: tokenizer('      this.count(this.pos + 1, this.pos);\n      this.pos++;', '  count(k, at) { this.n = k + at; }\n') },
    { name: 'this.pos: a method of this that calls another that steps it', file: 'index.js', code: tokenizer('      this.next();', '  next() { this.take(); }\n  take() { this.pos += 2; }\n') },
  ],
  invalid: [
    { name: 'this.pos: a called method moves it back', file: 'index.js', code: tokenizer('      this.pos++;\n      this.back();', '  back() { this.pos = 0; }\n'), lines: [4] },
    { name: 'this.pos: a method steps it on one path only', file: 'index.js', code: tokenizer('      this.maybe();', '  maybe() { if (this.input[this.pos] === "a") this.pos++; }\n'), lines: [4] },
    { name: 'this.pos: a method of this the call graph cannot resolve', file: 'index.js', code: lib('class T extends Base {\n  constructor(s) { super(); this.input = s; this.pos = 0; }\n  run() {\n    while (this.pos < this.input.length) {\n      this.pos++;\n      this.emit("x");\n    }\n  }\n}'), lines: [4] },
    { name: 'this.pos: an unknown callee handed a field of this (it may hold this)', file: 'index.js', code: tokenizer('      this.pos++;\n      f(this.h);'), lines: [4] },
    { name: 'this.pos: an arrow of the method writes it', file: 'index.js', code: lib('class T {\n  constructor(s) { this.input = s; this.pos = 0; }\n  run(f) {\n    const reset = () => { this.pos = 0; };\n    while (this.pos < this.input.length) {\n      this.pos++;\n      f(reset);\n    }\n  }\n}'), lines: [5] },
    { name: 'this.pos: this copied to a variable', file: 'index.js', code: lib('class T {\n  constructor(s) { this.input = s; this.pos = 0; }\n  run() {\n    const self = this;\n    while (this.pos < this.input.length) {\n      this.pos++;\n      self.pos = 0;\n    }\n  }\n}'), lines: [5] },
    { name: 'this.pos: a called method grows the bound', file: 'index.js', code: tokenizer('      this.pos++;\n      this.more();', '  more() { this.input = this.input + "x"; }\n'), lines: [4] },
    { name: 'this.pos: a method of the base class called through super', file: 'index.js', code: lib('class B {\n  reset() { this.pos = 0; }\n}\nclass T extends B {\n  constructor(s) { super(); this.input = s; this.pos = 0; }\n  run() {\n    while (this.pos < this.input.length) {\n      this.pos++;\n      super.reset();\n    }\n  }\n}'), lines: [7] },
    { name: 'this.pos: a method that moves it back, through a second method', file: 'index.js', code: tokenizer('      this.pos++;\n      this.next();', '  next() { this.rewind(); }\n  rewind() { this.pos--; }\n'), lines: [4] },
  ],
});
