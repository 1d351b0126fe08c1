// A global regexp that cannot match the empty string, tested against a string the loop leaves alone,
// moves lastIndex forward on every match: the loop ends after at most one turn per character.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { ruleTester } from './rule-tester';

const lib = (body: string) => ({ file: 'index.js', code: body + '\nmodule.exports = { f };\n' });
const count = (re: string, body = '++n;') => lib(`var re = ${re};\nfunction f(s) {\n  var n = re.lastIndex = 0;\n  while (re.test(s)) { ${body} }\n  return n;\n}`);

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'library: counting matches of a global regexp literal', ...count('/\\w+/g') },
    { name: 'library: a global regexp built from module texts', ...lib("var a = '[a-z]', b = '\\\\d';\nvar re = RegExp('(?:' + [a, b].join('|') + ')' + a + '?', 'g');\nfunction f(s) {\n  var n = re.lastIndex = 0;\n  while (re.test(s)) ++n;\n  return n;\n}") },
    { name: 'library: exec with a sticky regexp', ...lib('const re = /\\d+/y;\nfunction f(s) {\n  let m, sum = 0;\n  while ((m = re.exec(s)) !== null) sum += m.length;\n  return sum;\n}') },
  ],
  invalid: [
    { name: 'library: a global regexp that can match empty leaves lastIndex where it is', ...count('/(?= )/g'), lines: [4] },
    { name: 'library: without g or y every test starts at 0', ...count('/\\w+/'), lines: [4] },
    { name: 'library: a call in the loop may set lastIndex back', ...count('/\\w+/g', '++n; reset();'), lines: [4] },
    { name: 'library: lastIndex set back in the loop', ...count('/\\w+/g', 'if (++n > 3) re.lastIndex = 0;'), lines: [4] },
    { name: 'library: a v-flag class may hold the empty string (not read)', ...count('/[\\q{}a]/gv'), lines: [4] },
    { name: 'library: a RegExp of the file that shadows the global one', ...lib("function RegExp(p, f) { return new globalThis.RegExp('(?:)', f); }\nvar re = RegExp('a', 'g');\nfunction f(s) {\n  var n = 0;\n  while (re.test(s)) ++n;\n  return n;\n}"), lines: [5] },
    { name: "library: the caller's regexp", ...lib('function f(re, s) {\n  let n = 0;\n  while (re.test(s)) ++n;\n  return n;\n}'), lines: [3] },
  ],
});
