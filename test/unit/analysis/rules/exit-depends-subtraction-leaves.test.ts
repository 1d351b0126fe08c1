// exit-depends-on-flow-data on queues where the turn that keeps the first buffer makes the test
// false (`n < buf.length`, then `n -= buf.length` under `while (n > 0)`), and the near-misses that
// can go round on the same buffer and must stay reported.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (code: string) => ({ 'index.js': code, 'package.json': '{"name":"l","main":"index.js"}' });

/** A class consuming n bytes from its buffer queue (as ws's Receiver does), with the branch that keeps the buffer swapped in. */
const receiver = (keep: string, test = 'n > 0', after = 'n -= buf.length;', takes = 'n >= buf.length') =>
  lib(`class Receiver {
  constructor() {
    this._buffers = [];
  }
  consume(n) {
    const dst = Buffer.allocUnsafe(n);
    do {
      const buf = this._buffers[0];
      const offset = dst.length - n;
      if (${takes}) {
        dst.set(this._buffers.shift(), offset);
      } else {
        ${keep}
      }
      ${after}
    } while (${test});
    return dst;
  }
}
module.exports = { Receiver };
`);

const keepRest = 'dst.set(new Uint8Array(buf.buffer, buf.byteOffset, n), offset);\n        this._buffers[0] = new Uint8Array(buf.buffer, buf.byteOffset + n, buf.length - n);';

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'subtraction leaves: the kept buffer is put back on a turn that makes `n > 0` false', code: receiver(keepRest) },
    { name: 'subtraction leaves: the same under `n >= 0` (n - buf.length < 0 when n < buf.length)', code: receiver(keepRest, 'n >= 0') },
    {
      name: 'subtraction leaves: `left = left - head.length; continue` in the branch taken when `left < head.length`',
      code: lib('function take(q, want) {\n  let left = want;\n  while (left >= 0) {\n    const head = q[0];\n    if (left < head.length) {\n      q[0] = head.slice(left);\n      left = left - head.length;\n      continue;\n    }\n    q.shift();\n    left -= head.length;\n  }\n}\nmodule.exports = { take };\n'),
    },
    {
      name: 'first element read in an if test (throws once the queue is empty)',
      code: lib('function take(q, n) {\n  let off = 0;\n  while (off !== n) {\n    if (q[0].length + off > n) break;\n    off += q[0].length;\n    q.shift();\n  }\n}\nmodule.exports = { take };\n'),
    },
  ],
  invalid: [
    {
      name: 'first element read in an if test through ?. (an empty queue goes round)',
      code: lib('function take(q, n) {\n  let off = 0;\n  while (off !== n) {\n    if ((q[0]?.length ?? 0) + off > n) break;\n    off += q.length ? q[0].length : 0;\n    q.shift();\n  }\n}\nmodule.exports = { take };\n'),
      lines: [3],
    },
    { name: 'subtraction leaves: n unchanged on the kept turn', code: receiver(keepRest, 'n > 0', ''), lines: [7] },
    { name: 'subtraction leaves: `n -= buf.length - 1` on the kept turn', code: receiver(`${keepRest}\n        n -= buf.length - 1;`, 'n > 0', ''), lines: [7] },
    { name: 'subtraction leaves: `n > buf.length` (n === buf.length goes round) under `n >= 0`', code: receiver(keepRest, 'n >= 0', 'n -= buf.length;', 'n > buf.length'), lines: [7] },
    { name: 'subtraction leaves: n written between the branch and the subtraction', code: receiver(`${keepRest}\n        n += this._extra;`), lines: [7] },
    { name: 'subtraction leaves: buf.length changed between the branch and the subtraction', code: receiver(`${keepRest}\n        buf.length = 0;`), lines: [7] },
  ],
});
