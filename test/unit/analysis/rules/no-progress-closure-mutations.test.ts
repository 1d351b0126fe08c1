// no-progress and a value changed in place by another function of the file: a callee the loop reaches
// through the call graph, or any handler when the loop awaits.
import { noProgress } from '../../../../src/core/analysis/rules/no-progress';
import { ruleTester } from './rule-tester';

const drainThroughCallee = (body: string) =>
  `function render(tags) {\n  const open = tags.slice();\n  const close = (t) => {\n    ${body}\n  };\n  const flush = () => {\n    while (open.length > 0) {\n      close(open[0]);\n    }\n  };\n  flush();\n}\nrender(['b']);\n`;

const waitForSockets = (track: string, handler: string) =>
  `const events = require('events');\nconst sockets = new Set();\nconst updates = new events.EventEmitter();\nexports.track = (socket) => {\n  ${track}\n  socket.on('close', () => {\n    ${handler}\n    updates.emit('updated');\n  });\n};\nexports.close = async () => {\n  while (sockets.size > 0) {\n    await events.once(updates, 'updated');\n  }\n};\n`;

ruleTester(noProgress, {
  valid: [
    { name: 'a callee shifts the captured list', code: drainThroughCallee('open.shift(); console.log(t);') },
    { name: 'a callee of a callee pops it', code: `function render(tags) {\n  const open = tags.slice();\n  const drop = () => open.pop();\n  const close = (t) => { console.log(t); drop(); };\n  while (open.length) close(open[0]);\n}\nrender(['b']);\n` },
    { name: 'awaiting while a handler deletes from the module-level set', code: waitForSockets('sockets.add(socket);', 'sockets.delete(socket);') },
    { name: 'awaiting while a handler clears a member map', code: `const state = { pending: new Map() };\nexports.done = (id) => { state.pending.delete(id); };\nexports.wait = async (tick) => {\n  while (state.pending.size) await tick();\n};\n` },
  ],
  invalid: [
    { name: 'the callee only reads the captured list', code: drainThroughCallee('console.log(open.length, t);'), lines: [7] },
    { name: 'awaiting, but nothing ever changes the set', code: waitForSockets('console.log(sockets.has(socket));', 'console.log(sockets.size);'), lines: [12] },
    {
      name: 'awaiting on a local set no closure captures',
      code: `exports.close = async (tick) => {\n  const sockets = new Set([1]);\n  exports.seen = (s) => console.log(s);\n  while (sockets.size > 0) {\n    await tick();\n  }\n};\nexports.other = (s) => { const sockets = new Set(); sockets.delete(s); };\n`,
      lines: [4],
    },
    { name: 'a function that mutates the list but the loop never reaches it, nor awaits', code: `function f(tags) {\n  const open = tags.slice();\n  const reset = () => open.splice(0);\n  while (open.length > 0) console.log(open[0]);\n  return reset;\n}\nf(['a']);\n`, lines: [4] },
  ],
});
