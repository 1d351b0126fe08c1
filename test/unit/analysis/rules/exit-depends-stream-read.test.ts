// Node's `stream.read()` tested against null drains the buffer and ends the loop whatever the chunks
// hold. Near-misses: a test that is never false on null, a `read` of the project's own, a loop that
// refills, hands on or rebinds the stream, an awaited read or a web stream reader (promises).
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (params: string, body: string, extra = '') => `${extra}function drain(${params}) {\n${body}\n}\nmodule.exports = { drain };\n`;

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'while (stream.read() != null) {}', code: lib('stream', '  stream.resume();\n  while (stream.read() != null) {\n  }') },
    { name: '(chunk = stream.read()) !== null, chunks kept', code: lib('stream', '  const chunks = [];\n  let chunk;\n  while ((chunk = stream.read()) !== null) {\n    chunks.push(chunk);\n  }\n  return chunks;') },
    { name: 'null !== (chunk = s.read(size)), with another conjunct', code: lib('s, size, max', '  let n = 0, chunk;\n  while (n < max && null !== (chunk = s.read(size))) n += chunk.length;\n  return n;') },
    { name: 'a member receiver beside another member of its object', code: lib('consume', '  let chunk;\n  while ((chunk = consume.stream.read()) != undefined) {\n    consume.body.push(chunk);\n    consume.length += chunk.length;\n  }') },
    { name: 'a stream read in a callback, declared in the function around it', code: lib('path, done', "  const stream = require('fs').createReadStream(path);\n  stream.once('readable', () => {\n    let chunk;\n    while ((chunk = stream.read()) !== null) done(chunk);\n  });") },
    { name: 'a truthiness test', code: lib('stream', "  let out = '', chunk;\n  while ((chunk = stream.read())) out += chunk;\n  return out;") },
  ],
  invalid: [
    { name: 'read() !== undefined: Node returns null, never undefined', code: lib('stream', '  while (stream.read() !== undefined) {\n  }'), lines: [2] },
    { name: "a read of the project's own, resolved by the call graph", code: lib('opts', '  const src = new Source(opts.n);\n  let n = 0;\n  while (src.read() !== null) n++;\n  return n;', 'class Source {\n  constructor(n) { this.n = n; }\n  read() { return this.n; }\n}\n'), lines: [8] },
    { name: 'the loop puts the chunk back (unshift)', code: lib('s', '  let c;\n  while ((c = s.read()) !== null) {\n    s.unshift(c);\n  }'), lines: [3] },
    { name: 'the stream handed to a call (which may refill it)', code: lib('s, handle', '  let c;\n  while ((c = s.read()) !== null) {\n    handle(c, s);\n  }'), lines: [3] },
    { name: 'the receiver rebound in the loop', code: lib('s, next', '  while (s.read() !== null) {\n    s = next(s);\n  }'), lines: [2] },
    { name: 'the receiver rebound by a closure the loop calls', code: lib('a, b', '  let s = a;\n  const swap = () => { s = b; };\n  while (s.read() !== null) {\n    swap();\n  }'), lines: [4] },
    { name: 'an awaited read (a promise-returning reader)', code: lib('r', '  return (async () => {\n    let c;\n    while ((c = await r.read()) !== null) {\n    }\n  })();'), lines: [4] },
    { name: 'a turn that awaits (other code may push between turns)', code: lib('s, write', '  return (async () => {\n    let c;\n    while ((c = s.read()) !== null) {\n      await write(c);\n    }\n  })();'), lines: [4] },
    { name: "a web stream reader's read() is a promise, never null", code: lib('body', '  const reader = body.getReader();\n  while (reader.read() !== null) {\n  }'), lines: [3] },
  ],
});
