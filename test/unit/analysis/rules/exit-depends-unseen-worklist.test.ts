import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { express, ruleTester } from './rule-tester';

// A request-driven graph walk: `links` and the start list come from the body, and may hold cycles.
const walk = (body: string) => express + "app.post('/g', (req, res) => {\n  const links = req.body.links || {};\n  let todo = [].concat(req.body.start || []);\n  const seen = {};\n  let node;\n" + body + "  res.json(seen);\n});\n";

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'concat the links of an unseen node, marked first', code: walk('  while (todo.length > 0) {\n    node = todo.pop();\n    if (!seen[node]) {\n      seen[node] = true;\n      if (links[node]) todo = todo.concat(links[node]);\n    }\n  }\n') },
    { name: 'skip seen nodes with continue, then mark and push their links', code: walk('  while (todo.length) {\n    node = todo.shift();\n    if (seen[node]) continue;\n    seen[node] = true;\n    todo.push(...(links[node] || []));\n  }\n') },
    { name: 'a Set of seen nodes and a Map of links', code: express + "app.post('/g', (req, res) => {\n  const links = new Map(Object.entries(req.body.links));\n  const todo = [req.body.start];\n  const seen = new Set();\n  while (todo.length !== 0) {\n    const n = todo.pop();\n    if (!seen.has(n)) {\n      seen.add(n);\n      if (links.has(n)) todo.push(...links.get(n));\n    }\n  }\n  res.json([...seen]);\n});\n" },
  ],
  invalid: [
    { name: 'links queued for every node, seen or not (a cycle never ends)', code: walk('  while (todo.length > 0) {\n    node = todo.pop();\n    seen[node] = true;\n    if (links[node]) todo = todo.concat(links[node]);\n  }\n'), lines: [8] },
    { name: 'seen tested but never marked', code: walk('  while (todo.length > 0) {\n    node = todo.pop();\n    if (!seen[node]) {\n      if (links[node]) todo = todo.concat(links[node]);\n    }\n  }\n'), lines: [8] },
    { name: 'the loop writes the links it queues (always a new node)', code: walk('  while (todo.length > 0) {\n    node = todo.pop();\n    if (!seen[node]) {\n      seen[node] = true;\n      links[node] = [node + "."];\n      todo = todo.concat(links[node]);\n    }\n  }\n'), lines: [8] },
    { name: 'seen emptied in the loop', code: walk('  while (todo.length > 0) {\n    node = todo.pop();\n    if (!seen[node]) {\n      seen[node] = true;\n      if (links[node]) todo = todo.concat(links[node]);\n    }\n    if (req.body.reset) delete seen[node];\n  }\n'), lines: [8] },
    { name: 'seen handed to a call in the loop (it may forget nodes)', code: walk('  while (todo.length > 0) {\n    node = todo.pop();\n    if (!seen[node]) {\n      seen[node] = true;\n      if (links[node]) todo = todo.concat(links[node]);\n      forget(seen, links[node]);\n    }\n  }\n') + 'function forget(marks, next) {\n  for (const n of [].concat(next || [])) delete marks[n];\n}\n', lines: [8] },
    { name: 'seen shared with code that clears it', code: express + "const seen = {};\nfunction clearSeen() {\n  for (const k of Object.keys(seen)) delete seen[k];\n}\napp.post('/g', (req, res) => {\n  const links = req.body.links || {};\n  let todo = [].concat(req.body.start || []);\n  let node;\n  while (todo.length > 0) {\n    node = todo.pop();\n    if (!seen[node]) {\n      seen[node] = true;\n      if (links[node]) todo = todo.concat(links[node]);\n      if (req.body.fresh) clearSeen();\n    }\n  }\n  res.json(seen);\n});\n", lines: [11] },
    { name: 'the loop grows the link lists it queues from', code: walk('  while (todo.length > 0) {\n    node = todo.pop();\n    if (!seen[node]) {\n      seen[node] = true;\n      if (links[node]) {\n        links[node].push(node + ".");\n        todo = todo.concat(links[node]);\n      }\n    }\n  }\n'), lines: [8] },
    { name: 'seen is an object held elsewhere, which a call in the loop clears', code: express + "const cache = { marks: {}, clear() { for (const k in this.marks) delete this.marks[k]; } };\napp.post('/g', (req, res) => {\n  const links = req.body.links || {};\n  let todo = [].concat(req.body.start || []);\n  const seen = cache.marks;\n  let node;\n  while (todo.length > 0) {\n    node = todo.pop();\n    if (!seen[node]) {\n      seen[node] = true;\n      if (links[node]) todo = todo.concat(links[node]);\n      if (req.body.fresh) cache.clear();\n    }\n  }\n  res.json(seen);\n});\n", lines: [9] },
  ],
});
