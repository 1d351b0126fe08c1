// A re-parse of the touched top-level statements only (project/reparse.ts) must give the Program a
// whole parse gives, or decline (undefined) so the caller parses the whole file. Each case says
// which of the two it expects, so a shortcut that stops being taken fails too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEdited, parseSource } from '../../../../src/core/analysis/project/parse';
import type { ParsedFile } from '../../../../src/core/analysis/project/types';

const BASE = `'use strict';
const helpers = require('./helpers');

function first(a) {
  const x = a + 1;
  return x * 2;
}

function second(list) {
  let total = 0;
  for (const item of list) {
    total += item;
  }
  return total;
}

const label = \`total: \${second([1, 2])} items\`;

/* a comment between statements */
Thing.prototype.run = function run(options) {
  if (!options) return null;
  return helpers.go(options);
};

module.exports = { first, second, Thing };
`;

const STANDARD = `'use strict'

const helpers = require('./helpers')

function a (x) {
  const n = a + 1
  return helpers.go(n)
}

const tail = 'x'

function b (list) {
  return list.map(a)
}

module.exports = { a, b, tail }
`;

const SHARED_POSITIONS = `import a from 'a';
export const first = a;
import e, { f as g } from 'h';

export function isText(v: unknown): v is string {
  return typeof v === 'string';
}

export const n = g(e);
`;

function parsed(text: string, path = 'lib/file.js'): ParsedFile {
  const outcome = parseSource(path, `/root/${path}`, text);
  assert.ok(outcome.ok, 'the fixture parses');
  return outcome.file;
}

/** The AST without parent pointers (the whole parse has none; collect sets them later). */
function plain(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node, (key, value) => (key === 'parent' ? undefined : typeof value === 'bigint' ? `${value}n` : value instanceof RegExp ? String(value) : value)));
}

