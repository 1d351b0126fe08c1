// A scanner that cuts its buffer at the cursor and starts the cursor over (`buf = buf.subarray(pos + 1);
// pos = 0`) on the turns that do not step it, possibly after a turn that only clears the flag its branch
// was taken on, and hands its methods views of the buffer and a fresh event record. Each valid shape has
// near-misses that really turn forever: a cut at the cursor itself, a reset without a cut, a flag set
// again without progress, a record that can reach the object, a length a client can forge.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { express, ruleTester } from './rule-tester';

const lines = (onNewline: string) =>
  `function lines(buf) {\n  const out = [];\n  let pos = 0;\n  while (pos < buf.length) {\n    if (buf[pos] === 10) {\n${onNewline}\n      continue;\n    }\n    pos++;\n  }\n  return out;\n}\nmodule.exports = { lines };\n`;

/** A class scanning `this.buffer` with `this.pos`; `turn` is the loop body. */
const parser = (turn: string, members = '', ctor = '') =>
  `class Parser {\n  constructor() { this.buffer = ''; this.pos = 0; this.pending = false; this.event = { data: undefined };${ctor} }\n  feed(chunk) {\n    this.buffer = this.buffer + chunk;\n    while (this.pos < this.buffer.length) {\n${turn}\n    }\n  }\n${members}}\nmodule.exports = { Parser };\n`;

const flagTurn = (afterClear: string) =>
  `      if (this.pending) {\n        if (this.buffer[this.pos] === '\\n') {\n          this.buffer = this.buffer.slice(this.pos + 1);\n          this.pos = 0;\n          continue;\n        }\n${afterClear}\n      }\n      if (this.buffer[this.pos] === '\\n') {\n        this.buffer = this.buffer.slice(this.pos + 1);\n        this.pos = 0;\n        this.pending = true;\n        continue;\n      }\n      this.pos++;`;

const recordTurn = (call: string) =>
  `      if (this.buffer[this.pos] === '\\n') {\n        ${call};\n        this.buffer = this.buffer.slice(this.pos + 1);\n        this.pos = 0;\n        continue;\n      }\n      this.pos++;`;

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'this.buffer cut at the cursor, this.pos reset', code: parser(recordTurn('this.n++')) },
    { name: 'a local buffer and cursor', code: lines('      out.push(buf.subarray(0, pos));\n      buf = buf.subarray(pos + 1);\n      pos = 0;') },
    { name: 'a turn that only clears the flag its branch was taken on', code: parser(flagTurn('        this.pending = false;\n        continue;')) },
    { name: 'a method handed a view of the buffer and a fresh record it fills one level deep', code: parser(recordTurn('this.parseLine(this.buffer.slice(0, this.pos), this.event)'), "  parseLine(line, event) {\n    const at = line.indexOf(':');\n    if (at > 0) event[line.slice(0, at)] = line.slice(at + 1);\n    else event.data = line;\n  }\n") },
  ],
  invalid: [
    { name: 'cut at the cursor itself: a newline at 0 stays', code: parser(recordTurn('this.n++').replace('this.buffer.slice(this.pos + 1)', 'this.buffer.slice(this.pos)')), lines: [5] },
    { name: 'cursor reset without a cut', code: parser(recordTurn('this.n++').replace('this.buffer = this.buffer.slice(this.pos + 1);', '')), lines: [5] },
    { name: 'the reset not right after the cut (a turn may reset without cutting)', code: parser(recordTurn('this.n++').replace('this.buffer = this.buffer.slice(this.pos + 1);', 'if (this.n < 10) this.buffer = this.buffer.slice(this.pos + 1);')), lines: [5] },
    { name: 'the flag cleared, then set again in the same turn', code: parser(flagTurn("        this.pending = false;\n        if (this.buffer[this.pos] === ' ') this.pending = true;\n        continue;")), lines: [5] },
    { name: 'a turn that sets the flag without progress', code: parser(flagTurn('        this.pending = false;\n        continue;').replace('      this.pos++;', "      if (this.buffer[this.pos] === ' ') {\n        this.pending = true;\n        continue;\n      }\n      this.pos++;")), lines: [5] },
    { name: 'a for update sets the flag again between turns', code: parser(flagTurn('        this.pending = false;\n        continue;'), '  arm() { this.pending = true; }\n').replace('while (this.pos < this.buffer.length)', 'for (; this.pos < this.buffer.length; this.arm())'), lines: [5] },
    { name: "a flag a base class's setter may keep set", code: 'class Base {\n  get pending() { return true; }\n  set pending(v) {}\n}\n' + parser(flagTurn('        this.pending = false;\n        continue;')).replace('class Parser {\n  constructor() { ', 'class Parser extends Base {\n  constructor() { super(); '), lines: [9] },
    { name: 'the record can hold the object: a method writes through it', code: parser(recordTurn('this.parseLine(this.buffer.slice(0, this.pos), this.event)'), '  parseLine(line, event) {\n    event.owner.pos = 0;\n  }\n', ' this.event.owner = this;'), lines: [5] },
    { name: 'a method reaching through the record (another function stored the object in it)', code: 'function link(e, owner) { e.owner = owner; }\n' + parser(recordTurn('this.parseLine(this.buffer.slice(0, this.pos), this.event)'), '  parseLine(line, event) {\n    event.owner.pos = 0;\n  }\n', ' link(this.event, this);'), lines: [6] },
    { name: "an array's slice handed on, in a class whose instance is in that array", code: parser(recordTurn('this.take(this.items.slice(0, 1))'), '  take(list) {\n    list[0].pos = 0;\n  }\n', ' this.items = [this];'), lines: [5] },
    { name: 'a record field the class also sets to something not fresh', code: parser(recordTurn('this.parseLine(this.buffer.slice(0, this.pos), this.event)'), '  parseLine(line, event) {\n    event.pos = 0;\n  }\n  reuse() { this.event = this; }\n'), lines: [5] },
    { name: 'request data: a client can send {"length": 1e12}', code: `${express}class Lines {\n  constructor(text) { this.buffer = text; this.pos = 0; }\n  run() {\n    while (this.pos < this.buffer.length) {\n      if (this.buffer[this.pos] === '\\n') {\n        this.buffer = this.buffer.slice(this.pos + 1);\n        this.pos = 0;\n        continue;\n      }\n      this.pos++;\n    }\n  }\n}\napp.post('/lines', (req, res) => {\n  new Lines(req.body.text).run();\n  res.end();\n});\n`, lines: [6] },
  ],
});
