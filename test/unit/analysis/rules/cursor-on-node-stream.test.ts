// A cursor on `this` in a class that extends one of Node's streams: Node's own push / unshift / pause /
// resume / setEncoding / cork / listener queries (which the call graph cannot resolve) leave the
// subclass's fields alone. Near-misses: methods that run the subclass's code (write → _transform,
// emit → its own listeners), a push the class defines or replaces with its own function, a base class
// from another module, listeners the class registers on itself.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

/** A class extending `base`, with `head` binding it, and a parser loop on `this.pos` whose turn calls `call`. */
const streamClass = (head: string, base: string, call: string, members = '', ctorExtra = '') =>
  `${head}\nclass T extends ${base} {\n  constructor(options = {}) { super(options); this.input = ''; this.pos = 0; this.state = {};${ctorExtra} }\n  _transform(chunk, enc, cb) {\n    this.input = String(chunk);\n    while (this.pos < this.input.length) {\n      this.pos++;\n      ${call};\n    }\n    cb();\n  }\n${members}}\nmodule.exports = { T };\n`;
const cjs = "const { Transform } = require('node:stream');";

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'Transform from node:stream: this.push of an object holding fields of this', file: 'index.js', code: streamClass(cjs, 'Transform', 'this.push({ at: this.pos, id: this.state.id })') },
    { name: 'stream.Transform through the module object', file: 'index.js', code: streamClass("const stream = require('stream');", 'stream.Transform', 'this.unshift(this.input)') },
    { name: 'Readable imported by name (ESM), through a method of this that pushes', file: 'index.mjs', code: streamClass("import { Readable } from 'node:stream';", 'Readable', 'this.emitEvent()', '  emitEvent() { this.push(this.state); this.pause(); }\n').replace('module.exports = { T };', 'export { T };') },
    { name: 'EventEmitter (the events module itself): a listener query', file: 'index.js', code: streamClass("const EventEmitter = require('events');", 'EventEmitter', 'this.n = this.listenerCount("x")') },
    { name: "push replaced by the constructor's caller (the consumer's function)", file: 'index.js', code: streamClass(cjs, 'Transform', 'this.push(this.state)', '', ' if (options.push) this.push = options.push;') },
  ],
  invalid: [
    { name: 'this.write runs the subclass’s own _transform', file: 'index.js', code: streamClass(cjs, 'Transform', 'this.write("x")'), lines: [6] },
    { name: 'this.emit runs listeners the subclass may own', file: 'index.js', code: streamClass("const { EventEmitter } = require('node:events');", 'EventEmitter', 'this.emit("x")'), lines: [6] },
    { name: 'push defined by the class (the call graph reads it: it moves the cursor back)', file: 'index.js', code: streamClass(cjs, 'Transform', 'this.push(1)', '  push(x) { this.pos = 0; return true; }\n'), lines: [6] },
    { name: 'push replaced by a function of the class itself', file: 'index.js', code: streamClass(cjs, 'Transform', 'this.push(1)', '', ' this.push = function () { this.pos = 0; };'), lines: [6] },
    { name: 'emit overridden: Node’s push calls it back', file: 'index.js', code: streamClass(cjs, 'Transform', 'this.push(1)', '  emit(e, x) { this.pos = 0; return true; }\n'), lines: [6] },
    { name: 'a listener the class registers on itself runs during push', file: 'index.js', code: streamClass(cjs, 'Transform', 'this.push(1)', '', " this.on('data', () => { this.pos = 0; });"), lines: [6] },
    { name: 'a Transform of another module is not Node’s', file: 'index.js', code: streamClass("const { Transform } = require('./my-stream');", 'Transform', 'this.push(1)'), lines: [6] },
    { name: 'a Transform variable assigned again', file: 'index.js', code: streamClass("let { Transform } = require('node:stream');\nTransform = require('./my-stream');", 'Transform', 'this.push(1)'), lines: [7] },
  ],
});