// Declined cases only show the shortcut is not taken; spliced ones are compared with a whole parse.
const cases: Array<{ what: string; edit: (t: string) => string; spliced: boolean; path?: string; base?: string }> = [
  { what: 'a statement appended at the end', edit: (t) => `${t}\n;void 0;\n`, spliced: true },
  { what: 'a line inserted at the top of one function among many', edit: (t) => t.replace('  const x = a + 1;', '  void 0;\n  const x = a + 1;'), spliced: true },
  { what: 'an edit inside one function (same length)', edit: (t) => t.replace('total += item', 'total -= item'), spliced: true },
  { what: 'lines deleted inside a function', edit: (t) => t.replace('  for (const item of list) {\n    total += item;\n  }\n', ''), spliced: true },
  { what: 'an edit crossing two statements', edit: (t) => t.replace('  return x * 2;\n}\n\nfunction second(list) {', '  return x * 3;\n}\nfunction second2(list) {'), spliced: true },
  { what: 'an edit that merges two statements into one', edit: (t) => t.replace('  return x * 2;\n}\n\nfunction second(list) {\n  let total = 0;', '  return x * 2;\n  let total = 0;'), spliced: true },
  { what: 'an edit inside a template literal', edit: (t) => t.replace('total: ${', 'sum of ${'), spliced: true },
  { what: 'an edit inside a comment between statements', edit: (t) => t.replace('a comment between', 'a note between'), spliced: true },
  { what: 'an edit inside a comment in a function', edit: (t) => t.replace('  let total = 0;', '  // running sum\n  let total = 0;'), spliced: true },
  { what: 'a statement deleted', edit: (t) => t.replace("const label = `total: ${second([1, 2])} items`;\n", ''), spliced: true },
  { what: 'a new statement between two others', edit: (t) => t.replace('\n/* a comment', '\nconst extra = first(2);\n\n/* a comment'), spliced: true },
  // Declined: the whole file is parsed.
  { what: 'an unclosed block comment (swallows what follows)', edit: (t) => t.replace('function second(list) {', '/* function second(list) {'), spliced: false },
  { what: 'an unclosed template literal', edit: (t) => t.replace('items`;', 'items;'), spliced: false },
  { what: 'a block comment opened no more, leaving a line comment before the next statement on its line', base: 'a();\n/* // */ b();\n', edit: (t) => t.replace('/* //', ' //'), spliced: false },
  { what: 'a line comment that runs into the next statement', edit: (t) => t.replace('/* a comment between statements */\n', '/* a comment */ Thing.x = 1;\n// x */ '), spliced: false },
  { what: 'a new line that continues the statement before it, both in the slice', edit: (t) => t.replace("const label = `total: ${second([1, 2])} items`;", "const label = helpers.fn\n(label)"), spliced: true },
  { what: 'a directive changed', edit: (t) => t.replace("'use strict';", "'use asm';"), spliced: false },
  { what: 'a string statement added where a directive could be', edit: (t) => t.replace("const helpers", "'use strict';\nconst helpers"), spliced: false },
  { what: 'module syntax added', edit: (t) => t.replace('module.exports = { first, second, Thing };', 'export { first, second };'), spliced: false },
  { what: 'an if without braces before the edit (an else could follow)', base: 'if (a) b();\nfoo();\n', edit: (t) => t.replace('foo();', 'else foo();'), spliced: false },
  { what: 'the edit right after an expression statement without a semicolon', base: 'a = b\nfoo();\n', edit: (t) => t.replace('foo();', '(c)'), spliced: true },
  { what: 'top-level await x in a module (read alike either way)', path: 'lib/file.mjs', base: 'import x from "y";\nconst a = 1;\n', edit: (t) => t.replace('const a = 1;', 'const a = await x;'), spliced: true },
  { what: 'top-level await (x) in a module', path: 'src/m.ts', base: 'import x from "y";\n\nconst a = 1;\n', edit: (t) => t.replace('const a = 1;', 'const a = await (x);'), spliced: false },
  { what: 'await inside an async function of a module', path: 'src/m.ts', base: 'import x from "y";\n\nexport async function f() {\n  return 1;\n}\n', edit: (t) => t.replace('return 1;', 'return await (x);'), spliced: true },
  { what: 'a syntax error', edit: (t) => t.replace('const x = a + 1;', 'const x = a +;'), spliced: false },
  { what: 'JSX in a .jsx file', path: 'ui/view.jsx', base: 'function A() {\n  return <div>a</div>;\n}\n\nfunction B() {\n  return <span>b</span>;\n}\n', edit: (t) => t.replace('<span>b</span>', '<span>{b}</span>'), spliced: true },
  { what: 'a TypeScript file', path: 'src/a.ts', base: 'interface P { a: number }\n\nexport function f(p: P): number {\n  return p.a;\n}\n\nfunction g<T>(x: T): T {\n  return x;\n}\n', edit: (t) => t.replace('return x;', 'const y: T = x;\n  return y;'), spliced: true },
  { what: 'an edit in a file without semicolons (lines ended by line breaks)', base: STANDARD, edit: (t) => t.replace('  const n = a + 1\n', '  void 0\n  const n = a + 1\n'), spliced: true },
  { what: 'a statement appended to a file without semicolons', base: STANDARD, edit: (t) => `${t}\nmodule.exports.extra = 1\n`, spliced: true },
  { what: 'a line starting with ( after a statement without a semicolon', base: STANDARD, edit: (t) => t.replace('function b (list) {\n  return list.map(a)\n}', '(function b (list) {\n  return list.map(a)\n})'), spliced: true },
  { what: 'a syntax error in a file without semicolons', base: STANDARD, edit: (t) => t.replace('function b (list) {', '(function b (list) {'), spliced: false },
  { what: 'an edit inside an exported class (module syntax on both sides)', path: 'src/c.ts', base: 'import { x } from "./x";\n\nexport class C {\n  run(): number {\n    return x;\n  }\n}\n\nexport const d = 1;\n', edit: (t) => t.replace('return x;', 'const y = x;\n    return y;'), spliced: true },
  { what: 'the only export removed (the file stops being a module)', path: 'src/c.ts', base: 'const a = 1;\n\nexport const d = 1;\n', edit: (t) => t.replace('export const d = 1;', 'const d = 1;'), spliced: false },
  { what: 'a line starting with [ after a statement without a semicolon', base: STANDARD, edit: (t) => t.replace("const tail = 'x'\n", "const tail = 'x'\n[1, 2].forEach(b)\n"), spliced: true },
  { what: 'a line starting with a template after a statement without a semicolon', base: STANDARD, edit: (t) => t.replace("const tail = 'x'\n", "const tail = 'x'\n`t`\n"), spliced: true },
  { what: 'a line starting with instanceof after a statement without a semicolon', base: STANDARD, edit: (t) => t.replace("const tail = 'x'\n", "const tail = 'x'\ninstanceof Object\n"), spliced: false },
  { what: 'a statement ending in async before the edit', base: 'async\nfoo()\n', edit: (t) => t.replace('foo()', 'x = 2'), spliced: true },
  { what: 'a string statement after the edit (it may become a directive)', base: "'use strict'\nfoo()\n'not a directive'\n", edit: (t) => t.replace('foo()\n', ''), spliced: false },
  // The parser shares one range and loc between a type predicate and its type, and between a default import and its name: moved once each.
  { what: 'an edit in a function with a type predicate, below other statements', path: 'src/p.ts', base: SHARED_POSITIONS, edit: (t) => t.replace("  return typeof v === 'string';", "  void 0;\n  return typeof v === 'string';"), spliced: true },
  { what: 'an edit in a default import below other statements', path: 'src/p.ts', base: SHARED_POSITIONS, edit: (t) => t.replace("from 'h';", "from 'hh';"), spliced: true },
  { what: 'a CRLF file', base: 'function a() {\r\n  return 1;\r\n}\r\n\r\nfunction b() {\r\n  return 2;\r\n}\r\n', edit: (t) => t.replace('return 1;', 'const q = 1;\r\n  return q;'), spliced: true },
];

for (const c of cases) {
  test(`partial re-parse: ${c.what} — ${c.spliced ? 'spliced, equal to a whole parse' : 'declined'}`, () => {
    const path = c.path ?? 'lib/file.js';
    const before = parsed(c.base ?? BASE, path);
    const text = c.edit(before.text);
    assert.notEqual(text, before.text, 'the edit applies');
    const edited = parseEdited(before, text);
    if (!c.spliced) {
      assert.equal(edited, undefined);
      return;
    }
    assert.ok(edited, 'the re-parse of the touched statements is used');
    const whole = parseSource(path, `/root/${path}`, text);
    assert.ok(whole.ok);
    assert.deepEqual(plain(edited.ast), plain(whole.file.ast));
    assert.equal(edited.sourceType, whole.file.sourceType);
    assert.equal(edited.lines, whole.file.lines);
    assert.deepEqual(
      edited.scopeManager.scopes.map((s) => `${s.type}:${[...s.set.keys()].join(',')}:${s.through.length}`),
      whole.file.scopeManager.scopes.map((s) => `${s.type}:${[...s.set.keys()].join(',')}:${s.through.length}`),
    );
    // The old version (kept in the parse cache for an undo) is left as it was.
    assert.deepEqual(plain(before.ast), plain(parsed(c.base ?? BASE, path).ast));
  });
}

test('partial re-parse: edit after edit on the spliced result stays equal to a whole parse', () => {
  let current = parsed(BASE);
  const edits = [(t: string) => `${t}\nvoid 1;\n`, (t: string) => t.replace('return x * 2;', 'return x * 4;'), (t: string) => t.replace('  if (!options)', '  void 2;\n  if (!options)'), (t: string) => t.replace('void 1;\n', '')];
  for (const edit of edits) {
    const text = edit(current.text);
    const next = parseEdited(current, text);
    assert.ok(next);
    const whole = parseSource('lib/file.js', '/root/lib/file.js', text);
    assert.ok(whole.ok);
    assert.deepEqual(plain(next.ast), plain(whole.file.ast));
    current = next;
  }
});

test('partial re-parse: seeded random edits (snippets inserted, ranges deleted, lines added) equal a whole parse whenever spliced', () => {
  const TS = 'import { x } from "./x";\n\nexport class C {\n  run(): number {\n    return x;\n  }\n}\n\nfunction g<T>(v: T): T {\n  return v;\n}\n\nexport const d = g(1);\n';
  const snippets = ['void 0;', '(x)', '[1]', '`t`', '/* c */', '// c', "'s'", 'let', 'else', ')', '{', '}', 'await y', 'x\n', '\n', 'function f() {}', 'a = b', '+ 1', '/', 'in', '"use strict";', '`${', '*/'];
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  let spliced = 0;
  for (const [path, base] of [['lib/file.js', BASE], ['lib/std.js', STANDARD], ['src/c.ts', TS]] as const) {
    const before = parsed(base, path);
    for (let n = 0; n < 150; n++) {
      const at = random(base.length + 1);
      const kind = random(3);
      const lineStart = base.lastIndexOf('\n', at - 1) + 1;
      const text =
        kind === 0 ? base.slice(0, at) + snippets[random(snippets.length)] + base.slice(at) : kind === 1 ? base.slice(0, at) + base.slice(Math.min(base.length, at + 1 + random(30))) : `${base.slice(0, lineStart)}${snippets[random(snippets.length)]}\n${base.slice(lineStart)}`;
      if (text === base) continue;
      const edited = parseEdited(before, text);
      if (!edited) continue;
      spliced++;
      const whole = parseSource(path, `/root/${path}`, text);
      assert.ok(whole.ok, `a spliced edit the whole parse rejects: ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 30))}`);
      assert.deepEqual(plain(edited.ast), plain(whole.file.ast), `edit at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 30))}`);
      assert.equal(edited.sourceType, whole.file.sourceType);
    }
  }
  assert.ok(spliced > 100, `most random edits are spliced (${spliced})`);
});
